"""Names across spellings: one entity for transliteration variants, initials and surnames; datelines and agencies
are never people. Composed wire stories through the real command line, plus the rule itself."""

from __future__ import annotations

import json

import pytest
from nato_brief.search.spellings import same_name, same_word, spelling_links

from .test_cli import run

WIRE = """Allies Weigh Iraq Mission After Prime Minister's Visit

By Clara Jensen

14 March 2018

BRUSSELS (AP) — NATO defence ministers agreed on Thursday to expand the training mission in Iraq after a visit \
by Iraqi Prime Minister Haider al-Abadi, who asked for help with military schools and bomb disposal.

Defense Secretary James N. Mattis told reporters that the alliance would not send combat troops, and that the \
advisers would stay away from the front lines in the west of the country.

Diplomats said the Iranian general Qassem Soleimani had travelled to Baghdad twice this year to press Shiite \
militia leaders to oppose any larger Western presence in the country.

A senior official in the oil ministry, Mohammed Shia al-Sudani, told the ministers that reconstruction money \
would matter more than soldiers in the provinces retaken from the militants.

Hadi al-Amiri, who leads the Badr Organization, said his fighters would leave the cities once the police \
could hold them on their own.

Ali Hussein, a member of parliament from Mosul, said the city still waits for the rubble to be cleared from \
its old quarter.
"""

REUTERS = """Iraq Asks Coalition to Stay as Militias Gain Ground

By Tomas Lindgren

2 April 2018

(Reuters) - Iraq's prime minister Haidar Abadi said on Monday that the coalition should keep its advisers in \
the country until the new army divisions are ready, a request that divides his own governing bloc.

Pentagon officials said Defense Secretary Mattis would answer the request within weeks, and that James Mattis \
had already asked allies to share the cost of the schools.

Militia leaders close to Gen. Qassim Suleimani warned that foreign troops would become targets if they stayed \
after the elections.

Al-Sudani, now tipped as a future minister, said the provinces needed engineers and money before they needed \
more soldiers or more advisers.

Commanders loyal to Hadi al-Ameri took over two checkpoints on the road to Diyala during the night.

Ali Hassan, a tribal leader from Anbar, said his fighters had not been paid for five months and would not \
wait much longer.
"""


@pytest.fixture
def wires(seeded, tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "reuters.txt").write_text(REUTERS, encoding="utf-8")
    r = run("add", str(tmp_path / "wire.txt"), str(tmp_path / "reuters.txt"), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    return {s["origin"]: s["id"] for s in json.loads(r.stdout)["added"]}


def _who(name: str) -> list[dict]:
    r = run("who", name, "--json")
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["matches"]


def _sources(match: dict) -> set[str]:
    return {m["source_id"] for m in match["mentions"]}


@pytest.mark.parametrize(
    ("typed", "name", "alias"),
    [
        ("Haidar Abadi", "Haider al-Abadi", "Haidar Abadi"),
        ("al-Abadi", "Haider al-Abadi", "Haidar Abadi"),
        ("Mattis", "James N. Mattis", "James Mattis"),
        ("James Mattis", "James N. Mattis", "Mattis"),
        ("Sudani", "Mohammed Shia al-Sudani", "Al-Sudani"),
        ("Hadi al-Ameri", "Hadi al-Amiri", "Hadi al-Ameri"),
    ],
)
def test_spellings_are_one_entity_across_sources(wires, typed, name, alias):
    top = _who(typed)[0]
    assert {name, alias} <= {top["name"], *top["aliases"]}, top
    assert _sources(top) == {wires["wire.txt"], wires["reuters.txt"]}


def test_who_soleimani_finds_the_suleimani_passage(wires):
    top = _who("Soleimani")[0]
    assert {"Soleimani", "Suleimani"} <= {top["name"], *top["aliases"]}
    assert {wires["wire.txt"], wires["reuters.txt"]} <= _sources(top)


def test_similar_names_of_different_people_stay_apart(wires):
    hassan = _who("Ali Hassan")[0]
    assert hassan["name"] == "Ali Hassan" and "Ali Hussein" not in hassan["aliases"]
    assert _sources(hassan) == {wires["reuters.txt"]}


def test_datelines_and_agencies_are_never_people(wires):
    for typed in ("BRUSSELS", "Reuters", "AP", "Associated Press"):
        for m in _who(typed):
            assert m["kind"] != "person" or m["name"] not in ("Reuters", "Associated Press", "BRUSSELS"), m
            assert m["name"] not in ("BRUSSELS", "Brussels") or not (_sources(m) & set(wires.values())), m
    assert _who("Reuters")[0]["kind"] == "organisation"


@pytest.mark.parametrize("typed", ["Haidar Abadi", "Hadi al-Ameri"])
def test_search_one_spelling_finds_the_other(wires, typed):
    r = run("search", typed, "--json")
    data = json.loads(r.stdout)
    assert {h["source_id"] for h in data["hits"]} == {wires["wire.txt"], wires["reuters.txt"]}
    exact = json.loads(run("search", typed, "--json", "--exact").stdout)
    assert {h["source_id"] for h in exact["hits"]} == {wires["reuters.txt"]}


def test_rule():
    for a, b in [("suleimani", "soleimani"), ("qassim", "qasem"), ("haider", "haidar"), ("mohammed", "muhammad"),
                 ("hussein", "husayn"), ("fallujah", "falluja"), ("amiri", "ameri"), ("osama", "usama")]:  # fmt: skip
        assert same_word(a, b), (a, b)
    for a, b in [("hussein", "hassan"), ("ali", "ala"), ("omar", "amer"), ("saddam", "sadam hussein")]:
        assert not same_word(a, b), (a, b)
    assert same_name("haider al-abadi", "haidar abadi")
    assert same_name("james n mattis", "james mattis")
    assert not same_name("james n mattis", "james a mattis")
    assert not same_name("ali hussein", "ali hassan")
    # "James Mattis" is not linked when two people share the first and last names with different initials.
    links = spelling_links({"jms mts": ["james a mattis", "james mattis", "james n mattis"]})
    assert links == []
    # A surname alone joins the one full name it can belong to, and nobody when two people share it.
    assert spelling_links({"~bd": ["al-abadi", "haider al-abadi"]}) == [("haider al-abadi", "al-abadi")]
    assert spelling_links({"~bd": ["al-abadi", "haider al-abadi", "hussein al-abadi"]}) == []
