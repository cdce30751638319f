"""One source, one identity: the same text is one source, whatever file name or options it comes with, before
and after a rebuild. Adding it again changes nothing (and says so) unless the user asks with --replace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nato_brief.search.paths import seed_files

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Crossing Reopens at Rabia\n\nby Rana Haddad\n\nApril 9, 2022\n\n"
    "Officials in Rabia said the reopened crossing handled more trucks in its first week than in the whole "
    "of the previous month. Traders described shorter queues and fewer informal fees, though drivers said "
    "the inspections still took most of a morning.\n\n"
    "A customs officer said the new scanners would be installed before the summer harvest.\n"
)


def _cli(*args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                       env=dict(os.environ), timeout=180, cwd=ROOT)  # fmt: skip
    assert "Traceback" not in r.stderr, r.stderr
    return r


def _state() -> dict:
    """Everything a user sees of the library: sources with metadata and passage counts, and one search."""
    sources = json.loads(_cli("sources", "--json").stdout)
    hits = json.loads(_cli("search", '"scanners would be installed"', "--json").stdout)["hits"]
    return {"sources": sources, "hits": [(h["passage_id"], h["title"]) for h in hits]}


def _by_id(state: dict, sid: str) -> dict:
    return next(s for s in state["sources"] if s["id"] == sid)


def test_same_text_under_two_file_names_is_one_source_across_rebuilds(seeded, tmp_path):
    a, b = tmp_path / "rabia.txt", tmp_path / "copy-of-rabia.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(TEXT, encoding="utf-8")
    first = json.loads(_cli("add", str(a), "--json").stdout)
    assert len(first["added"]) == 1
    sid = first["added"][0]["id"]
    before = _state()
    r = _cli("add", str(b), "--json")
    assert r.returncode == 0
    again = json.loads(r.stdout)
    assert again["added"] == [] and [s["id"] for s in again["already"]] == [sid]
    r = _cli("add", str(b))  # the plain output says where the text already is
    assert f"already in the library as {sid} Crossing Reopens at Rabia" in r.stdout
    assert _state() == before
    assert _by_id(before, sid)["origin"] == "rabia.txt" and len(before["hits"]) == 1
    assert _cli("index", "--rebuild").returncode == 0
    assert _state() == before  # the rebuild keeps the same source, file name and passages


def test_options_on_a_readd_change_nothing_unless_replace(seeded, tmp_path):
    a, b = tmp_path / "rabia.txt", tmp_path / "rabia-corrected.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(TEXT.replace("\n", "\r\n"), encoding="utf-8")  # other bytes, the same text
    sid = json.loads(_cli("add", str(a), "--json").stdout)["added"][0]["id"]
    before = _state()
    r = json.loads(_cli("add", str(b), "--title", "Rabia Crossing (corrected)", "--json").stdout)
    assert r["added"] == [] and r["already"][0]["title"] == "Crossing Reopens at Rabia"
    assert _state() == before
    r = json.loads(_cli("add", str(b), "--title", "Rabia Crossing (corrected)", "--replace", "--json").stdout)
    assert [s["id"] for s in r["added"]] == [sid]  # same identity, new metadata
    after = _state()
    src = _by_id(after, sid)
    assert src["title"] == "Rabia Crossing (corrected)" and src["origin"] == "rabia-corrected.txt"
    assert len(after["sources"]) == len(before["sources"]) and len(after["hits"]) == 1
    assert len(list((seeded / "documents").glob("*.json"))) == 1  # the replaced copy is gone
    assert _cli("index", "--rebuild").returncode == 0
    assert _state() == after


def test_a_seed_text_added_again_is_the_seed(seeded, tmp_path):
    seed = seed_files()[0]
    copy = tmp_path / "my-copy.txt"
    copy.write_bytes(seed.read_bytes())
    before = _state()
    r = json.loads(_cli("add", str(copy), "--author", "Somebody Else", "--json").stdout)
    assert r["added"] == [] and r["already"][0]["origin"] == f"seeds/{seed.name}"
    r = _cli("add", str(copy), "--author", "Somebody Else", "--replace")
    assert r.returncode == 3 and "seeds cannot be replaced" in r.stderr
    assert _cli("index", "--rebuild").returncode == 0
    assert _state() == before


@pytest.mark.parametrize("many", [False, True], ids=["in-process", "parallel"])
def test_duplicate_copies_left_in_the_documents_folder_index_once(seeded, tmp_path, many):
    """Copies an older version (or a race) left with the same text: a rebuild indexes the text once."""
    docs = seeded / "documents"
    docs.mkdir(exist_ok=True)
    for key, title in (("aaaa", "First Title"), ("bbbb", "Second Title")):
        (docs / f"{key}.txt").write_text(TEXT, encoding="utf-8")
        (docs / f"{key}.json").write_text(
            json.dumps({"file": f"{key}.txt", "origin": f"{key}.txt", "overrides": {"title": title}})
        )
    if many:  # past 200 documents the build runs in worker processes
        from benchmarks.bench import stage_documents
        from benchmarks.corpus import write_corpus

        stage_documents(seeded, write_corpus(tmp_path / "corpus", 210))
    r = _cli("index", "--rebuild")
    assert r.returncode == 0
    assert "already in the library" in r.stderr
    state = _state()
    assert len(state["hits"]) == 1
    assert [s["title"] for s in state["sources"] if "Rabia" in s["title"] or "Title" in s["title"]] == [
        "First Title"
    ]
    r = _cli("sources", "--json")  # opening again does not read the duplicate again
    assert "already in the library" not in r.stderr


def test_search_after_replace_runs_the_fast_path_and_matches_a_rebuild(seeded, tmp_path):
    """--replace deletes the old passages from the index: every search afterwards must still run (it raised
    AttributeError in the fast scorer and fell back to literal search for good) and find what a rebuilt
    index finds."""
    a = tmp_path / "rabia.txt"
    a.write_text(TEXT, encoding="utf-8")
    assert _cli("add", str(a)).returncode == 0
    assert _cli("add", str(a), "--title", "Rabia (corrected)", "--replace").returncode == 0

    def searches() -> list:
        out = []
        for q in (["scanners", "harvest"], ["NATO"], ["Levit", "detainees"], ['"inspections still took"']):
            r = _cli("search", *q, "--json", "--limit", "50")
            assert r.returncode in (0, 1), r.stderr
            got = json.loads(r.stdout)
            assert not any("could not run" in n for n in got["notices"]), got["notices"]
            out.append([(h["passage_id"], h["title"]) for h in got["hits"]])
        compare = _cli("compare", "detainees", "--json")
        assert compare.returncode in (0, 1), compare.stderr
        return out

    after_replace = searches()
    assert after_replace[0] and after_replace[0][0][1] == "Rabia (corrected)"
    assert _cli("index", "--rebuild").returncode == 0
    assert searches() == after_replace
