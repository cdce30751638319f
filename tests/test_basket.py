"""The quote basket keeps what was marked, and nothing leaves the program that no longer matches the stored
source: verify() re-reads the stored text, so a quote whose source changed after it was marked (or resolved)
is refused."""

from __future__ import annotations

import sqlite3

import pytest
from nato_brief.search.basket import QuoteBasket
from nato_brief.search.errors import VerbatimError
from nato_brief.search.quotes import QuoteRef, resolve, verify
from nato_brief.tui.app import make_app
from nato_brief.tui.widgets import PassageList, ResultList

from .tui_helpers import type_query, wait_ready


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
    said: list[str] = []
    notify = app.notify

    def spy(message, *args, **kwargs):
        said.append(message)
        return notify(message, *args, **kwargs)

    app.notify = spy  # type: ignore[method-assign]
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
