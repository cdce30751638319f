"""The Whoosh version the fast path was written against, checked once at import.

``search/engine/dense.py``, ``postings.py`` and ``segments.py`` read Whoosh's private internals (listed in
README.md). Those are only trusted on the exact version pinned in pyproject.toml; on any other version
:data:`FAST` is False and the engine uses Whoosh's public API only: Whoosh's own searcher scores every query
and its own writer builds every segment (slower, same results), and :data:`WARNING` says so in one line
(the library adds it to its notices, which the CLI prints and the TUI shows).
"""

from __future__ import annotations

import whoosh

PINNED = (2, 7, 5)  # whoosh-reloaded==2.7.5 in pyproject.toml: change both together, after the tests pass


def installed() -> tuple[int, ...]:
    """The installed Whoosh's version as a tuple (``whoosh.__version__``)."""
    v = getattr(whoosh, "__version__", ())
    return tuple(v) if isinstance(v, tuple) else ()


def check(version: tuple[int, ...]) -> str | None:
    """None when ``version`` is the pinned one, else the one-line warning for the user."""
    if tuple(version[:3]) == PINNED:
        return None
    want = ".".join(map(str, PINNED))
    got = ".".join(map(str, version)) or "unknown"
    return (
        f"Whoosh {got} is installed, but the fast search path was checked against {want} only: "
        "searching with Whoosh's own (slower) scorer instead."
    )


WARNING: str | None = check(installed())
FAST: bool = WARNING is None
