"""The Said view's keys and what w and s open with (Pilot): each failed before its fix."""

from __future__ import annotations

from nato_brief.tui.app import make_app
from textual.widgets import Input

from .tui_helpers import type_query, wait_ready, wait_until


async def test_said_down_enters_the_list_and_y_copies_the_highlighted_statement(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "training mission in Iraq")
        await pilot.press("down", "space", "down", "space")  # two quotes in the tray
        await pilot.pause(0.2)
        assert len(app.basket) == 2
        await pilot.press("s")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SaidScreen")
        box = app.screen.query_one("#said-input", Input)
        await pilot.press(*"Marotto")
        await wait_until(pilot, lambda: box.value == "Marotto" and app.screen.query_one("#said-list").option_count)
        await pilot.press("down")  # from the filter box into the list
        await pilot.pause(0.2)
        plist = app.screen.query_one("#said-list")
        assert app.focused is plist and plist.highlighted == 0
        await pilot.press("y")  # nothing in this view is marked: the highlighted statement alone
        await pilot.pause(0.3)
        assert "Wayne Marotto" in app.clipboard.split("—", 1)[1]
        assert app.clipboard.count("\n— ") == 1


async def test_w_and_s_prefill_only_a_name_the_query_holds(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Levit detainees")
        await pilot.press("down", "s")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SaidScreen")
        assert app.screen.query_one("#said-input", Input).value == ""
        await pilot.press("escape")
        await pilot.pause(0.2)
        await type_query(pilot, "Stoltenburg training")
        await pilot.press("down", "s")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SaidScreen")
        assert app.screen.query_one("#said-input", Input).value == "Jens Stoltenberg"
