"""Per-thread readers of the current generation: a Store connection, a Whoosh searcher and the whole-list
evaluator (search/engine/dense.py), one set per thread.

The TUI runs each search in a new worker thread; opening a searcher and loading the catalog again for every
keystroke would cost more than the search itself, so a thread that finished leaves its slot (and caches) to
the next one.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from .engine.run import open_dense
from .generations import Generations
from .store import Store


class ReaderPool:
    """The open index (``ix``, ``gen``) and the reader slots that threads take over from each other."""

    def __init__(self, generations: Generations, ensure_open: Callable[[], object]) -> None:
        self.generations = generations
        self._ensure_open = ensure_open  # opens (or builds) the library when nothing is open yet
        self._ix = None
        self.gen: str | None = None
        self.reset()

    def set(self, ix, gen: str, store: Store | None = None) -> None:
        """Answer from generation ``gen`` from now on (``store``: a connection this thread may keep)."""
        self._ix = ix
        self.gen = gen
        self.reset()
        if store is not None:
            self.local.store = store
            self.local.gen = gen

    def reset(self) -> None:
        """Forget every thread's readers (after a write: they reopen on next use)."""
        self._tls = threading.local()
        self._slots: list[SimpleNamespace] = []
        self._slots_lock = threading.Lock()

    @property
    def local(self) -> SimpleNamespace:
        """This thread's slot: searcher, store connection and caches (a finished thread's, when one is free)."""
        slot = getattr(self._tls, "slot", None)
        if slot is None:
            with self._slots_lock:
                for cand in self._slots:
                    if not cand.thread.is_alive():
                        slot = cand
                        break
                else:
                    slot = SimpleNamespace()
                    self._slots.append(slot)
                slot.thread = threading.current_thread()
            self._tls.slot = slot
        return slot

    @property
    def ix(self):
        if self._ix is None:
            self._ensure_open()
        return self._ix

    def store(self) -> Store:
        """This thread's connection to the current generation's records."""
        self.ix  # noqa: B018  (opens when needed)
        st = getattr(self.local, "store", None)
        if st is None or getattr(self.local, "gen", None) != self.gen:
            assert self.gen is not None
            st = Store(self.generations.dir(self.gen) / "library.sqlite")
            self.local.store = st
            self.local.gen = self.gen
        return st

    def searcher(self):
        """This thread's Whoosh searcher, refreshed when the index changed."""
        ix = self.ix
        loc = self.local
        s = getattr(loc, "searcher", None)
        if s is None or getattr(loc, "searcher_gen", None) != self.gen:
            s = ix.searcher()
            loc.searcher = s
            loc.searcher_gen = self.gen
        elif not getattr(loc, "pinned", 0) and not s.up_to_date():
            s = self._reopen(s)
            loc.searcher = s
        return s

    @contextmanager
    def pinned(self, checked: bool = False) -> Iterator[None]:
        """One query's reads: whether another process committed is checked once, at the start, and every
        read of the query sees that searcher (each check lists the index directory: a keystroke made nine).
        ``checked``: the caller has just checked (:meth:`refresh_if_stale`), so no look now."""
        loc = self.local
        depth = getattr(loc, "pinned", 0)
        if not depth and not checked:
            self.searcher()
        loc.pinned = depth + 1
        try:
            yield
        finally:
            loc.pinned = depth

    def _reopen(self, s):
        """A new searcher on the index as it is now. Not Whoosh's ``refresh()``: it reuses the readers of
        segments it already had, and after another process's commit merged small segments it kept the
        merged-away ones beside the merged one, so every passage added since showed twice."""
        try:
            s.close()
        except Exception:  # closing an old searcher must not stop the new one opening
            pass
        return self.ix.searcher()

    def dense(self):
        """This thread's whole-posting-list evaluator (search/engine/dense.py), or None when it cannot be
        used (then Whoosh's own searcher scores every query)."""
        s = self.searcher()
        loc = self.local
        if getattr(loc, "dense_for", None) is not s:
            assert self.gen is not None
            loc.dense = open_dense(s, self.generations.dir(self.gen) / "postings")
            loc.dense_for = s
        return loc.dense

    def key(self) -> tuple:
        """What the caches built from the index are valid for: a new reader means the index changed."""
        reader = self.searcher().reader()
        # The reader's generation is the same in every thread (each thread has its own searcher): caches built
        # in one worker thread stay valid in the next (the typo corrector takes seconds to build at 10k).
        generation = reader.generation()
        return (self.gen, generation if isinstance(generation, int) and generation >= 0 else id(reader))

    def refresh_if_stale(self) -> bool:
        """Refresh this thread's searcher when another writer committed to the same generation."""
        s = getattr(self.local, "searcher", None)
        if s is not None and not s.up_to_date():
            self.local.searcher = self._reopen(s)
            st = getattr(self.local, "store", None)
            if st is not None:
                st.forget_cached()
            return True
        return False


class _Reads(Protocol):
    readers: ReaderPool


_S = TypeVar("_S", bound=_Reads)
_P = ParamSpec("_P")
_R = TypeVar("_R")


def one_view(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """A method whose reads all see the index as it was when it began (:meth:`ReaderPool.pinned`)."""

    @functools.wraps(method)
    def wrapper(self: _S, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self.readers.pinned():
            return method(self, *args, **kwargs)

    return wrapper
