"""escape backs out towards the results, where letters are key commands, and never back into the search box
(attacker check: a second escape put the focus in the box, so the next letter was typed into the query instead
of acting as its key). / is the way into the box."""

from __future__ import annotations

from nato_brief.tui.app import make_app

from .tui_helpers import type_query, wait_ready, wait_until


async def test_escape_twice_from_the_box_stays_in_the_results_and_letters_are_keys(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        box, results = app.panel.box, app.panel.results
        assert results.option_count
        await pilot.press("escape")
        assert app.focused is results
        await pilot.press("escape")  # nothing further to back out of
        assert app.focused is results
        await pilot.press("s")  # a key command, not a letter of the query
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SaidScreen")
        assert box.value == "detainees"
        await pilot.press("escape")  # closes the Said view
        await wait_until(pilot, lambda: len(app.screen_stack) == 1)
        await pilot.press("slash")  # / is the way back into the box
        assert app.focused is box


async def test_escape_from_a_pane_and_again_stays_in_the_results(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.focused is not app.panel.results)
        for _ in range(3):
            await pilot.press("escape")
            assert app.focused is app.panel.results
        await pilot.press("w")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "EntityScreen")
        assert app.panel.box.value == "detainees"


async def test_escape_in_a_box_with_no_results_clears_it_then_leaves_it(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "qqxzvw")
        box = app.panel.box
        assert not app.panel.results.option_count
        await pilot.press("escape")  # no results: clears the box, still in it
        assert box.value == "" and app.focused is box
        await pilot.press("escape")  # an empty box is left for the results
        assert app.focused is app.panel.results
        await pilot.press("escape")
        assert app.focused is app.panel.results
        await pilot.press("b")  # a key command: the briefing chat
        await wait_until(pilot, lambda: type(app.screen).__name__ != "Screen" and len(app.screen_stack) > 1)
        assert box.value == ""
