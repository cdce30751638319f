"""Who speaks when a name is only linked to the speaker, or shared by two people (composed documents only).

"Aides to Sobczak said ..." are the aides' words, never Sobczak's; "Halvorsen said" in a source that names
both Anders and Ingrid Halvorsen is not guessed to be either of them.
"""

from __future__ import annotations

import json

import pytest
from nato_brief.search.ingest import ingest_text
from nato_brief.search.mining import mine_source

from tests.conftest import cli


def statements(body: str) -> list[tuple[str, str | None, str]]:
    doc = f"---\ntitle: Envoy row\nauthor: Oona Teller\noutlet: Test Wire\ndate: 2022-11-05\n---\n\n{body}\n"
    out = []
    for src in ingest_text(doc, "t.md", "k"):
        for q in mine_source(src).quotes:
            out.append((q.speaker, q.entity, src.text[q.start : q.end]))
    return out


@pytest.mark.parametrize(
    "group",
    [
        "Aides to",
        "Allies of",
        "Friends of",
        "Critics of",
        "Supporters of",
        "Officials close to",
        "Sources close to",
    ],
)
@pytest.mark.parametrize("named", ["Sobczak", "Marek Sobczak"])
def test_people_linked_to_a_person_are_not_that_person(group, named):
    body = (
        "The envoy Marek Sobczak stayed silent on Friday as the row grew.\n\n"
        f'{group} {named} said he was "ready to resign."'
    )
    got = [s for s in statements(body) if "ready to resign" in s[2]]
    assert got, statements(body)
    for speaker, entity, _words in got:
        assert entity is None, (speaker, entity)
        assert speaker.startswith(group), speaker


SURNAMES = (
    "Anders Halvorsen, the defence minister, presented the budget on Monday.\n\n"
    'Opposition MP Ingrid Halvorsen, his cousin, attacked it on Tuesday. "These numbers do not add up," '
    "Halvorsen said.\n\n"
    'Ingrid Halvorsen later criticised the government. "This budget is a fantasy," Ms. Halvorsen told '
    "reporters."
)


def test_a_surname_two_people_share_is_never_given_to_one_of_them():
    got = {words: (speaker, entity) for speaker, entity, words in statements(SURNAMES)}
    for words in ("These numbers do not add up", "This budget is a fantasy"):
        hit = [v for k, v in got.items() if words in k]
        assert hit, got
        for speaker, entity in hit:
            assert entity != "Anders Halvorsen" and "Anders" not in speaker, (words, speaker, entity)


def test_said_does_not_list_the_other_halvorsen(tmp_path, home):
    page = tmp_path / "budget.txt"
    page.write_text(f"Budget row in Oslo\nBy Mira Castellane\n2022-08-01\n\n{SURNAMES}\n", encoding="utf-8")
    assert cli("add", str(page)).returncode == 0
    r = cli("said", "Halvorsen", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["statements"]
    said = {row["text"]: row for row in rows}
    assert "These numbers do not add up" in said, rows
    for row in rows:
        assert "Anders" not in row["speaker"] and row["speaker_entity"] != "Anders Halvorsen", row


def test_one_person_with_a_surname_still_resolves():
    body = (
        "Anders Halvorsen, the defence minister, presented the budget on Monday. "
        '"The budget is fully funded," Halvorsen said.'
    )
    got = [(s, e) for s, e, w in statements(body) if "fully funded" in w]
    assert got and all(e == "Anders Halvorsen" for _s, e in got), got


def test_a_title_ending_in_a_body_still_names_the_person():
    body = 'Ambassador to NATO Marek Sobczak said the alliance was "united."'
    got = [(s, e) for s, e, w in statements(body) if "united" in w]
    assert got and all(e == "Marek Sobczak" for _s, e in got), got


def test_said_for_one_full_name_does_not_list_a_namesake(tmp_path, home):
    page = tmp_path / "summit.txt"
    page.write_text(
        "Summit notes\nBy Mira Castellane\n2022-07-12\n\n"
        '"We need more air defence," Defence Minister Anders Halvorsen said on Tuesday.\n\n'
        "His cousin Ingrid Halvorsen, an opposition MP, attended the summit.\n",
        encoding="utf-8",
    )
    assert cli("add", str(page)).returncode == 0
    r = cli("said", "Ingrid Halvorsen", "--json")
    rows = json.loads(r.stdout)["statements"] if r.stdout.strip() else []
    assert all("Anders" not in (row["speaker_entity"] or row["speaker"]) for row in rows), rows
    r = cli("said", "Anders Halvorsen", "--json")
    assert "air defence" in r.stdout, r.stdout


def test_brief_about_one_halvorsen_does_not_speak_of_the_other(tmp_path, home):
    page = tmp_path / "summit.txt"
    page.write_text(
        "Two cousins at the summit\nBy Mira Castellane\n2022-07-12\n\n"
        "Defence Minister Anders Halvorsen and his cousin, the opposition MP Ingrid Halvorsen, both came to "
        "the summit on Tuesday.\n\n"
        '"Air defence comes first," Halvorsen said at a press conference.\n\n'
        "Ingrid Halvorsen criticised the government later that day.\n\n"
        'A spokesman for Anders Halvorsen said the minister had told aides, "I will stay on."\n',
        encoding="utf-8",
    )
    assert cli("add", str(page)).returncode == 0
    r = cli("brief", "What did Ingrid Halvorsen say about the budget?")
    assert r.returncode in (0, 1), r.stderr
    assert "nothing from" not in r.stdout and "spokesman for Anders" not in r.stdout, r.stdout
