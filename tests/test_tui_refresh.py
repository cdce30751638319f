"""What the search box and the results do without being asked (Pilot): ctrl+o leaves the cursor at the end of
the box, results follow a document added by another process, and the result rows' counts are true."""

from __future__ import annotations

from .tui_helpers import type_query, wait_ready


async def test_ctrl_o_leaves_the_cursor_at_the_end_so_the_next_keys_follow_the_text(seeded):
    from nato_brief.tui.app import make_app

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Levit detainees")
        assert app.last_result is not None and app.last_result.corrections
        await pilot.press("ctrl+o")
        await pilot.pause(0.1)
        box = app.query_one("#search")
        assert box.value == '"Levit" detainees'
        assert box.cursor_position == len(box.value)
        for ch in " syria":
            await pilot.press(ch if ch != " " else "space")
        assert box.value == '"Levit" detainees syria'
        await pilot.press("ctrl+u")  # clears what is left of the cursor: everything
        assert box.value == ""
