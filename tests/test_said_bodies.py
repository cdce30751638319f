"""A body named with and without "the" is one speaker in ``nato-brief said`` (fresh-user check: "Pentagon"
and "the Pentagon" were listed as two speakers, the second with no entity)."""

from __future__ import annotations

import json

from tests.conftest import cli


def said(*args: str) -> tuple[int, dict]:
    r = cli("said", *args, "--json")
    return r.returncode, json.loads(r.stdout)


def test_the_pentagon_and_a_pentagon_readout_are_one_speaker(seeded):
    code, data = said("Pentagon")
    assert code == 0
    stmts = data["statements"]
    assert {s["speaker"] for s in stmts} >= {"the Pentagon"}
    assert {s["speaker_entity"] for s in stmts} == {"Pentagon"}
    assert all(s["named"] for s in stmts)
    # Plain output names the speaker once, the same way on every line.
    lines = [ln for ln in cli("said", "Pentagon").stdout.splitlines() if not ln.startswith(" ")]
    assert {ln.split(":", 1)[0] for ln in lines} == {"Pentagon"}


def test_a_body_written_with_the_is_the_body_in_a_written_text(home, tmp_path):
    doc = tmp_path / "trainers.md"
    doc.write_text(
        "---\ntitle: Trainers for the mission\nauthor: Ann Writer\ndate: 2021-03-02\n---\n\n"
        "“The trainers will stay through the winter,” the Pentagon said in a statement on Monday.\n\n"
        "A Pentagon statement said that the first trainers would arrive in April.\n\n"
        "“No decision on numbers has been taken,” the Ministry said on Tuesday.\n",
        encoding="utf-8",
    )
    assert cli("add", str(doc)).returncode == 0
    sid = next(s["id"] for s in json.loads(cli("sources", "--json").stdout) if s["title"].startswith("Trainers"))
    code, data = said("--source", sid)
    assert code == 0
    by = {s["text"]: s for s in data["statements"]}
    stay = by["The trainers will stay through the winter"]
    arrive = by["the first trainers would arrive in April"]
    assert stay["speaker"] == "the Pentagon" and stay["speaker_entity"] == "Pentagon" and stay["named"]
    assert arrive["speaker_entity"] == "Pentagon"
    # "the Ministry" (a common noun with a capital) stays the unnamed body the text means, never "Ministry".
    assert by["No decision on numbers has been taken"]["speaker_entity"] is None
