"""A generation's manifest: every index file it holds, with its size and CRC-32, so damage is noticed.

Written when a generation is published and again after every add (the caller holds the write lock), as
``manifest.json``::

    {"format": 1, "files": {"whoosh/MAIN_x.seg": [size, crc32], ...}, "sum": crc32 of the files table}

:func:`check` runs on every open: the manifest's own sum, every file's size, and the CRC-32 of the small files
(the TOC, ``stamp.json``); the big files' CRC-32 too when the index is small enough for it to be cheap
(``FULL_CHECK_BYTES``), else in :meth:`Library.warm`. The SQLite store is not listed (SQLite rewrites it as
readers come and go, WAL checkpoints): ``PRAGMA quick_check`` vouches for it on open (see generations.py). The
postings caches check themselves as they are read (engine/postings.py).
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from .errors import IndexProblem

FORMAT = 1
NAME = "manifest.json"
SMALL = 256 * 1024  # files up to this size are checksummed on every open
FULL_CHECK_BYTES = int(os.environ.get("NATO_BRIEF_FULL_CHECK_BYTES", str(48 * 1024 * 1024)))


class Damaged(IndexProblem):
    """A file of the index is not the one the manifest describes."""


def _listed(gen_dir: Path) -> list[Path]:
    out = []
    for p in sorted(gen_dir.rglob("*")):
        rel = p.relative_to(gen_dir)
        if not p.is_file() or rel.parts[0] == "postings" or rel.name.startswith(("library.sqlite", NAME)):
            continue
        if "LOCK" in rel.name:  # Whoosh's lock file: empty, touched by writers
            continue
        out.append(p)
    return out


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _sum(files: dict) -> int:
    return zlib.crc32(json.dumps(files, sort_keys=True, separators=(",", ":")).encode())


def write(gen_dir: Path) -> None:
    """Record every index file of ``gen_dir`` (atomic replace).

    Whoosh never rewrites a segment's files (an add writes new ones and a new table of contents), so a file
    the previous manifest lists with the same size and the same modification time (kept beside the table, as
    ``mtimes``) keeps its CRC-32 instead of being read again: an add reads only the files it wrote (reading
    the whole index again was a good part of one add at 10,000 articles). Damage that changes neither keeps
    failing the check, as it should; a file a program rewrote is read again."""
    old, stamps = _previous(gen_dir)
    files, mtimes = {}, {}
    for p in _listed(gen_dir):
        rel = str(p.relative_to(gen_dir))
        st = p.stat()
        prev = old.get(rel)
        if (
            isinstance(prev, list)
            and len(prev) == 2
            and prev[0] == st.st_size
            and isinstance(prev[1], int)
            and stamps.get(rel) == st.st_mtime_ns
        ):
            files[rel] = [st.st_size, prev[1]]
        else:
            files[rel] = [st.st_size, _crc(p)]
        mtimes[rel] = st.st_mtime_ns
    tmp = gen_dir / f"{NAME}.{os.getpid()}"
    body = {"format": FORMAT, "files": files, "sum": _sum(files), "mtimes": mtimes}
    tmp.write_text(json.dumps(body), encoding="utf-8")
    os.replace(tmp, gen_dir / NAME)


def _previous(gen_dir: Path) -> tuple[dict, dict]:
    """The files table of the manifest being replaced and the modification times it recorded (none when it
    is missing, damaged, or was written before they were kept)."""
    try:
        files = _load(gen_dir)
        stamps = json.loads((gen_dir / NAME).read_text(encoding="utf-8")).get("mtimes")
    except (Damaged, OSError, ValueError, UnicodeDecodeError):
        return {}, {}
    return files, stamps if isinstance(stamps, dict) else {}


def _load(gen_dir: Path) -> dict:
    try:
        m = json.loads((gen_dir / NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Damaged("the index has no manifest of its files") from None
    except (OSError, ValueError, UnicodeDecodeError):
        raise Damaged("the index manifest is damaged") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT or not isinstance(m.get("files"), dict):
        raise Damaged("the index manifest is of another format")
    if m.get("sum") != _sum(m["files"]):
        raise Damaged("the index manifest is damaged")
    return m["files"]


def _total(files: dict) -> int:
    return sum(v[0] for v in files.values() if isinstance(v, list) and v and isinstance(v[0], int))


def checked_in_full(gen_dir: Path, store: Path) -> bool:
    """Whether opening checked every file's CRC-32 and the store's quick check (so warm need not)."""
    try:
        return _total(_load(gen_dir)) <= FULL_CHECK_BYTES and store.stat().st_size <= FULL_CHECK_BYTES
    except (Damaged, OSError):
        return False


def check(gen_dir: Path, *, full: bool | None = None) -> None:
    """Raise Damaged unless every listed file has its size (and CRC-32: small files always, big ones when
    ``full``; None means when the whole index is at most FULL_CHECK_BYTES)."""
    files = _load(gen_dir)
    if full is None:
        full = _total(files) <= FULL_CHECK_BYTES
    for rel, entry in files.items():
        p = gen_dir / rel
        try:
            size, crc = entry
            if p.stat().st_size != size:
                raise Damaged(f"{rel} has another size than when it was written")
            if (full or size <= SMALL) and _crc(p) != crc:
                raise Damaged(f"{rel} has other contents than when it was written")
        except (OSError, TypeError, ValueError):
            raise Damaged(f"{rel} is missing or unreadable") from None
