"""Where nato-brief keeps its files. Computing paths creates nothing; ``ensure`` does."""

from __future__ import annotations

import os
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
        """Create the writable directories, readable by the user only (the index holds pickles)."""
        from .errors import IndexProblem

        for d in (self.home, self.index, self.documents, self.exports):
            try:
                d.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.chmod(d, 0o700)
            except OSError as e:
                raise IndexProblem(
                    f"Cannot write to {d} ({e.strerror or e}). Set NATO_BRIEF_HOME to a writable directory."
                ) from e
        return self


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
