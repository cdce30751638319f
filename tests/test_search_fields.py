"""Issue 14: search finds what analysts type (every field, closest matches, typos, word families, dates,
rows grouped by source), on the seeds, in the library, on the command line (--json) and in the box (Pilot)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (query, an author of the source that must come up, words of its title)
NAMED = [
    ("Levitt detainees", "Matthew Levitt", "Baghdadi's Death"),
    ("Zhukov migrants", "Yuri M. Zhukov", "Mediterranean"),
    ("Berthiaume Canada troops", "Lee Berthiaume", "Canada to face pressure"),
    ("Goldgeier China", "James Goldgeier", "Never-Ending Struggle"),
    ("Stoltenburg training", "Ron DePasquale", "Some NATO Troops Begin Leaving Iraq"),
    ("Levit", "Matthew Levitt", ""),
    ("Levit detainees", "Matthew Levitt", "Baghdadi's Death"),
]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ}, timeout=120)  # fmt: skip


def search_json(*args: str) -> dict:
    r = cli("search", *args, "--json")
    return json.loads(r.stdout)


@pytest.mark.parametrize("query,author,title", NAMED)
def test_issue_queries_on_the_command_line(seeded, query, author, title):
    out = search_json(query, "--limit", "5")
    top = out["hits"][:3]
    assert top, query
    assert any(author in h["authors"] and title in h["title"] for h in top), [h["title"] for h in top]
    assert "corrected" in out and "partial" in out and all("missing" in h for h in out["hits"])


@pytest.mark.parametrize("query,author,title", NAMED)
async def test_issue_queries_in_the_box(seeded, query, author, title):
    from nato_brief.tui.app import make_app
    from nato_brief.tui.widgets import ResultList

    from .tui_helpers import type_query, wait_ready

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, query)
        rows = app.query_one("#results", ResultList).items[:3]
        assert any(author in it.hit.authors and title in it.hit.title for it in rows), query


def test_misspelt_words_are_corrected_and_said_so(lib):
    res = lib.search("Levit detainees")
    assert res.corrected == "Levitt detainees" and res.corrections == [("Levit", "Levitt")]
    assert (
        res.correction_line() == "Showing results for Levitt detainees — search instead for Levit detainees"
    )
    assert res.hits and all("Matthew Levitt" in h.authors for h in res.hits)


def test_quoted_words_and_no_correct_are_searched_as_typed(lib):
    quoted = lib.search('"Levit" detainees')
    assert quoted.corrected is None and not any(h.missing == [] for h in quoted.hits)
    as_typed = lib.search("Levit detainees", correct=False)
    assert (
        as_typed.corrected is None and as_typed.partial and all("Levit" in h.missing for h in as_typed.hits)
    )


def test_cli_says_it_corrected_and_brief_reads_the_corrected_question(seeded):
    r = cli("search", "Stoltenburg", "training")
    assert r.returncode == 0 and "Showing results for Stoltenberg training — search instead for" in r.stderr
    b = json.loads(cli("brief", "Levit detainees", "--json").stdout)
    assert b["answered"] and b["corrected"] == "Levitt detainees"
    assert b["sections"][0]["authors"] == ["Matthew Levitt"]
    s = json.loads(cli("brief", "Stoltenburg training", "--json").stdout)
    # The corrected question is read: Stoltenberg's own words on training (a section of his, "announced that
    # the training had been temporarily suspended"), or passages naming him.
    assert s["answered"] and s["corrected"] == "Stoltenberg training"
    assert any(
        sec.get("speaker") == "Jens Stoltenberg" or any("Stoltenberg" in q["text"] for q in sec["quotes"])
        for sec in s["sections"]
    )


def test_closest_matches_when_no_passage_has_every_word(lib):
    res = lib.search("Trump obsolete Manchester attack", limit=10)
    assert res.partial and res.hits
    assert (
        res.partial_line() == "No passage has all of: Trump, obsolete, Manchester, attack — closest matches"
    )
    lacks = [len(h.missing) for h in res.hits]
    assert lacks == sorted(lacks) and lacks[0] >= 1  # most words first; each row says what it lacks
    for h in res.hits:
        low = h.text.lower()
        assert all(w.lower() not in low for w in h.missing)
    full = lib.search("Trump obsolete")
    assert not full.partial and all(h.missing == [] for h in full.hits)


def test_only_unknown_words_give_an_empty_page_that_names_them(seeded):
    r = cli("search", "Qwxzvb", "blorfgh", "--json")
    out = json.loads(r.stdout)
    assert r.returncode == 1 and out["hits"] == [] and out["unknown"] == ["Qwxzvb", "blorfgh"]
    plain = cli("search", "Qwxzvb", "blorfgh")
    assert "Not in the library: Qwxzvb, blorfgh" in plain.stderr
    known_and_not = search_json("Qwxzvb", "detainees")
    assert known_and_not["hits"] and known_and_not["partial"]
    assert all(h["missing"] == ["Qwxzvb"] for h in known_and_not["hits"])


def test_title_author_and_outlet_words_bring_up_their_source(lib):
    title = lib.search("Thank You for Being a Friend")
    assert title.hits[0].title.startswith("Thank You for Being a Friend")
    outlet = lib.search("Rudaw")
    assert outlet.hits and outlet.hits[0].outlet and "Rudaw" in outlet.hits[0].outlet
    author = lib.search("Kristensen partnership")
    assert author.hits and all("Kristian Søby Kristensen" in h.authors for h in author.hits[:5])


def test_explicit_filters_keep_working(lib):
    assert all("Matthew Levitt" in h.authors for h in lib.search("author:levitt NATO").hits)
    assert all(h.date.startswith("2019") for h in lib.search("year:2019 coalition").hits)
    assert all("Rocks" in (h.outlet or "") for h in lib.search("outlet:rocks NATO").hits)
    t = lib.search("title:caliphate ISIS")
    assert t.hits and all("Caliphate" in h.title for h in t.hits)


def test_word_families_and_explain_shows_the_forms(lib, seeded):
    res = lib.search("withdrawal", limit=40)
    assert any("withdrawn" in h.text for h in res.hits) and any("withdrawal" in h.text for h in res.hits)
    assert ("withdrawal", ["withdrawn"]) in res.families or any(w == "withdrawal" for w, _ in res.families)
    dep = lib.search("deployment", limit=40)
    assert any("deployed" in h.text for h in dep.hits)
    r = cli("search", "withdrawal", "--explain")
    assert "family: withdrawal -> withdrawn" in r.stderr
    exact = lib.search("withdrawal", exact=True, limit=40)
    assert all("withdrawal" in (h.text + h.title).lower() for h in exact.hits)  # no other forms


def test_date_range_filter_and_sort_by_date(lib):
    res = lib.search("NATO date:2020-01..2021-06", limit=40)
    assert res.hits and all(h.date and "2020-01-01" <= h.date <= "2021-06-30" for h in res.hits)
    by_date = lib.search("NATO", sort="date", limit=200)
    dates = [h.date for h in by_date.hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert None in dates and dates.index(None) > len(dated) - 1  # undated last
    bad = lib.search("NATO date:someday")
    assert any("Not a date range" in n for n in bad.notices) and bad.hits


def test_cli_sort_and_date_options_and_undated_shown(seeded):
    out = search_json("NATO", "--sort", "date", "--limit", "100")
    dates = [h["date"] for h in out["hits"]]
    assert out["sort"] == "date" and dates[0] >= max(d for d in dates if d)
    ranged = search_json("Iraq", "--date", "2021")
    assert ranged["hits"] and all(h["date"].startswith("2021") for h in ranged["hits"])
    plain = cli("search", "partnership", "policy", "--limit", "3")
    assert "undated" in plain.stdout


async def test_box_shows_correction_closest_matches_and_groups_by_source(seeded):
    from nato_brief.tui.app import make_app
    from nato_brief.tui.widgets import ResultList
    from textual.widgets import Input, Static

    from .tui_helpers import type_query, wait_ready

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Levit detainees ")
        note = app.query_one("#search-note", Static)
        assert (
            "Showing results for Levitt detainees — search instead for Levit detainees" in note.render().plain
        )
        results = app.query_one("#results", ResultList)
        # Levitt's passages on detainees are one source: one row, the others folded under it
        assert len(results.items) == 1 and results.items[0].more >= 3
        assert "more in this source" in results.render_item(results.items[0]).plain
        results.focus()
        await pilot.press("right")
        assert len(results.items) == 1 + results.items[0].more
        await pilot.press("left")
        assert len(results.items) == 1
        await pilot.press("g")
        assert len(results.items) == len(results.hits) > 1
        # ctrl+o: search the words as typed (the corrected word is quoted in the box)
        await pilot.press("ctrl+o")
        assert app.query_one("#search", Input).value.startswith('"Levit" detainees')
        await type_query(pilot, "Trump obsolete Manchester attack")
        assert "No passage has all of: Trump, obsolete, Manchester, attack — closest matches" in (
            note.render().plain
        )
        first = results.items[0]
        assert first.hit.missing and "lacks: " in results.render_item(first).plain
        await type_query(pilot, "Qwxzvb blorfgh")
        assert "Not in the library: Qwxzvb, blorfgh" in note.render().plain


async def test_box_sorts_by_date_with_a_key(seeded):
    from nato_brief.tui.app import make_app
    from nato_brief.tui.widgets import ResultList

    from .tui_helpers import type_query, wait_ready, wait_until

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Iraq ")
        results = app.query_one("#results", ResultList)
        results.focus()
        await pilot.press("o")
        await wait_until(pilot, lambda: app.last_result is not None and app.last_result.sort == "date")
        dates = [h.date for h in app.last_result.hits if h.date]
        assert dates == sorted(dates, reverse=True)
        assert "newest first" in app.query_one("#status").render().plain
