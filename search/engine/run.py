"""Running a query over one Whoosh searcher: the whole-list evaluator (dense.py) when it is available and
models the query, Whoosh's own searcher otherwise. Callers get passage and source ids, never Whoosh
objects.

The passage text is indexed without positions, so Whoosh's own searcher cannot run a phrase on it (it raises
QueryError). On that path a phrase becomes the AND of its words filtered to the passages whose stored text
holds them in order (:class:`CheckedPhrase`): exactly what dense.py computes, scored by Whoosh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from whoosh import query as wq
from whoosh.matching import FilterMatcher, NullMatcher

from . import compat
from .analysis import phrase_in_text

Rows = list[tuple[str, str, float]]  # (passage id, source id, score), best first
Texts = Callable[[list[str]], list[str]]  # passage texts by passage id (to check phrases)


def open_dense(searcher, cache_dir: Path | None):
    """The whole-list evaluator for ``searcher``, or None (other Whoosh version, or a scorer it does not
    model): then every query runs on Whoosh's searcher."""
    if not compat.FAST:
        return None
    from .dense import DenseSearcher, Unsupported

    try:
        return DenseSearcher(searcher, cache_dir)
    except Unsupported:
        return None


def top(searcher, dense, q, limit: int | None, texts: Texts) -> tuple[int, bool, Rows]:
    """(total, whether the total is exact, rows) of the best ``limit`` passages for ``q``."""
    from .dense import Unsupported

    if dense is not None:
        try:
            total, exact, best = dense.run(q, limit, by_docnum(searcher, texts, dense))
        except Unsupported:
            pass
        else:
            return total, exact, [(*dense.ids(d), score) for d, score in best]
    return plain_top(searcher, q, limit, texts)


def plain_top(searcher, q, limit: int | None, texts: Texts) -> tuple[int, bool, Rows]:
    """The same, by Whoosh's own searcher."""
    res = searcher.search(checked(q, texts), limit=limit)
    return _total(res, limit), res.has_exact_length(), _rows(res)


def literal_top(searcher, q, limit: int) -> tuple[int, bool, Rows]:
    """Whoosh's searcher on the literal-words fallback query (the count of what it returned)."""
    res = searcher.search(q, limit=limit)
    return len(res), True, _rows(res)


def matching_in_source(searcher, dense, q, source_id: str, texts: Texts) -> set[str]:
    """Ids of the passages of one source that ``q`` matches (raises what the search raises)."""
    q = wq.And([q, wq.Term("source_id", source_id)])
    if dense is not None:
        docs, _ = dense.docs(q, by_docnum(searcher, texts, dense), cap=100_000)
        return {dense.ids(int(d))[0] for d in docs}
    return {r["passage_id"] for r in searcher.search(checked(q, texts), limit=None)}


def matches_per_source(searcher, dense, q, texts: Texts, cap: int) -> Counter[str]:
    """Matching passages counted per source id: every match with the evaluator (phrases checked for the
    first ``cap``), else the first ``cap`` matches."""
    per_source: Counter[str] = Counter()
    if dense is not None:
        import numpy as np

        docs, _ = dense.docs(q, by_docnum(searcher, texts, dense), cap=cap)
        src_of, names = dense.source_index()
        if len(docs):
            counts = np.bincount(src_of[docs], minlength=len(names))
            for k in np.flatnonzero(counts):
                per_source[names[k]] = int(counts[k])
    else:
        hits = searcher.search(checked(q, texts), limit=cap, scored=False)
        per_source.update(r["source_id"] for r in hits)
    return per_source


def by_docnum(searcher, texts: Texts, dense=None) -> Callable[[list[int]], list[str]]:
    """Passage texts by Whoosh document number, as dense.py asks for them."""
    if dense is not None:
        return lambda docnums: texts([dense.ids(d)[0] for d in docnums])
    return lambda docnums: texts([searcher.stored_fields(d)["passage_id"] for d in docnums])


def checked(q, texts: Texts):
    """``q`` with every phrase on the passage text made a :class:`CheckedPhrase` (for Whoosh's searcher)."""
    if type(q) is wq.Phrase and q.fieldname == "text":
        words = [str(w) for w in q.words]
        if len(words) == 1:
            return wq.Term("text", words[0], boost=q.boost)
        return CheckedPhrase(words, max(1, int(q.slop)), q.boost, texts)
    if q.is_leaf():
        return q
    return q.apply(lambda c: checked(c, texts))


class CheckedPhrase(wq.And):
    """A phrase on the position-less passage text: the AND of its words (Whoosh scores it so, as dense.py
    does), keeping only the passages whose stored text holds the words in order, within ``slop``."""

    def __init__(self, words: list[str], slop: int, boost: float, texts: Texts) -> None:
        super().__init__([wq.Term("text", w) for w in words], boost=boost)
        self.words, self.slop, self.texts = words, slop, texts

    def matcher(self, searcher, context=None):
        cand = list(super().matcher(searcher, context).all_ids())
        if not cand:
            return NullMatcher()
        pids = [searcher.stored_fields(d)["passage_id"] for d in cand]
        keep = {
            d
            for d, text in zip(cand, self.texts(pids), strict=True)
            if phrase_in_text(text, self.words, self.slop)
        }
        return FilterMatcher(super().matcher(searcher, context), keep)


def _rows(res) -> Rows:
    """(passage id, source id, score) of Whoosh results."""
    return [(r["passage_id"], r["source_id"], r.score) for r in res]


def _total(res, limit: int | None) -> int:
    """Exact count when the results fit the limit; Whoosh's estimate (an upper bound) otherwise."""
    if res.has_exact_length():  # always without a limit: Whoosh counts every match
        return len(res)
    scored = res.scored_length()
    return scored if limit is None or scored < limit else max(scored, res.estimated_length())


def closest(searcher, dense, required: list, clauses: list, limit: int | None, texts: Texts):
    """Passages that pass every ``required`` query and match some ``clauses``, most clauses first, then by
    score: (how many, [(passage id, source id, score, [which clauses matched])])."""
    from .dense import Unsupported

    out = []
    if dense is not None:
        try:
            total, best = dense.run_partial(required, clauses, limit, by_docnum(searcher, texts, dense))
        except Unsupported:
            pass
        else:
            return total, [(*dense.ids(d), score, ok) for d, score, ok in best]
    scores: dict[int, list] = {}
    req = wq.And(required) if required else None
    for i, c in enumerate(clauses):
        q = checked(wq.And([c, req]) if req is not None else c, texts)
        for hit in searcher.search(q, limit=None):
            ent = scores.setdefault(hit.docnum, [0.0, [False] * len(clauses)])
            ent[0] += hit.score
            ent[1][i] = True
    order = sorted(scores.items(), key=lambda kv: (-sum(kv[1][1]), -kv[1][0], kv[0]))
    for d, (score, ok) in order[:limit] if limit is not None else order:
        f = searcher.stored_fields(d)
        out.append((f["passage_id"], f["source_id"], score, ok))
    return len(order), out
