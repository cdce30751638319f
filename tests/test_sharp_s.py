""""ss" and "ß" are one spelling at query time, whichever the user types and whichever the library has (the
index folds "ß" to "s": "Straße" is "strase", "strasse" stems to "strass"). Found by the attacker: with both
spellings in the library each found only its own, ``author:Weiss`` was "corrected" to ``author:Weis`` (the
author is Weiß), and a lone "ß", "ſ" or "s" returned a stray hit through a one-letter initial. Composed
documents; each test failed on the old code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import home_with_documents

ROOT = Path(__file__).resolve().parent.parent

DOCS = {
    "roads.md": """---
title: Road closures in the old quarter
author: Anna Weiss
outlet: Harbour Ledger
date: 2022-05-01
---

The Straße leading to the Varnholt market was closed for repairs on Monday, residents said.

A second notice said the Strasse by the Varnholt river would reopen on Friday.

Mr. Weiß told reporters the Varnholt closures would last a week; his neighbour Ms Weiss disagreed.
""",
    "traders.md": """---
title: Market traders count the cost
author: Jonas Weiß
outlet: Harbour Ledger
date: 2022-05-03
---

Traders at the Varnholt market said the road works cut their takings by a third.
""",
}


@pytest.fixture(scope="module")
def sharp_home(tmp_path_factory, seed_home) -> Path:
    return home_with_documents(tmp_path_factory, seed_home, "sharp", DOCS)


def _search(home: Path, query: str) -> tuple[int, dict]:
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", query, "--json", "--limit", "50"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120,
                       env={**os.environ, "NATO_BRIEF_HOME": str(home)})  # fmt: skip
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout)


def _marked(data: dict) -> set[str]:
    return {h["text"][a:b] for h in data["hits"] for a, b in h["highlights"]}


@pytest.mark.parametrize("typed", ["Straße", "strasse", "STRASSE", "Strasse Varnholt", "straße varnholt"])
def test_strasse_and_strasse_with_sharp_s_find_each_other(sharp_home, typed):
    code, data = _search(sharp_home, typed)
    assert code == 0 and data["corrected"] is None and data["corrections"] == []
    texts = [h["text"] for h in data["hits"]]
    assert any("Straße leading" in t for t in texts) and any("Strasse by the" in t for t in texts), texts
    assert {"Straße", "Strasse"} <= _marked(data)


@pytest.mark.parametrize("typed", ["author:Weiss", "author:Weiß", "author:WEISS", "by:weiss"])
def test_a_name_spelt_with_ss_or_sharp_s_is_never_corrected(sharp_home, typed):
    code, data = _search(sharp_home, typed)
    assert code == 0 and data["corrections"] == [] and data["corrected"] is None, data["corrections"]
    authors = {a for h in data["hits"] for a in h["authors"]}
    assert {"Anna Weiss", "Jonas Weiß"} <= authors  # each spelling finds both authors
    assert not any("No author" in n for n in data["notices"])


def test_highlights_do_not_depend_on_the_case_typed(sharp_home):
    """Both spellings are highlighted however the name is typed. (A capitalised "Weiss" also names the person
    the library mined, "Ms Weiss", and highlights that phrase: names are capitalised, by design.)"""
    for typed in ("Weiss closures", "weiss closures", "WEISS closures", "Weiß closures", "weiß closures"):
        code, data = _search(sharp_home, typed)
        assert code == 0 and data["hits"], typed
        marked = _marked(data)
        assert any("Weiß" in m for m in marked) and any("Weiss" in m for m in marked), (typed, marked)


@pytest.mark.parametrize("typed", ["ß", "ſ", "s", "s OR ß"])
def test_a_lone_letter_searches_nothing_and_says_so(sharp_home, typed):
    code, data = _search(sharp_home, typed)
    assert code == 1 and data["hits"] == [] and data["total"] == 0
    assert data["why"] and data["why"].startswith("Not in the library"), data["why"]


def test_the_box_finds_both_spellings_as_the_word_is_typed(sharp_home, monkeypatch):
    from nato_brief.search.library import Library

    monkeypatch.setenv("NATO_BRIEF_HOME", str(sharp_home))
    lib = Library().open()
    for typed in ("strasse", "Varnholt strasse", "straße"):
        res = lib.as_you_type(typed)[0]
        texts = [h.text for h in res.hits]
        assert any("Straße leading" in t for t in texts) and any("Strasse by the" in t for t in texts), typed


def test_a_word_corrected_to_a_stop_word_is_no_traceback(sharp_home):
    """"taat" is corrected to "that" (a stop word, no query): looking up how the library writes the correction
    raised AttributeError (found by test_fuzzed_queries_never_raise as 'TAAT')."""
    code, data = _search(sharp_home, "taat")
    assert code in (0, 1) and "error" not in data
