"""Turning library data into Rich ``Text``: plain strings plus style spans, never markup."""

from __future__ import annotations

from nato_brief.search.quotes import join_names
from rich.text import Text

HIGHLIGHT = "bold reverse"
MARK = "● "
SNIPPET = 360
WINDOW = 6000  # characters of one passage shown around its first hit (megabyte lines stay fast)


def meta_line(authors: list[str], outlet: str | None, date: str | None) -> str:
    return " · ".join(x for x in (join_names(authors), outlet or "", date or "undated") if x)


def window(text: str, highlights: list[list[int]], width: int) -> tuple[str, int, bool, bool]:
    """A slice of ``text`` at most ``width`` long around the first highlight: (slice, offset, cut_left, cut_right)."""
    if len(text) <= width:
        return text, 0, False, False
    first = highlights[0][0] if highlights else 0
    start = max(0, min(first - width // 4, len(text) - width))
    if start:
        sp = text.find(" ", start, start + 40)
        start = sp + 1 if sp != -1 else start
    end = min(len(text), start + width)
    return text[start:end], start, start > 0, end < len(text)


def highlighted(text: str, highlights: list[list[int]], width: int = WINDOW, style: str = HIGHLIGHT) -> Text:
    """``text`` (windowed) with its highlight spans styled."""
    part, off, left, right = window(text, highlights, width)
    t = Text()
    if left:
        t.append("… ", style="dim")
    body = Text(part)
    for a, b in highlights:
        a2, b2 = a - off, b - off
        if b2 <= 0 or a2 >= len(part):
            continue
        body.stylize(style, max(0, a2), min(len(part), b2))
    t.append_text(body)
    if right:
        t.append(" …", style="dim")
    return t


def hit_prompt(hit, marked: bool = False, snippet: int = SNIPPET) -> Text:
    """A result row: who · outlet · date, the title, and a snippet with the matched words highlighted."""
    t = Text()
    if marked:
        t.append(MARK, style="bold green")
    t.append(meta_line(hit.authors, hit.outlet, hit.date), style="bold")
    t.append("\n")
    t.append(hit.title, style="italic")
    if hit.duplicate_of:
        t.append("  [identical text under another attribution]", style="bold yellow")
    t.append("\n")
    t.append_text(highlighted(hit.text, hit.highlights, snippet))
    return t


def passage_prompt(text: str, highlights: list[list[int]], marked: bool, note: str = "") -> Text:
    t = Text()
    if marked:
        t.append(MARK, style="bold green")
    t.append_text(highlighted(text, highlights))
    if note:
        t.append("\n" + note, style="bold yellow")
    return t
