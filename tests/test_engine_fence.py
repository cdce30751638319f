"""The Whoosh fence (search/engine/): the fast path only on the pinned Whoosh, a plain and honest fallback
on any other, versioned cache files, and a loud failure here when the internals it reads change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MISMATCH = """
import json, sys
import whoosh
whoosh.__version__ = (2, 7, 6)  # what a newer Whoosh would say
from nato_brief.search.library import Library
lib = Library().open()
res = lib.search(sys.argv[1])
print(json.dumps({"notices": lib.notices, "dense": lib.dense() is not None, "literal": res.literal,
                  "total": res.total, "hits": [[h.passage_id, h.score, h.highlights] for h in res.hits]}))
"""


@pytest.mark.parametrize("query", ["Stoltenberg", "ISIS detainees", '"training mission" Iraq', "NATO -Iraq"])
def test_other_whoosh_version_searches_plainly_with_one_warning(seeded, lib, query):
    """A Whoosh other than the pinned one: Whoosh's own scorer, the same hits and highlights, one warning."""
    r = subprocess.run([sys.executable, "-c", MISMATCH, query], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "NATO_BRIEF_HOME": str(seeded)}, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    warnings = [n for n in got["notices"] if "Whoosh 2.7.6" in n]
    assert len(warnings) == 1 and "\n" not in warnings[0] and "2.7.5" in warnings[0]
    assert not got["dense"] and not got["literal"]  # the plain scorer, not a literal-words degradation
    fast = lib.search(query)
    assert lib.dense() is not None and not any("Whoosh" in n for n in lib.notices)
    assert got["total"] == fast.total
    assert [(p, round(s, 4), hl) for p, s, hl in got["hits"]] == [
        (h.passage_id, round(h.score, 4), h.highlights) for h in fast.hits
    ]
    assert all(hl for _p, _s, hl in got["hits"])


def test_cli_prints_the_warning_once_and_the_same_json(seeded):
    code = "import whoosh, sys; whoosh.__version__ = (3, 0); from nato_brief.tui.cli import main; sys.exit(main())"
    env = {**os.environ, "NATO_BRIEF_HOME": str(seeded)}
    args = ["search", "Stoltenberg", "--json"]
    other = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env
    )
    pinned = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                            cwd=ROOT, env=env)  # fmt: skip
    assert other.returncode == pinned.returncode == 0, other.stderr
    assert other.stderr.count("Whoosh 3.0 is installed") == 1
    a, b = json.loads(other.stdout), json.loads(pinned.stdout)
    assert [(h["passage_id"], round(h["score"], 4)) for h in a["hits"]] == [
        (h["passage_id"], round(h["score"], 4)) for h in b["hits"]
    ]


def test_rebuild_without_the_fast_path(home, monkeypatch):
    """On another Whoosh a build uses Whoosh's own writer and writes no postings caches."""
    from nato_brief.search.engine import compat
    from nato_brief.search.library import Library

    monkeypatch.setattr(compat, "FAST", False)
    monkeypatch.setattr(compat, "WARNING", "Whoosh 9.9 is installed, ...")
    lib = Library().open()
    assert lib.dense() is None
    assert lib.search("Stoltenberg").total > 0
    gen = lib.generations.dir(lib.readers.gen)
    assert not list((gen / "postings").glob("*.bin"))


def test_version_check():
    from nato_brief.search.engine import compat

    assert compat.check(compat.PINNED) is None
    assert compat.FAST  # the suite runs on the pinned Whoosh (pyproject pins it exactly)
    msg = compat.check((2, 7, 6))
    assert msg and "2.7.6" in msg and "\n" not in msg


def test_pyproject_pins_the_version_the_fence_checks():
    import tomllib

    from nato_brief.search.engine import compat

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert f"whoosh-reloaded=={'.'.join(map(str, compat.PINNED))}" in deps


def test_postings_cache_carries_its_format_and_other_formats_are_ignored(lib):
    from nato_brief.search.engine import postings

    cache = lib.generations.dir(lib.readers.gen) / "postings"
    metas = list(cache.glob("*.json"))
    assert metas
    for m in metas:
        assert json.loads(m.read_text())["format"] == postings.FORMAT
    p = metas[0]
    meta = json.loads(p.read_text())
    assert postings.load_segment_cache(cache, p.stem) is not None
    p.write_text(json.dumps({**meta, "format": postings.FORMAT + 1}))
    assert postings.load_segment_cache(cache, p.stem) is None  # read from Whoosh instead: only slower


# Every private Whoosh name the fast path reads (engine/README.md): this fails loudly when one goes away.
PRIVATE = [
    ("whoosh.codec.whoosh3", "W3LeafMatcher", ["_read_data", "_goto"]),
    ("whoosh.codec.whoosh3", "_lenfield", []),
    ("whoosh.codec.whoosh3", "LENGTHS_COLUMN", []),
    ("whoosh.codec.whoosh3", "W3PerDocReader", ["_cached_reader"]),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", ["_write_block"]),
    ("whoosh.writing", "SegmentWriter", ["_check_fields", "_flush_segment", "_finalize_segment",
                                         "_close_segment", "_commit_toc", "_finish", "per_document_reader"]),
    ("whoosh.scoring", "BM25F", []),
    ("whoosh.util.numeric", "byte_to_length", []),
    ("whoosh.matching.wrappers", "FilterMatcher", []),
    ("whoosh.reading", "SegmentReader", []),
]  # fmt: skip


@pytest.mark.parametrize(("module", "name", "attrs"), PRIVATE)
def test_private_whoosh_names_still_exist(module, name, attrs):
    import importlib

    obj = getattr(importlib.import_module(module), name)
    for a in attrs:
        assert hasattr(obj, a), f"{module}.{name}.{a} is gone: see search/engine/README.md"


def test_private_whoosh_attributes_the_fast_path_reads(lib):
    """Instance attributes (set in constructors, so checked on live objects)."""
    s = lib.searcher()
    r = s.leaf_searchers()[0][0].reader()
    assert hasattr(s.weighting, "_field_B") and hasattr(r, "_terms") and hasattr(r, "_perdoc")
    m = r._terms.matcher("text", b"nato", r.schema["text"].format)
    m = getattr(m, "child", m)
    for a in ("_byteids", "_data", "_blocklength", "_lastblock", "_nextoffset"):
        assert hasattr(m, a), a
