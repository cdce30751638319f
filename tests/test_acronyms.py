"""Dotted acronyms are their undotted forms: "U.K." finds "UK" and "UK" finds "U.K." (likewise E.U./EU,
U.S.A./USA), in the query and in the highlights, in the box and on the command line. "U.S." and "US" (in
capitals) are the acronym, the index's dotted token; "us" in lower case is the stop word. On composed documents;
the U.K./UK and E.U./EU tests failed before (each form found only its own passages)."""

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
    "london-desk.md": """---
title: Sanctions desk notes
author: Petra Holm
outlet: Harbour Ledger
date: 2022-03-01
---

The U.K. sanctions package on Kestrel Shipping was announced in London on Tuesday.

Officials at the E.U. mission in Brussels said the Kestrel listings would follow within a week.

A U.S. Treasury official told us the Kestrel case was under review.
""",
    "insurers.md": """---
title: Insurers weigh the Kestrel listings
author: Jonas Lind
outlet: Northern Marine Review
date: 2022-03-02
---

The UK said the Kestrel measures would cover insurers as well as owners.

EU ministers discussed Kestrel insurance in Luxembourg on Friday.

Both the USA and Canada backed the Kestrel measures, diplomats said.

The U.S.A. delegation asked for a Kestrel briefing before the vote.
""",
    "wellington.md": """---
title: Notes from the N.Z. desk
author: Aroha Pine
outlet: Harbour Ledger
date: 2022-04-11
---

Fisheries inspectors in Wellington counted fewer foreign trawlers this season.
""",
}


@pytest.fixture(scope="module")
def acronym_home(tmp_path_factory, seed_home) -> Path:
    """The seed library plus the two composed documents (read-only for the tests)."""
    return home_with_documents(tmp_path_factory, seed_home, "acronyms", DOCS)


@pytest.fixture
def alib(acronym_home, monkeypatch):
    from nato_brief.search.library import Library

    monkeypatch.setenv("NATO_BRIEF_HOME", str(acronym_home))
    return Library().open()


def _marked(res) -> set[str]:
    """The highlighted words of every hit, as they are written in the passage."""
    return {h.text[a:b] for h in res.hits for a, b in h.highlights}


def _ids(res) -> set[str]:
    return {h.passage_id for h in res.hits}


@pytest.mark.parametrize("forms", [("U.K.", "UK", "uk"), ("E.U.", "EU", "eu")])
def test_dotted_and_undotted_find_the_same_passages(alib, forms):
    dotted, plain = forms[0], forms[1]
    found = [alib.search(f"{f} Kestrel", limit=50) for f in forms]
    assert all(_ids(r) == _ids(found[0]) for r in found), [len(r.hits) for r in found]
    assert len(found[0].hits) == 2 and not found[0].partial
    for res in found:
        assert {dotted, plain} <= _marked(res)  # both spellings are highlighted
        assert res.corrected is None and res.unknown == []


def test_the_box_treats_them_alike_also_as_the_last_word(alib):
    typed = [alib.as_you_type(q)[0] for q in ("Kestrel UK", "Kestrel U.K.", "Kestrel uk ")]
    assert all(_ids(r) == _ids(typed[0]) and len(r.hits) == 2 for r in typed)
    usa = alib.as_you_type("Kestrel USA")[0]  # 3 letters: the completed last word also finds U.S.A.
    assert {"USA", "U.S.A."} <= _marked(usa) and not usa.partial
    assert _ids(usa) == _ids(alib.search("Kestrel U.S.A.", limit=50)) == _ids(alib.search("Kestrel USA", limit=50))


def test_an_excluded_acronym_excludes_both_spellings(alib):
    for q in ("Kestrel -UK", "Kestrel NOT U.K."):
        res = alib.search(q, limit=50)
        assert res.hits
        assert not any("UK" in h.text or "U.K." in h.text for h in res.hits)


def test_a_title_with_a_dotted_acronym_is_found_by_the_plain_one(alib):
    res = alib.search("NZ desk")
    assert res.hits and not res.partial and res.hits[0].title == "Notes from the N.Z. desk"


def test_quoted_acronyms_stay_as_typed(alib):
    assert _marked(alib.search('"U.K." Kestrel')) == {"U.K.", "Kestrel"}
    assert _marked(alib.search('"UK" Kestrel')) == {"UK", "Kestrel"}


def test_us_the_acronym_is_searched_and_us_the_word_stays_a_stop_word(alib):
    """"U.S." and "US" (capitals typed) are the acronym: the dotted token the index keeps, highlighted; only
    "us" in lower case is the stop word. Before, all three were the stop word and dropped silently."""
    plain = alib.search("Kestrel", limit=50)
    lower = alib.search("us Kestrel", limit=50)
    assert _ids(lower) == _ids(plain) and "us" not in _marked(lower)
    for q in ("U.S. Kestrel", "US Kestrel"):
        res = alib.search(q, limit=50)
        assert [h.text.split(".")[0] for h in res.hits] == ["A U"], q  # only the U.S. Treasury passage
        assert _marked(res) == {"U.S.", "Kestrel"} and not res.partial
    typed = alib.as_you_type("Kestrel U.S.")[0]
    assert "U.S." in _marked(typed) and len(typed.hits) == 1


def test_the_command_line_searches_us_the_acronym(acronym_home):
    env = {**os.environ, "NATO_BRIEF_HOME": str(acronym_home)}
    for q in ("U.S.", "US", "U.S. Kestrel"):
        r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", q, "--json"], capture_output=True,
                           text=True, cwd=ROOT, env=env, timeout=120)  # fmt: skip
        assert r.returncode == 0, (q, r.stdout, r.stderr)
        data = json.loads(r.stdout)
        assert data["hits"] and data["why"] is None, q
        assert all("U.S." in h["text"] for h in data["hits"]), q
        assert any(h["text"][a:b] == "U.S." for h in data["hits"] for a, b in h["highlights"]), q
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", "us", "--json"], capture_output=True,
                       text=True, cwd=ROOT, env=env, timeout=120)  # fmt: skip
    assert r.returncode == 1 and "skips" in json.loads(r.stdout)["why"]


def test_the_command_line_finds_both_spellings(acronym_home):
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", "UK Kestrel"], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "NATO_BRIEF_HOME": str(acronym_home)},
                       timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "The U.K. sanctions package" in r.stdout and "The UK said the Kestrel" in r.stdout


async def test_the_box_searches_us_the_acronym(seeded):
    """Typed in the app's box, "U.S." finds and highlights "U.S." (it said the search skips it)."""
    from nato_brief.tui.app import make_app

    from .tui_helpers import screen_lines, type_query, wait_ready

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "U.S.")
        res = app.last_result
        assert res is not None and res.hits and res.why is None
        assert any(h.text[a:b] == "U.S." for h in res.hits for a, b in h.highlights)
        assert "the search skips" not in "\n".join(screen_lines(app))
