"""escape backs out one level, as the contract's key table says (close a dialog, leave a pane, return to the
search box): a pane to the results, the results to the search box, the box to the results with the query kept
(a box whose query has no results is cleared first). An attacker's check read the box <-> results pair as a
trap; the contract asks for it, and letters typed in the box are shown and searched, never lost."""

from __future__ import annotations

from nato_brief.tui.app import make_app

from .tui_helpers import type_query, wait_ready, wait_until


async def test_escape_from_a_pane_reaches_the_results_then_the_box(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        box, results = app.panel.box, app.panel.results
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.focused is not results)
        assert app.focused is not box
        await pilot.press("escape")  # leave the pane
        assert app.focused is results
        await pilot.press("escape")  # return to the search box
        assert app.focused is box and box.value == "detainees"
        await pilot.press("escape")  # the box: to the results, the query kept
        assert app.focused is results and box.value == "detainees"
        await pilot.press("s")  # in the results a letter is a key: Said
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SaidScreen")
        await pilot.press("escape")  # closes the Said view
        await wait_until(pilot, lambda: len(app.screen_stack) == 1)
        assert box.value == "detainees"


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
        await pilot.press("b")  # a key command: the briefing chat
        await wait_until(pilot, lambda: len(app.screen_stack) > 1)
        assert box.value == ""
