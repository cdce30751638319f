"""The open app follows a `nato-brief remove` run in another shell (Pilot): the removed source leaves the results
and the quotes marked from it leave the tray, and the app says both."""

from __future__ import annotations

from .test_remove import ERBIL
from .tui_helpers import notices_of, type_query, wait_ready, wait_until


async def test_the_app_drops_a_source_removed_elsewhere_from_results_and_tray(seeded, tmp_path):
    import asyncio

    from nato_brief.search.library import Library
    from nato_brief.tui.app import make_app

    doc = tmp_path / "erbil.md"
    doc.write_text(ERBIL, encoding="utf-8")
    sid = Library().open().add([doc]).added[0].id
    app = make_app()
    said = notices_of(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "trainers london")
        assert app.last_result.hits[0].source_id == sid
        await pilot.press("down")
        await pilot.press("space")
        await wait_until(pilot, lambda: len(app.basket) == 1)
        assert app.sub_title == "1 marked"
        before = app.last_result
        # `nato-brief remove` in another shell:
        report = await asyncio.to_thread(lambda: Library().open().remove([sid]))
        assert [s.id for s in report.sources] == [sid] and report.tray_quotes == 1
        await wait_until(pilot, lambda: app.last_result is not before and len(app.basket) == 0, timeout=8)
        assert sid not in {h.source_id for h in app.last_result.hits}
        assert "1 document removed elsewhere; results updated" in said
        assert any("1 marked quote(s) left the tray: their source was removed" in n for n in said), said
        assert "marked" not in app.sub_title


async def test_d_in_a_source_pane_removes_its_source_after_asking(seeded, tmp_path):
    from nato_brief.search.library import Library
    from nato_brief.tui.app import make_app
    from nato_brief.tui.removing import ConfirmRemove
    from nato_brief.tui.widgets import PaneArea

    doc = tmp_path / "erbil.md"
    doc.write_text(ERBIL, encoding="utf-8")
    sid = Library().open().add([doc]).added[0].id
    app = make_app()
    said = notices_of(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "trainers london")
        await pilot.press("down")
        await pilot.press("space")  # marked: it leaves the tray with its source
        await pilot.press("enter")
        area = app.query_one("#panes", PaneArea)
        await wait_until(pilot, lambda: [p.source.id for p in area.panes()] == [sid])
        area.panes()[0].query_one("SourceText").focus()
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmRemove))
        await pilot.press("escape")  # cancelled: nothing changes
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmRemove))
        assert app.lib.source(sid) is not None and len(app.basket) == 1
        area.panes()[0].query_one("SourceText").focus()
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmRemove))
        await pilot.press("enter")
        await wait_until(pilot, lambda: not area.panes() and len(app.basket) == 0)
        await wait_until(pilot, lambda: sid not in {h.source_id for h in app.last_result.hits})
        assert app.lib.source(sid) is None
        assert any(n.startswith("Removed Trainers from London join the mission in Erbil") for n in said), said
        assert "marked" not in app.sub_title  # the title's count follows the tray ("1 marked" stayed)
        await pilot.pause(1.5)  # the panel's watch of the library (every second) looks again meanwhile
        assert not any("removed elsewhere" in n for n in said), said
    trash = Library().open().trash()
    assert [s["id"] for rec in trash.values() for s in rec["sources"]] == [sid]


async def test_d_on_one_source_of_a_compilation_says_why_before_asking(seeded):
    """D on one of the fifteen sources of seed 002 asked "Remove …?" and refused only after enter (attacker)."""
    from nato_brief.tui.app import make_app
    from nato_brief.tui.removing import ConfirmRemove
    from nato_brief.tui.widgets import PaneArea

    app = make_app()
    said = notices_of(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "aegean smuggling")
        await pilot.press("down", "enter")
        area = app.query_one("#panes", PaneArea)
        await wait_until(pilot, lambda: len(area.panes()) == 1)
        sid = area.panes()[0].source.id
        area.panes()[0].query_one("SourceText").focus()
        await pilot.press("D")
        await wait_until(pilot, lambda: any("sources read from" in n for n in said))
        assert not isinstance(app.screen, ConfirmRemove) and app.lib.source(sid) is not None
        assert any("they go together" in n for n in said), said
