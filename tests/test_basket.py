"""The quote basket keeps what was marked, and nothing leaves the program that no longer matches the stored
source: verify() re-reads the stored source, so a quote whose text or citation changed after it was marked (or
resolved) is refused. Also: widgets say what happened by messages, and the app acts on them."""

from __future__ import annotations

import sqlite3

import pytest
from nato_brief.search.basket import QuoteBasket
from nato_brief.search.errors import VerbatimError
from nato_brief.search.quotes import QuoteRef, resolve, verify
from nato_brief.tui.app import make_app
from nato_brief.tui.widgets import PaneArea, PassageList, ResultList

from .tui_helpers import notices_of, type_query, wait_ready, wait_until


def _first_hit_ref(lib, query: str) -> QuoteRef:
    h = lib.search(query).hits[0]
    return QuoteRef(h.source_id, h.passage_id, h.start, h.end)


def _damage(lib, ref: QuoteRef) -> None:
    """Change one character of the stored source text inside the quoted span (another process's write)."""
    db = sqlite3.connect(lib.generations.dir(lib.readers.gen) / "library.sqlite")
    (text,) = db.execute("SELECT text FROM sources WHERE id=?", (ref.source_id,)).fetchone()
    i = ref.start + (ref.end - ref.start) // 2
    damaged = text[:i] + ("X" if text[i] != "X" else "Y") + text[i + 1 :]
    db.execute("UPDATE sources SET text=? WHERE id=?", (damaged, ref.source_id))
    db.commit()
    db.close()


def test_verify_after_resolve_fails_when_the_stored_text_changed(lib):
    ref = _first_hit_ref(lib, "detainees")
    q = resolve(lib, ref)
    verify(lib, q)  # unchanged: passes
    _damage(lib, ref)
    with pytest.raises(VerbatimError):
        verify(lib, q)


def test_basket_keeps_text_and_citation_as_marked_and_refuses_a_changed_source(lib):
    basket = QuoteBasket()
    a, b = lib.search("detainees").hits[:2]
    ra = QuoteRef(a.source_id, a.passage_id, a.start, a.end)
    rb = QuoteRef(b.source_id, b.passage_id, b.start, b.end)
    assert basket.toggle(lib, ra) and basket.toggle(lib, rb)
    assert [q.text for q in basket] == [a.text, b.text]
    assert all(q.citation.startswith(a.authors[0]) for q in basket if q.ref == ra)
    basket.move(rb, -1)
    assert basket.refs() == [rb, ra]
    assert [q.text for q in basket.checked(lib)] == [b.text, a.text]
    _damage(lib, ra)
    assert [q.text for q in basket][1] == a.text  # what was marked is kept as marked
    with pytest.raises(VerbatimError):
        basket.checked(lib)
    assert not basket.toggle(lib, ra) and basket.refs() == [rb]


async def test_copy_refuses_a_quote_whose_source_changed_after_marking(seeded):
    app = make_app()
    said = notices_of(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        await pilot.press("down", "space")
        assert len(app.marks) == 1
        _damage(app.lib, app.marks[0])
        await pilot.press("y")
        await pilot.pause(0.2)
        assert app.clipboard == ""
        assert not list((seeded / "exports").glob("quotes-*.md"))
        assert any("does not match its source text" in m for m in said)


async def test_widgets_say_what_happened_by_messages(seeded):
    """space, y and v in a passage list post messages; the app acts on them."""
    seen: list = []
    app = make_app()
    async with app.run_test(size=(160, 48), message_hook=seen.append) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        await pilot.press("down", "space", "y")
        await pilot.pause(0.2)
        kinds = {type(m) for m in seen}
        assert {PassageList.MarkToggled, PassageList.CopyRequested, ResultList.Focused} <= kinds
        assert len(app.marks) == 1 and app.clipboard


async def test_messages_reach_the_panel_and_the_app(seeded):
    """o in the results posts SortToggled (the search panel orders by date); enter posts Opened (the app opens a
    pane, which posts PaneArea.Changed); v then enter in the sentence picker marks a sentence range."""
    seen: list = []
    app = make_app()
    async with app.run_test(size=(160, 48), message_hook=seen.append) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")
        await pilot.press("down", "o")
        await pilot.pause(0.3)
        assert ResultList.SortToggled in {type(m) for m in seen}
        assert app.panel.sort == "date"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert any(isinstance(m, PaneArea.Changed) and m.count == 1 for m in seen)
        assert app.query_one("#main").has_class("-with-panes")
        await pilot.press("v")
        await pilot.pause(0.3)
        assert PassageList.SentencesRequested in {type(m) for m in seen}
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert len(app.marks) == 1


DOC = """---
title: Harbour patrols resume after the winter storms
author: Dana Whitfield
date: 2026-03-02
outlet: The Kestrel Bay Ledger
---

The coastal patrol boats returned to the outer harbour on Monday after six weeks in dry dock, the port
authority said. Crews spent the winter replacing hull plates damaged by the January storms.

Fishermen welcomed the return of the patrols, which had been suspended since the storms broke two of the
three moorings at the northern breakwater.
"""


async def test_a_citation_corrected_after_marking_is_not_copied(seeded, tmp_path):
    """A quote is marked, then its source's author is corrected (another process runs add --replace): the
    copy is refused (the marked citation would give the words to the old author) and says what changed; once
    marked again, the copy carries the corrected author."""
    from nato_brief.search.ingest import Overrides
    from nato_brief.search.library import Library

    doc = tmp_path / "harbour.md"
    doc.write_text(DOC, encoding="utf-8")
    Library().open().add([doc])
    app = make_app()
    said = notices_of(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "moorings breakwater")
        await pilot.press("down", "space")
        await pilot.pause(0.2)
        assert len(app.marks) == 1
        [marked] = list(app.basket)
        assert marked.citation.startswith("Dana Whitfield")
        Library().open().add([doc], Overrides(authors=["Dana Whitford"]), replace=True)
        await pilot.press("y")
        await pilot.pause(0.3)
        assert app.clipboard == ""
        assert not list((seeded / "exports").glob("quotes-*.md"))
        assert any("citation" in m and "Dana Whitford" in m for m in said)
        assert list(app.basket)[0].citation.startswith(
            "Dana Whitfield"
        )  # the tray still shows what was marked
        await pilot.press("space", "space", "y")  # unmark, mark again (now), copy
        await pilot.pause(0.3)
        assert "— Dana Whitford, “Harbour patrols resume" in app.clipboard
        assert "Whitfield" not in app.clipboard


async def test_a_screen_asks_by_message_and_the_app_opens_the_pane(seeded):
    """enter on a statement in the Said view: the screen closes and posts SourceRequested; the app opens the
    source in a pane at the statement, its words highlighted."""
    from nato_brief.tui.messages import SourceRequested
    from nato_brief.tui.screens import SaidScreen

    seen: list = []
    app = make_app()
    async with app.run_test(size=(160, 48), message_hook=seen.append) as pilot:
        await wait_ready(pilot)
        app.query_one("#results", ResultList).focus()
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SaidScreen) and app.screen.all)
        first = app.screen.query_one("#said-list", PassageList).items[0]
        await pilot.press("enter", "enter")  # from the box to the list, then open the statement
        await pilot.pause(0.3)
        [asked] = [m for m in seen if isinstance(m, SourceRequested)]
        assert (asked.source_id, asked.span) == (first.ref.source_id, (first.ref.start, first.ref.end))
        [pane] = app.query_one(PaneArea).panes()
        assert pane.source.id == first.ref.source_id
        assert app.query_one("#main").has_class("-with-panes")
