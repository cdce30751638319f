"""A quotation running over paragraphs is its speaker's throughout: "“…,” said X. “Every season …" (opened,
never closed) followed by a paragraph opening with a quotation mark goes on with X's words. A paragraph that
opens with a quotation mark after a quotation that was closed names nobody and stays nobody's. Pages
composed for this test."""

from __future__ import annotations

import json

from tests.test_cli import run

PAGE = """<html><head><title>Port guards ask for patrol boats</title><meta name="author" content="Lena Okafor">
</head><body><article><h1>Port guards ask for patrol boats</h1><p>By Lena Okafor</p>
<p>The port guard renewed its request for patrol boats on Friday after another smuggling run up the estuary.</p>
<p>“We have asked the ministry for three seasons,” said Piet Halvorsen, a captain of the guard. “Each season we are told the boats are on order.</p>
<p>“Meanwhile the smugglers keep using the estuary, and the fishermen ask why nobody comes.”</p>
<p>A ministry spokesman, Colonel Ruud Brenner, said the order was “being processed”.</p>
<p>“The ministry has forgotten the estuary,” said a fisherman, Joris Lint.</p>
<p>“Nobody has sent a single boat since the spring.”</p>
</article></body></html>"""


def test_a_quotation_running_over_paragraphs_stays_its_speakers(home, tmp_path):
    p = tmp_path / "port.html"
    p.write_text(PAGE, encoding="utf-8")
    assert run("add", str(p)).returncode == 0
    r = run("said", "--json")
    assert r.returncode == 0, r.stderr
    said = [
        (s["speaker"], s["text"]) for s in json.loads(r.stdout)["statements"] if s["title"].startswith("Port")
    ]
    assert ("Piet Halvorsen", "We have asked the ministry for three seasons") in said, said
    assert ("Piet Halvorsen", "Each season we are told the boats are on order.") in said, said
    assert any(who == "Piet Halvorsen" and t.startswith("Meanwhile the smugglers") for who, t in said), said
    # After a closed quotation, a paragraph opening with a mark is not anyone's continuation.
    assert not any("Nobody has sent" in t for _who, t in said), said
