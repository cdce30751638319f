"""Compilations: a page that lists citations, each followed by the passage it quotes.

The seed "Context page" is one: ``Authors, ‘Title’, Outlet, 7. April 2021`` then a quoted paragraph. Each
entry becomes its own source with its own authors, title, outlet and date, so a quote is never shown under
the compiler's name or under the previous entry's author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import TRAILING_DATE, parse_date
from .link_syntax import strip_link_syntax
from .paragraphs import PROMPT, split_names

_OPEN = "“‘\"'"
_CLOSE = "“”‘’\"'"
CITATION = re.compile(
    rf"^(?P<authors>[^{_OPEN}”’\n]{{2,200}}?),\s*[{_OPEN}](?P<title>.+)[{_CLOSE}]\s*[,.]?\s*(?P<rest>.*)$"
)
# Formats rather than outlets: the organisation that held it is the outlet.
_FORMATS = {"webinar", "podcast", "video", "report", "speech", "press release", "statement", "event", "panel"}
MIN_ENTRIES = 3


@dataclass
class Entry:
    """One cited passage of a compilation."""

    authors: list[str]
    title: str
    outlet: str | None
    date: str | None
    text: str
    medium: str | None = None


def parse_citation(line: str) -> tuple[list[str], str, str | None, str | None, str | None] | None:
    """``(authors, title, outlet, date, medium)`` when ``line`` is a citation ending with a date."""
    line = line.strip()
    if len(line) > 400:
        return None
    m = CITATION.match(line)
    if not m:
        return None
    rest = m.group("rest").strip()
    dm = TRAILING_DATE.search(rest)
    if not dm:
        return None
    date = parse_date(dm.group("date"))
    if date is None:
        return None
    outlet = rest[: dm.start()].strip(" ,.;") or None
    authors = split_names(m.group("authors"))
    if not authors or any(len(a) > 80 for a in authors):
        return None
    medium = None
    if outlet and outlet.lower() in _FORMATS:
        medium = outlet
        outlet = authors[0] if len(authors) == 1 else None
    return authors, m.group("title").strip(), outlet, date, medium


def _unquote(text: str) -> str:
    """Remove the quotation marks that enclose a cited passage (they delimit; they are not its words)."""
    text = text.strip()
    if text[:1] in '“"':
        text = text[1:]
    text = re.sub(r"[”\"][.,]?$", "", text)
    return text.strip()


def parse_compilation(raw: str) -> list[Entry] | None:
    """Entries when ``raw`` is a compilation (at least three citation lines each followed by a passage)."""
    text = strip_link_syntax(raw)
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    marks = [(k, c) for k, ln in enumerate(lines) if (c := parse_citation(ln))]
    if len(marks) < MIN_ENTRIES:
        return None
    entries: list[Entry] = []
    for n, (k, (authors, title, outlet, date, medium)) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(lines)
        body = [ln for ln in lines[k + 1 : end] if not PROMPT.match(ln)]
        if not body:
            continue
        quote = _unquote("\n\n".join(body))
        if not quote:
            continue
        entries.append(Entry(authors, title, outlet, date, quote, medium))
    # A compilation is mostly citations and quotes: leftovers before the first citation are furniture.
    return entries if len(entries) >= MIN_ENTRIES else None
