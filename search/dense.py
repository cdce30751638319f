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

A per-segment *postings cache* (written once when a segment is built: document numbers and weights of every
frequent ``text`` term, without positions) makes reading a long posting list a file read instead of
unpickling hundreds of Whoosh blocks. Segments without one (small ones written by ``add``) are read from
Whoosh directly.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from .index import contains_phrase, stem_sequence

CACHE_MIN_DF = 64  # terms in fewer passages than this are cheap to read from Whoosh itself
TERM_CACHE_BYTES = 32 * 1024 * 1024
VERIFY_CHUNK = 64

_BYTE_TO_LENGTH = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """The query uses something this evaluator does not model; the caller uses Whoosh's searcher."""


# -- the postings cache, written per segment --------------------------------------------------------------
def _read_matcher(m) -> tuple[np.ndarray, np.ndarray]:
    """All document numbers (segment-local) and weights of a leaf matcher."""
    if isinstance(m, FilterMatcher):  # deleted documents are masked by the caller
        m = m.child
    if type(m) is W3LeafMatcher and not m._byteids:
        ids, ws = [], []
        while True:
            if m._data is None:
                m._read_data()
            d = m._data
            n = m._blocklength
            ids.append(np.cumsum(np.asarray(d[0], dtype=np.int64)))
            w = d[1]
            if w is None:
                ws.append(np.ones(n))
            elif isinstance(w, float):
                ws.append(np.full(n, w))
            else:
                ws.append(np.asarray(w, dtype=np.float64))
            if m._lastblock:
                break
            m._goto(m._nextoffset)
        return np.concatenate(ids), np.concatenate(ws)
    ids_l, ws_l = [], []
    while m.is_active():
        ids_l.append(m.id())
        ws_l.append(m.weight())
        m.next()
    return np.asarray(ids_l, dtype=np.int64), np.asarray(ws_l, dtype=np.float64)


def _term_postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """One term's postings in one segment reader, deleted documents included (callers mask them)."""
    return _read_matcher(reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format))


def write_postings_cache(reader, dest: Path, fieldname: str = "text", min_df: int = CACHE_MIN_DF) -> None:
    """Write the cache for one segment ``reader`` (atomic): ``<segid>.bin`` + ``<segid>.json``."""
    segid = reader.segment().segment_id()
    dest.mkdir(parents=True, exist_ok=True)
    table: dict[str, list[int]] = {}
    tmp = dest / f"{segid}.bin.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        pos = 0
        for btext, ti in reader.iter_field(fieldname):
            if ti.doc_frequency() < min_df:
                continue
            ids, ws = _term_postings(reader, fieldname, btext)
            f.write(ids.astype("<i4").tobytes())
            f.write(ws.astype("<f4").tobytes())
            table[btext.decode("utf-8")] = [pos, len(ids)]
            pos += len(ids) * 8
    (dest / f"{segid}.json.tmp{os.getpid()}").write_text(
        json.dumps({"field": fieldname, "terms": table}), encoding="utf-8"
    )
    os.replace(tmp, dest / f"{segid}.bin")
    os.replace(dest / f"{segid}.json.tmp{os.getpid()}", dest / f"{segid}.json")


class _SegmentCache:
    def __init__(self, path: Path) -> None:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        self.field = meta["field"]
        self.terms: dict[str, list[int]] = meta["terms"]
        self.path = path

    def get(self, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        ent = self.terms.get(text)
        if ent is None:
            return None
        pos, n = ent
        try:
            with open(self.path, "rb") as f:
                f.seek(pos)
                buf = f.read(n * 8)
        except OSError:
            return None
        if len(buf) < n * 8:
            return None  # a truncated cache: read this term from Whoosh instead
        ids = np.frombuffer(buf, dtype="<i4", count=n).astype(np.int32)
        ws = np.frombuffer(buf, dtype="<f4", count=n, offset=n * 4).astype(np.float32)
        return ids, ws


def _load_segment_cache(cache_dir: Path | None, segid: str) -> _SegmentCache | None:
    if cache_dir is None:
        return None
    p = cache_dir / f"{segid}.bin"
    try:
        if p.is_file() and p.with_suffix(".json").is_file():
            return _SegmentCache(p)
    except (OSError, ValueError, KeyError):
        return None  # a damaged cache only costs speed
    return None


# -- evaluation -------------------------------------------------------------------------------------------
class _Phrase:
    """A phrase leaf: its candidates (the AND of its words) shrink as passages are checked."""

    def __init__(self, words: list[str], mask: np.ndarray, score: np.ndarray, slop: int = 1) -> None:
        self.words = words
        self.slop = slop
        self.mask = mask
        self.score = score
        self.unchecked = mask.copy()


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
        self.seg_caches: list[_SegmentCache | None] = []
        for r, off in self.leaves:
            for d in r.deleted_docs() if r.has_deletions() else ():
                self.alive[off + d] = False
            self.seg_caches.append(_load_segment_cache(cache_dir, r.segment().segment_id()))
        self._lengths: dict[str, np.ndarray] = {}
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
            arr = cache.get(text) if cache is not None and cache.field == fieldname else None
            if arr is None:
                if (fieldname, btext) not in r:
                    continue
                arr = _term_postings(r, fieldname, btext)
            ids_parts.append(arr[0] + off)
            w_parts.append(arr[1])
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
                    ids, _ = _term_postings(r, "source_id", btext)
                    sid = btext.decode("utf-8")
                    k = index.get(sid)
                    if k is None:
                        k = index[sid] = len(names)
                        names.append(sid)
                    src[ids + off] = k
            self._sources = (src, names)
        return self._sources

    def term_scores(self, fieldname: str, text: str, boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        ids, ws = self.postings(fieldname, text)
        if not len(ids):
            return ids, ws
        field = self.schema[fieldname]
        if not field.scorable:
            return ids, ws.astype(np.float64) * boost
        idf = self.s.idf(fieldname, text)
        avgfl = self.s.avg_field_length(fieldname) or 1
        B = self.field_B.get(fieldname, self.B)
        K1 = self.K1
        fl = self.lengths(fieldname)[ids]
        ws = ws.astype(np.float64)  # score in double precision, as Whoosh does
        sc = idf * ((ws * (K1 + 1)) / (ws + K1 * ((1 - B) + B * fl / avgfl)))
        return ids, sc * boost

    # -- boolean structure ---------------------------------------------------------------------------
    def _empty(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.n, dtype=bool), np.zeros(self.n)

    def _dense(self, ids: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mask, sc = self._empty()
        mask[ids] = True
        sc[ids] = scores  # one posting per document and term
        return mask, sc

    def _eval(
        self, q, phrases: dict[tuple, _Phrase], negative: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        t = type(q)
        if t is wq.Term:
            return self._dense(*self.term_scores(q.fieldname, q.text, q.boost))
        if t is wq.And:
            if not q.subqueries:
                return self._empty()
            # A NOT inside an AND is intersected like any child (Whoosh scores it 1.0; so do we).
            mask, sc = self._eval(q.subqueries[0], phrases, negative)
            for c in q.subqueries[1:]:
                m2, s2 = self._eval(c, phrases, negative)
                mask &= m2
                sc += s2
            sc *= mask
            return mask, sc * q.boost
        if t is wq.Or:
            if q.minmatch or q.scale:
                raise Unsupported("Or with minmatch/scale")
            mask, sc = self._empty()
            for c in q.subqueries:
                m2, s2 = self._eval(c, phrases, negative)
                mask |= m2
                sc += s2 * m2
            return mask, sc * q.boost
        if t is wq.Not:
            m2, _ = self._eval(q.query, phrases, not negative)
            mask = self.alive & ~m2
            return mask, mask * float(q.boost)
        if t is wq.AndNot:
            m1, s1 = self._eval(q.a, phrases, negative)
            m2, _ = self._eval(q.b, phrases, not negative)
            mask = m1 & ~m2
            return mask, s1 * mask * q.boost
        if t is wq.AndMaybe:
            m1, s1 = self._eval(q.a, phrases, negative)
            m2, s2 = self._eval(q.b, phrases, negative)
            return m1, (s1 + s2 * m2) * m1 * q.boost
        if t is wq.Require:
            m1, s1 = self._eval(q.a, phrases, negative)
            m2, _ = self._eval(q.b, phrases, True)  # membership only: must be exact
            mask = m1 & m2
            return mask, s1 * mask * q.boost
        if t is wq.Every and not q.fieldname:
            return self.alive.copy(), np.full(self.n, float(q.boost))
        if q is wq.NullQuery or t is type(wq.NullQuery):
            return self._empty()
        if t is wq.Phrase and q.fieldname == "text":
            # The text field keeps no positions: a phrase is the AND of its words, checked on the text.
            words = [str(w) for w in q.words]
            if not words:
                return self._empty()
            if len(words) == 1:
                return self._eval(wq.Term(q.fieldname, words[0], boost=q.boost), phrases, negative)
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
            return ph.mask.copy(), ph.score * ph.mask * q.boost
        return self._whoosh_leaf(q)

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
