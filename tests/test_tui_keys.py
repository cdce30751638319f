"""Keys and what they do in the TUI (Pilot): each test here failed before its fix."""

from __future__ import annotations

from nato_brief.tui.app import make_app
from textual.widgets import Input

from .tui_helpers import type_query, wait_ready, wait_until


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
