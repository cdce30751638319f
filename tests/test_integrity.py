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


def test_an_add_does_not_vouch_for_damage_it_did_not_write(seeded, monkeypatch, tmp_path):
    """An add records the files it wrote and keeps the checksums of the segments it did not touch (reading the
    whole index again made a big part of one add at 10k articles). Those kept checksums stay valid after an add
    (no false alarm), and damage done to an old segment before the add is still found afterwards (before, the add
    read the damaged file and wrote its checksum into the manifest, so the damage was never noticed)."""
    from nato_brief.search import manifest
    from nato_brief.search.library import Library

    monkeypatch.setattr(manifest, "FULL_CHECK_BYTES", 0)  # opening checks sizes only; warm checks everything
    monkeypatch.setattr(manifest, "SMALL", 0)
    gen = _gen(seeded)

    def add(n: int) -> Library:
        doc = tmp_path / f"note{n}.md"
        doc.write_text(f"# Field note {n}\n\nThe alliance reviewed its training mission in Iraq for the {n}th time "
                       "this year, officials said, and planned a further visit to Baghdad.\n")  # fmt: skip
        lib = Library().open()
        lib.add([doc])
        return lib

    lib = add(1)
    lib.warm()
    assert not any("damaged" in n for n in lib.notices), lib.notices
    assert _gen(seeded) == gen

    biggest = max((p for p in (gen / "whoosh").iterdir() if p.is_file()), key=lambda p: p.stat().st_size)
    when = biggest.stat().st_mtime_ns
    data = bytearray(biggest.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, same time: damage the disk did, not a writer
    biggest.write_bytes(bytes(data))
    os.utime(biggest, ns=(when, when))
    lib = add(2)
    assert _gen(seeded) == gen, (lib.notices, biggest.stat().st_size)  # the add itself looked at sizes only
    lib.warm()
    assert any("damaged" in n and "rebuilt" in n for n in lib.notices), lib.notices
