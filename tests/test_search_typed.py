"""Search finds what analysts type (issue 14, second round): possessives, typos anywhere in a word, hyphenated
words, dates, filter values, honest ``unknown``, symmetric word families, negated words, the compare author
filter and ``--version``. Each test failed on main before its fix."""

from __future__ import annotations

import json

import pytest

from .conftest import cli, search_json

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


def test_a_name_typed_with_a_capital_is_shown_with_one(lib):
    assert lib.search("xLevitt").corrected == "Levitt"  # was "levitt": only a capital first letter counted


def test_redeploy_corrects_to_a_library_word(lib):
    res = lib.search("redeploy")
    assert res.hits and res.corrections


# -- 3. a typo inside a hyphenated word ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,meant",
    [("counter-terorism", "counter-terrorism"), ("capacity-bulding", "capacity-building"),
     ("post-caliphat", "post-caliphate"), ("Post-Caliphat ISIS", "Post-Caliphate ISIS")],
)  # fmt: skip
def test_each_part_of_a_hyphenated_word_is_corrected(seeded, typed, meant):
    rc, out = search_json(typed)
    assert rc == 0 and out["total"] > 0 and not out["partial"], out
    assert out["corrected"] == meant
    assert not any("expanded to all their names" in n for n in out["notices"])


def test_the_alias_notice_only_when_the_expansion_made_it_empty(lib):
    res = lib.search("Zhukov ISIS")  # no passage has both, as typed or expanded: closest matches, no notice
    assert res.partial and res.hits
    assert not any("expanded to all their names" in n for n in res.notices)


# -- 4. dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2019-12-45", "2019-02-31", "2021-02-30", "2021-02-29"])
def test_a_date_that_is_not_a_calendar_day_is_a_usage_error(seeded, day):
    r = cli("search", "NATO", "--date", day)
    assert r.returncode == 2, r.stderr
    assert "not a date range" in r.stderr


@pytest.mark.parametrize("query,word", [("date:2021-02-30 NATO", "date"), ("year:21 NATO", "year")])
def test_an_invalid_filter_in_the_query_is_ignored_with_a_notice(lib, query, word):
    res = lib.search(query)
    assert res.hits
    assert any(n.startswith(f"Not a {word}") and "ignored" in n for n in res.notices), res.notices


def test_a_date_filter_alone_lists_what_it_filters_like_a_year(lib):
    by_date, by_year = lib.search("date:2021", limit=50), lib.search("year:2021", limit=50)
    assert by_date.hits and "Nothing to search for." not in by_date.notices
    assert {h.passage_id for h in by_date.hits} == {h.passage_id for h in by_year.hits}
    assert all(h.date.startswith("2021") for h in by_date.hits)


# -- 7. word families are symmetric --------------------------------------------------------------------


@pytest.mark.parametrize("group", [("withdraw", "withdrawn", "withdrawal"), ("deploy", "deployed", "deployment")])
def test_every_member_of_a_family_finds_the_same_passages(lib, group):
    found = [{h.passage_id for h in lib.search(w, limit=100).hits} for w in group]
    assert found[0] and all(f == found[0] for f in found), [len(f) for f in found]


def test_families_are_symmetric_over_the_library_vocabulary(lib):
    from nato_brief.search.families import family

    words = {w for w, _ in lib.queries.completer().terms}
    has = words.__contains__
    for w in sorted(words):
        for other in family(w, has)[1:]:
            assert w in family(other, has), (w, other, family(other, has))


# -- 6. "unknown" lists only the words that matched nothing --------------------------------------------


def test_a_word_that_matches_is_not_unknown(seeded):
    rc, out = search_json("ISI")
    assert rc == 0 and out["total"] > 0 and out["unknown"] == []
    rc, out = search_json("xqzvw NATO")
    assert out["unknown"] == ["xqzvw"] and out["partial"]


def test_u_s_is_us(seeded):
    _, dotted = search_json("U.S. troops", "--limit", "50")
    _, plain = search_json("US troops", "--limit", "50")
    assert dotted["unknown"] == [] and dotted["total"] == plain["total"] > 0
    assert {h["passage_id"] for h in dotted["hits"]} == {h["passage_id"] for h in plain["hits"]}


# -- 8. negated words are corrected alike, and said ----------------------------------------------------


def test_minus_and_not_are_corrected_alike(lib):
    minus, not_ = lib.search("NATO -Levit", limit=100), lib.search("NATO NOT Levit", limit=100)
    assert minus.corrections == [("Levit", "Levitt")] == not_.corrections
    assert "search instead for NATO -Levit" in minus.correction_line()
    assert minus.total == not_.total
    assert not any("Matthew Levitt" in h.authors for h in minus.hits)


# -- 5. filter values are corrected, or named as matching nobody ---------------------------------------


@pytest.mark.parametrize(
    "typed,meant", [("author:Levit", "author:Levitt"), ("speaker:Stoltenburg", "speaker:Stoltenberg"),
                    ("title:Frend", "title:Friend")],
)  # fmt: skip
def test_a_filter_value_is_corrected_against_its_field(seeded, typed, meant):
    rc, out = search_json(typed)
    assert rc == 0 and out["hits"] and out["corrected"] == meant


def test_a_filter_value_naming_nobody_says_so(seeded):
    r = cli("search", "author:Levit", "--no-correct")
    assert r.returncode == 1
    assert "No author 'Levit' in the library; did you mean author:Levitt?" in r.stderr


# -- 9. compare's author filter, --version -------------------------------------------------------------


def test_compare_says_the_author_filter_matched_nobody(seeded):
    r = cli("compare", "detainees", "--author", "Mathew Levit")
    assert r.returncode == 1
    assert "No author in the library matches 'Mathew Levit'; closest: Matthew Levitt." in r.stderr
    assert "No passages on" not in r.stderr
    out = json.loads(cli("compare", "detainees", "--author", "Nobody Here", "--json").stdout)
    assert out["columns"] == [] and out["notices"] == ["No author in the library matches 'Nobody Here'."]


def test_version(home):
    from nato_brief.search import __version__

    r = cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"nato-brief {__version__}"
