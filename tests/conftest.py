"""Shared fixtures: every test gets its own NATO_BRIEF_HOME; the seed library is built once per session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def seed_home(tmp_path_factory) -> Path:
    """A home with the seed library indexed (built once; copy it before writing)."""
    home = tmp_path_factory.mktemp("seed-home")
    old = os.environ.get("NATO_BRIEF_HOME")
    os.environ["NATO_BRIEF_HOME"] = str(home)
    from nato_brief.search.library import Library

    Library().open()
    if old is None:
        del os.environ["NATO_BRIEF_HOME"]
    else:
        os.environ["NATO_BRIEF_HOME"] = old
    return home


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An empty NATO_BRIEF_HOME for this test."""
    h = tmp_path / "home"
    monkeypatch.setenv("NATO_BRIEF_HOME", str(h))
    return h


@pytest.fixture
def seeded(tmp_path, monkeypatch, seed_home) -> Path:
    """A private copy of the built seed library as NATO_BRIEF_HOME."""
    h = tmp_path / "home"
    shutil.copytree(seed_home, h)
    monkeypatch.setenv("NATO_BRIEF_HOME", str(h))
    return h


@pytest.fixture
def lib(seeded):
    from nato_brief.search.library import Library

    return Library().open()


# -- helpers the test modules import ----------------------------------------------------------------------
def cli(*args: str) -> subprocess.CompletedProcess:
    """The real command line, as a user runs it (NATO_BRIEF_HOME from the environment)."""
    return subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ}, timeout=120)  # fmt: skip


def search_json(*args: str) -> tuple[int, dict]:
    r = cli("search", *args, "--json")
    return r.returncode, json.loads(r.stdout)


def home_with_documents(tmp_path_factory, seed_home: Path, label: str, docs: dict[str, str]) -> Path:
    """A copy of the seed library with ``docs`` (file name -> text) added, for a module's tests to read."""
    from nato_brief.search.library import Library

    base = tmp_path_factory.mktemp(label)
    home = base / "home"
    shutil.copytree(seed_home, home)
    files = []
    for name, text in docs.items():
        (base / name).write_text(text, encoding="utf-8")
        files.append(base / name)
    mp = pytest.MonkeyPatch()
    mp.setenv("NATO_BRIEF_HOME", str(home))
    try:
        Library().open().add(files)
    finally:
        mp.undo()
    return home
