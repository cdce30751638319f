"""Facets: how many matching passages each author, outlet and year has (the TUI's facet list, ``f``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .engine.parse import BuiltQuery
from .engine.run import matches_per_source
from .readers import ReaderPool


def count_facets(
    readers: ReaderPool, bq: BuiltQuery, texts_of: Callable[[list[str]], list[str]], cap: int = 5000
) -> dict[str, list[tuple[str, int]]]:
    """Counts of matching passages by author, outlet and year.

    Over every match (phrases checked for the first ``cap``), counted per source at once; without the
    whole-list evaluator, over the first ``cap`` matches.
    """
    if bq.query is None:
        return {}
    per_source = matches_per_source(readers.searcher(), readers.dense(), bq.query, texts_of, cap)
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
