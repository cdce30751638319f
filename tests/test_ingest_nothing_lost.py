"""No paragraph disappears, and site furniture is never the author's words.

Every page here is composed for this test (no real article is copied) and read through ``ingest_file``, the
path of ``nato-brief add FILE``: what a paragraph becomes is either a passage (searchable, quotable, shown as
the author's text) or a line of the page chrome (``g`` in the TUI), never nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nato_brief.search.ingest import Overrides, ingest_file
from nato_brief.search.link_syntax import strip_link_syntax

LEDE = "Engineers restored power to eastern Ramadi on Monday after a week of outages."
SECOND = "The ministry blamed sabotage on a transmission line near Habbaniyah, officials said."
THIRD = "Residents said private generators had cost them a month of wages since the spring."


def add(tmp_path: Path, name: str, text: str, **options) -> tuple[object, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (src,) = ingest_file(path, overrides=Overrides(**options))
    return src, [p.text for p in src.passages]


def html(title: str, inner: str, head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>Ramadi grid</h1>"
        f"{inner}</article></body></html>"
    )


@pytest.mark.parametrize(
    "first", [LEDE, "RAMADI, Iraq (Reuters) — " + LEDE, "RAMADI — Engineers restored power on Monday."]
)
def test_the_first_paragraph_of_a_simple_page_is_a_passage(tmp_path, first):
    page = html("Ramadi grid", f"<p>{first}</p><p>{SECOND}</p><p>{THIRD}</p>")
    src, texts = add(tmp_path, "ramadi.html", page)
    assert src.title == "Ramadi grid"
    assert texts[0] == first and SECOND in texts[1] and THIRD in texts[-1]


def test_plain_text_headline_is_the_title_and_the_lede_a_passage(tmp_path):
    text = (
        "Kalar irrigation canal repaired\n\nThe Kalar canal was repaired in spring, the district council said\n\n"
        "Farmers expect a better harvest this year."
    )
    src, texts = add(tmp_path, "kalar.txt", text)
    assert src.title == "Kalar irrigation canal repaired"
    assert texts[0] == "The Kalar canal was repaired in spring, the district council said"
    # A stated title: the headline the text printed is kept in the chrome, the lede stays a passage.
    src, texts = add(tmp_path, "kalar2.txt", text, title="Canal report")
    assert src.title == "Canal report"
    assert texts[0] == "The Kalar canal was repaired in spring, the district council said"
    assert "Kalar irrigation canal repaired" in src.chrome


NAVIGATION = [
    "Read more: Stoltenberg warns “NATO will stay in Kirkuk for a decade”",
    "ALSO READ: Kurdish oil exports to resume, minister says",
    "Most popular: 1. “Iran is behind the Kirkuk attacks,” says US general 2. Ten things to know about Kirkuk",
    "About the author: Sara Lindqvist covers energy for Delta Review. She has argued that “Kirkuk oil will "
    "fund a new war.”",
    "The views expressed in this article are the author’s own and do not reflect those of Delta Review.",
    "Sign up for our newsletter to get Kirkuk updates every week. Enter your email.",
    "Share this: Facebook Twitter Email Print",
    "(Reporting by Ahmed Rasheed; Writing by John Davison; Editing by Alex Richardson)",
]


def test_site_furniture_inside_the_article_goes_to_the_chrome(tmp_path):
    first = "<p>The Kirkuk oil deal signed in May faces new questions from auditors in Baghdad about tariffs.</p>"
    second = (
        "<p>Auditors said the pipeline tariffs were set without a public tender, and that the field's output "
        "was overstated by a third in the ministry's own figures.</p>"
    )
    blocks = [f"<p>{n}</p>" if not n.startswith("Share") else f"<div>{n}</div>" for n in NAVIGATION]
    page = (
        "<html><head><title>Kirkuk oil deal questioned - Delta Review</title></head><body><article>"
        "<h1>Kirkuk oil deal questioned</h1><div>By Sara Lindqvist</div>"
        f"{blocks[6]}{first}{blocks[0]}{second}{''.join(blocks[1:6])}{blocks[7]}</article></body></html>"
    )
    src, texts = add(tmp_path, "kirkuk.html", page)
    stored = "\n".join(texts)
    for line in NAVIGATION:
        assert line not in stored
        assert line in src.chrome
    assert stored.startswith("The Kirkuk oil deal signed in May")
    assert "Auditors said the pipeline tariffs" in stored
    # The wire credit still names the reporter and the writer (never the editor).
    assert src.authors == ["Sara Lindqvist", "Ahmed Rasheed", "John Davison"]


def test_a_wire_credit_at_the_end_of_a_paragraph_leaves_the_text(tmp_path):
    text = (
        f"Ramadi grid\n\n{LEDE}\n\n{SECOND} (Reporting by Ahmed Rasheed; Writing by John Davison; "
        "Editing by Alex Richardson)"
    )
    src, texts = add(tmp_path, "wire.txt", text)
    assert texts[-1].endswith("officials said.")
    assert src.authors == ["Ahmed Rasheed", "John Davison"]
    assert any("Editing by Alex Richardson" in c for c in src.chrome)
    # A parenthesis of the story's own that ends a paragraph is the author's words.
    own = "The audit was ordered by the council (written by the inspector general)."
    src, texts = add(tmp_path, "own.txt", f"Ramadi grid\n\n{LEDE}\n\n{own}")
    assert texts[-1] == own


def test_a_trailing_bio_never_names_the_author_when_a_byline_exists(tmp_path):
    page = html(
        "Why Ramadi needs a new grid",
        "<p>By The Editorial Board</p>"
        f"<p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p>"
        "<p>Karen Liu is a senior fellow at the Tigris Institute and writes on energy policy.</p>",
    )
    text = f"Why Ramadi needs a new grid\n\nBy The Editorial Board of the Delta Review\n\n{LEDE}\n\n{SECOND}\n\nKaren Liu is a " \
        "senior fellow at the Tigris Institute and writes on energy policy."
    for name, doc in (("editorial.html", page), ("editorial.txt", text)):
        src, texts = add(tmp_path, name, doc)
        assert src.authors == []  # a desk is no person, and the bio may be anyone's
        assert any(c.startswith("By The Editorial Board") for c in src.chrome) and "Editorial Board" not in "\n".join(texts)
    # A sentence that merely starts with "By" is the author's words.
    src, texts = add(tmp_path, "by.txt", f"Ramadi grid\n\nBy the light of the burning refinery, crews worked on.\n\n{SECOND}")
    assert texts[0] == "By the light of the burning refinery, crews worked on."


def test_markdown_link_keeps_its_whole_label():
    assert strip_link_syntax("want a [full audit](javascript:alert(3)) and more") == "want a full audit and more"
    assert strip_link_syntax("see [Mosul](https://example.org/wiki/Mosul_(city)) today") == "see Mosul today"


BODY_TXT = (
    "Families who returned to Sinjar this spring still wait for piped water, local officials said on Monday.\n\n"
    "The district council said repairs to the main pumping station would take until autumn."
)


@pytest.mark.parametrize(
    "head,title,authors,day",
    [
        ("Sinjar families wait for water\n\nBy Deniz Arslan\nJune 5, 2023\n", "Sinjar families wait for water",
         ["Deniz Arslan"], "2023-06-05"),
        ("Sinjar families wait for water\nBy Sara Qadir and Tom Ellison\nJune 2, 2023\n\n",
         "Sinjar families wait for water", ["Sara Qadir", "Tom Ellison"], "2023-06-02"),
        ("Title: Sinjar families wait for water\nAuthor: Lena Okafor\nDate: 2023-04-11\n\n",
         "Sinjar families wait for water", ["Lena Okafor"], "2023-04-11"),
    ],
)  # fmt: skip
def test_plain_text_headers_are_metadata_not_passages(tmp_path, head, title, authors, day):
    src, texts = add(tmp_path, "sinjar.txt", head + BODY_TXT)
    assert (src.title, src.authors, src.date) == (title, authors, day)
    assert texts[0].startswith("Families who returned to Sinjar")
    header = [ln for ln in head.split("\n") if ln and ln != title]
    assert all(ln not in "\n".join(texts) and ln in src.chrome for ln in header)


def page_from(title: str, masthead: str = "") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>{masthead}<article><h1>Mosul bridge reopens</h1>"
        f"<p>The old bridge in Mosul reopened to traffic on Sunday after three years of repairs.</p>"
        f"<p>{SECOND}</p></article></body></html>"
    )


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/mosul.html", "http://localhost/m", "http://[::1]:80/m"])
def test_an_address_is_never_the_outlet(tmp_path, url):
    src, _ = add(
        tmp_path, "a.html", page_from("Mosul bridge reopens - Tigris Daily", '<div class="masthead">Tigris Daily</div>'),
        url=url,
    )  # fmt: skip
    assert src.outlet == "Tigris Daily"
    src, _ = add(tmp_path, "b.html", page_from("Mosul bridge reopens | The Levant Observer"), url=url)
    assert src.outlet == "The Levant Observer"
    src, _ = add(tmp_path, "c.html", page_from("Mosul bridge reopens"), url=url)
    assert src.outlet is None
    # A dash suffix the page names again (its disclaimer) is the site's name too.
    footer = "<footer>The views expressed are the author’s own, not those of Delta Review.</footer>"
    src, _ = add(tmp_path, "d.html", page_from("Mosul bridge reopens - Delta Review", footer), url=url)
    assert (src.title, src.outlet) == ("Mosul bridge reopens", "Delta Review")


def test_a_pdf_title_printed_as_a_running_head_is_still_the_title(tmp_path):
    from .docgen import BRIEF_AUTHOR, BRIEF_TITLE, make_running_head_pdf

    (src,) = ingest_file(make_running_head_pdf(tmp_path / "basra-brief.pdf"))
    assert (src.title, src.authors) == (BRIEF_TITLE, [BRIEF_AUTHOR])
    texts = [p.text for p in src.passages]
    assert texts[0].startswith("Basra's water crisis") and BRIEF_TITLE not in "\n".join(texts)
    assert [p.page for p in src.passages] == [1, 2]


def test_brief_never_quotes_navigation_under_the_author(tmp_path, seeded):
    """The real CLI: add the page, ask for a briefing on the author; every quote is one of her paragraphs."""
    import json
    import subprocess
    import sys

    page = tmp_path / "kirkuk.html"
    page.write_text(
        "<html><head><title>Kirkuk tariffs questioned - Delta Review</title></head><body><article>"
        "<h1>Kirkuk tariffs questioned</h1><p>By Sara Lindqvist</p>"
        "<p>Auditors in Baghdad questioned the Kirkuk pipeline tariffs on Monday, saying they were set in secret.</p>"
        + "".join(f"<p>{n}</p>" for n in NAVIGATION)
        + "<p>The Kirkuk tariffs were never put to a public tender, the auditors said in their report.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    cli = [sys.executable, "-m", "nato_brief.tui.cli"]
    added = subprocess.run([*cli, "add", str(page), "--json"], capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    r = subprocess.run([*cli, "brief", "What did Sara Lindqvist say about Kirkuk?", "--json"],
                       capture_output=True, text=True, timeout=120)  # fmt: skip
    quotes = [q["text"] for s in json.loads(r.stdout)["sections"] for q in s["quotes"]]
    assert quotes and all(q.startswith(("Auditors in Baghdad", "The Kirkuk tariffs were never")) for q in quotes)
