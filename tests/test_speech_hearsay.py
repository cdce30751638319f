"""Hearsay is not a statement: "X reportedly said …", "X allegedly told …", "X was reported to have said …"
are the writer passing on a claim that X spoke, without vouching for it. Such words never go under X in `said`
or in a briefing's speaker section; the sentence stays the article author's own prose."""

from __future__ import annotations

import json

from tests.test_cli import run
from tests.test_speech import said

ARTICLE = """---
title: Ministers weigh the training mission's future
author: Dana Whitfield
outlet: The Harbour Courier
date: 2021-04-12
---

Defence ministers met in Brussels on Tuesday to weigh the future of the training mission in Iraq.

Halvard Brenn reportedly said that the mission would double in size within a year. The claim could not be
confirmed by the alliance's press office.

Ilse Marr was reported to have said that the trainers would stay in the capital until the end of the decade.

Oskar Veld allegedly said the government would ask the coalition to leave by the summer.

Petra Lind said on Monday that the coalition had completed its handover of the bases to local forces.

"We will not leave our partners alone," Brenn reportedly said at the dinner.

Tomas Egger is said to have told reporters that the militants were regrouping in the north.

"The bases are ready," Lind said, while Egger reportedly told aides that the handover was a mistake.
"""


def test_hearsay_is_not_a_statement_but_plain_speech_next_to_it_is():
    body = ARTICLE.split("---\n", 2)[2]
    got = {(s, t) for s, _e, _k, t in said(body)}
    assert ("Petra Lind", "the coalition had completed its handover of the bases to local forces") in got
    assert ("Lind", "The bases are ready") in got  # the same sentence's plain quotation stays hers
    speakers = {s for s, _t in got}
    assert not speakers & {"Halvard Brenn", "Brenn", "Ilse Marr", "Oskar Veld", "Tomas Egger", "Egger"}, got


def test_cli_said_and_brief_never_give_hearsay_to_the_subject(home, tmp_path):
    doc = tmp_path / "hearsay.md"
    doc.write_text(ARTICLE, encoding="utf-8")
    assert run("add", str(doc), "--json").returncode == 0
    out = json.loads(run("said", "--json", "--limit", "200").stdout)
    mine = [s for s in out["statements"] if s["outlet"] == "The Harbour Courier"]
    assert {s["speaker"] for s in mine} <= {"Petra Lind", "Lind"}, mine
    for name in ("Brenn", "Oskar Veld"):
        r = run("said", name, "--json")
        assert not [s for s in json.loads(r.stdout).get("statements", []) if s["outlet"] == "The Harbour Courier"]
    b = json.loads(run("brief", "What did Brenn say about the mission?", "--json").stdout)
    assert not any(sec.get("speaker") for sec in b["sections"]), b["sections"]
    # The sentence is still there, as the article author's own words, hedge and all.
    quotes = [(sec["authors"], q["text"]) for sec in b["sections"] for q in sec["quotes"]]
    assert (["Dana Whitfield"], "Halvard Brenn reportedly said that the mission would double in size within a "
            "year.") in [(a, t.replace("\n", " ")) for a, t in quotes]
