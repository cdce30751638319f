"""w:NAME in the search box (the entity look-up the placeholder and help promise): while it is typed, the page
shows the entities the name would open, never passages found for the letters "w" or the name as words
(fresh-user check)."""

from __future__ import annotations

from nato_brief.tui.app import make_app

from .tui_helpers import wait_ready, wait_until


async def _type(pilot, text: str) -> None:
    box = pilot.app.query_one("#search")
    box.focus()
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
        await pilot.pause(0.05)  # typing speed: each key's own search may start


def _note(app) -> str:
    return app.query_one("#search-note").render().plain


async def test_typing_w_colon_name_previews_the_entity_card_not_passages(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await _type(pilot, "w:Stoltenburg")
        await wait_until(pilot, lambda: "Jens Stoltenberg" in _note(app))
        await pilot.pause(0.5)  # any search scheduled for "w" would have shown by now
        assert app.query_one("#results").option_count == 0
        note = _note(app)
        assert note.startswith("Entity card") and "enter" in note
        assert "Jens Stoltenberg" in note and "person" in note
        # enter opens the card of the entity shown first.
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "EntityScreen")
        await wait_until(pilot, lambda: app.screen.entity is not None)
        assert app.screen.entity.name == "Jens Stoltenberg"


async def test_w_colon_alone_and_no_match_say_so(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await _type(pilot, "w:")
        await wait_until(pilot, lambda: "type a name" in _note(app))
        assert app.query_one("#results").option_count == 0
        await _type(pilot, "Qqxzv")
        await wait_until(pilot, lambda: "No person, organisation or operation" in _note(app))
        assert app.query_one("#results").option_count == 0
        # Back to a search: the prefix removed, the words are searched again.
        for _ in range(len("w:Qqxzv")):
            await pilot.press("backspace")
        await _type(pilot, "detainees")
        await wait_until(pilot, lambda: app.query_one("#results").option_count > 0)
        assert "Entity card" not in _note(app)
