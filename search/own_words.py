"""Which parts of an article's clean text are not its authors' own words.

A brief's author section and a compare column list "what the author wrote". Quoted words whose speaker the
text does not name are nobody's own words, and never the author's: a paragraph that continues someone's
quote, an interview answer after a "Name:" label, an embedded post and its "— Name (@handle) date" line.
These are found from the clean text alone (the HTML markup is gone by then), conservatively: when in doubt
a span counts as foreign, which only leaves a sentence out of the author's section.
"""

from __future__ import annotations

import re

from .text import fold

_OPEN = "“«„"
_CLOSE = "”»"
_MARK = re.compile('[“«„”»"]')
# "Rana Aziz: I tell them…" — a speaker label opening a paragraph (a name-like label with a lowercase letter,
# so a dateline such as "BAGHDAD:" is not one).
_LABEL = re.compile(r"([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}):[ \t]+\S")
_ASKER = {"q", "question", "interviewer"}
# "— Defence Minister Ali Hamdan (@AliHamdanMoD) February 18, 2024": an embedded post's credit line.
_POST_CREDIT = re.compile(r"[—–-]{1,2}\s*[^\n]{0,120}\(@\w{1,30}\)")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for block in text.split("\n\n"):
        s, e = pos, pos + len(block)
        pos = e + 2
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
    return out


def _quoted(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Quoted stretches of one paragraph; a quote still open at the paragraph's end runs to its end (the
    convention for a quote that goes on in the next paragraph). Straight double quotes toggle."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in _MARK.finditer(text, s, e):
        ch = m.group()
        if start is None and (ch in _OPEN or ch == '"'):
            start = m.start()
        elif start is not None and (ch in _CLOSE or ch == '"'):
            out.append((start, m.end()))
            start = None
    if start is not None:
        out.append((start, e))
    return out


def foreign_spans(
    text: str, authors: list[str] | None = None, outlet: str | None = None
) -> list[tuple[int, int]]:
    """Spans of ``text`` that are other people's words (see the module docstring); quoted stretches are
    included whether or not the text names their speaker: callers keep a sentence whose speaker is known."""
    own = {fold(n).strip() for n in [*(authors or []), outlet or ""] if n and n.strip()}
    own |= {n.split()[-1] for n in own if n}
    paras = _paragraphs(text)
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(paras):
        if _POST_CREDIT.match(text, s, e):
            out.append((s, e))
            if i > 0:
                out.append(paras[i - 1])  # the post itself, just above its credit line
            continue
        m = _LABEL.match(text, s, e)
        if m and any(c.islower() for c in m.group(1)) and fold(m.group(1)).strip() not in own | _ASKER:
            out.append((s, e))
            continue
        out += _quoted(text, s, e)
    return sorted(out)


def mostly_foreign(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether at least half of ``[s, e)`` lies in ``spans``."""
    inside = sum(max(0, min(b, e) - max(a, s)) for a, b in spans)
    return e > s and inside * 2 >= e - s
