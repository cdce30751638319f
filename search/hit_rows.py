"""Ranked rows (passage id, source id, score) as hits: each passage's text, its source's metadata and the
query's highlights.

Highlighting is most of a row's cost (the words of a new passage are read and stemmed), so a caller that
shows only the first rows (the search box: a screenful of the 40 it loads) can ask for those first and
have the others highlighted once they are on screen (:meth:`SearchResult.highlight_rest`).
"""

from __future__ import annotations

from .engine.parse import BuiltQuery
from .engine.run import Rows
from .highlights import query_highlights
from .results import Hit
from .store import Store


def shown_first(rows: Rows, k: int) -> set[int]:
    """The rows a list of ``k`` lines shows first, folded by source or not: the first ``k`` rows, and the best
    row of each of the first ``k`` sources (the row the source is folded under)."""
    out = set(range(min(k, len(rows))))
    seen: set[str] = set()
    for i, (_pid, sid, _score) in enumerate(rows):
        if len(seen) >= k:
            break
        if sid not in seen:
            seen.add(sid)
            out.add(i)
    return out


def make_hits(store: Store, rows: Rows, bq: BuiltQuery, first: int | None = None) -> list[Hit]:
    """Rows as hits. ``first``: highlight only the rows :func:`shown_first` picks for that many lines (the
    others have ``highlighted`` False and no highlights yet); None: every row."""
    cat = store.catalog()
    ps = store.passages([r[0] for r in rows])
    now = None if first is None else shown_first(rows, first)
    hits = []
    for i, (pid, sid, score) in enumerate(rows):
        p = ps.get(pid)
        src = cat.get(sid)
        if p is None or src is None:
            continue
        lit = now is None or i in now
        hits.append(
            Hit(sid, pid, src.title, src.authors, src.date, src.outlet, score, p.text,
                query_highlights(p.text, bq) if lit else [], p.duplicate_of, src.url, p.start, p.end,
                p.page, highlighted=lit)
        )  # fmt: skip
    return hits


def rest_of(hits: list[Hit], bq: BuiltQuery):
    """What highlights the hits not highlighted yet: a function giving {passage id: highlights}, for the
    thread that shows them (the hits themselves are not changed: the interface may be reading them)."""

    def rest() -> dict[str, list[list[int]]]:
        return {h.passage_id: query_highlights(h.text, bq) for h in hits if not h.highlighted}

    return rest
