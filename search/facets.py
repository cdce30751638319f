"""Facets: how many matching passages each author, outlet and year has (the TUI's facet list, ``f``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .query import BuiltQuery
from .readers import ReaderPool


def count_facets(
    readers: ReaderPool, bq: BuiltQuery, texts_of: Callable[[list[int]], list[str]], cap: int = 5000
) -> dict[str, list[tuple[str, int]]]:
    """Counts of matching passages by author, outlet and year.

    Over every match (phrases checked for the first ``cap``), counted per source at once; without the
    whole-list evaluator, over the first ``cap`` matches.
    """
    s = readers.searcher()
    if bq.query is None:
        return {}
    per_source: Counter[str] = Counter()
    ds = readers.dense()
    if ds is not None:
        import numpy as np

        docs, _ = ds.docs(bq.query, texts_of, cap=cap)
        src_of, names = ds.source_index()
        counts = np.bincount(src_of[docs], minlength=len(names)) if len(docs) else []
        for k in np.flatnonzero(counts):
            per_source[names[k]] = int(counts[k])
    else:
        per_source.update(r["source_id"] for r in s.search(bq.query, limit=cap, scored=False))
    cat = readers.store().catalog()
    authors: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for sid, n in per_source.items():
        src = cat.get(sid)
        if src is None:
            continue
        for a in src.authors or ["(unknown)"]:
            authors[a] += n
        outlets[src.outlet or "(unknown)"] += n
        years[src.date[:4] if src.date else "(undated)"] += n
    return {
        "author": authors.most_common(),
        "outlet": outlets.most_common(),
        "year": sorted(years.items(), reverse=True),
    }
