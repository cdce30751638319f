"""Where nato-brief keeps its files. Computing paths creates nothing; ``ensure`` does."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    """All locations the program writes to, plus the shipped seed corpus."""

    home: Path
    index: Path
    documents: Path
    exports: Path
    config: Path
    lock: Path

    def ensure(self) -> Paths:
        """Create the writable directories that are missing, readable by the user only (the index holds
        pickles). Directories that already exist keep their mode: ``NATO_BRIEF_HOME=/tmp`` must not make
        /tmp private."""
        from .errors import CannotWrite

        for d in (self.home, self.index, self.documents, self.exports):
            try:
                make_private_dir(d)
            except OSError as e:
                raise CannotWrite(
                    f"Cannot write to {d} ({e.strerror or e}). Set NATO_BRIEF_HOME to a writable directory."
                ) from e
        return self


def make_private_dir(d: Path) -> None:
    """Create ``d`` and its missing parents with mode 0700; never touch a directory that already exists."""
    missing = []
    p = d
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for p in reversed(missing):
        try:
            os.mkdir(p, 0o700)
        except FileExistsError:
            continue  # another process made it meanwhile: not ours
        os.chmod(p, 0o700)  # ours: exactly 0700 whatever the umask


_umask_lock = threading.Lock()
_umask_depth = 0
_umask_saved = 0o022


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Inside, every file and directory the process creates is readable by the user only (umask 077).

    The umask is process-wide: nested and concurrent uses share one setting, restored when the last ends.
    """
    global _umask_depth, _umask_saved
    with _umask_lock:
        if _umask_depth == 0:
            _umask_saved = os.umask(0o077)
        _umask_depth += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask_depth -= 1
            if _umask_depth == 0:
                os.umask(_umask_saved)


def get_paths() -> Paths:
    """Paths under ``NATO_BRIEF_HOME`` when set, else platformdirs' per-user data directory."""
    env = os.environ.get("NATO_BRIEF_HOME")
    if env:
        home = Path(env).expanduser().resolve()
        config = home / "config.toml"
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir("nato-brief", appauthor=False))
        config = Path(platformdirs.user_config_dir("nato-brief", appauthor=False)) / "config.toml"
    return Paths(
        home=home,
        index=home / "index",
        documents=home / "documents",
        exports=home / "exports",
        config=config,
        lock=home / "write.lock",
    )


def seeds_dir() -> Path:
    """The shipped corpus: the installed ``nato_brief.seeds`` package, or ``seeds/`` in a checkout."""
    try:
        p = Path(str(resources.files("nato_brief.seeds")))
        if p.is_dir():
            return p
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "seeds"


SEED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def seed_files() -> list[Path]:
    """The seed documents in name order (data files such as the gazetteer are not documents)."""
    d = seeds_dir()
    return sorted(p for p in d.iterdir() if p.is_file() and p.suffix.lower() in SEED_SUFFIXES)


_LEFTOVER = re.compile(r"^tmp-gen-\d+-(\d+)-|^CURRENT\.(\d+)$|\.tmp(\d+)$")


def leftover_pid(name: str) -> int | None:
    """The process id in the name of an unfinished file or generation (``tmp-gen-*``, ``*.tmpPID``)."""
    m = _LEFTOVER.search(name)
    if m is None:
        return None
    return int(next(g for g in m.groups() if g))


def remove_leftovers(folder: Path, names: list[str] | None = None) -> None:
    """Remove unfinished files and generations in ``folder`` whose writing process is gone (best effort:
    a read-only home keeps them)."""
    try:
        names = os.listdir(folder) if names is None else names
    except OSError:
        return
    for name in names:
        pid = leftover_pid(name)
        if pid is None or pid == os.getpid() or process_alive(pid):
            continue
        p = folder / name
        with contextlib.suppress(OSError):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (one owned by another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
