"""Document text and metadata written into Markdown (copies, exports, briefs) as text, never as markup.

A source's title, an author's name or a quoted passage may hold `[label](javascript:…)`, `<img onerror=…>`,
`<details open>` or a line that reads like a citation: rendered, that Markdown would make links, run HTML or
forge attributions. Every character Markdown or HTML could act on is backslash-escaped (CommonMark renders
the escaped text exactly as written, so a rendered quote is still verbatim), and a quoted passage stays
inside its block quote line by line, whatever line breaks it holds.
"""

from __future__ import annotations

import re

# CommonMark's backslash escapes, only where a character could act or change the words, so that ordinary
# prose (an editor's "[imprisoned]", "Q&A") copies without backslashes: HTML and autolinks (<), code (`),
# emphasis (* _), the backslash itself, and a "]" that would close a link, an image or a reference definition
# ("](", "][", "]:"; a bracket pair alone is text). An entity such as &lt; renders as text, never as HTML.
_INLINE = re.compile(r"[\\`*_<]|\](?=[(\[:])")


def _escape(text: str) -> str:
    return _INLINE.sub(lambda m: "\\" + m.group(0), text)


def _escape_line(line: str) -> str:
    return _LINE_START.sub(_line_start, _escape(line))


_LINE_START = re.compile(r"^(\s*)(?:([#+\-=>])|(\d+)([.)]))", re.M)  # ">": a quote nested in the quote


def _line_start(m: re.Match) -> str:
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)  # "1. " -> "1\. ": not a list item


def lines_of(text: str) -> list[str]:
    """``text`` split at every line break a renderer or terminal honours (also U+2028, U+2029, NEL)."""
    return text.splitlines() or [""]


def inline(text: str) -> str:
    """``text`` as one line of literal Markdown text (line breaks become spaces)."""
    one = " ".join(lines_of(text))
    return _escape_line(one)


def block_quote(text: str) -> str:
    """``text`` as a Markdown block quote: every line inside it, escaped; blank lines kept as ``>``."""
    out = []
    for line in lines_of(text):
        escaped = _escape_line(line)
        out.append("> " + escaped if line.strip() else ">")
    return "\n".join(out)
