"""Small things a user sees (Pilot): the help's wrapped lines, the footer at 160 columns, the pane header's
corrected query, the pane count, a pane's rows beside the tray at 80x24, and the Said row's wording."""

from __future__ import annotations

from nato_brief.tui.app import make_app
from nato_brief.tui.widgets import PaneArea
from textual.widgets import Static

from .tui_helpers import screen_lines, type_query, wait_ready, wait_until


async def test_help_wraps_under_its_own_column_at_80_columns(seeded):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        help_text = app.screen.query_one("#help-text", Static)
        lines = help_text.render().plain.split("\n")
        assert max(len(line) for line in lines) <= help_text.content_size.width  # Static never re-wraps
        wrapped = [line for line in lines if line.startswith(" " * 38) and line.strip()]
        assert wrapped  # some descriptions are longer than the room beside the keys at 80 columns


async def test_footer_shows_the_app_keys_at_160_columns_and_the_pane_header_the_corrected_query(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Stoltenburg training")
        await pilot.press("down")
        await pilot.pause(0.2)
        footer = screen_lines(app)[-1]
        for key in ("s Said", "e Export", "t Tray", "f Facets", "^q Quit"):
            assert key in footer, footer
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.query_one(PaneArea).panes())
        footer = screen_lines(app)[-1]
        for key in ("x Close pane", "s Said", "e Export", "t Tray", "f Facets"):
            assert key in footer, footer
        header = app.query_one(PaneArea).panes()[0].header.render().plain
        assert "match 'Stoltenberg training'" in header


async def test_at_80x24_an_open_pane_has_rows_beside_the_tray_and_says_which_of_how_many(seeded):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "training mission in Iraq")
        await pilot.press("down", "space", "t")  # a quote in the tray, the tray shown
        await pilot.pause(0.2)
        app.panel.results.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.query_one(PaneArea).panes())
        pane = app.query_one(PaneArea).panes()[0]
        assert pane.body.size.height >= 5
        await pilot.press("escape", "down", "p")  # a second pane
        await wait_until(pilot, lambda: len(app.query_one(PaneArea).panes()) == 2)
        subtitles = [str(p.border_subtitle) for p in app.query_one(PaneArea).panes()]
        assert subtitles == ["pane 1 of 2", "pane 2 of 2"]


def test_a_said_row_puts_a_comma_after_the_role():
    from types import SimpleNamespace

    from nato_brief.search.quotes import QuoteRef
    from nato_brief.tui.screens.base import statement_item

    src = SimpleNamespace(date="2019-11-07", authors=["Helen Marsh"], title="Allies weigh a longer mission")
    it = statement_item(QuoteRef("a", "a.0", 0, 5), "words", "Jens Stoltenberg", "NATO Secretary General",
                        "direct", src)  # fmt: skip
    assert it.note.startswith("Jens Stoltenberg, NATO Secretary General, said — in Helen Marsh")


async def test_after_add_replace_open_panes_show_the_new_title_and_the_tray_flags_the_quote(seeded, tmp_path):
    from nato_brief.search.ingest import Overrides
    from nato_brief.search.library import Library

    from .test_basket import DOC

    doc = tmp_path / "harbour.md"
    doc.write_text(DOC, encoding="utf-8")
    Library().open().add([doc])
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "moorings breakwater")
        await pilot.press("down", "space", "t")
        await pilot.pause(0.2)
        app.panel.results.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.query_one(PaneArea).panes())
        Library().open().add([doc], Overrides(title="Harbour patrols return to the outer harbour"), replace=True)
        pane = app.query_one(PaneArea).panes()[0]
        await wait_until(pilot, lambda: "return to the outer harbour" in pane.header.render().plain, 8)
        tray = "\n".join(screen_lines(app))
        assert "changed since it was marked (now “Harbour patrols return to the outer harbour”)" in tray
