"""Quoted words nobody is named for are nobody's own words: a brief's author section and a compare column
never list them as the author's. Three shapes: the second paragraph of a multi-paragraph quote (it opens
with a quotation mark and names nobody), an interview answer after a "Name:" label, and an embedded post
with its "— Name (@handle) date" credit line. The author's own sentences, and the interviewer's questions,
stay. Pages composed for this test."""

from __future__ import annotations

import json

from tests.test_cli import run

QUOTE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Port guards ask for patrol boats</title>
<meta name="author" content="Lena Okafor"><meta property="og:site_name" content="Delta Courier">
</head><body><article><h1>Port guards ask for patrol boats</h1><p>By Lena Okafor</p>
<p>The port guard renewed its request for patrol boats on Friday after another smuggling run up the estuary.</p>
<p>“We have asked the ministry for three seasons,” said Piet Halvorsen, a captain of the guard. “Each season we
are told the estuary patrol boats are on order.</p>
<p>“Meanwhile the smugglers keep using the estuary, and the fishermen ask why the patrol boats never come.”</p>
</article></body></html>"""

INTERVIEW_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>An interview with Marta Velez</title>
<meta name="author" content="Oren Falk"><meta property="og:site_name" content="Lakeside Review">
</head><body><article><h1>“We teach, we do not patrol”: an interview with Marta Velez</h1>
<p class="byline">By Oren Falk</p>
<p>Commander Marta Velez has run the lake rescue school in Tarnow since the spring flood season.</p>
<p><strong>Lakeside Review:</strong> Critics say the lake rescue school has lost its way. What is your answer?</p>
<p><strong>Marta Velez:</strong> Come and watch a drill. The lake rescue school graduates now run their own
drills, and that was the whole point.</p>
<p><strong>Velez:</strong> The lake rescue school will close when the province decides, not before.</p>
<blockquote class="twitter-tweet"><p>Proud of the new lake rescue school graduates today. Tarnow harbour is in good
hands.</p>&mdash; Governor Anton Kessel (@AntonKesselGov) May 4, 2024</blockquote>
<p>This interview has been edited for length.</p>
</article></body></html>"""


def _add(tmp_path, name: str, page: str) -> None:
    p = tmp_path / name
    p.write_text(page, encoding="utf-8")
    r = run("add", str(p))
    assert r.returncode == 0, r.stderr


def _author_texts(data: dict, author: str) -> list[str]:
    return [
        q["text"]
        for s in data["sections"]
        if not s.get("speaker") and author in s["authors"]
        for q in s["quotes"]
        if not q.get("speaker")
    ]


def test_an_unattributed_quote_paragraph_is_not_the_authors(home, tmp_path):
    _add(tmp_path, "port.html", QUOTE_PAGE)
    r = run("brief", "Lena Okafor on patrol boats in the estuary", "--json")
    assert r.returncode == 0, r.stderr
    own = _author_texts(json.loads(r.stdout), "Lena Okafor")
    assert any("renewed its request for patrol boats" in t for t in own), own  # her own sentence stays
    assert not any("smugglers keep using" in t or "are told the estuary" in t for t in own), own
    cols = json.loads(run("compare", "smugglers estuary fishermen", "--json").stdout)["columns"]
    shown = [p["text"] for c in cols if "Lena Okafor" in c["authors"] for p in c["passages"]]
    assert not any(t.startswith("“Meanwhile") for t in shown), shown


def test_an_interview_answer_and_an_embedded_post_are_not_the_authors(home, tmp_path):
    _add(tmp_path, "interview.html", INTERVIEW_PAGE)
    r = run("brief", "Oren Falk on the lake rescue school", "--json")
    assert r.returncode == 0, r.stderr
    own = _author_texts(json.loads(r.stdout), "Oren Falk")
    assert any("has run the lake rescue school" in t for t in own), own  # his own sentence stays
    for theirs in (
        "graduates now run their own",
        "will close when the province",
        "Proud of the new",
        "in good",
    ):
        assert not any(theirs in t for t in own), (theirs, own)
    assert not any("@AntonKesselGov" in t for t in own), own
    cols = json.loads(run("compare", "lake rescue school graduates", "--json").stdout)["columns"]
    shown = [p["text"] for c in cols if "Oren Falk" in c["authors"] for p in c["passages"]]
    for theirs in ("graduates now run their own", "Proud of the new", "will close when the province"):
        assert not any(theirs in t for t in shown), (theirs, shown)
