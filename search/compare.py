"""Compare by author: passages on a topic, one column per author set."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from .library import Hit, Library
from .names import author_matches
from .own_words import foreign_spans, mostly_foreign
from .query import cap_query


@dataclass
class Column:
    authors: list[str]
    source_ids: list[str]
    passages: list[Hit]

    def to_json(self) -> dict:
        return {
            "authors": self.authors,
            "source_ids": self.source_ids,
            "passages": [h.to_json() for h in self.passages],
        }


def compare(lib: Library, topic: str, authors: list[str] | None = None, per_author: int = 3) -> list[Column]:
    """Passages on ``topic`` grouped by author set, best passages first, best-covered authors first."""
    topic, _cut = cap_query(topic)  # before anything else
    res = lib.search(topic, limit=400)
    if res.total == 0:
        res = lib.search(topic, limit=400, group_or=True)
    cols: OrderedDict[tuple[str, ...], Column] = OrderedDict()
    seen: dict[str, list[tuple[int, int]]] = {}
    for h in res.hits:
        key = tuple(h.authors) or ("Unknown author",)
        if authors and not author_matches(authors, list(key)):
            continue
        if (key not in cols or len(cols[key].passages) < per_author) and _not_theirs(lib, h, seen):
            continue  # quoted words nobody is named for, an interview answer, a post: not the author's
        col = cols.setdefault(key, Column(list(key), [], []))
        if h.source_id not in col.source_ids:
            col.source_ids.append(h.source_id)
        if len(col.passages) < per_author:
            col.passages.append(h)
    return list(cols.values())


def _not_theirs(lib: Library, h: Hit, seen: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether the passage is mostly words the text does not name a speaker for (own_words.py)."""
    src = lib.store().source(h.source_id)
    passage = next((p for p in src.passages if p.id == h.passage_id), None) if src else None
    if src is None or passage is None:
        return False
    s, e = passage.start, passage.start + len(h.text)
    spoken = [who for a, b, who in lib.store().direct_quotes_of(h.source_id) if a < e and b > s]
    if any(who.split() and who.split()[-1] in h.text for who in spoken):
        return False  # the passage names the speaker of its quote (a paragraph going on with it does not)
    if h.source_id not in seen:
        seen[h.source_id] = foreign_spans(src.text, src.authors, src.outlet)
    return mostly_foreign(seen[h.source_id], s, e)
