"""Snapshots of the main screens at 160x48 and 80x24 (update on purpose: pytest --snapshot-update)."""

from __future__ import annotations

import pytest
from nato_brief.tui.app import make_app
from nato_brief.tui.screens import CompareScreen, EntityScreen
from nato_brief.tui.widgets import PaneArea, PassageList, SourceText

from .tui_helpers import type_query, wait_ready, wait_until

pytestmark = [pytest.mark.usefixtures("seeded"), pytest.mark.snapshot]
SIZES = [(160, 48), (80, 24)]


def _ids(size):
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=_ids)
class TestMainScreen:
    def test_results(self, snap_compare, size):
        async def run_before(pilot):
            await wait_ready(pilot)
            await type_query(pilot, "training mission Iraq")

        assert snap_compare(make_app(), terminal_size=size, run_before=run_before)

    def test_two_panes(self, snap_compare, size):
        async def run_before(pilot):
            await wait_ready(pilot)
            await type_query(pilot, "training mission Iraq")
            await pilot.press("down", "enter")
            await wait_until(pilot, lambda: isinstance(pilot.app.focused, SourceText))
            await pilot.press("escape", "down", "down", "p")
            app = pilot.app
            await wait_until(pilot, lambda: len(app.query_one(PaneArea).panes()) == 2
                             and isinstance(app.focused, SourceText) and app.query_one("#main").has_class("-pane-focus")
                             and all(p.body.option_count for p in app.query_one(PaneArea).panes()))  # fmt: skip
            await pilot.pause(0.3)

        assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=_ids)
class TestOtherScreens:
    def test_help(self, snap_compare, size):
        async def run_before(pilot):
            await wait_ready(pilot)
            pilot.app.query_one("#results").focus()
            await pilot.press("question_mark")
            await pilot.pause(0.2)

        assert snap_compare(make_app(), terminal_size=size, run_before=run_before)

    def test_entity_card(self, snap_compare, size):
        async def run_before(pilot):
            await wait_ready(pilot)
            pilot.app.query_one("#results").focus()
            await pilot.press("w")
            await wait_until(
                pilot, lambda: pilot.app.focused is not None and pilot.app.focused.id == "entity-input"
            )
            for ch in "Stoltenburg":
                await pilot.press(ch)

            def ready():
                scr = pilot.app.screen
                return (isinstance(scr, EntityScreen) and "Jens Stoltenberg" in scr.query_one("#entity-card").render().plain
                        and scr.query_one("#entity-mentions", PassageList).option_count > 0)  # fmt: skip

            await wait_until(pilot, ready)

        assert snap_compare(make_app(), terminal_size=size, run_before=run_before)

    def test_compare(self, snap_compare, size):
        async def run_before(pilot):
            await wait_ready(pilot)
            await type_query(pilot, "training mission Iraq")
            pilot.app.query_one("#results").focus()
            await pilot.press("c")

            def ready():
                scr = pilot.app.screen
                lists = scr.query(PassageList) if isinstance(scr, CompareScreen) else []
                return (len(lists) >= 2 and all(pl.option_count for pl in lists)
                        and " authors (a: choose)" in scr.query_one("#compare-title").render().plain
                        and isinstance(pilot.app.focused, PassageList) and pilot.app.focused.screen is scr)  # fmt: skip

            await wait_until(pilot, ready)
            # The title wraps to two lines at 80 columns after the columns were laid out: let the layout settle.
            await pilot.pause(0.3)

        assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
