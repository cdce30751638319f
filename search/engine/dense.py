"""Whole-posting-list query evaluation over the Whoosh index, with numpy.

Whoosh scores one posting at a time in Python: an AND of two words that each occur in half of 80,000 passages
costs half a second. This module runs the same query over the same Whoosh segments a posting list at a time:
each term's document numbers and weights become arrays, boolean structure becomes mask arithmetic, and BM25F
is computed for every matching document at once with Whoosh's own formula, statistics and quantised field
lengths, so the ranking is Whoosh's (a test compares the two).

* ``Term``, ``And``, ``Or``, ``Not``, ``AndNot``, ``AndMaybe``, ``Require``, ``Every`` run as arrays: sparse
  (matching document numbers and their scores) wherever they can, dense masks for NOT and what only they model.
* ``Phrase`` on the passage text (which keeps no positions: smaller and faster to build) runs as the AND of its
  words, an upper bound; the passages that could reach the top are then checked for the words really being
  adjacent (or within the phrase's slop) on the stored text, and the top re-ranked until it is exact. Under a
  NOT every candidate is checked.
* Anything else (ranges, phrases in titles) is evaluated by Whoosh's own matcher, exactly.

Terms are read and scored by terms.py (long posting lists from the per-segment postings caches, postings.py). Uses Whoosh
internals (README.md): the engine only makes one when ``compat.FAST``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from .analysis import phrase_in_text
from .parse import SourceSet
from .sparse import EMPTY, Phrase, Sparse, lookup, members
from .terms import TermReader

VERIFY_CHUNK = 64
NODE_CACHE_BYTES = 32 * 1024 * 1024
IDS_KEPT = 20_000  # (passage id, source id) pairs: about 3 MB
BULK_CHECK = 4096  # a phrase evaluated again has its remaining candidates checked at once, up to this many


class Unsupported(Exception):
    """The query uses something this evaluator does not model; the caller uses Whoosh's searcher."""


class DenseSearcher:
    """Evaluates Whoosh queries for one Whoosh searcher (not thread-safe: one per searcher)."""

    def __init__(self, searcher, cache_dir: Path | None = None) -> None:
        if type(searcher.weighting) is not BM25F:
            raise Unsupported("weighting")
        self.s = searcher
        self.terms = TermReader(searcher, cache_dir)
        self.n, self.alive = self.terms.n, self.terms.alive
        self.postings, self.term_scores = self.terms.postings, self.terms.term_scores
        self.source_index, self.lengths = self.terms.source_index, self.terms.lengths
        self._phrases: OrderedDict[tuple, Phrase] = OrderedDict()  # (words, slop) -> what is known
        self._nodes: OrderedDict[wq.Query, tuple[np.ndarray, np.ndarray]] = OrderedDict()  # clause -> result
        self._node_bytes = 0
        self._phrase_evals = 0
        self._ids: dict[int, tuple[str, str]] = {}
        self._lock = threading.Lock()

    def ids(self, docnum: int) -> tuple[str, str]:
        """(passage id, source id) of a document number, kept: Whoosh unpickles a stored record per call (20
        us), and the next keystrokes show most of the same rows and check the same phrase candidates."""
        got = self._ids.get(docnum)
        if got is None:
            f = self.s.stored_fields(docnum)
            if len(self._ids) >= IDS_KEPT:
                self._ids.clear()
            got = self._ids[docnum] = (f["passage_id"], f["source_id"])
        return got

    # -- boolean structure ---------------------------------------------------------------------------
    # A node's result is either sparse (Sparse: its document numbers ascending, and their scores) or dense
    # (a mask and a score for every document). Terms, ANDs and ORs of them and checked phrases stay sparse:
    # most of an expanded query's leaves (a name in the author field, an alias in the outlet field) match few
    # or no documents, and arrays of 80,000 per leaf were most of a keystroke. NOT, ranges and sets of
    # sources are dense. Scores are added in the children's order either way, so the sums are the same to
    # the bit as Whoosh's (ties are broken by document number, so the bits matter).
    def _empty(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.n, dtype=bool), np.zeros(self.n)

    def _as_dense(self, r) -> tuple[np.ndarray, np.ndarray]:
        if type(r) is not Sparse:
            return r
        mask, sc = self._empty()
        mask[r.ids] = True
        sc[r.ids] = r.sc
        return mask, sc

    def _eval(
        self, q, phrases: dict[tuple, Phrase], negative: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """(mask, scores) of ``q`` over every document."""
        return self._as_dense(self._ev(q, phrases, negative))

    def _ev(self, q, phrases: dict[tuple, Phrase], negative: bool = False):
        t = type(q)
        if t is wq.And or t is wq.Or:
            # A word over every field, a name with all its aliases: the same clauses come back in the next
            # keystrokes and searches. Kept unless a phrase was among them (what is known of a phrase grows).
            got = self._nodes.get(q)
            if got is not None:
                self._nodes.move_to_end(q)
                return got
            before = self._phrase_evals
            got = self._and(q, phrases, negative) if t is wq.And else self._or_node(q, phrases, negative)
            if self._phrase_evals == before:
                self._keep(q, got)
            return got
        if t is wq.Term:
            return Sparse(*self.term_scores(q.fieldname, q.text, q.boost))
        if t is SourceSet:
            src_of, names = self.source_index()
            wanted = set(q.source_ids)
            keep = np.array([n in wanted for n in names], dtype=bool)
            mask = keep[src_of] & self.alive if len(names) else np.zeros(self.n, dtype=bool)
            return mask, np.zeros(self.n)
        if t is wq.Not:
            m2, _ = self._eval(q.query, phrases, not negative)
            mask = self.alive & ~m2
            return mask, mask * float(q.boost)
        if t is wq.AndNot:
            r1 = self._ev(q.a, phrases, negative)
            if type(r1) is Sparse and not len(r1.ids):
                return r1
            r2 = self._ev(q.b, phrases, not negative)
            if type(r1) is Sparse:
                keep = ~members(r2, r1.ids)
                return Sparse(r1.ids[keep], r1.sc[keep] * q.boost)
            (m1, s1), (m2, _) = r1, self._as_dense(r2)
            mask = m1 & ~m2
            return mask, s1 * mask * q.boost
        if t is wq.AndMaybe:
            r1 = self._ev(q.a, phrases, negative)
            r2 = self._ev(q.b, phrases, negative)
            if type(r1) is Sparse and type(r2) is Sparse:
                sc = r1.sc.copy()
                if len(r2.ids) and len(r1.ids):
                    hit, pos = lookup(r2.ids, r1.ids)
                    sc[hit] += r2.sc[pos[hit]]
                return Sparse(r1.ids, sc * q.boost)
            (m1, s1), (m2, s2) = self._as_dense(r1), self._as_dense(r2)
            return m1, (s1 + s2 * m2) * m1 * q.boost
        if t is wq.Require:
            r1 = self._ev(q.a, phrases, negative)
            r2 = self._ev(q.b, phrases, True)  # membership only: must be exact
            if type(r1) is Sparse:
                keep = members(r2, r1.ids)
                return Sparse(r1.ids[keep], r1.sc[keep] * q.boost)
            (m1, s1), (m2, _) = r1, self._as_dense(r2)
            mask = m1 & m2
            return mask, s1 * mask * q.boost
        if t is wq.Every and not q.fieldname:
            return self.alive.copy(), np.full(self.n, float(q.boost))
        if q is wq.NullQuery or t is type(wq.NullQuery):
            return EMPTY
        if t is wq.Phrase and q.fieldname == "text":
            self._phrase_evals += 1
            # The text field keeps no positions: a phrase is the AND of its words, checked on the text.
            words = [str(w) for w in q.words]
            if not words:
                return EMPTY
            if len(words) == 1:
                return self._ev(wq.Term(q.fieldname, words[0], boost=q.boost), phrases, negative)
            key = (tuple(words), max(1, int(q.slop)))
            ph = phrases.get(key) or self._phrases.get(key)
            if ph is None:
                mask, sc = self._eval(wq.And([wq.Term(q.fieldname, w) for w in words]), phrases, negative)
                ph = Phrase(words, mask, sc, key[1])
                self._phrases[key] = ph  # what was checked stays checked for the next keystroke
                while len(self._phrases) > 64:
                    self._phrases.popitem(last=False)
            reused = key not in phrases and ph.runs > 0  # a phrase an earlier query evaluated
            if key not in phrases:
                ph.runs += 1
            phrases[key] = ph
            left = np.flatnonzero(ph.unchecked) if (negative or reused) and ph.unchecked.any() else None
            if left is not None and (negative or len(left) <= BULK_CHECK):
                # Under a NOT an upper bound is no bound at all: check every candidate now. A phrase that comes
                # back (a name's alias in the next searches) is checked through once: most candidates of
                # "islamic state" have the words apart (51 of 3,055 at 10k), so each new query's top was
                # checked again, round after round (10-19 ms a search); once is about 100 ms.
                self._check({key: ph}, [int(d) for d in left], self._texts)
            ids = np.flatnonzero(ph.mask)
            return Sparse(ids, ph.score[ids] * q.boost)
        return self._whoosh_leaf(q)

    def _or_node(self, q, phrases: dict[tuple, Phrase], negative: bool):
        if q.minmatch or q.scale:
            raise Unsupported("Or with minmatch/scale")
        return self._or([self._ev(c, phrases, negative) for c in q.subqueries], q.boost)

    def _keep(self, q, got) -> None:
        """Keep a clause's result (results are never changed in place), within NODE_CACHE_BYTES."""
        size = sum(a.nbytes for a in got)
        if size > NODE_CACHE_BYTES // 4:
            return
        self._nodes[q] = got
        self._node_bytes += size
        while self._node_bytes > NODE_CACHE_BYTES and len(self._nodes) > 1:
            _, old = self._nodes.popitem(last=False)
            self._node_bytes -= sum(a.nbytes for a in old)

    def _and(self, q, phrases: dict[tuple, Phrase], negative: bool):
        if not q.subqueries:
            return EMPTY
        parts = []
        for c in q.subqueries:
            r = self._ev(c, phrases, negative)
            if type(r) is Sparse and not len(r.ids):
                return EMPTY  # nothing can match: the other children need not be read
            parts.append(r)
        sparse = [r for r in parts if type(r) is Sparse]
        if not sparse:
            # A NOT inside an AND is intersected like any child (Whoosh scores it 1.0; so do we).
            mask, sc = parts[0][0].copy(), parts[0][1].copy()
            for m2, s2 in parts[1:]:
                mask &= m2
                sc += s2
            sc *= mask
            return mask, sc * q.boost
        ids = min(sparse, key=lambda r: len(r.ids)).ids
        for r in parts:
            if len(ids):
                ids = ids[members(r, ids)]
        sc = np.zeros(len(ids))
        for r in parts:  # in the children's order, as Whoosh adds them
            sc += r.sc[lookup(r.ids, ids)[1]] if type(r) is Sparse else r[1][ids]
        return Sparse(ids, sc * q.boost)

    def _or(self, parts: list, boost: float):
        parts = [r for r in parts if type(r) is not Sparse or len(r.ids)]
        if not parts:
            return EMPTY
        if len(parts) == 1 and type(parts[0]) is Sparse:
            return Sparse(parts[0].ids, parts[0].sc * boost)
        if all(type(r) is Sparse for r in parts):
            ids = np.concatenate([r.ids for r in parts])
            weights = np.concatenate([r.sc for r in parts])
            # bincount adds each document's scores in the order of the children, as Whoosh does.
            if len(ids) < 4096:  # sorting a few is cheaper than a pass over every document
                uniq, inv = np.unique(ids, return_inverse=True)
                return Sparse(uniq, np.bincount(inv, weights=weights, minlength=len(uniq)) * boost)
            mask = np.zeros(self.n, dtype=bool)
            mask[ids] = True
            sc = np.bincount(ids, weights=weights, minlength=self.n)
            if len(ids) * 8 < self.n:
                uniq = np.flatnonzero(mask)
                return Sparse(uniq, sc[uniq] * boost)
            return mask, sc * boost
        mask, sc = self._empty()
        for r in parts:
            if type(r) is Sparse:
                mask[r.ids] = True
                sc[r.ids] += r.sc
            else:
                mask |= r[0]
                sc += r[1] * r[0]
        return mask, sc * boost

    def _whoosh_leaf(self, q) -> tuple[np.ndarray, np.ndarray]:
        """Any other query: Whoosh's own matcher, segment by segment (exact, slower)."""
        mask, sc = self._empty()
        for ss, off in self.s.leaf_searchers():
            m = q.matcher(ss, self.s.context())
            while m.is_active():
                d = off + m.id()
                mask[d] = True
                sc[d] += m.score()
                m.next()
        mask &= self.alive
        return mask, sc

    # -- running a query -----------------------------------------------------------------------------
    def run(
        self, q, limit: int | None, texts: Callable[[list[int]], list[str]]
    ) -> tuple[int, bool, list[tuple[int, float]]]:
        """(total, total_is_exact, [(docnum, score)] best first). ``texts`` gives passage texts by docnum.

        With phrases, the evaluation is an upper bound: the candidates at the top are checked (and the
        next ones in score order, twice as many each round) and the query evaluated again, until the top
        holds only checked passages. A passage below the top cannot rise: checking only lowers scores.
        """
        with self._lock:
            self._texts = texts
            phrases: dict[tuple, Phrase] = {}
            mask, sc = self._live(q, phrases)
            chunk = VERIFY_CHUNK
            while True:
                top = self._top(mask, sc, limit)
                if not phrases:
                    return int(mask.sum()), True, top
                unchecked = self._unchecked(phrases)
                unsure = [d for d, _ in top if unchecked[d]]
                if not unsure:
                    break
                more = self._top(mask & unchecked, sc, chunk)
                chunk *= 2
                self._check(phrases, sorted(set(unsure) | {d for d, _ in more}), texts)
                mask, sc = self._live(q, phrases)
            left = bool((mask & self._unchecked(phrases)).any())
            return int(mask.sum()), not left, top

    def run_partial(
        self,
        required: list,
        clauses: list,
        limit: int | None,
        texts: Callable[[list[int]], list[str]],
        cap: int = 5000,
    ) -> tuple[int, list[tuple[int, float, list[bool]]]]:
        """Closest matches: passages that pass every ``required`` query and match some of ``clauses``, the
        most clauses first, then by score: (how many, [(docnum, score, which clauses matched)]).

        Phrases are checked for the first ``cap`` candidates (the rest count as not matching them).
        """
        with self._lock:
            self._texts = texts
            phrases: dict[tuple, Phrase] = {}

            def evaluate():
                req = self.alive.copy()
                for r in required:
                    req &= self._eval(r, phrases)[0]
                parts = [self._eval(c, phrases) for c in clauses]
                return req, parts

            req, parts = evaluate()
            if phrases:
                anym = np.zeros(self.n, dtype=bool)
                for m, _ in parts:
                    anym |= m
                cand = np.flatnonzero(req & anym & self._unchecked(phrases))
                if len(cand):
                    self._check(phrases, [int(d) for d in cand[:cap]], texts)
                unchecked = self._unchecked(phrases)
                req, parts = evaluate()
                req &= ~unchecked
            count = np.zeros(self.n, dtype=np.int32)
            sc = np.zeros(self.n)
            for m, s in parts:
                count += m
                sc += s * m
            cand = req & (count > 0)
            key = count * 1e6 + np.minimum(sc, 1e6 - 1)
            top = self._top(cand, key, limit)
            return int(cand.sum()), [(d, float(sc[d]), [bool(m[d]) for m, _ in parts]) for d, _ in top]

    def docs(self, q, texts: Callable[[list[int]], list[str]], cap: int = 5000) -> tuple[np.ndarray, bool]:
        """Document numbers matching ``q`` (phrases checked for the first ``cap``); whether all were checked."""
        with self._lock:
            self._texts = texts
            phrases: dict[tuple, Phrase] = {}
            mask, _ = self._live(q, phrases)
            if not phrases:
                return np.flatnonzero(mask), True
            cand = np.flatnonzero(mask & self._unchecked(phrases))
            if len(cand):
                self._check(phrases, [int(d) for d in cand[:cap]], texts)
                mask, _ = self._live(q, phrases)
            return np.flatnonzero(mask), not (mask & self._unchecked(phrases)).any()

    def _live(self, q, phrases: dict[tuple, Phrase]) -> tuple[np.ndarray, np.ndarray]:
        """Evaluate ``q`` (phrases as known so far) over the documents not deleted."""
        mask, sc = self._eval(q, phrases)
        return mask & self.alive, sc  # a new mask: the one evaluated may be a kept clause's

    def _unchecked(self, phrases: dict[tuple, Phrase]) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        for p in phrases.values():
            out |= p.unchecked & p.mask
        return out

    def _check(self, phrases: dict[tuple, Phrase], docnums: list[int], texts: Callable) -> None:
        need = [d for d in docnums if any(p.unchecked[d] for p in phrases.values())]
        for i in range(0, len(need), 256):
            part = need[i : i + 256]
            for d, text in zip(part, texts(part), strict=True):
                for p in phrases.values():
                    if p.unchecked[d]:
                        p.unchecked[d] = False
                        if not phrase_in_text(text, p.words, p.slop):
                            p.mask[d] = False

    @staticmethod
    def _top(mask: np.ndarray, sc: np.ndarray, limit: int | None) -> list[tuple[int, float]]:
        idx = np.flatnonzero(mask)
        if limit is not None and len(idx) > limit:
            vals = sc[idx]
            kth = vals[np.argpartition(-vals, limit - 1)[limit - 1]]
            better = idx[vals > kth]
            tied = idx[
                vals == kth
            ]  # ascending: a tie at the cut goes to the lower document number, as Whoosh
            idx = np.concatenate([better, tied[: limit - len(better)]])
        scores = sc[idx]
        order = np.lexsort((idx, -scores))  # best first; equal scores by document number, as Whoosh
        return [(int(idx[i]), float(scores[i])) for i in order]
