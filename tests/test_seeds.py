"""Attribution on the shipped seeds is a product promise: each seed's metadata, as the texts give it."""

from __future__ import annotations

import pytest

EXPECTED = {
    "NATO's Role in Fighting Post-Caliphate ISIS Looms Large": (["Matthew Levitt"], "2017-08-02", "The Hill"),
    "How to Step Up NATO’s Fight Against Terrorism": (["Kristian Søby Kristensen", "Laura Schousboe"], None, None),
    "NATO’s approach to develop security in Iraq as part of the challenge against international terrorism": (
        ["Maria Elena Argano"], None, None),
    "The Counter-ISIS Coalition Has Much to Do After Baghdadi's Death": (
        ["Matthew Levitt"], "2019-11-07", "The Washington Institute"),
    "Lessons from Operation Inherent Resolve: From Ensuring the Enduring Defeat of ISIS to Stabilising the Region": (
        ["RUSI"], "2021-04-07", "RUSI"),
    "Joint Communique by Ministers of the Global Coalition to Defeat ISIS Small Group": (
        ["Global Coalition to Defeat Daesh/ISIS"], "2021-03-30", None),
    "What to expect when you’re expecting NATO in Iraq": (["Paolo Napolitano"], "2021-03-29", "War on the Rocks"),
    "NATO in Iraq: Not a Surge": (["Michael Knights", "Pierre Morcos", "Charles Thepaut"], "2021-03-05",
                                  "Washington Institute for Near East Policy"),
    "It is necessary for NATO to play a leading role in Iraq": (["Luke Coffey"], "2021-02-19", "Arab News"),
    "NATO to Increase Presence in Iraq, Afghanistan Future Unclear": (["Brian W. Everstine"], "2021-02-18",
                                                                       "Air Force Magazine"),
    "US signals it is open to sending more troops to support NATO’s mission in Iraq": (
        ["Barbara Starr", "Oren Liebermann"], "2021-02-18", "CNN Politics"),
    "Canada to face pressure to reverse withdrawal of troops from NATO mission in Iraq": (
        ["Lee Berthiaume"], "2021-02-17", "The Canadian Press, cp.24.com"),
    "Thank You for Being a Friend: NATO, Iraq, and the Benefits of the Alliance": (
        ["Tim Ball"], "2021-02-25", "Foreign Policy Research Institute"),
    "ISIS is regrouping, gaining strength in Iraq’s disputed territories: Peshmerga ministry official": (
        ["Khazan Jangiz"], "2021-01-27", "Rudaw News"),
    "NATO’s Never-Ending Struggle for Relevance": (["James Goldgeier", "Garrett Martin"], "2020-09-03",
                                                   "War on the Rocks"),
    "Big Ideas for NATO’s New Mission in Iraq": (["David Petraeus", "Vance Serchuk"], "2020-03-06", "Foreign Policy"),
    "3,000 troops from 19 EU states in Iraq. Will they stay?": (
        ["Nikolaj Nielsen", "Elena Sanchez Nicolas"], "2020-01-08", "EU Observer"),
    "Some NATO Troops Begin Leaving Iraq": (["Ron DePasquale"], "2020-01-07", "The New York Times"),
    "NATO’s Mediterranean Mission – What the Alliance is Doing in the Aegean Sea": (
        ["Yuri M. Zhukov"], "2016-02-21", "Foreign Affairs"),
}  # fmt: skip

# People who appear only in "RECOMMENDED" lists or in a site's author box: never authors.
NOT_AUTHORS = {"Simon Henderson", "Ben Fishman", "Sana Quadri", "Hamdullah Baycar", "Farzin Nadimi",
               "Adeline Silva Pereira"}  # fmt: skip


@pytest.fixture
def sources(lib):
    return {s.title: s for s in lib.sources()}


def test_nineteen_sources(sources):
    assert len(sources) == 19
    assert set(sources) == set(EXPECTED)


@pytest.mark.parametrize("title", sorted(EXPECTED))
def test_seed_metadata(sources, title):
    authors, date, outlet = EXPECTED[title]
    s = sources[title]
    assert s.authors == authors
    assert s.date == date
    assert s.outlet == outlet


def test_no_navigation_person_is_an_author(lib):
    everyone = {a for s in lib.sources() for a in s.authors}
    assert not everyone & NOT_AUTHORS


def test_read_full_article_url_kept(sources):
    s = sources["NATO's Role in Fighting Post-Caliphate ISIS Looms Large"]
    assert s.url and s.url.startswith("http://thehill.com/")


@pytest.mark.parametrize(
    "words",
    ["Bennett's Bahrain", "Tax-Free Haven", "Hezbollah's Golden Rule", "Wahhabism", "Laisser un commentaire",
     "Fromer-Wexler", "Also available in", "Farsi", "Légende Photo", "Université de Bordeaux", "Image: NATO",
     "Defense Department map showing"],
)  # fmt: skip
def test_site_furniture_is_not_searchable(lib, words):
    assert lib.search(f'"{words}"', exact=True).total == 0


def test_body_text_is_clean_of_link_syntax(lib):
    for s in lib.sources():
        src = lib.source(s.id)
        assert "](" not in src.text and "(<http" not in src.text and "\\(" not in src.text
        assert "(/policy-analysis" not in src.text and "(/experts" not in src.text


def test_footnotes_are_notes_not_body(lib):
    src = next(s for s in lib.sources() if s.authors == ["Maria Elena Argano"])
    full = lib.source(src.id)
    assert len(full.notes) == 20
    assert full.notes[0].startswith("[1] NATO Website")
    assert "[1]" not in full.text and "NATO Website, Countering terrorism" not in full.text


def test_compilation_duplicate_pair_is_flagged(lib):
    res = lib.search('"many potential benefits arising from NATO"', exact=True, limit=10)
    by_author = {tuple(h.authors): h for h in res.hits}
    knights = by_author[("Michael Knights", "Pierre Morcos", "Charles Thepaut")]
    coffey = by_author[("Luke Coffey",)]
    assert coffey.passage_id in knights.duplicate_of
    assert knights.passage_id in coffey.duplicate_of


def test_compilation_quotes_have_no_enclosing_quote_marks(lib):
    for s in lib.sources():
        if s.kind == "excerpt":
            text = lib.source(s.id).text
            assert not text.startswith("“") and not text.endswith("”")


def test_passage_offsets_prove_text_verbatim(lib):
    for s in lib.sources():
        src = lib.source(s.id)
        assert src.passages
        for p in src.passages:
            assert src.text[p.start : p.end] == p.text
