"""Index generations on disk, the atomic switch between them, and the write lock.

The index is a cache of the documents, kept under ``NATO_BRIEF_HOME/index``::

    index/CURRENT                          name of the generation that answers queries
    index/gen-*/whoosh/, index/gen-*/library.sqlite, index/gen-*/postings/, index/gen-*/stamp.json

A full build writes a new generation in ``tmp-gen-*`` beside the old one, then :meth:`Generations.publish`
renames it into place and switches ``CURRENT`` with an atomic rename, so a crash or kill mid-build leaves the
previous generation answering. Every write takes :func:`write_lock` (one process at a time).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from . import manifest
from .engine.schema import SCHEMA_VERSION
from .engine.segments import open_index
from .errors import CannotWrite, IndexProblem, LibraryBusy, cannot_write
from .paths import Paths, private_files, remove_leftovers
from .store import Store

LOCK_TIMEOUT = float(os.environ.get("NATO_BRIEF_LOCK_TIMEOUT", "60"))


@contextlib.contextmanager
def write_lock(paths: Paths, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Exclusive, process-wide write lock; waits up to ``timeout`` seconds, then raises LibraryBusy.

    Everything written while it is held is created readable by the user only (files 0600, directories
    0700). A home that cannot be written (read-only, full) raises CannotWrite saying why.
    """
    paths.ensure()
    try:
        fd = os.open(paths.lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as e:
        raise CannotWrite(cannot_write(paths.home, e)) from e
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LibraryBusy(
                        "Another nato-brief is still writing to the library; nothing was changed. Try again."
                    ) from None
                time.sleep(0.05)
        with private_files():
            yield
    finally:
        os.close(fd)


def check_store(store: Store) -> None:
    """Raise Damaged unless the store passes SQLite's quick check."""
    try:
        ok = store.passes_quick_check()
    except sqlite3.DatabaseError as e:  # "database disk image is malformed": the check itself cannot run
        store.close()
        raise manifest.Damaged(f"the library store cannot be read ({e})") from None
    if not ok:
        store.close()
        raise manifest.Damaged("the library store fails SQLite's check")


class Generations:
    """The generations under ``paths.index``: which one is current, opening one, publishing a new one."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    def current(self) -> str | None:
        """The name in ``CURRENT`` when it names a generation directory, else None."""
        try:
            name = (self.paths.index / "CURRENT").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        if not name.startswith("gen-") or "/" in name or not (self.paths.index / name).is_dir():
            return None
        return name

    def dir(self, gen: str) -> Path:
        return self.paths.index / gen

    def open(self, gen: str, *, full: bool | None = None):
        """(Whoosh index, Store) of one generation; raises IndexProblem when a file is not the one its
        manifest describes (``full``: see :func:`manifest.check`), the store fails SQLite's quick check, or
        the stamp or counts disagree (and whatever Whoosh raises on damaged files)."""
        d = self.dir(gen)
        stamp = json.loads((d / "stamp.json").read_text(encoding="utf-8"))
        if stamp.get("schema") != SCHEMA_VERSION:
            raise IndexProblem("index schema changed")
        manifest.check(d, full=full)
        ix = open_index(d / "whoosh")
        store = Store(d / "library.sqlite")
        with ix.searcher() as s:
            n = s.doc_count()
        if full or (full is None and store.path.stat().st_size <= manifest.FULL_CHECK_BYTES):
            check_store(store)  # 60-80 ms at 1k articles (16 MB); bigger stores: in Library.warm
        stored = store.passage_count()
        if n != stored:
            store.close()
            raise IndexProblem(f"index holds {n} passages, library {stored}")
        return ix, store

    def new_name(self) -> str:
        return f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{int(time.time() * 1000) % 100000}"

    def staging_dir(self, gen: str) -> Path:
        """An empty ``tmp-<gen>`` directory (with its ``whoosh/``) to build ``gen`` in."""
        tmp = self.paths.index / f"tmp-{gen}"
        shutil.rmtree(tmp, ignore_errors=True)
        (tmp / "whoosh").mkdir(parents=True, mode=0o700)
        return tmp

    def publish(self, tmp: Path, gen: str) -> None:
        """Stamp the built generation, move it into place and make it current (atomic renames)."""
        (tmp / "stamp.json").write_text(
            json.dumps({"schema": SCHEMA_VERSION, "built": time.time()}), encoding="utf-8"
        )
        manifest.write(tmp)
        os.replace(tmp, self.dir(gen))
        cur_tmp = self.paths.index / f"CURRENT.{os.getpid()}"
        cur_tmp.write_text(gen, encoding="utf-8")
        os.replace(cur_tmp, self.paths.index / "CURRENT")

    def collect_garbage(self, keep: set[str]) -> None:
        """Remove old generations (keeping the newest one before ``keep`` for open readers) and dead temps."""
        gens = sorted(p.name for p in self.paths.index.glob("gen-*") if p.is_dir())
        older = [g for g in gens if g not in keep]
        for g in older[:-1]:
            shutil.rmtree(self.paths.index / g, ignore_errors=True)
        remove_leftovers(self.paths.index)

    def remove_leftovers(self) -> None:
        """What a killed run left: unfinished generations and switches, half-written postings caches."""
        remove_leftovers(self.paths.index)
        gen = self.current()
        if gen is not None:
            remove_leftovers(self.dir(gen) / "postings")
