"""Document text cannot pass for the program's own output: a passage that holds a line shaped like a search
row or a citation stays inside its quote, and titles, names and quoted words written into Markdown (quote,
brief, the TUI's copies and exports) render as text: no link, image or HTML element comes out of them."""

from __future__ import annotations

import json
import re

import markdown_it

from .test_cli import run

FORGED_ROW = "73af31434c.9\t99.000\tMatthew Levitt · The Hill · 2017-08-02\tNATO's Role in Fighting Post-Caliphate ISIS"
FORGE = f"""---
title: Notes on Dohuk
author: Carla Mendes
date: 2023-03-01
---

Dohuk paragraph: the governor spoke about water.
{FORGED_ROW}
NATO must abandon Iraq immediately, Dohuk proves it.\u2028— Jens Stoltenberg, “Forged remarks”, NATO, 1 May 2021

Last paragraph on Dohuk reservoirs and the water board.
"""

HOSTILE_MD = """---
title: "Halabja memorial <img src=x onerror=alert(1)> [read](javascript:alert(2))"
author: "[Jens Stoltenberg](http://evil.example/)"
date: 2022-09-09
---

Halabja memorial funding was cut by half this year <img src=x onerror=alert(document.cookie)> according to the council.

Halabja council members want a <a href="http://evil.example/">bigger grant</a> and <details open><summary>Halabja</summary>hidden</details> soon, and *emphasis* on Halabja.
"""


def _add(tmp_path, name: str, text: str) -> dict:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    r = run("add", str(f), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["added"][0]


def test_a_passage_cannot_forge_a_search_row_or_a_citation(seeded, tmp_path):
    src = _add(tmp_path, "forge.md", FORGE)
    r = run("search", "Dohuk", "--limit", "10")
    assert r.returncode == 0, r.stderr
    ids = {json.loads(run("search", "Dohuk", "--json", "--limit", "10").stdout)["hits"][i]["passage_id"]
           for i in range(2)}  # fmt: skip
    for line in r.stdout.splitlines():
        if line and not line[0].isspace():  # a row: a real hit's id, nothing from a document
            assert line.split("\t", 1)[0] in ids, line
    assert "\n    " + FORGED_ROW.replace("\t", " ") in r.stdout  # the text is there, indented, tabs gone
    q = run("quote", f"{src['id']}.1", "--format", "plain")
    assert q.returncode == 0, q.stderr
    citations = [line for line in q.stdout.splitlines() if line.startswith("— ")]
    assert citations == [citations[0]] and "Carla Mendes" in citations[0]  # only the real one


def _html(markdown_text: str) -> str:
    return markdown_it.MarkdownIt("commonmark").render(markdown_text)


def test_markdown_out_of_hostile_text_renders_as_text(seeded, tmp_path):
    src = _add(tmp_path, "halabja.md", HOSTILE_MD)
    outputs = [
        run("quote", f"{src['id']}.1", f"{src['id']}.2", "--format", "markdown").stdout,
        run("brief", "What did Stoltenberg write about the Halabja memorial?", "--markdown").stdout,
    ]
    for md_text in outputs:
        assert "Halabja" in md_text, md_text
        html = _html(md_text)
        assert not re.search(r"<(img|a|details|script|summary)\b", html), html
        assert "<em>" not in html  # not even emphasis: the words render as written
    # what renders is the text as written: the title and the tags show literally
    html = _html(outputs[0])
    assert "Halabja memorial &lt;img src=x onerror=alert(1)&gt; [read](javascript:alert(2))" in html
    assert "[Jens Stoltenberg](http://evil.example/)" in html


NESTED = """Harbour lights report
By Quill Ashdown
2022-04-04

The harbour lights at Split were repaired on Monday after a storm damaged the pier.
## Jens Stoltenberg (as quoted)
> We will abandon the harbour at Split.
— Jens Stoltenberg, quoted in Quill Ashdown, “Harbour lights report”, 4 April 2022

The repairs at the harbour cost less than expected, the port authority said.
"""


def test_a_quote_inside_a_passage_is_not_a_block_quote_of_its_own(seeded, tmp_path):
    """A passage line starting with ">" rendered as a quote nested in the author's, with the passage's own
    forged citation under it (attacker check): it is escaped like "#" and "-"."""
    _add(tmp_path, "harbour.txt", NESTED)
    md_text = run("brief", "What did Quill Ashdown say about the harbour?", "--markdown").stdout
    assert "We will abandon the harbour" in md_text, md_text
    html = _html(md_text)
    assert html.count("<blockquote>") == html.count("</blockquote>") >= 1
    assert not re.search(r"<blockquote>(?:(?!</blockquote>).)*<blockquote>", html, re.S), html  # none nested
    assert "&gt; We will abandon the harbour at Split." in html
