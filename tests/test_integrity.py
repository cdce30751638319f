"""A damaged index is noticed: damage to a file of a built index must not change what a search returns.

Covered so far: the postings caches (a garbage cache used to send every query to the literal fallback, for
good), and every other file of a generation: each carries a size and CRC-32 in the manifest, checked on open
(issue 12, item 7); a damaged file means a rebuild from the documents, with a notice.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUERY = ["NATO", "ISIS"]


def _search(home: Path) -> tuple[list[str], list[str]]:
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", *QUERY, "--limit", "8", "--json"],
                       capture_output=True, text=True, timeout=180, cwd=ROOT,
                       env={**os.environ, "NATO_BRIEF_HOME": str(home)})  # fmt: skip
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    out = json.loads(r.stdout)
    return [h["passage_id"] for h in out["hits"]], out[
        "notices"
    ] + r.stderr.splitlines()  # open's notices: stderr


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncate":
        data = data[: len(data) // 2]
    elif how == "zero":
        data = bytearray(len(data))
    else:  # flip: every seventh byte
        for i in range(0, len(data), 7):
            data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _gen(home: Path) -> Path:
    return home / "index" / (home / "index" / "CURRENT").read_text().strip()


@pytest.mark.parametrize("how", ["truncate", "zero", "flip"])
@pytest.mark.parametrize("suffix", [".bin", ".json"])
def test_damaged_postings_cache_changes_no_result(seeded, how, suffix):
    before, _ = _search(seeded)
    caches = sorted((_gen(seeded) / "postings").glob(f"*{suffix}"))
    assert caches and before
    for p in caches:
        _damage(p, how)
    after, notices = _search(seeded)
    assert after == before
    assert not any("literally" in n for n in notices), notices


def _index_files(home: Path) -> list[str]:
    gen = _gen(home)
    return sorted(
        str(p.relative_to(gen)) for p in gen.rglob("*") if p.is_file() and "postings" not in p.parts
    )


@pytest.mark.parametrize("how", ["truncate", "zero", "flip"])
def test_damage_to_any_index_file_changes_no_result(seeded, how):
    before, _ = _search(seeded)
    kinds = sorted({_kind(rel) for rel in _index_files(seeded)})
    assert any(k.endswith(".toc") for k in kinds) and "library.sqlite" in kinds and "manifest.json" in kinds
    failures, notices = [], []
    for kind in kinds:
        # A rebuild makes a new generation with new segment names: damage the file of this kind there.
        gen = _gen(seeded)
        found = [rel for rel in _index_files(seeded) if _kind(rel) == kind]
        if not found:
            continue
        _damage(gen / found[0], how)
        try:
            after, said = _search(seeded)
        except AssertionError as e:
            after, said = [f"failed: {e}"], []
        if after != before:
            failures.append(kind)
        notices += [n for n in said if "damaged" in n or "rebuild" in n]
    assert not failures, failures
    assert notices  # the user is told


def _kind(rel: str) -> str:
    return re.sub(r"MAIN_[a-z0-9]+", "MAIN_*", re.sub(r"_MAIN_\d+", "_MAIN_*", rel))


def test_warm_checks_big_files_opening_skipped_and_rebuilds(seeded, monkeypatch):
    """On a big library, opening checks only sizes (and the checksums of small files); the TUI's warm-up checks
    every checksum in the background. Damage that keeps a file's size is found there: rebuilt, with a notice,
    and the same query gives the same passages."""
    from nato_brief.search import manifest
    from nato_brief.search.library import Library

    before = [h.passage_id for h in Library().open().search("NATO ISIS", limit=8).hits]
    monkeypatch.setattr(manifest, "FULL_CHECK_BYTES", 0)  # every index counts as big
    gen = _gen(seeded)
    biggest = max((p for p in gen.rglob("*") if p.is_file() and "postings" not in p.parts and p.suffix != ".json"),
                  key=lambda p: p.stat().st_size)  # fmt: skip
    assert biggest.stat().st_size > manifest.SMALL
    data = bytearray(biggest.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])  # same size
    biggest.write_bytes(bytes(data))

    lib = Library().open()
    assert not any("damaged" in n for n in lib.notices)  # opening looked at sizes only
    lib.warm()
    assert any("damaged" in n and "rebuilt" in n for n in lib.notices), lib.notices
    assert _gen(seeded) != gen  # a new generation
    assert [h.passage_id for h in lib.search("NATO ISIS", limit=8).hits] == before
