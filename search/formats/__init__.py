"""Readers for documents that are not plain text: PDF and Word (.docx).

Each reader turns a file's bytes into a :class:`Document`: sanitised text in paragraphs (blank lines between
them), where each page starts (for formats that have pages), footnotes set aside, and what the file's own
properties claim (title, authors, date) as *hints*. Hints are used only where the text itself says nothing,
and only when they look like real metadata: "Microsoft Word - draft3.docx" is not a title, "jsmith" is not an
author, a creation date in 1970 is not a publication date.
"""

from __future__ import annotations

import re
from datetime import date

from ..ingest.base import Document
from ..letters import caps
from ..text import collapse_ws, sanitize

__all__ = ["Document", "clean_hint", "sane_authors", "sane_date", "sane_title"]




_FILE_NAME = re.compile(r"\.(?:docx?|pdf|rtf|odt|txt|indd|qxd|qxp|pages|pptx?|xlsx?|tex|html?)\b", re.I)
_TOOL_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel)\b|untitled\b|document\d*$|title$|draft\d*$|slide \d|"
    r"powerpoint presentation$|new document|template\b)",
    re.I,
)
_NOT_PERSON = re.compile(
    r"\b(?:admin|administrator|user|owner|author|unknown|windows|microsoft|office|adobe|staff|pc|computer|"
    r"hp|dell|lenovo|word|acrobat|indesign|scanner|default|guest|test|reviewer)\b",
    re.I,
)
_PERSON = re.compile(
    caps(r"^[\p{Lu}][\w'’.-]*(?:\s+(?:[\p{Lu}][\w'’.-]*|[\p{Lu}]\.|de|da|van|von|al|el|bin|ibn|la|le))+$")
)


def clean_hint(value: object, limit: int = 300) -> str:
    """A property value as one sanitised line (never markup, never control characters)."""
    return collapse_ws(sanitize(str(value or "")))[:limit]


def sane_title(value: object, file_name: str = "") -> str | None:
    """A document property title, or None when it is a tool's default, a file name or noise."""
    t = clean_hint(value)
    if len(t) < 4 or not re.search(r"[^\W\d_]{3}", t) or _FILE_NAME.search(t) or _TOOL_TITLE.match(t):
        return None
    if (
        "\\" in t
        or t.startswith("/")
        or (file_name and t.casefold() == file_name.rsplit(".", 1)[0].casefold())
    ):
        return None
    return t


def sane_authors(value: object) -> list[str]:
    """People named in a document property ("Jane Doe; John Roe"), or [] for user names and tool names."""
    raw = clean_hint(value)
    if not raw or "@" in raw:
        return []
    out = []
    for part in re.split(r"\s*(?:;|,\s*and\s+|,|\band\b|&)\s*", raw):
        part = part.strip()
        if 4 <= len(part) <= 60 and _PERSON.match(part) and not _NOT_PERSON.search(part):
            out.append(part)
    return out


def sane_date(d: date | None) -> str | None:
    """A property date as ``YYYY-MM-DD`` when it could be a publication date (1990 to next year)."""
    if d is None:
        return None
    try:
        if 1990 <= d.year <= date.today().year + 1:
            return date(d.year, d.month, d.day).isoformat()
    except (AttributeError, ValueError):
        return None
    return None
