"""Giving freed memory back to the system.

CPython's allocator and glibc's malloc keep memory a program freed for later use: after queries and a large
one-off build (the entity index reads ~270,000 name rows at 10,000 articles) tens of megabytes of the heap can
be free yet still count in the process's resident memory. ``malloc_trim`` hands the free pages back.
"""

from __future__ import annotations

import ctypes
import time


def release_free_heap() -> float:
    """Return the heap's free pages to the system where the C library can (glibc); a no-op elsewhere.
    Returns the seconds it took."""
    t = time.perf_counter()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc (macOS, musl, Windows)
        return 0.0
    trim(0)
    return time.perf_counter() - t
