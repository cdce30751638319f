"""Quotation marks and sentences: where each quotation's words are (marks excluded), the passage with its
quotations masked, and the sentences of the writer's frame (a quotation never ends one)."""

from __future__ import annotations

import re

from ..letters import caps

# Quotation marks: curly pairs, or straight marks taken in turn.
_OPEN, _CLOSE = "“", "”"


# A sentence ends before a capital letter in any Latin, Greek or Cyrillic spelling ("… planning. Ömer Çelik").
_SENT_END = re.compile(caps(r"[.!?](?:[”\"’)\0])?(?=\s+[“\"‘(\0]?[\p{Lu}0-9])|[.!?]\0?(?=\s+\0)"))


ABBREV = re.compile(
    caps(r"(?:\b[\p{Lu}]|Mr|Mrs|Ms|Dr|Prof|Col|Gen|Lt|Maj|Brig|Capt|Cmdr|Adm|Sgt|Gov|Sen|Rep|St|Jr|Sr|No|U\.S|U\.N|"
    r"U\.K|ret|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$")
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's words, marks excluded. A paragraph that opens a quotation and never
    closes it (the convention for a quotation running over paragraphs) quotes to its end."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == _OPEN:
            j = text.find(_CLOSE, i + 1)
            k = text.find(_OPEN, i + 1)
            if j < 0 or (0 <= k < j):
                if i == 0 and j < 0:
                    spans.append((1, len(text)))
                    return spans
                i += 1
                continue
            spans.append((i + 1, j))
            i = j + 1
        elif c == '"':
            j = text.find('"', i + 1)
            if j < 0:
                if i == 0:
                    spans.append((1, len(text)))
                break
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each quotation (marks included) replaced by NULs of the same length."""
    chars = list(text)
    for s, e in spans:
        for k in range(max(0, s - 1), min(len(text), e + 1)):
            chars[k] = "\0"
    return "".join(chars)


def sentences(masked: str) -> list[tuple[int, int]]:
    """Sentence spans of a masked passage (a quotation never ends a sentence of the frame)."""
    out, s = [], 0
    for m in _SENT_END.finditer(masked):
        head = masked[max(s, m.start() - 12) : m.start() + 1]
        if ABBREV.search(head):
            continue
        out.append((s, m.end()))
        s = m.end()
        while s < len(masked) and masked[s].isspace():
            s += 1
    # A sentence that ends with a quotation ("…he said: “…”") ends where the quotation does.
    if s < len(masked):
        out.append((s, len(masked)))
    return _split_after_quotes(masked, out)


def _split_after_quotes(masked: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        cut = s
        # (?<!\0): a match starts where a run of NULs starts (tried inside a run, it rescanned the run).
        for m in re.finditer(caps(r"(?<!\0)\0+\s+(?=[\p{Lu}\0])"), masked[s:e]):
            seg_end = s + m.end()
            inner = masked[s + m.start() : s + m.end()].rstrip()
            # "…" Next sentence: the quotation ended with . ! or ? inside its marks.
            q = masked[cut:seg_end]
            if (
                inner
                and _ends_sentence_inside(masked, s + m.start(), s + m.start() + len(inner))
                and q.strip()
            ):
                out.append((cut, seg_end))
                cut = seg_end
        out.append((cut, e))
    return [x for x in out if masked[x[0] : x[1]].strip()]


RAW: list[str] = [""]  # the unmasked passage, for _ends_sentence_inside


def _ends_sentence_inside(masked: str, qs: int, qe: int) -> bool:
    raw = RAW[0]
    inner = raw[qs:qe].rstrip('”"’ ')
    return bool(inner) and inner[-1] in ".!?"
