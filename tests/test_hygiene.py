"""The core stays headless, and the code stays lint-clean, typed and within its import rules."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import nato_brief.search as search

ROOT = Path(__file__).resolve().parent.parent


def test_search_never_imports_textual():
    mods = [m.name for m in pkgutil.walk_packages(search.__path__, "nato_brief.search.")]
    code = "import sys\n" + "".join(f"import {m}\n" for m in mods) + "print('textual' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_ruff_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    r = subprocess.run(
        [ruff, "check", "search", "tui", "tests", "benchmarks"], capture_output=True, text=True, cwd=ROOT
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_installed_import_names_are_unique():
    """search/ and tui/ install under nato_brief, never as top-level 'search' / 'tui' packages."""
    code = "import importlib.util as u; print(u.find_spec('search') is None, u.find_spec('tui') is None)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert r.stdout.split() == ["True", "True"], r.stdout + r.stderr


def test_seeds_ship_with_the_package():
    from nato_brief.search.paths import seed_files

    names = [p.name for p in seed_files()]
    assert len(names) == 5 and all(n.endswith(".txt") for n in names)


def test_every_package_folder_is_installed():
    """A folder with an __init__.py under search/ or tui/ that pyproject does not list is missing from a
    non-editable install (pip install .): every command would fail with ModuleNotFoundError."""
    import tomllib

    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(cfg["packages"])
    for top in ("search", "tui"):
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT).as_posix()
            name = "nato_brief." + rel.replace("/", ".")
            assert name in listed, f"{rel}/ is not in pyproject packages"
            # a sub-package is found through its parent package-dir mapping
            assert any(rel == d or rel.startswith(d + "/") for d in cfg["package-dir"].values()), rel


def _as_installed(tmp_path: Path) -> Path:
    """search/ and tui/ copied under nato_brief/, the names they install as: mypy and import-linter read
    files and cannot follow the editable install's import hook."""
    root = tmp_path / "src"
    for d in ("search", "tui"):
        shutil.copytree(ROOT / d, root / "nato_brief" / d, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_mypy_clean(tmp_path):
    """mypy as configured in pyproject.toml ([tool.mypy]: which packages, which options) finds nothing."""
    root = _as_installed(tmp_path)
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "mypy-cache")],
        capture_output=True, text=True, cwd=root,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Success" in r.stdout


def test_import_rules_hold(tmp_path):
    """pyproject's import-linter contracts: search/ never imports tui/ or Textual; Whoosh only in search/engine."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    root = _as_installed(tmp_path)
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename=sys.argv[1]))"
    r = subprocess.run([sys.executable, "-c", code, str(ROOT / "pyproject.toml")], capture_output=True, text=True,
                       cwd=root, env={**os.environ, "PYTHONPATH": str(root)})  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{len(contracts)} kept, 0 broken" in r.stdout, r.stdout


def test_modules_stay_small():
    """A module past about 400 lines usually holds two rooms (docs/architecture.md, "Checked habits"): split it
    by what its parts are. The test allows some slack over 400."""
    limit = 450
    big = {
        f.relative_to(ROOT).as_posix(): n
        for top in ("search", "tui")
        for f in (ROOT / top).rglob("*.py")
        if (n := len(f.read_text(encoding="utf-8").splitlines())) > limit
    }
    assert not big, f"over {limit} lines: {big}"


def test_no_module_reaches_into_the_app():
    """Widgets and screens post messages; they never probe the app for methods to call."""
    for f in (ROOT / "tui").rglob("*.py"):
        assert "hasattr(self.app" not in f.read_text(), f
