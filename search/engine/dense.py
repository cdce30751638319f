"""Whole-posting-list query evaluation over the Whoosh index, with numpy.

Whoosh scores one posting at a time in Python: an AND of two words that each occur in half of 80,000 passages
costs half a second. This module runs the same query over the same Whoosh segments a posting list at a time:
each term's document numbers and weights become arrays, boolean structure becomes mask arithmetic, and BM25F
is computed for every matching document at once with Whoosh's own formula, statistics and quantised field
lengths, so the ranking is Whoosh's (a test compares the two).

* ``Term``, ``And``, ``Or``, ``Not``, ``AndNot``, ``AndMaybe``, ``Require``, ``Every`` run as arrays.
* ``Phrase`` on the passage text (which keeps no positions: smaller and faster to build) runs as the AND of its
  words, an upper bound; the passages that could reach the top are then checked for the words really being
  adjacent (or within the phrase's slop) on the stored text, and the top re-ranked until it is exact. Under a
  NOT every candidate is checked.
* Anything else (ranges, phrases in titles) is evaluated by Whoosh's own matcher, exactly.

Long posting lists come from the per-segment postings caches (postings.py) when there is one. Uses Whoosh
internals (README.md): the engine only makes one when ``compat.FAST``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from math import log
from pathlib import Path
from typing import NamedTuple

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from .analysis import contains_phrase, stem_sequence
from .parse import SourceSet
from .postings import SegmentCache, load_segment_cache, term_postings

TERM_CACHE_BYTES = 32 * 1024 * 1024
VERIFY_CHUNK = 64

_BYTE_TO_LENGTH = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """The query uses something this evaluator does not model; the caller uses Whoosh's searcher."""


# -- evaluation -------------------------------------------------------------------------------------------
class _Phrase:
    """A phrase leaf: its candidates (the AND of its words) shrink as passages are checked."""

    def __init__(self, words: list[str], mask: np.ndarray, score: np.ndarray, slop: int = 1) -> None:
        self.words = words
        self.slop = slop
        self.mask = mask
        self.score = score
        self.unchecked = mask.copy()


class _Sparse(NamedTuple):
    """Matching documents, ascending, and their scores."""

    ids: np.ndarray
    sc: np.ndarray


_EMPTY = _Sparse(np.zeros(0, dtype=np.int64), np.zeros(0))


def _lookup(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``wanted``: whether it is in the ascending ``ids`` (not empty), and where."""
    pos = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    return ids[pos] == wanted, pos


def _members(r, wanted: np.ndarray) -> np.ndarray:
    """Which of ``wanted`` the result ``r`` (sparse or dense) matches."""
    if type(r) is not _Sparse:
        return r[0][wanted]
    if not len(r.ids):
        return np.zeros(len(wanted), dtype=bool)
    return _lookup(r.ids, wanted)[0]


def deleted_docs(reader) -> list[int]:
    """The deleted document numbers of one segment reader. whoosh-reloaded's SegmentReader has no
    ``deleted_docs()`` (its per-document reader does; the reader caches them as ``deleted_docs_set``)."""
    got = getattr(reader, "deleted_docs_set", None)
    if got is None:
        return [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
    return sorted(got)


class DenseSearcher:
    """Evaluates Whoosh queries for one Whoosh searcher (not thread-safe: one per searcher)."""

    def __init__(self, searcher, cache_dir: Path | None = None) -> None:
        self.s = searcher
        w = searcher.weighting
        if type(w) is not BM25F:
            raise Unsupported("weighting")
        self.B, self.K1, self.field_B = w.B, w.K1, dict(w._field_B)
        self.schema = searcher.schema
        self.n = searcher.doc_count_all()
        self.leaves = [(ss.reader(), off) for ss, off in searcher.leaf_searchers()]
        self.alive = np.ones(self.n, dtype=bool)
        self.seg_caches: list[SegmentCache | None] = []
        for r, off in self.leaves:
            if r.has_deletions():
                self.alive[[off + d for d in deleted_docs(r)]] = False
            self.seg_caches.append(load_segment_cache(cache_dir, r.segment().segment_id()))
        self._lengths: dict[str, np.ndarray] = {}
        self._dfs: dict[tuple[str, str], int] = {}
        self._scored: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._scored_bytes = 0
        self._avgfl: dict[str, float] = {}
        self._terms: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._term_bytes = 0
        self._sources: tuple[np.ndarray, list[str]] | None = None
        self._phrases: OrderedDict[tuple, _Phrase] = OrderedDict()  # (words, slop) -> what is known
        self._lock = threading.Lock()

    # -- reading -------------------------------------------------------------------------------------
    def lengths(self, fieldname: str) -> np.ndarray:
        if fieldname not in self._lengths:
            out = np.ones(self.n, dtype=np.float64)
            for r, off in self.leaves:
                n = r.doc_count_all()
                raw = np.zeros(n, dtype=np.uint8)
                col = r._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if col is not None:
                    count = min(col._count, n)
                    raw[:count] = np.frombuffer(col._dbfile.get(col._basepos, count), dtype=np.uint8)
                seg = _BYTE_TO_LENGTH[raw]
                seg[raw == 0] = 1.0  # Whoosh's default for a missing length
                out[off : off + n] = seg
            self._lengths[fieldname] = out
        return self._lengths[fieldname]

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Global document numbers and weights of one term (live documents only)."""
        key = (fieldname, text)
        got = self._terms.get(key)
        if got is not None:
            self._terms.move_to_end(key)
            return got
        empty = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
        if fieldname not in self.schema:
            return empty  # as Whoosh: a field the schema lacks matches nothing
        field = self.schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return empty
        ids_parts, w_parts = [], []
        for (r, off), cache in zip(self.leaves, self.seg_caches, strict=True):
            arr = None
            if cache is not None and cache.field == fieldname:
                if cache.vouched(text):  # one read, no look-up in Whoosh's tables
                    arr = cache.get(text, r.doc_count_all())
                elif (fieldname, btext) in r:
                    arr = cache.get(text, r.doc_count_all(), r.doc_frequency(fieldname, btext))
            if arr is None:
                try:
                    arr = term_postings(r, fieldname, btext)
                except TermNotFound:
                    continue
            ids_parts.append(arr[0] + off)
            w_parts.append(arr[1])
        self._dfs[key] = sum(len(a) for a in ids_parts)  # Whoosh's document frequency: deleted ones too
        if ids_parts:
            # Kept as 32-bit: Whoosh stores weights as 32-bit floats, so nothing is lost (half the memory).
            ids = np.concatenate(ids_parts).astype(np.int32, copy=False)
            ws = np.concatenate(w_parts).astype(np.float32, copy=False)
            keep = self.alive[ids]
            if not keep.all():
                ids, ws = ids[keep], ws[keep]
        else:
            ids, ws = empty
        self._terms[key] = (ids, ws)
        self._term_bytes += ids.nbytes + ws.nbytes
        while self._term_bytes > TERM_CACHE_BYTES and len(self._terms) > 1:
            _, (a, b) = self._terms.popitem(last=False)
            self._term_bytes -= a.nbytes + b.nbytes
        return ids, ws

    def source_index(self) -> tuple[np.ndarray, list[str]]:
        """Each document's source, as an index into a list of source ids (read once, from the postings of the
        ``source_id`` field: a third of a second at 80,000 passages); for counting facets per source."""
        if self._sources is None:
            src = np.zeros(self.n, dtype=np.int32)
            names: list[str] = []
            index: dict[str, int] = {}
            for r, off in self.leaves:
                for btext, _ti in r.iter_field("source_id"):
                    ids, _ = term_postings(r, "source_id", btext)
                    sid = btext.decode("utf-8")
                    k = index.get(sid)
                    if k is None:
                        k = index[sid] = len(names)
                        names.append(sid)
                    src[ids + off] = k
            self._sources = (src, names)
        return self._sources

    def term_scores(self, fieldname: str, text: str, boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """A term's documents and BM25F scores (times ``boost``); unboosted scores are kept for the next query."""
        key = (fieldname, text)
        got = self._scored.get(key)
        if got is None:
            got = self._score_term(fieldname, text)
            self._scored[key] = got
            self._scored_bytes += got[0].nbytes + got[1].nbytes
            while self._scored_bytes > TERM_CACHE_BYTES and len(self._scored) > 1:
                _, (a, b) = self._scored.popitem(last=False)
                self._scored_bytes -= a.nbytes + b.nbytes
        else:
            self._scored.move_to_end(key)
        ids, sc = got
        return (ids, sc * boost) if boost != 1 else (ids, sc)

    def _score_term(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids, ws = self.postings(fieldname, text)
        if not len(ids):
            return ids, ws.astype(np.float64)
        field = self.schema[fieldname]
        if not field.scorable:
            return ids, ws.astype(np.float64)
        # Whoosh's idf (scoring.WeightingModel.idf), from the frequency read with the postings: asking the
        # searcher looks the term up again in every segment.
        df = self._dfs.get((fieldname, text))
        idf = self.s.idf(fieldname, text) if df is None else log(self.n / (df + 1)) + 1
        avgfl = self._avgfl.get(fieldname)
        if avgfl is None:
            avgfl = self._avgfl[fieldname] = self.s.avg_field_length(fieldname) or 1
        B = self.field_B.get(fieldname, self.B)
        K1 = self.K1
        fl = self.lengths(fieldname)[ids]
        ws = ws.astype(np.float64)  # score in double precision, as Whoosh does
        return ids, idf * ((ws * (K1 + 1)) / (ws + K1 * ((1 - B) + B * fl / avgfl)))

    # -- boolean structure ---------------------------------------------------------------------------
    # A node's result is either sparse (_Sparse: its document numbers ascending, and their scores) or dense
    # (a mask and a score for every document). Terms, ANDs and ORs of them and checked phrases stay sparse:
    # most of an expanded query's leaves (a name in the author field, an alias in the outlet field) match few
    # or no documents, and arrays of 80,000 per leaf were most of a keystroke. NOT, ranges and sets of
    # sources are dense. Scores are added in the children's order either way, so the sums are the same to
    # the bit as Whoosh's (ties are broken by document number, so the bits matter).
    def _empty(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.n, dtype=bool), np.zeros(self.n)

    def _as_dense(self, r) -> tuple[np.ndarray, np.ndarray]:
        if type(r) is not _Sparse:
            return r
        mask, sc = self._empty()
        mask[r.ids] = True
        sc[r.ids] = r.sc
        return mask, sc

    def _eval(
        self, q, phrases: dict[tuple, _Phrase], negative: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """(mask, scores) of ``q`` over every document."""
        return self._as_dense(self._ev(q, phrases, negative))

    def _ev(self, q, phrases: dict[tuple, _Phrase], negative: bool = False):
        t = type(q)
        if t is wq.Term:
            return _Sparse(*self.term_scores(q.fieldname, q.text, q.boost))
        if t is SourceSet:
            src_of, names = self.source_index()
            wanted = set(q.source_ids)
            keep = np.array([n in wanted for n in names], dtype=bool)
            mask = keep[src_of] & self.alive if len(names) else np.zeros(self.n, dtype=bool)
            return mask, np.zeros(self.n)
        if t is wq.And:
            return self._and(q, phrases, negative)
        if t is wq.Or:
            if q.minmatch or q.scale:
                raise Unsupported("Or with minmatch/scale")
            return self._or([self._ev(c, phrases, negative) for c in q.subqueries], q.boost)
        if t is wq.Not:
            m2, _ = self._eval(q.query, phrases, not negative)
            mask = self.alive & ~m2
            return mask, mask * float(q.boost)
        if t is wq.AndNot:
            r1 = self._ev(q.a, phrases, negative)
            if type(r1) is _Sparse and not len(r1.ids):
                return r1
            r2 = self._ev(q.b, phrases, not negative)
            if type(r1) is _Sparse:
                keep = ~_members(r2, r1.ids)
                return _Sparse(r1.ids[keep], r1.sc[keep] * q.boost)
            (m1, s1), (m2, _) = r1, self._as_dense(r2)
            mask = m1 & ~m2
            return mask, s1 * mask * q.boost
        if t is wq.AndMaybe:
            r1 = self._ev(q.a, phrases, negative)
            r2 = self._ev(q.b, phrases, negative)
            if type(r1) is _Sparse and type(r2) is _Sparse:
                sc = r1.sc.copy()
                if len(r2.ids) and len(r1.ids):
                    hit, pos = _lookup(r2.ids, r1.ids)
                    sc[hit] += r2.sc[pos[hit]]
                return _Sparse(r1.ids, sc * q.boost)
            (m1, s1), (m2, s2) = self._as_dense(r1), self._as_dense(r2)
            return m1, (s1 + s2 * m2) * m1 * q.boost
        if t is wq.Require:
            r1 = self._ev(q.a, phrases, negative)
            r2 = self._ev(q.b, phrases, True)  # membership only: must be exact
            if type(r1) is _Sparse:
                keep = _members(r2, r1.ids)
                return _Sparse(r1.ids[keep], r1.sc[keep] * q.boost)
            (m1, s1), (m2, _) = r1, self._as_dense(r2)
            mask = m1 & m2
            return mask, s1 * mask * q.boost
        if t is wq.Every and not q.fieldname:
            return self.alive.copy(), np.full(self.n, float(q.boost))
        if q is wq.NullQuery or t is type(wq.NullQuery):
            return _EMPTY
        if t is wq.Phrase and q.fieldname == "text":
            # The text field keeps no positions: a phrase is the AND of its words, checked on the text.
            words = [str(w) for w in q.words]
            if not words:
                return _EMPTY
            if len(words) == 1:
                return self._ev(wq.Term(q.fieldname, words[0], boost=q.boost), phrases, negative)
            key = (tuple(words), max(1, int(q.slop)))
            ph = phrases.get(key) or self._phrases.get(key)
            if ph is None:
                mask, sc = self._eval(wq.And([wq.Term(q.fieldname, w) for w in words]), phrases, negative)
                ph = _Phrase(words, mask, sc, key[1])
                self._phrases[key] = ph  # what was checked stays checked for the next keystroke
                while len(self._phrases) > 64:
                    self._phrases.popitem(last=False)
            phrases[key] = ph
            if negative and ph.unchecked.any():
                # Under a NOT an upper bound is no bound at all: check every candidate now.
                self._check({key: ph}, [int(d) for d in np.flatnonzero(ph.unchecked)], self._texts)
            ids = np.flatnonzero(ph.mask)
            return _Sparse(ids, ph.score[ids] * q.boost)
        return self._whoosh_leaf(q)

    def _and(self, q, phrases: dict[tuple, _Phrase], negative: bool):
        if not q.subqueries:
            return _EMPTY
        parts = []
        for c in q.subqueries:
            r = self._ev(c, phrases, negative)
            if type(r) is _Sparse and not len(r.ids):
                return _EMPTY  # nothing can match: the other children need not be read
            parts.append(r)
        sparse = [r for r in parts if type(r) is _Sparse]
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
                ids = ids[_members(r, ids)]
        sc = np.zeros(len(ids))
        for r in parts:  # in the children's order, as Whoosh adds them
            sc += r.sc[_lookup(r.ids, ids)[1]] if type(r) is _Sparse else r[1][ids]
        return _Sparse(ids, sc * q.boost)

    def _or(self, parts: list, boost: float):
        parts = [r for r in parts if type(r) is not _Sparse or len(r.ids)]
        if not parts:
            return _EMPTY
        if len(parts) == 1 and type(parts[0]) is _Sparse:
            return _Sparse(parts[0].ids, parts[0].sc * boost)
        if all(type(r) is _Sparse for r in parts):
            ids = np.concatenate([r.ids for r in parts])
            weights = np.concatenate([r.sc for r in parts])
            # bincount adds each document's scores in the order of the children, as Whoosh does.
            if len(ids) < 4096:  # sorting a few is cheaper than a pass over every document
                uniq, inv = np.unique(ids, return_inverse=True)
                return _Sparse(uniq, np.bincount(inv, weights=weights, minlength=len(uniq)) * boost)
            mask = np.zeros(self.n, dtype=bool)
            mask[ids] = True
            sc = np.bincount(ids, weights=weights, minlength=self.n)
            if len(ids) * 8 < self.n:
                uniq = np.flatnonzero(mask)
                return _Sparse(uniq, sc[uniq] * boost)
            return mask, sc * boost
        mask, sc = self._empty()
        for r in parts:
            if type(r) is _Sparse:
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
            phrases: dict[tuple, _Phrase] = {}
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
            phrases: dict[tuple, _Phrase] = {}

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
            phrases: dict[tuple, _Phrase] = {}
            mask, _ = self._live(q, phrases)
            if not phrases:
                return np.flatnonzero(mask), True
            cand = np.flatnonzero(mask & self._unchecked(phrases))
            if len(cand):
                self._check(phrases, [int(d) for d in cand[:cap]], texts)
                mask, _ = self._live(q, phrases)
            return np.flatnonzero(mask), not (mask & self._unchecked(phrases)).any()

    def _live(self, q, phrases: dict[tuple, _Phrase]) -> tuple[np.ndarray, np.ndarray]:
        """Evaluate ``q`` (phrases as known so far) over the documents not deleted."""
        mask, sc = self._eval(q, phrases)
        mask &= self.alive
        return mask, sc

    def _unchecked(self, phrases: dict[tuple, _Phrase]) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        for p in phrases.values():
            out |= p.unchecked & p.mask
        return out

    def _check(self, phrases: dict[tuple, _Phrase], docnums: list[int], texts: Callable) -> None:
        need = [d for d in docnums if any(p.unchecked[d] for p in phrases.values())]
        for i in range(0, len(need), 256):
            part = need[i : i + 256]
            for d, text in zip(part, texts(part), strict=True):
                seq = stem_sequence(text)
                for p in phrases.values():
                    if p.unchecked[d]:
                        p.unchecked[d] = False
                        if not contains_phrase(seq, p.words, p.slop):
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
