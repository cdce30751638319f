"""A "he" never reaches back past another person named as a sentence's subject to an earlier speaker:
"“…,” General X said.¶Y covers security for the Post. He said in 2020 that “…”" is not X's (Y may be
meant: unattributed rather than a guess). Articles written for this test."""

from __future__ import annotations

import json

from tests.test_cli import run

PAGE = """<html><head><title>Harbour mission debate</title><meta name="author" content="Edvin Marsh"></head>
<body><article><h1>Harbour mission debate</h1><p>By Edvin Marsh</p>
<p>The debate over the harbour mission continues in several capitals this month.</p>
<p>“We will hand over the last harbour posts soon,” Admiral Petra Quill said.</p>
<p>Edvin Marsh covers maritime security for the Tidewater Post. He said in 2019 that “Harbours will define the decade.”</p>
<p>“The last patrols end in June,” Admiral Petra Quill said. “After that, the harbour is theirs,” she said.</p>
</article></body></html>"""


def test_he_does_not_reach_past_a_named_subject_to_an_earlier_speaker(home, tmp_path):
    p = tmp_path / "harbour.html"
    p.write_text(PAGE, encoding="utf-8")
    assert run("add", str(p)).returncode == 0
    r = run("said", "Quill", "--json")
    assert r.returncode == 0, r.stderr
    theirs = [s["text"] for s in json.loads(r.stdout)["statements"] if s["speaker"] == "Petra Quill"]
    assert any("last harbour posts" in t for t in theirs), theirs  # her own words stay hers
    assert any("harbour is theirs" in t for t in theirs), theirs  # and "she said" right after her
    assert not any("define" in t for t in theirs), theirs
