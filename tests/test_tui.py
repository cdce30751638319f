"""The TUI driven by Pilot: each flow a user would take, asserting on what they would see."""

from __future__ import annotations

import pytest
from nato_brief.tui.app import make_app
from nato_brief.tui.screens import BriefScreen, CompareScreen, EntityScreen, HelpScreen
from nato_brief.tui.widgets import PaneArea, PassageList, ResultList, SourcePane, TrayList
from textual.command import CommandPalette
from textual.widgets import Input, Static

from .tui_helpers import type_query, wait_ready, wait_until

pytestmark = pytest.mark.usefixtures("seeded")


async def test_search_as_you_type_shows_results_while_typing():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Stolten")  # half a word: completion finds Stoltenberg
        results = app.query_one("#results", ResultList)
        assert results.option_count >= 3
        assert all("Stoltenberg" in it.text for it in results.items)
        status = app.query_one("#status", Static).render().plain
        assert "passage(s)" in status


async def test_open_result_in_pane_hits_highlighted_and_n_jumps():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "training mission")
        results = app.query_one("#results", ResultList)
        # a result from a long source with several hits
        target = next(k for k, it in enumerate(results.items) if it.hit.authors == ["Maria Elena Argano"])
        first = results.items[target]
        results.focus()
        results.highlighted = target
        await pilot.press("enter")
        await pilot.pause(0.2)
        panes = app.query_one(PaneArea).panes()
        assert len(panes) == 1 and panes[0].source.id == first.ref.source_id
        body = panes[0].body
        assert body.current().ref.passage_id == first.ref.passage_id
        hits = body.hit_indexes()
        assert len(hits) >= 2 and body.highlighted in hits
        before = body.highlighted
        await pilot.press("n")
        after = body.highlighted
        assert after in hits and after != before
        assert after == next((i for i in hits if i > before), hits[0])
        await pilot.press("N")
        assert body.highlighted == before


async def test_pin_two_panes_side_by_side_close_and_cycle():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "training mission Iraq")
        items = app.query_one("#results", ResultList).items
        authors = {tuple(i.hit.authors) for i in items}
        assert len(authors) >= 2
        await pilot.press("down", "enter")
        await pilot.pause(0.2)
        await pilot.press("escape")
        results = app.query_one("#results", ResultList)
        assert app.focused is results
        # open a result by another author in a second pane
        target = next(k for k, it in enumerate(items) if tuple(it.hit.authors) != tuple(items[0].hit.authors))
        results.highlighted = target
        await pilot.press("p")
        await pilot.pause(0.3)
        panes = app.query_one(PaneArea).panes()
        assert len(panes) == 2
        assert panes[0].source.authors != panes[1].source.authors
        assert all(p.region.width > 30 for p in panes)  # side by side, each readable
        assert panes[0].region.x < panes[1].region.x
        await pilot.press("ctrl+left")
        assert app.focused is panes[0].body
        await pilot.press("x")
        await pilot.pause(0.2)
        assert len(app.query_one(PaneArea).panes()) == 1


async def test_narrow_terminal_shows_one_pane_at_a_time():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "training mission Iraq")
        await pilot.press("down", "enter")
        await pilot.pause(0.2)
        await pilot.press("escape", "down", "p")
        await pilot.pause(0.3)
        panes = app.query_one(PaneArea).panes()
        assert len(panes) == 2
        visible = [p for p in panes if p.display and p.region.width > 0]
        assert len(visible) == 1 and visible[0].region.width >= 70


async def test_mark_copy_and_export(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        # Levitt's passages fold under his best one: right shows them, then mark two
        await pilot.press("down", "right", "space", "down", "space")
        assert len(app.marks) == 2
        assert app.query_one(TrayList).option_count == 2
        await pilot.press("y")
        await pilot.pause(0.2)
        clip = app.clipboard
        items = app.query_one("#results", ResultList).items[:2]
        for it in items:
            assert it.text in clip
            assert ", ".join(it.hit.authors[:1]) in clip
        assert "## Sources" in clip
        exports = list((seeded / "exports").glob("quotes-*.md"))
        assert exports and exports[0].read_text() == clip
        await pilot.press("e")
        await pilot.pause(0.2)
        brief = list((seeded / "exports").glob("brief-*.md"))
        assert brief and "## Matthew Levitt" in brief[0].read_text()
        # unmark from the tray
        await pilot.press("t")
        await pilot.press("d")
        assert len(app.marks) == 1


async def test_select_sentence_range_and_mark():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        await pilot.press("down", "v")
        await pilot.pause(0.2)
        await pilot.press("v", "down", "enter")
        await pilot.pause(0.1)
        assert len(app.marks) == 1
        ref = app.marks[0]
        src = app.lib.source(ref.source_id)
        quoted = src.text[ref.start : ref.end]
        passage = app.query_one("#results", ResultList).items[0].text
        assert quoted in passage and len(quoted) < len(passage)


async def test_compare_by_author_columns_and_duplicates_flagged():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "many potential benefits arising from NATO")
        await pilot.press("escape")  # leave the search box so c is a key, not a letter
        app.query_one("#results", ResultList).focus()
        await pilot.press("c")
        await pilot.pause(0.6)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        titles = [w.render().plain for w in screen.query(".column-title")]
        assert any("Luke Coffey" in t for t in titles) and any("Michael Knights" in t for t in titles)
        notes = [it.note for pl in screen.query(PassageList) for it in pl.items]
        assert sum("identical text also under" in n for n in notes) >= 2


async def test_entity_card_lookup_and_open_mention():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        app.query_one("#results", ResultList).focus()
        await pilot.press("w")
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "entity-input")
        assert isinstance(app.screen, EntityScreen)
        for ch in "Stoltenburg":
            await pilot.press(ch)
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        card = app.screen.query_one("#entity-card", Static).render().plain
        assert "Jens Stoltenberg" in card and "person" in card
        mentions = app.screen.query_one("#entity-mentions", PassageList)
        assert any("Stoltenberg" in it.text for it in mentions.items)
        await pilot.press("enter")  # to the mentions
        await pilot.press("enter")  # open the first
        await pilot.pause(0.3)
        assert not isinstance(app.screen, EntityScreen)
        assert len(app.query_one(PaneArea).panes()) == 1


async def test_help_lists_every_key_and_palette_has_commands():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        app.query_one("#results", ResultList).focus()
        await pilot.press("question_mark")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text", Static).render().plain
        for key in ("ctrl+p", "space", "enter", "escape", "n / N", "ctrl+q", "/compare"):
            assert key in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CommandPalette)
        for ch in "compare by":
            await pilot.press(ch if ch != " " else "space")
        await pilot.pause(0.5)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        assert options.option_count >= 1


async def test_briefing_chat_answers_with_cited_quotes_and_follow_up():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        app.query_one("#results", ResultList).focus()
        await pilot.press("b")
        await pilot.pause(0.1)
        assert isinstance(app.screen, BriefScreen)
        box = app.screen.query_one("#chat-input", Input)
        box.value = "What did Levitt say about detainees?"
        await pilot.press("enter")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        lists = list(app.screen.query(PassageList))
        assert lists and all("Matthew Levitt" in it.note for it in lists[0].items)
        for it in lists[0].items:
            assert app.lib.source(it.ref.source_id).text[it.ref.start : it.ref.end] == it.text
        lists[0].focus()
        await pilot.press("down", "space")
        assert len(app.marks) == 1
        box.value = "What is the population of Brazil?"
        box.focus()
        await pilot.press("enter")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        texts = [s.render().plain for s in app.screen.query(".framing")]
        assert texts[-1] == "The library does not cover this question."


async def test_hostile_document_shows_literally_and_does_nothing(seeded, tmp_path):
    from nato_brief.search.library import Library

    f = tmp_path / "hostile.txt"
    f.write_text("Hostile Markup\n\nby Mal Ory\n\n" + "Zebraword [/] and [@click=app.quit]click me[/] and [bold]x[/bold] "
                 "\x1b]0;title\x07 and \x1b[2J all inert in Zebraword land. " * 3, encoding="utf-8")  # fmt: skip
    Library().open().add([f])
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Zebraword")
        results = app.query_one("#results", ResultList)
        assert results.option_count >= 1
        await pilot.press("down", "enter")
        await pilot.pause(0.3)
        pane = app.query_one(SourcePane)
        shown = "\n".join(it.text for it in pane.body.items)
        assert "[@click=app.quit]click me[/]" in shown and "\x1b" not in shown
        await pilot.click(SourcePane, offset=(10, 8))
        await pilot.pause(0.2)
        assert app.is_running


async def test_library_error_becomes_a_notification(tmp_path, monkeypatch):
    import tempfile

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NATO_BRIEF_HOME", str(blocker / "home"))
    # Not even a temporary index for the session can be written (otherwise the app opens on one).
    monkeypatch.setattr(tempfile, "tempdir", str(blocker / "tmp"))
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if "Cannot write" in app.query_one("#status", Static).render().plain:
                break
        assert "Cannot write" in app.query_one("#status", Static).render().plain
        assert app.is_running


async def test_facets_panel_counts_and_filters():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "NATO")
        app.query_one("#results", ResultList).focus()
        await pilot.press("f")
        await wait_until(pilot, lambda: app.query_one("#facets").option_count > 0)
        facets = app.query_one("#facets")
        labels = [facets.get_option_at_index(i).prompt.plain for i in range(facets.option_count)]
        assert any(lbl.startswith("author: Matthew Levitt (") for lbl in labels)
        idx = next(i for i, lbl in enumerate(labels) if lbl.startswith("author: Matthew Levitt"))
        facets.highlighted = idx
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: 'author:"Matthew Levitt"' in (app.last_result.query if app.last_result else "")
        )
        assert all(it.hit.authors == ["Matthew Levitt"] for it in app.query_one("#results", ResultList).items)


async def test_tui_sees_a_document_added_by_another_process(seeded, tmp_path):
    import subprocess
    import sys

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Wombatville")
        assert app.query_one("#results", ResultList).option_count == 0
        f = tmp_path / "w.txt"
        f.write_text(
            "Wombatville Notes\n\nby Ann Other\n\n" + "Wombatville hosted the coalition liaison cell. " * 4
        )
        r = subprocess.run(
            [sys.executable, "-m", "nato_brief.tui.cli", "add", str(f)], capture_output=True, text=True
        )
        assert r.returncode == 0, r.stderr
        await type_query(pilot, "Wombatvill")
        await type_query(pilot, "Wombatville")
        assert app.query_one("#results", ResultList).option_count >= 1


async def test_page_chrome_is_folded_in_the_source_pane_and_shown_on_request(seeded, tmp_path):
    """What ingestion left out (menus, subscribe prompts, related headlines) is not in the text but can be
    unfolded in the pane, shown literally."""
    from nato_brief.search.library import Library
    from textual.widgets import Collapsible

    f = tmp_path / "page.txt"
    f.write_text(
        "Home | World | Iraq | Opinion | [bold]Podcasts[/]\n\nQuagmire ridge falls to Iraqi units\n\nBy Lena Orlov\n\n"
        + "Iraqi units took Quagmire ridge on Monday after a week of fighting, officers said, and began clearing "
        "the villages below it of explosives left behind by the retreating militants. "
        * 2
        + "\n\nSubscribe to our newsletter for the latest analysis.\n",
        encoding="utf-8",
    )
    Library().open().add([f])
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Quagmire")
        await pilot.press("down", "enter")
        await pilot.pause(0.3)
        pane = app.query_one(SourcePane)
        shown = "\n".join(it.text for it in pane.body.items)
        assert "Subscribe" not in shown and "Podcasts" not in shown
        folded = pane.query_one(Collapsible)
        assert folded.collapsed
        await pilot.press("g")
        await pilot.pause(0.2)
        assert not folded.collapsed
        chrome = pane.query_one(".page-chrome", Static).render().plain
        assert "Subscribe to our newsletter" in chrome and "[bold]Podcasts[/]" in chrome
        assert app.is_running


async def test_slash_at_start_focuses_the_box_and_types_nothing():
    """The app opens with the search box focused; a user who presses / first (the search key) and types gets
    what they typed, not "/nato". Inside a query / is still a character."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        box = app.query_one("#search", Input)
        assert app.focused is box
        for key in ["slash", "n", "a", "t", "o"]:
            await pilot.press(key)
        assert box.value == "nato"
        await pilot.press("slash", "x")
        assert box.value == "nato/x"
        await pilot.press("escape")  # leaves the box
        await pilot.press("slash")
        assert app.focused is box
