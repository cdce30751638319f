"""A speaker's section in a briefing lists only statements whose OWN words are on the topic: a person's
unrelated words never come back as their answer because the passage around them or another speaker's clause
in the same sentence mentions the topic (on the topic: the statement's own words, its sentence outside other
speakers' statements, or the article's title). When none is on it, the briefing says the library has
nothing from that person on it (their other statements are not offered as an answer). Articles written for
this test."""

from __future__ import annotations

import json

from tests.test_cli import run

ARTICLE = (
    "Harbour board meets on a stormy Tuesday\n\nBy Mira Castell\n\n"
    "The harbour board met on Tuesday to discuss the dredging plan and the ferry timetable.\n\n"
    '"We will not vote before the spring," Councillor Oskar Brandt told the board during the session.\n\n'
    '"Nobody will lose their berth," Brandt said after the meeting.\n\n'
    "Brandt said the minutes were late, while Engineer Ilse Varga said the dredging plan was too costly.\n\n"
    '"The dredging plan has to be rewritten," Varga said.\n'
)


def _add(tmp_path) -> None:
    p = tmp_path / "board.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = run("add", str(p))
    assert r.returncode == 0, r.stderr


def _speaker_texts(data: dict, who: str) -> list[str]:
    return [q["text"] for s in data["sections"] if who in (s.get("speaker") or "") for q in s["quotes"]]


def test_a_speakers_unrelated_words_are_not_his_answer_on_a_topic(home, tmp_path):
    _add(tmp_path)
    data = json.loads(run("brief", "What did Brandt say about the dredging plan?", "--json").stdout)
    said = _speaker_texts(data, "Brandt")
    # Brandt's words are about the vote, berths and minutes; Varga's clause in his sentence is the dredging.
    assert said == [], said
    assert "nothing from" in data["framing"] and "Oskar Brandt on this topic" in data["framing"]
    md = run("brief", "What did Brandt say about the dredging plan?", "--markdown").stdout
    assert "> We will not vote before the spring" not in md and "> Nobody will lose their berth" not in md
    assert "the minutes were late)" not in md  # never his reported words as his answer


def test_a_speakers_words_on_the_topic_are_still_their_answer(home, tmp_path):
    _add(tmp_path)
    data = json.loads(run("brief", "What did Varga say about the dredging plan?", "--json").stdout)
    said = _speaker_texts(data, "Varga")
    assert "The dredging plan has to be rewritten" in said
    assert all("dredging" in t for t in said), said
    everything = json.loads(run("brief", "What did Brandt say?", "--json").stdout)
    assert "Nobody will lose their berth" in _speaker_texts(everything, "Brandt")  # no topic: all he said
