"""PDF reports and Word papers through the real command line: pages in hits and citations, metadata from the
text before the file's properties, no running heads or footnotes in passages, hostile files refused (exit 3).

Every document here is composed at test time (tests/docgen.py).
"""

from __future__ import annotations

import json
import zipfile

import pytest
from nato_brief.search.formats import sane_authors, sane_title

from .docgen import (
    DOCX_AUTHOR,
    DOCX_TITLE,
    FOOTNOTE,
    HEADER,
    REPORT_AUTHORS,
    REPORT_TITLE,
    make_paper_docx,
    make_report_pdf,
)
from .test_cli import run


def _search(query: str) -> dict:
    r = run("search", query, "--json", "--limit", "50")
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


def _source(origin: str) -> dict:
    data = json.loads(run("sources", "--json").stdout)
    return next(s for s in data if s["origin"] == origin)


@pytest.fixture
def report(seeded, tmp_path):
    path = make_report_pdf(tmp_path / "report.pdf")
    r = run("add", str(path), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    return _source("report.pdf")


def test_pdf_report_metadata_from_its_title_page(report):
    # The title page's title, byline and date win; "Microsoft Word - draft3.docx" and "jsmith" never show.
    assert report["title"] == REPORT_TITLE
    assert report["authors"] == REPORT_AUTHORS
    assert report["date"] == "2022-03-14"
    assert report["passages"] >= 8


def test_pdf_passages_keep_their_pages(report):
    hits = _search('"shift its weight from Baghdad"')["hits"]
    assert [h["page"] for h in hits] == [4]
    assert hits[0]["source_id"] == report["id"]
    # Hyphenated at a line end on page 3: found as one word.
    hit = _search("counterinsurgency militias salaries")["hits"][0]
    assert hit["page"] == 3 and "old counterinsurgency doctrine" in hit["text"]
    # A paragraph broken by the page break is one passage and keeps the page it starts on.
    hit = _search('"law of 2016 and the budget lines"')["hits"][0]
    assert hit["page"] == 3 and hit["text"].endswith("which of them would prevail in a crisis.")
    # The superscript note marker left the sentence; the seeds' passages have no page.
    hit = _search("Nineveh engineers soldiers")["hits"][0]
    assert "rather than soldiers. Their request went unanswered" in hit["text"]
    assert all(h["page"] is None for h in _search("Stoltenberg")["hits"])


def test_pdf_running_heads_page_numbers_and_footnotes_are_not_passages(report):
    assert _search(f'"{HEADER.split(" | ")[1]}"')["total"] == 0
    assert _search('"provincial council member"')["total"] == 0
    from nato_brief.search.library import Library

    src = Library().open().source(report["id"])
    assert "Policy Report No. 7" not in src.text and "Mosul, October 2021" not in src.text
    assert FOOTNOTE in src.notes  # kept with the source, out of the passages
    assert not any(p.text.strip().isdigit() for p in src.passages)


def test_quote_cites_the_page(report):
    pid = _search('"shift its weight from Baghdad"')["hits"][0]["passage_id"]
    md = run("quote", pid, "--format", "markdown")
    assert md.returncode == 0
    assert (
        "— Hana Kowalczyk and Omar Haddad, “Stabilising Iraq after the Caliphate”, 14 March 2022, p. 4"
        in md.stdout
    )
    plain = run("quote", pid, "--format", "plain").stdout
    assert plain.rstrip().endswith("14 March 2022, p. 4")
    brief = json.loads(
        run("brief", "What do Kowalczyk and Haddad recommend for NATO Mission Iraq?", "--json").stdout
    )
    cites = [q["citation"] for s in brief["sections"] for q in s["quotes"] if q["source_id"] == report["id"]]
    assert cites and all(c.endswith(", p. 4") or ", p. " in c for c in cites)


def _plain_pdf(path, title: str, author: str, text: str):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_pdf_properties_are_a_hint_when_the_text_has_no_title(seeded, tmp_path):
    body = "Militia commanders in Diyala collect tolls on the main road, and the police say they have no orders. "
    path = _plain_pdf(tmp_path / "untitled.pdf", "Microsoft Word - draft3.docx", "Administrator", body * 3)
    assert run("add", str(path)).returncode == 0
    src = _source("untitled.pdf")
    assert src["title"] == "untitled" and src["authors"] == []

    path = _plain_pdf(
        tmp_path / "named.pdf", "Militias on the Diyala Road", "Sara Lindqvist; admin", body * 4
    )
    assert run("add", str(path)).returncode == 0
    src = _source("named.pdf")
    assert src["title"] == "Militias on the Diyala Road" and src["authors"] == ["Sara Lindqvist"]


def test_docx_paper(seeded, tmp_path):
    path = make_paper_docx(tmp_path / "paper.docx")
    r = run("add", str(path), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    src = _source("paper.docx")
    assert src["title"] == DOCX_TITLE  # the Title paragraph, not the "Draft for comment" property
    assert src["authors"] == [DOCX_AUTHOR]  # core property, as a hint: the text names no author
    assert src["date"] == "2023-05-02"
    hit = _search("inspector general parliament fuel audits")["hits"][0]
    assert hit["source_id"] == src["id"] and hit["page"] is None
    assert "Mansour's team recommends" in hit["text"]
    table = _search('"Fourteen contracts for fuel"')["hits"]
    assert [h["source_id"] for h in table] == [src["id"]]
    md = run("quote", hit["passage_id"], "--format", "markdown").stdout
    assert "— Layla Mansour, “Advising the Iraqi Ministry of Defence”, 2 May 2023" in md and "p. " not in md


def test_docx_tool_names_are_not_authors(seeded, tmp_path):
    path = make_paper_docx(
        tmp_path / "p2.docx", core_title="Microsoft Word - paper.docx", core_author="jsmith"
    )
    assert run("add", str(path)).returncode == 0
    src = _source("p2.docx")
    assert src["authors"] == [] and src["title"] == DOCX_TITLE


def _hostile(tmp_path, kind: str):
    if kind == "encrypted":
        from pypdf import PdfWriter

        w = PdfWriter()
        w.append(str(make_report_pdf(tmp_path / "plain.pdf")))
        w.encrypt("secret", algorithm="RC4-128")
        p = tmp_path / "locked.pdf"
        w.write(str(p))
        return p, "password"
    if kind == "pages":
        from pypdf import PdfWriter

        w = PdfWriter()
        for _ in range(10_000):
            w.add_blank_page(width=100, height=100)
        p = tmp_path / "huge.pdf"
        w.write(str(p))
        return p, "10,000 pages"
    if kind == "html-as-pdf":
        p = tmp_path / "page.pdf"
        p.write_text("<!doctype html><html><body><p>Not a PDF at all.</p></body></html>")
        return p, "not a PDF"
    if kind == "garbage-pdf":
        p = tmp_path / "broken.pdf"
        p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
        return p, "broken.pdf"
    if kind == "zip-bomb":
        p = tmp_path / "bomb.docx"
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", b"<" + b" " * (64 * 1024 * 1024))
        return p, "zip bomb"
    if kind == "pdf-as-docx":
        p = tmp_path / "report.docx"
        p.write_bytes(make_report_pdf(tmp_path / "r.pdf").read_bytes())
        return p, "not a Word .docx"
    if kind == "zip-not-word":
        p = tmp_path / "archive.docx"
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("readme.txt", "hello")
        return p, "not a Word document"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["encrypted", "pages", "html-as-pdf", "garbage-pdf", "zip-bomb", "pdf-as-docx", "zip-not-word"]
)
def test_hostile_documents_refused_with_exit_3(seeded, tmp_path, kind):
    path, says = _hostile(tmp_path, kind)
    before = len(json.loads(run("sources", "--json").stdout))
    r = run("add", str(path), "--json")
    assert r.returncode == 3, r.stdout + r.stderr
    err = json.loads(r.stdout)["errors"]
    assert len(err) == 1 and says in err[0]["error"], err
    assert "Traceback" not in r.stderr
    assert len(json.loads(run("sources", "--json").stdout)) == before


def test_property_sanity():
    assert sane_title("Microsoft Word - draft3.docx") is None
    assert sane_title("draft3.docx") is None and sane_title("Untitled") is None
    assert sane_title("C:\\Users\\jo\\report") is None and sane_title("x") is None
    assert sane_title("The Caliphate's Long Shadow\x1b]52;c;aGk=\x07") == "The Caliphate's Long Shadow"
    assert (
        sane_authors("jsmith") == [] and sane_authors("Administrator") == [] and sane_authors("HP Inc.") == []
    )
    assert sane_authors("Jane Doe; John Q. Roe") == ["Jane Doe", "John Q. Roe"]
    assert sane_authors("Microsoft Office User") == []
