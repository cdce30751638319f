"""Compare by author: passages on a topic, one column per author set."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from .library import Hit, Library
from .names import author_matches
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
    for h in res.hits:
        key = tuple(h.authors) or ("Unknown author",)
        if authors and not author_matches(authors, list(key)):
            continue
        col = cols.setdefault(key, Column(list(key), [], []))
        if h.source_id not in col.source_ids:
            col.source_ids.append(h.source_id)
        if len(col.passages) < per_author:
            col.passages.append(h)
    return list(cols.values())
