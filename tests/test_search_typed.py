"""Search finds what analysts type (issue 14, second round): possessives, typos anywhere in a word, hyphenated
words, dates, filter values, honest ``unknown``, symmetric word families, negated words, the compare author
filter and ``--version``. Each test failed on main before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ}, timeout=120)  # fmt: skip


def search_json(*args: str) -> tuple[int, dict]:
    r = cli("search", *args, "--json")
    return r.returncode, json.loads(r.stdout)


# -- 1. possessives ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Levitt's detainees", "Levitt’s detainees"])
def test_a_possessive_is_the_word_itself(seeded, query):
    rc, out = search_json(query)
    assert rc == 0 and out["hits"] and not out["partial"], out["notices"]
    assert all("Matthew Levitt" in h["authors"] for h in out["hits"][:3])
    assert all(h["missing"] == [] for h in out["hits"])


def test_brief_reads_a_possessive_name(seeded):
    r = cli("brief", "What did Levitt's article say about detainees?", "--json")
    out = json.loads(r.stdout)
    assert out["answered"] is True and out["authors_filter"] == ["Matthew Levitt"]
    assert out["question"] == "What did Levitt's article say about detainees?"


# -- 2. typos anywhere, swaps as one edit --------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,meant",
    [("sAustin", "austin"), ("xLevitt", "levitt"), ("aStoltenberg", "stoltenberg"), ("Knigths", "knights"),
     ("Deash", "daesh")],
)  # fmt: skip
def test_typos_in_the_first_letter_and_swaps_are_corrected(lib, typed, meant):
    res = lib.search(typed)
    assert res.hits, res.notices
    assert [u.lower() for _, u in res.corrections] == [meant]


def test_redeploy_corrects_to_a_library_word(lib):
    res = lib.search("redeploy")
    assert res.hits and res.corrections
