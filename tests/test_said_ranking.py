"""``nato-brief said NAME`` puts the speaker the name means first: a surname alone (with or without its
particle) finds the full name, and other speakers who only look alike ("al-Abbasi" / "al-Sudani") are left
out when one speaker matches well. Texts written for this test."""

from __future__ import annotations

import json

from nato_brief.search.library import Library

from tests.test_cli import run


def said(*args: str) -> list[dict]:
    r = run("said", *args, "--json")
    return json.loads(r.stdout)["statements"]


def test_said_ranks_the_named_speaker_first(home, tmp_path):
    a = tmp_path / "a.md"
    a.write_text(
        "---\ntitle: Budget talks\nauthor: Ann Writer\ndate: 2022-05-02\n---\n\n"
        "“The salaries will be paid in June,” Prime Minister Kamil Shia al-Sudairi said on Monday.\n\n"
        "“Nobody will be left unpaid,” al-Sudairi added later.\n",
        encoding="utf-8",
    )
    b = tmp_path / "b.md"
    b.write_text(
        "---\ntitle: Border posts\nauthor: Bo Writer\ndate: 2022-01-03\n---\n\n"
        "“The posts stay open,” said Defence Minister Rafiq al-Abbadi.\n\n"
        "“Every foreign soldier must leave,” said senator Hadi al-Amrawi's spokesman, Salim al-Fatlani.\n",
        encoding="utf-8",
    )
    Library().open().add([a, b])
    got = said("al-Abbadi")
    assert got and got[0]["speaker_entity"] == "Rafiq al-Abbadi"
    assert {s["speaker_entity"] for s in got} == {"Rafiq al-Abbadi"}
    got = said("Salim al-Fatlani")
    assert got and got[0]["speaker_entity"] == "Salim al-Fatlani"
    assert "Kamil Shia al-Sudairi" not in {s["speaker_entity"] for s in got}
    got = said("Fatlani")
    assert [s["speaker_entity"] for s in got] == ["Salim al-Fatlani"]
    assert said("Hadi al-Amrawi") == []
