"""Per-segment postings caches: every frequent ``text`` and ``title`` term's document numbers and weights, without
positions, written once when a segment is built, so reading a long posting list is one file read instead of
unpickling hundreds of Whoosh blocks. Segments without one (small ones written by ``add``) are read from
Whoosh directly. A cache only ever costs speed: a missing, damaged or other-format one is ignored.

Files, per segment: ``<segid>.bin`` (little-endian int32 ids then float32 weights, term after term) and
``<segid>.json`` (``{"format", "field", "terms": {term: [offset, count, hash]}, "more": {field: {term: …}}, "crc"}``:
the text field's terms, and the title's under "more"; caches written before "more" have the text's only).
The hash of each term's bytes, begun with the segment, field and term (``"crc": "xxh3"``: XXH3-64, 20 times
faster than CRC-32 here, which was a third of a cold term's read; caches written before it have a CRC-32,
``"keyed"`` or of the bytes alone, and are still read), vouches for them, so a term is read with one ``pread``
and no look-up in Whoosh's own tables (caches written before any check was recorded are checked against
Whoosh's document frequency instead). Uses Whoosh internals (README).
"""

from __future__ import annotations

import json
import os
import threading
import zlib
from pathlib import Path

import numpy as np
import xxhash
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

FORMAT = 1  # the layout above; files written before the field existed are this format too (entries without
# a CRC, written before it was recorded, are still read: checked against Whoosh's document frequency)
CACHE_MIN_DF = 64  # terms in fewer passages than this are cheap to read from Whoosh itself


def seal(meta: dict, data: Path) -> dict:
    """What the metadata file records to vouch for its data file: its size (each term's postings are also
    checked as they are read, see :meth:`SegmentCache.get`)."""
    return {**meta, "bytes": data.stat().st_size}


def intact(meta: dict, data: Path) -> bool:
    """Whether ``data`` is the file ``meta`` describes (format, table shape and size)."""
    if (
        not isinstance(meta, dict)
        or meta.get("format", 1) != FORMAT
        or not isinstance(meta.get("terms"), dict)
    ):
        return False
    try:
        return "bytes" not in meta or data.stat().st_size == meta["bytes"]
    except OSError:
        return False


# -- reading Whoosh's postings ------------------------------------------------------------------------------
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


def term_postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """One term's postings in one segment reader, deleted documents included (callers mask them)."""
    return _read_matcher(reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format))


# -- the cache files --------------------------------------------------------------------------------------
def write_postings_cache(
    reader, dest: Path, fieldname: str = "text", min_df: int = CACHE_MIN_DF, more: tuple[str, ...] = ("title",)
) -> None:
    """Write the cache for one segment ``reader`` (atomic): ``<segid>.bin`` + ``<segid>.json``, with the terms
    of ``fieldname`` and of the fields in ``more`` (a title is indexed with every passage of its source, so
    its frequent words have long lists too)."""
    segid = reader.segment().segment_id()
    dest.mkdir(parents=True, exist_ok=True)
    tables: dict[str, dict[str, list[int]]] = {}
    tmp = dest / f"{segid}.bin.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        pos = 0
        for name in (fieldname, *more):
            table = tables[name] = {}
            if name not in reader.schema:
                continue
            for btext, ti in reader.iter_field(name):
                if ti.doc_frequency() < min_df:
                    continue
                ids, ws = term_postings(reader, name, btext)
                data = ids.astype("<i4").tobytes() + ws.astype("<f4").tobytes()
                f.write(data)
                term = btext.decode("utf-8")
                table[term] = [pos, len(ids), entry_hash(segid, name, term, data)]
                pos += len(data)
    extra = {name: tables[name] for name in more}
    meta = {"format": FORMAT, "field": fieldname, "terms": tables[fieldname], "more": extra, "crc": "xxh3"}
    meta = seal(meta, tmp)
    (dest / f"{segid}.json.tmp{os.getpid()}").write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, dest / f"{segid}.bin")
    os.replace(dest / f"{segid}.json.tmp{os.getpid()}", dest / f"{segid}.json")


def entry_hash(segid: str, fieldname: str, term: str, data: bytes) -> int:
    """The XXH3-64 hash of a term's postings, begun with the segment, field and term they belong to: an entry
    moved to another term, field or segment does not match (the bytes alone would)."""
    h = xxhash.xxh3_64(f"{segid}\x00{fieldname}\x00{term}\x00".encode())
    h.update(data)
    return h.intdigest()


def entry_crc(segid: str, fieldname: str, term: str, data: bytes) -> int:
    """The CRC of a term's postings, begun with the segment, field and term they belong to: an entry moved to
    another term, field or segment does not match (the bytes alone would)."""
    return zlib.crc32(data, zlib.crc32(f"{segid}\x00{fieldname}\x00{term}".encode()))


class SegmentCache:
    def __init__(self, path: Path) -> None:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if not intact(meta, path):
            raise ValueError("postings cache of another format")
        self.field = meta["field"]
        self.terms: dict[str, list[int]] = meta["terms"]
        more = meta.get("more")
        self.tables: dict[str, dict[str, list[int]]] = {
            **{k: v for k, v in (more.items() if isinstance(more, dict) else []) if isinstance(v, dict)},
            self.field: self.terms,
        }
        self.path = path
        self.segid = path.stem
        # "xxh3": keyed XXH3-64; "keyed": keyed CRC-32; neither: caches written before the key was in the CRC
        self.check = meta.get("crc") if meta.get("crc") in ("xxh3", "keyed") else "bytes"
        self.size = path.stat().st_size
        self._fd: int | None = None
        self._fd_lock = threading.Lock()

    damaged = False

    def has(self, fieldname: str) -> bool:
        """Whether the cache holds ``fieldname``'s frequent terms."""
        return fieldname in self.tables

    def vouched(self, text: str, fieldname: str = "text") -> bool:
        """Whether the cache holds ``text`` with a CRC (then it is read without asking Whoosh anything)."""
        table = self.tables.get(fieldname)
        ent = None if self.damaged or table is None else table.get(text)
        return isinstance(ent, list) and len(ent) == 3 and self.check != "bytes"

    def _read(self, pos: int, size: int) -> bytes:
        if self._fd is None:
            with self._fd_lock:
                if self._fd is None:
                    self._fd = os.open(self.path, os.O_RDONLY)
        return os.pread(self._fd, size, pos)  # no seek: safe from any thread

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass

    def get(
        self, text: str, ndocs: int, df: int | None = None, fieldname: str = "text"
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """One term's postings, or None when the cache lacks it or is damaged (then Whoosh is read instead).

        ``ndocs``: the segment's document count; ``df``: the term's frequency there, checked when the entry
        has no CRC (None: such an entry is not used). A damaged cache must only cost speed, never change
        results or make queries fail.
        """
        table = self.tables.get(fieldname)
        ent = None if self.damaged or table is None else table.get(text)
        if ent is None:
            return None
        try:
            pos, n = int(ent[0]), int(ent[1])
            crc = int(ent[2]) if len(ent) > 2 else None
        except Exception:  # any malformed entry (a dict, a string, …): the file is suspect
            self.damaged = True
            return None
        if crc is None and df is None:
            return None
        if pos < 0 or n < 0 or pos + n * 8 > self.size:
            self.damaged = True  # an entry pointing outside the file
            return None
        try:
            buf = self._read(pos, n * 8)
        except (OSError, MemoryError, OverflowError, ValueError):
            return None
        if len(buf) < n * 8:
            return None  # a truncated cache: read this term from Whoosh instead
        if crc is not None:
            if self.check == "xxh3":
                want = entry_hash(self.segid, fieldname, text, buf)
            elif self.check == "keyed":
                want = entry_crc(self.segid, fieldname, text, buf)
            else:
                want = zlib.crc32(buf)
            if want != crc:
                self.damaged = True  # the whole file is suspect: this segment is read from Whoosh from now on
                return None
        # Read-only views of the bytes read (no copies): callers make new arrays from them.
        ids = np.frombuffer(buf, dtype="<i4", count=n)
        ws = np.frombuffer(buf, dtype="<f4", count=n, offset=n * 4)
        ok = (crc is not None or n == df) and (n == 0 or (ids[0] >= 0 and ids[-1] < ndocs))
        if ok and crc is None:
            ok = bool(np.all(np.diff(ids) > 0)) and bool(np.all(np.isfinite(ws) & (ws > 0)))
        if not ok:
            self.damaged = True
            return None
        return ids, ws


def load_segment_cache(cache_dir: Path | None, segid: str) -> SegmentCache | None:
    if cache_dir is None:
        return None
    p = cache_dir / f"{segid}.bin"
    try:
        if p.is_file() and p.with_suffix(".json").is_file():
            return SegmentCache(p)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # a damaged cache only costs speed
    return None


def write_postings_caches(ix, dest: Path, min_docs: int = 0) -> None:
    """Caches for the segments of ``ix`` that lack a current one; drop those of merged-away segments."""
    dest.mkdir(parents=True, exist_ok=True, mode=0o700)
    with ix.searcher() as s:
        live = set()
        for ss, _off in s.leaf_searchers():
            r = ss.reader()
            if r.segment() is None:  # an empty index (a library with no documents yet) has no segment
                continue
            segid = r.segment().segment_id()
            live.add(segid)
            if r.doc_count_all() >= min_docs and not _current(dest / f"{segid}.json"):
                write_postings_cache(r, dest)
    for f in dest.iterdir():
        if f.name.split(".")[0] not in live:
            f.unlink(missing_ok=True)


def _current(meta_path: Path) -> bool:
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else None
        # a cache without the title's terms (written before they were kept) is written again
        return meta is not None and "more" in meta and intact(meta, meta_path.with_suffix(".bin"))
    except (OSError, ValueError):
        return False
