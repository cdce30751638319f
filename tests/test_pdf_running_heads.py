"""A news article saved as PDF from a browser: the print date, the page title with the outlet, a masthead line,
the address with "n/N" and a copyright line repeat on every page, drawn after each page's text. None of them is
a passage (search never finds them), the source lists them as its page chrome, and the article's own lines
that recur (a paragraph ending "… of their own.") stay in the text."""

from __future__ import annotations

import json

from .docgen import PRINTED_HEADS, PRINTED_PARAS, PRINTED_TITLE, make_printed_article_pdf
from .test_cli import run


def test_printed_article_running_heads_are_page_chrome_not_passages(home, tmp_path):
    path = make_printed_article_pdf(tmp_path / "printed.pdf")
    r = run("add", str(path), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    added = json.loads(r.stdout)["added"][0]
    assert added["title"] == PRINTED_TITLE
    # The byline and the date line under the headline are the article's metadata, not one joined paragraph
    # (and not the PDF's creation date).
    assert (added["authors"], added["date"]) == (["Dana Whitfield"], "2021-04-12")
    for words in ("All rights reserved", "09:14", "harbourcourier.example", "World - Defence", "Harbour Courier"):
        found = json.loads(run("search", words, "--json", "--limit", "50").stdout)
        assert not [h["text"] for h in found["hits"] if words.lower() in h["text"].lower()], words
    from nato_brief.search.library import Library

    src = Library().open().source(added["id"])
    for head in PRINTED_HEADS.values():
        assert head not in src.text
        assert any(head in c for c in src.chrome), (head, src.chrome)
    heads = [c for c in src.chrome if any(h in c for h in PRINTED_HEADS.values())]
    assert len(heads) == 4, heads  # one line per running head, not one per page
    for para in PRINTED_PARAS:  # every paragraph whole, one passage each, page breaks included
        assert any(p.text == para for p in src.passages), para
    assert sorted({p.page for p in src.passages}) == [1, 2, 3]
