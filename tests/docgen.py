"""Documents composed at test time: a think-tank PDF report and a Word paper (no real documents are copied).

The report has what real ones have: a title page with title, byline and date; a running header and page
numbers on every later page; a word hyphenated at a line end; a superscript note marker with its footnote in
small type at the page foot; a paragraph broken by a page break; and document properties a word processor
leaves behind ("Microsoft Word - draft3.docx", user name "jsmith").
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

REPORT_TITLE = "Stabilising Iraq after the Caliphate"
REPORT_AUTHORS = ["Hana Kowalczyk", "Omar Haddad"]
HEADER = "Stabilising Iraq | Policy Report No. 7 | March 2022"

# (page, paragraphs); a paragraph is a list of lines as printed, or ("sup", before, mark, after) lines.
FILLERS = [
    ["Officers from eleven countries now advise the Iraqi security forces on logistics, intelligence",
     "and the long work of rebuilding institutions that were hollowed out by years of war and neglect.",
     "The mission is small, and its advisers rarely leave the headquarters where they are based."],
    ["Budgets for the mission are set a year at a time, which makes long projects hard to plan and",
     "leaves the Iraqi partners unsure whether a programme begun in spring will survive the winter."],
    ["Rotations are short: most advisers serve six months, and the handover notes they leave behind",
     "are rarely read by their successors, who arrive with priorities of their own."],
    ["Several interlocutors described the coalition as a permanent guest whose hosts no longer",
     "remember why they invited it, but who would be missed if it left without warning."],
    ["The training of instructors, rather than of units, was the one programme that every Iraqi",
     "officer we met described as a success worth continuing beyond the present mandate."],
]  # fmt: skip
PAGE3_HYPHEN = [
    "Most advisers we interviewed said that the old coun-",
    "terinsurgency doctrine no longer fits a country where the militias sit inside the state",
    "and draw salaries from the same ministries that the coalition is trying to reform.",
]
PAGE3_MARKED = [
    ("sup", "Provincial councils in Nineveh have asked for engineers rather than soldiers.", "1",
     " Their request"),
    "went unanswered for two years while the ministries in Baghdad argued about the budget.",
]  # fmt: skip
FOOTNOTE = "1 Interview with a provincial council member, Mosul, October 2021."
BROKEN_START = [
    "The second finding concerns the Popular Mobilization Forces and their place in the",
    "command structure of the Iraqi army, which remains ambiguous after the law of 2016 and",
]
BROKEN_END = [
    "the budget lines that followed it, so that a brigade can answer to two commanders at once.",
    "No adviser could tell us which of them would prevail in a crisis.",
]
PAGE4_UNIQUE = [
    "Kowalczyk and Haddad recommend that NATO Mission Iraq shift its weight from Baghdad to the",
    "provinces, where the reconstruction of police stations and courts decides whether displaced",
    "families return home.",
]


def make_report_pdf(path: Path, *, title_prop: str = "Microsoft Word - draft3.docx") -> Path:
    """Write a five-page report; its marked facts are on known pages (see the constants above)."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 8, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(6)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Report(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(title_prop)
    pdf.set_author("jsmith")
    pdf.set_creation_date(datetime(2022, 3, 15, 9, 0, tzinfo=UTC))

    def para(lines, size: float = 11) -> None:
        pdf.set_font("Helvetica", "", size)
        for line in lines:
            if isinstance(line, tuple):
                _, before, mark, after = line
                pdf.cell(pdf.get_string_width(before), 6, before)
                pdf.set_font("Helvetica", "", 7)
                pdf.set_xy(pdf.get_x(), pdf.get_y() - 1.5)
                pdf.cell(pdf.get_string_width(mark), 6, mark)
                pdf.set_xy(pdf.get_x(), pdf.get_y() + 1.5)
                pdf.set_font("Helvetica", "", size)
                pdf.cell(0, 6, after, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    # Page 1: title page.
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.ln(30)
    pdf.cell(0, 12, REPORT_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 13)
    pdf.cell(0, 8, f"By {REPORT_AUTHORS[0]} and {REPORT_AUTHORS[1]}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.cell(0, 8, "14 March 2022", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(20)
    para(["This report asks what the coalition's advisers have achieved in Iraq since the defeat of the",
          "territorial caliphate, and what they should do next."])  # fmt: skip
    # Page 2: filler.
    pdf.add_page()
    for filler in FILLERS[:3]:
        para(filler)
    # Page 3: hyphenation, note marker and footnote, a paragraph running onto page 4.
    pdf.add_page()
    para(PAGE3_HYPHEN)
    para(PAGE3_MARKED)
    para(FILLERS[3])
    pdf.set_y(235)
    para(BROKEN_START)
    pdf.set_y(262)
    pdf.set_font("Helvetica", "", 7)
    pdf.cell(0, 4, FOOTNOTE, new_x="LMARGIN", new_y="NEXT")
    # Page 4: the rest of the broken paragraph, then a paragraph to find.
    pdf.add_page()
    para(BROKEN_END)
    para(PAGE4_UNIQUE)
    # Page 5: filler.
    pdf.add_page()
    para(FILLERS[4])
    pdf.output(str(path))
    return path


DOCX_TITLE = "Advising the Iraqi Ministry of Defence"
DOCX_AUTHOR = "Layla Mansour"


def make_paper_docx(
    path: Path, *, core_title: str = "Draft for comment", core_author: str = DOCX_AUTHOR
) -> Path:
    """A government-style paper: a Title paragraph, headings, body paragraphs and a table."""
    import docx

    d = docx.Document()
    d.add_paragraph(DOCX_TITLE, style="Title")
    d.add_paragraph("Ministry reform working paper, second draft")
    d.add_heading("Summary", level=1)
    d.add_paragraph(
        "The advisory effort at the Ministry of Defence has concentrated on procurement, where the "
        "ministry's own inspectors found contracts signed without tenders in four of the six regions."
    )
    d.add_heading("Findings", level=1)
    d.add_paragraph(
        "Mansour's team recommends that the inspector general report to parliament rather than to the "
        "minister, so that the audits of fuel contracts in Basra cannot be set aside by the office they examine."
    )
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Region"
    table.cell(0, 1).text = "Contracts without tender"
    table.cell(1, 0).text = "Basra"
    table.cell(1, 1).text = "Fourteen contracts for fuel and spare parts were signed without any tender."
    cp = d.core_properties
    cp.title = core_title
    cp.author = core_author
    cp.created = datetime(2023, 5, 2, 8, 30)
    d.save(str(path))
    return path


BRIEF_TITLE = "Water and Power in Basra Province"
BRIEF_AUTHOR = "Claire Dubois"
BRIEF_PAGES = [
    ["Basra's water crisis has deepened every summer since 2018, as salt water from the Gulf pushes further",
     "up the Shatt al-Arab and the province's treatment plants fail to keep up with demand."],
    ["Provincial engineers told us that half of the pumping stations run for less than twelve hours a day,",
     "because the power they need is cut whenever the grid is overloaded by air conditioning."],
]  # fmt: skip


def make_running_head_pdf(path: Path) -> Path:
    """A two-page brief whose title is printed atop every page as a running head, with its author's name
    under it on page 1 only (as short policy briefs print them)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for k, lines in enumerate(BRIEF_PAGES):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, BRIEF_TITLE, new_x="LMARGIN", new_y="NEXT")
        if k == 0:
            pdf.set_font("Helvetica", "", 11)
            pdf.cell(0, 8, BRIEF_AUTHOR, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        pdf.set_font("Helvetica", "", 11)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


PRINTED_TITLE = "Advisers count the cost of short rotations"
PRINTED_OUTLET = "The Harbour Courier"
PRINTED_HEADS = {  # what a print engine repeats on every page, drawn after the page's text
    "stamp": "12/04/2021, 09:14",
    "title_head": f"{PRINTED_TITLE} | {PRINTED_OUTLET}",
    "masthead": "THE HARBOUR COURIER - World - Defence",
    "url": "https://www.harbourcourier.example/world/2021/04/12/advisers-short-rotations",
    "copyright": "(c) 2021 The Harbour Courier. All rights reserved.",
}
PRINTED_PARAS = [
    f"{w} advisers from eleven countries now work with the Iraqi security forces on logistics, intelligence "
    f"and the slow repair of institutions, and the {w.lower()} group reports to a different ministry each year. "
    "Their handover notes are rarely read by successors who arrive with priorities of their own."
    for w in ("Forty", "Thirty", "Twenty", "Sixty", "Ninety", "Eighty", "Seventy", "Fifty", "Twelve", "Fifteen",
              "Sixteen", "Eighteen", "Nineteen", "Seventeen", "Fourteen", "Thirteen", "Eleven", "Ten")
]  # fmt: skip


def make_printed_article_pdf(path: Path) -> Path:
    """A news article saved from a browser: a print date, the page title and outlet, a masthead line at the
    top of every page; the address, "n/N" and a copyright line at the foot. The print engine draws those after
    each page's text (so they come last in the file, not at the top), and a paragraph runs over a page break."""
    from fpdf import FPDF

    class Printed(FPDF):
        def footer(self) -> None:
            self.set_font("Helvetica", "", 8)
            self.set_xy(10, 6)
            self.cell(55, 5, PRINTED_HEADS["stamp"])
            self.set_xy(70, 6)
            self.cell(0, 5, PRINTED_HEADS["title_head"])
            self.set_xy(10, 11)
            self.cell(0, 5, PRINTED_HEADS["masthead"])
            self.set_xy(10, -14)
            self.cell(160, 5, PRINTED_HEADS["url"])
            self.set_xy(-25, -14)
            self.cell(15, 5, f"{self.page_no()}/{{nb}}")
            self.set_xy(10, -9)
            self.cell(0, 5, PRINTED_HEADS["copyright"])

    pdf = Printed(format="A4")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=25)
    pdf.set_margins(20, 25)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, PRINTED_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, "By Dana Whitfield", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, "12 April 2021", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for text in PRINTED_PARAS:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))
    return path


def make_quoted_head_pdf(path: Path, *, pages: int = 1, head: str, headline: str) -> Path:
    """A short news article as a PDF: a small italic running head on every page (``head``), above the first
    page's larger bold ``headline``, a byline and a date; body paragraphs fill ``pages`` pages."""
    from fpdf import FPDF

    class Article(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, head, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 6, f"Page {self.page_no()}")

    pdf = Article(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, headline, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, "By Lotte Verhoeven", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, "9 June 2022", new_x="LMARGIN", new_y="NEXT")
    body = [
        "Crews working on the grain silos at the northern quay have finished the second of four storage halls, "
        "the port authority said in its monthly note to shippers.",
        "Lorry drivers still wait up to six hours at the weighbridge, where one of the two scales has been out "
        "of order since the storms in March.",
        "The authority expects the third hall to open before the harvest, when the quay handles twice as many "
        "ships as in the rest of the year.",
    ]
    k = 0
    while pdf.page_no() < pages or k < 3:
        pdf.multi_cell(0, 6, body[k % 3] + f" (Note {k + 1}.)", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        k += 1
    pdf.output(str(path))
    return path
