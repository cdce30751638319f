"""Reading one Whoosh searcher's terms for the whole-list evaluator (dense.py): each term's document numbers
and weights (from the per-segment postings caches, postings.py, or Whoosh's own postings), its BM25F scores
with Whoosh's formula, statistics and quantised field lengths, and which source each document belongs to.
Uses Whoosh internals (README.md).
"""

from __future__ import annotations

from collections import OrderedDict
from math import log
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .postings import SegmentCache, load_segment_cache, term_postings

TERM_CACHE_BYTES = 32 * 1024 * 1024

_BYTE_TO_LENGTH = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)


def deleted_docs(reader) -> list[int]:
    """The deleted document numbers of one segment reader. whoosh-reloaded's SegmentReader has no
    ``deleted_docs()`` (its per-document reader does; the reader caches them as ``deleted_docs_set``)."""
    got = getattr(reader, "deleted_docs_set", None)
    if got is None:
        return [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
    return sorted(got)


class TermReader:
    """Terms, scores and field lengths of one searcher, kept for the next queries (one per searcher)."""

    def __init__(self, searcher, cache_dir: Path | None = None) -> None:
        self.s = searcher
        w = searcher.weighting
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
        self._norms: dict[str, np.ndarray] = {}
        self._all_alive = bool(self.alive.all())
        self._dfs: dict[tuple[str, str], int] = {}
        self._scored: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._scored_bytes = 0
        self._avgfl: dict[str, float] = {}
        self._terms: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._term_bytes = 0
        self._sources: tuple[np.ndarray, list[str]] | None = None
        self._lexicons: dict[tuple[int, str], set[bytes]] = {}

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in ``fieldname`` as Whoosh reads it (quantised to a byte)."""
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
        return out

    def norms(self, fieldname: str) -> np.ndarray:
        """Each document's BM25 length normalisation in ``fieldname``, ``K1 * ((1 - B) + B * fl / avgfl)``:
        the part of a score that does not depend on the term, computed once per searcher (a cold term's
        scores gathered the lengths and redid this for every posting), with the same operations in the same
        order, so the scores are the same to the bit."""
        got = self._norms.get(fieldname)
        if got is None:
            avgfl = self._avgfl.get(fieldname)
            if avgfl is None:
                avgfl = self._avgfl[fieldname] = self.s.avg_field_length(fieldname) or 1
            B = self.field_B.get(fieldname, self.B)
            got = self._norms[fieldname] = self.K1 * ((1 - B) + B * self.lengths(fieldname) / avgfl)
        return got

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
        for i, ((r, off), cache) in enumerate(zip(self.leaves, self.seg_caches, strict=True)):
            arr = None
            if fieldname != "text" and btext not in self.lexicon(i, fieldname):
                continue  # most name-field leaves of a query (an alias as an author) are in no segment
            if cache is not None and cache.has(fieldname):
                if cache.vouched(text, fieldname):  # one read, no look-up in Whoosh's tables
                    arr = cache.get(text, r.doc_count_all(), fieldname=fieldname)
                elif (fieldname, btext) in r:
                    df = r.doc_frequency(fieldname, btext)
                    arr = cache.get(text, r.doc_count_all(), df, fieldname=fieldname)
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
            if not self._all_alive:
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

    def lexicon(self, i: int, fieldname: str) -> set[bytes]:
        """The terms segment ``i`` has in ``fieldname`` (kept: the name fields and titles are small)."""
        got = self._lexicons.get((i, fieldname))
        if got is None:
            r = self.leaves[i][0]
            try:
                got = set(r.lexicon(fieldname))
            except (KeyError, TermNotFound):  # a field this segment never saw
                got = set()
            self._lexicons[(i, fieldname)] = got
        return got

    def prepare(self) -> None:
        """Read now what the first queries would wait for: field length norms and the small fields' terms."""
        for name, field in self.schema.items():
            if field.scorable:
                self.norms(name)
            if name != "text" and field.indexed and name in ("title", "author", "outlet", "speaker"):
                for i in range(len(self.leaves)):
                    self.lexicon(i, name)

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
        # idf * ((tf * (K1 + 1)) / (tf + norm)) in double precision, as Whoosh; in place (no temporaries:
        # addition and multiplication of two doubles give the same bits in either order).
        den = self.norms(fieldname)[ids]
        sc = ws.astype(np.float64)
        den += sc
        sc *= self.K1 + 1
        sc /= den
        sc *= idf
        return ids, sc
