"""Shared fixtures: every test gets its own NATO_BRIEF_HOME; the seed library is built once per session."""

from __future__ import annotations

import os
import shutil
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
