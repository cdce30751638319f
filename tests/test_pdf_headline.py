"""A PDF's title is its largest-type line near the top of the first page: a small running-head line above the
headline never beats it (a quote by someone who is not in the text, in every citation), and the headline
never vanishes from the text. A running head that is the same on every page gives the outlet. PDFs composed
by tests/docgen.py."""

from __future__ import annotations

import json

from tests.docgen import make_quoted_head_pdf
from tests.test_cli import run

HEAD = 'Colonel Arvid Strand: "The quay stays closed" | The Quayside Ledger'
HEADLINE = "Grain silos on the northern quay near completion"


def _sources() -> list[dict]:
    return json.loads(run("sources", "--json").stdout)


def test_the_headline_not_the_running_head_is_the_title(home, tmp_path):
    pdf = make_quoted_head_pdf(tmp_path / "silos.pdf", pages=1, head=HEAD, headline=HEADLINE)
    assert run("add", str(pdf)).returncode == 0
    (src,) = [s for s in _sources() if s["origin"].endswith("silos.pdf")]
    assert src["title"] == HEADLINE, src
    assert "Strand" not in src["title"]
    hits = json.loads(run("search", "Grain silos northern quay completion", "--json").stdout)["hits"]
    assert hits and hits[0]["source_id"] == src["id"]
    stmts = json.loads(run("said", "Strand", "--json").stdout)["statements"]
    assert stmts == [], stmts  # the running head's quote is no statement of the article's


def test_a_running_head_on_every_page_gives_the_outlet(home, tmp_path):
    pdf = make_quoted_head_pdf(tmp_path / "silos3.pdf", pages=3, head=HEAD, headline=HEADLINE)
    assert run("add", str(pdf)).returncode == 0
    (src,) = [s for s in _sources() if s["origin"].endswith("silos3.pdf")]
    assert src["title"] == HEADLINE, src
    assert src["outlet"] == "The Quayside Ledger", src
