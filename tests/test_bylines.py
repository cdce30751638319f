"""Bylines as real sites print them: who is an author, and who never is."""

from __future__ import annotations

import pytest
from nato_brief.search.ingest import ingest_text
from nato_brief.search.ingest.bylines import clean_authors, credit_authors, person_name
from nato_brief.search.ingest.metadata import date_from_url
from nato_brief.search.ingest.outlets import outlet_from_url, split_title

BODY = (
    "Iraqi forces pushed into the last districts held by the militants on Tuesday, officers said, as "
    "coalition aircraft struck positions on the western bank of the river for a third straight day.\n\n"
    "“We are close to the end of this battle,” said Brig. Gen. Yahya Rasool, a military spokesman, adding that "
    "civilians were still trapped in the old city and that troops were advancing slowly to protect them.\n\n"
)


def authors_of(head: str, tail: str = "") -> list[str]:
    return ingest_text(head + "\n\n" + BODY + tail, "page.txt", "k")[0].authors


@pytest.mark.parametrize(
    "head,want",
    [
        ("Mosul push nears its end\n\nBy Sara Lund", ["Sara Lund"]),
        ("Mosul push nears its end\n\nBY SARA LUND AND OMAR FARIS", ["Sara Lund", "Omar Faris"]),
        ("Mosul push nears its end\n\nBy Sara Lund, Tribune News Service", ["Sara Lund"]),
        ("Mosul push nears its end\n\nBy SARA LUND and OMAR FARIS Associated Press", ["Sara Lund", "Omar Faris"]),
        ("Mosul push nears its end\n\nSara Lund", ["Sara Lund"]),  # the name alone under the headline
        ("Mosul push nears its end\nSara Lund 1 minute ago", ["Sara Lund"]),
        ("Mosul push nears its end\n\nBy Sara Lund\n\nSara Lund is a correspondent in Erbil.\n\nBy Omar Faris",
         ["Sara Lund", "Omar Faris"]),  # two By lines, each with a bio
        ("Mosul push nears its end\n\nBy Nordic Security Forum", []),  # an organisation is not an author
        ("Mosul push nears its end\n\nBy Reuters Staff", []),
        ("Mosul push nears its end\n\nUpdated 3 hours ago", []),
    ],
)  # fmt: skip
def test_bylines(head, want):
    assert authors_of(head) == want


def test_wire_credits_name_reporters_and_writers_never_editors():
    tail = "(Reporting by Sara Lund and Omar Faris; Writing by Dana Holm; Editing by Peter Crane)"
    assert credit_authors(tail) == ["Sara Lund", "Omar Faris", "Dana Holm"]
    assert authors_of("Mosul push nears its end", "\n\n" + tail) == ["Sara Lund", "Omar Faris", "Dana Holm"]


def test_datelines_photographers_and_quoted_people_are_never_authors():
    head = "Mosul push nears its end\n\nMOSUL, Iraq (AP) — Iraqi forces pushed on.\n\nPhoto: Karim Abbas/AFP"
    src = ingest_text(head + "\n\n" + BODY, "page.txt", "k")[0]
    assert src.authors == []  # nor the spokesman quoted in the body
    assert "Associated Press" in src.outlets_extra


def test_a_byline_not_understood_stays_in_the_text():
    src = ingest_text(
        "Mosul push nears its end\n\nBy the light of the burning refinery\n\n" + BODY, "p.txt", "k"
    )[0]
    assert src.authors == [] and "By the light of the burning refinery" in src.text


@pytest.mark.parametrize(
    "raw,want",
    [("KATJA MORELL", "Katja Morell"), ("NOOR AL-HASHIMI", "Noor al-Hashimi"), ("By Jenny Marlowe", "Jenny Marlowe"),
     ("Updated ago", None), ("Reuters", None), ("Associated Press", None), ("Staff Writer", None),
     ("March 4", None), ("Layla_K", None), ("Jenny Marlowe Associated Press", "Jenny Marlowe")],
)  # fmt: skip
def test_person_name(raw, want):
    assert person_name(raw) == want


def test_clean_authors_dedupes_across_case():
    assert clean_authors(["KATJA MORELL", "Katja Morell", "Derya Soylu"]) == ["Katja Morell", "Derya Soylu"]


@pytest.mark.parametrize(
    "url,want",
    [("https://x.com/2021/06/11/story/", "2021-06-11"), ("https://x.com/news/2015-04-22/story", "2015-04-22"),
     ("https://x.com/17052017-families-trapped", "2017-05-17"), ("https://x.com/story-2022-03-09/", "2022-03-09"),
     ("https://x.com/2021/13/45/story", None), ("https://x.com/article/12345678", None), (None, None)],
)  # fmt: skip
def test_dates_from_url_paths(url, want):
    assert date_from_url(url) == want


@pytest.mark.parametrize(
    "url,want",
    [("https://www.aljazeera.com/news/x", "Al Jazeera"), ("https://news.tigrisobserver.net/a", "tigrisobserver.net"),
     ("https://www.mosulmonitor.co.uk/a", "mosulmonitor.co.uk"), ("ftp://example.org/x", None), ("not a url", None)],
)  # fmt: skip
def test_outlet_from_url(url, want):
    assert outlet_from_url(url) == want


@pytest.mark.parametrize(
    "title,want",
    [("NATO allies split | The Meridian Ledger", "NATO allies split"),
     ("NATO Mission Iraq And The Limits Of Advice – Analysis", "NATO Mission Iraq And The Limits Of Advice"),
     ("NATO’s Mediterranean Mission – What the Alliance is Doing in the Aegean Sea",
      "NATO’s Mediterranean Mission – What the Alliance is Doing in the Aegean Sea")],
)  # fmt: skip
def test_titles_lose_site_names_not_their_dashes(title, want):
    assert split_title(title)[0] == want
