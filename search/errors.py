"""One exception family for errors a user should read, each with a documented exit code."""

from __future__ import annotations

import errno
from pathlib import Path

EXIT_OK = 0
EXIT_NOTHING_FOUND = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_INDEX = 4


class BriefError(Exception):
    """An error meant for the user: a short title, a message, and the CLI exit code."""

    title = "Error"
    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title


class InputError(BriefError):
    """A document or query that cannot be used."""

    title = "Input error"
    exit_code = EXIT_INPUT


class IndexProblem(BriefError):
    """The index could not be opened, repaired or written."""

    title = "Index problem"
    exit_code = EXIT_INDEX


class LibraryBusy(IndexProblem):
    """Another nato-brief process holds the write lock for too long."""

    title = "Library busy"


class VerbatimError(BriefError):
    """A quote no longer matches its stored source text; exporting it would misquote."""

    title = "Quote check failed"
    exit_code = EXIT_INPUT


class CannotWrite(IndexProblem):
    """The library's home cannot be written (read-only, full, no permission): reading still works."""

    title = "Cannot write"


READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT)


def cannot_write(where: Path, e: OSError | str) -> str:
    """The message for a write that failed because of the place, not the data."""
    why = e if isinstance(e, str) else (e.strerror or str(e))
    return f"Cannot write to {where} ({why}); nothing was changed. Searching and reading still work."


def is_place_error(e: BaseException) -> bool:
    """Whether a write failed because of where it writes (read-only, full, no permission)."""
    import sqlite3

    if isinstance(e, OSError):
        return e.errno in READ_ONLY_ERRNOS
    if isinstance(e, sqlite3.OperationalError):
        msg = str(e).lower()
        return any(w in msg for w in ("readonly", "read-only", "disk is full", "disk i/o", "unable to open"))
    return False
