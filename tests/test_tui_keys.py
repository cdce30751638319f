"""Keys and what they do in the TUI (Pilot): each test here failed before its fix."""

from __future__ import annotations

from nato_brief.tui.app import make_app
from textual.widgets import Input

from .tui_helpers import notices_of, type_query, wait_ready, wait_until


async def test_the_last_text_in_the_box_is_searched_even_without_its_change_event(seeded):
    """A burst of keys must never leave the box and the results apart: the text in the box is searched even
    when no change event announced it (what a paste all at once looked like to the user)."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        box = app.query_one("#search", Input)
        with box.prevent(Input.Changed):
            box.value = "Marotto"
        await wait_until(pilot, lambda: app.last_result is not None and app.last_result.query == "Marotto", 5)


async def _mark_two(pilot, app) -> None:
    await type_query(pilot, "training mission in Iraq")
    await pilot.press("down", "space", "down", "space")
    await pilot.pause(0.2)
    assert len(app.basket) == 2


async def test_quit_with_unsent_quotes_asks_and_the_tray_is_kept(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await _mark_two(pilot, app)
        marked = [q.citation for q in app.basket]
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "ConfirmQuit" and app.is_running
        await pilot.press("escape")  # cancel: still here, quotes still marked
        await pilot.pause(0.2)
        assert app.is_running and len(app.basket) == 2
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        await pilot.press("enter")  # quit anyway
        await pilot.pause(0.2)
    kept = seeded / "tray.json"
    assert kept.exists() and kept.stat().st_mode & 0o777 == 0o600
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await wait_until(pilot, lambda: len(app.basket) == 2, 5)
        assert [q.citation for q in app.basket] == marked
        app.copy_quotes()  # y: copied, so quitting no longer asks
        await pilot.press("ctrl+q")
        await pilot.pause(0.3)
        assert not app.is_running


async def test_quit_counts_only_the_quotes_not_copied_since_marked(seeded):
    """Two quotes copied, one marked after: quitting said "3 marked quote(s) not copied" (fresh-user check)."""
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await _mark_two(pilot, app)
        app.copy_quotes()
        await pilot.press("down", "space")
        await pilot.pause(0.2)
        assert len(app.basket) == 3
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "ConfirmQuit"
        said = str(app.screen.query_one(Static).render())
        assert said.startswith("1 marked quote(s) not copied"), said


async def test_space_in_the_tray_removes_says_so_and_u_undoes(seeded):
    app = make_app()
    said = notices_of(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await _mark_two(pilot, app)
        first = app.basket.refs()[0]
        await pilot.press("t")  # the tray, its first quote highlighted
        await pilot.pause(0.2)
        footer = " ".join(b.description for b in app.active_bindings.values() if b.binding.key == "space"
                          for b in [b.binding])
        assert "Remove" in footer
        await pilot.press("space")
        await pilot.pause(0.2)
        assert first not in app.basket and any("Removed from the tray" in m and "u" in m for m in said)
        await pilot.press("u")
        await pilot.pause(0.2)
        assert app.basket.refs()[0] == first and len(app.basket) == 2


async def test_question_mark_in_the_empty_box_opens_help_and_escape_clears_the_box(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        box = app.query_one("#search", Input)
        assert app.focused is box and box.value == ""
        await pilot.press("question_mark")  # "Type to search; ? for help"
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "HelpScreen" and box.value == ""
        await pilot.press("escape")
        await pilot.pause(0.2)
        await type_query(pilot, "why")
        await pilot.press("question_mark")  # in a box holding text, ? is a character
        await pilot.pause(0.2)
        assert box.value == "why?" and len(app.screen_stack) == 1
        await type_query(pilot, "detainees")
        await pilot.press("escape")  # to the results, the query kept
        await pilot.pause(0.2)
        assert box.value == "detainees" and app.focused is app.panel.results
        await type_query(pilot, "zzqqxxv")
        await pilot.press("escape")  # no results: clears the box
        await pilot.pause(0.2)
        assert box.value == "" and app.focused is box
