"""A query word found only in a page's chrome (its menus, header, footer: kept aside, never searched) is said
to be so, never "corrected" to another word (attacker check: "games", from a site menu, became "james")."""

from __future__ import annotations

import pytest

from tests.conftest import cli, home_with_documents, search_json

PAGE = """<!doctype html>
<html><head><title>Engineers return to Taji base | The Harbour Courier</title>
<meta name="author" content="Nadia Farouk"><meta property="article:published_time" content="2021-04-02"></head>
<body>
<header><a href="/" class="site-title">The Harbour Courier</a>
<nav><a href="/world">World</a> <a href="/games">Games</a> <a href="/podcasts">Podcasts</a>
<a href="/login">Login</a></nav></header>
<article>
<h1>Engineers return to Taji base</h1>
<p>Coalition trainers returned to the Taji base north of Baghdad on Thursday after a pause of several months,
officials said, and the first courses for Iraqi engineers are due to start next week.</p>
<p>The base had been hit by rockets twice in the spring, and the training programme was moved to Erbil for the
summer while the runways were repaired and the barracks were rebuilt.</p>
<p>Iraqi commanders said the engineers would learn to clear roadside bombs and to repair bridges damaged in the
fighting, skills the army still lacks in the north and the west of the country.</p>
</article>
<footer><a href="/privacy">Privacy</a> Copyright The Harbour Courier</footer>
</body></html>
"""


RELATED = """<!doctype html>
<html><head><title>Baltic air policing rota set | Nordic Wire</title>
<meta name="author" content="Sven Aalto"><meta property="article:published_time" content="2022-02-02"></head><body>
<header><a href="/">Nordic Wire</a><nav><a href="/s">Security</a> <a href="/c">Culture</a></nav></header>
<article><h1>Baltic air policing rota set</h1>
<p>The air policing rota for the Baltic states was agreed on Tuesday, with four allies sharing the task.</p>
<p>Fighter jets from Spain will take the first rotation at the air base, and two more allies follow in May.</p>
<aside class="related"><h3>Read more</h3><ul><li><a href="/x">Stoltenburg visits Riga</a></li></ul></aside>
</article><footer>Nordic Wire</footer></body></html>
"""


@pytest.fixture(scope="module")
def chrome_home(tmp_path_factory, seed_home):
    return home_with_documents(tmp_path_factory, seed_home, "chrome", {"taji.html": PAGE, "rota.html": RELATED})


@pytest.fixture
def library(chrome_home, monkeypatch):
    monkeypatch.setenv("NATO_BRIEF_HOME", str(chrome_home))


@pytest.mark.parametrize("word", ["games", "login", "Games"])
def test_a_menu_word_is_said_to_be_only_in_page_navigation(library, word):
    code, data = search_json(word)
    assert code == 1 and data["total"] == 0
    assert data["corrected"] is None and data["corrections"] == []  # was "james" / "logic"
    assert data["why"].startswith(f"{word} occurs only in page navigation")
    assert "not searched" in data["why"]
    r = cli("search", word)
    assert "only in page navigation" in r.stderr and "Showing results for" not in r.stderr


def chrome_source(data) -> str:
    return next(h["source_id"] for h in data["hits"] if h["title"] == "Engineers return to Taji base")


def test_beside_searched_words_it_is_named_and_the_others_still_search(library):
    code, data = search_json("games engineers")
    assert code == 0 and data["corrected"] is None
    assert any(n.startswith("games occurs only in page navigation") for n in data["notices"])
    assert data["partial"] and data["hits"][0]["passage_id"].split(".")[0] == chrome_source(data)


def test_a_real_typo_is_still_corrected(library):
    code, data = search_json("enginers")
    assert code == 0 and data["corrected"] == "engineers"


def test_a_long_misspelt_name_in_a_related_link_is_still_corrected(library):
    """A related-links box misspelling a name ("Stoltenburg visits Riga") turned typo correction off for it
    everywhere (attacker check): from 8 letters a chrome word two edits from a known one is corrected."""
    code, data = search_json("Stoltenburg")
    assert code == 0 and data["corrected"] == "Stoltenberg" and data["hits"]
