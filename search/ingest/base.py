"""What a reader hands to ingestion: the text to parse, what the file's own markup says, and what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageMeta:
    """Metadata a document states about itself in markup (HTML ``<head>``, JSON-LD, microdata).

    Detected, not stated by the user: it ranks below front matter and command-line options, and each field is
    cleaned (bylines, outlets, titles) before it is used.
    """

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    bylines: list[str] = field(default_factory=list)  # "By" lines the body extractor left out (raw text)
    page_title: str | None = None  # the <title> as written (its " | Site" part can name the outlet)
    masthead: str | None = None  # the site's name in the page's header (a home link, a site-title or logo)


@dataclass
class Document:
    """One file as a reader produced it.

    ``text`` is sanitised and may start with front matter; ``chrome`` holds the page's own text that the reader
    left out of ``text`` (menus, banners, share bars), kept so a user can see that nothing of the article was lost.
    """

    text: str
    kind: str
    meta: PageMeta = field(default_factory=PageMeta)
    chrome: list[str] = field(default_factory=list)
    # What a container format (PDF, Word) adds: its own properties as hints, used only where the text says
    # nothing; where each page starts; footnotes lifted off the pages.
    hints: dict = field(default_factory=dict)  # "title": str, "authors": [str], "date": "YYYY-MM-DD"
    pages: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, page number), ascending
    notes: list[str] = field(default_factory=list)
