"""The library's data: sources and their passages, with offsets that prove quotes verbatim."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .letters import caps

_ABBREV = (
    r"(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|Prof|Col|Gen|Lt|Maj|Capt|Cmdr|Adm|Sgt|Gov|Sen|Rep|St|No|Vol|pp|p|"
    r"e\.g|i\.e|etc|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ph\.D|Inc|Ltd|Co|Jr|Sr|[\p{Lu}])"
)
# A sentence ends before a capital in any Latin, Greek or Cyrillic spelling ("… winter. Élysée advisers …").
_SENT_END = re.compile(caps(r"(?<![.!?…])[.!?…]+[”\"’)\]]*(?=\s+[“\"‘(\[]?[\p{Lu}0-9])"))
_ABBREV_END = re.compile(caps(r"\b" + _ABBREV + r"\.$"))
PASSAGE_MAX = 1000
PASSAGE_TARGET = 600


@dataclass
class Passage:
    """A paragraph (or part of a long one) of a source's clean text."""

    id: str
    source_id: str
    start: int
    end: int
    text: str
    duplicate_of: list[str] = field(default_factory=list)
    page: int | None = None  # the page it starts on, for paged formats (PDF); None elsewhere


@dataclass
class Source:
    """One attributable piece of writing: an article, or one entry of a compilation."""

    id: str
    title: str
    authors: list[str]
    date: str | None
    outlet: str | None
    url: str | None
    origin: str
    text: str
    notes: list[str] = field(default_factory=list)
    kind: str = "article"
    outlets_extra: list[str] = field(default_factory=list)  # a wire agency or news service credited as well
    chrome: list[str] = field(default_factory=list)  # what was left out as page chrome (shown on request)
    passages: list[Passage] = field(default_factory=list)
    passage_total: int | None = None  # set when passages are not loaded (catalog rows)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_json(self) -> dict:
        """The contract's source shape plus extras."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "origin": self.origin,
            "passages": self.passage_total if self.passage_total is not None else len(self.passages),
            "kind": self.kind,
            "notes": list(self.notes),
            "outlets_extra": list(self.outlets_extra),
        }


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries in ``text[start:end]`` as absolute (start, end) offsets."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s = start
    for m in _SENT_END.finditer(text, start, end):
        head = text[max(s, m.start() - 12) : m.start() + 1]
        if _ABBREV_END.search(head):
            continue
        e = m.end()
        if e - s >= 2:
            spans.append((s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end and text[s:end].strip():
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        spans.append((s, e))
    return spans


def split_passages(source_id: str, text: str) -> list[Passage]:
    """Paragraph passages; paragraphs over ``PASSAGE_MAX`` characters split at sentence boundaries.

    Headings and labels (short, no sentence punctuation) are not passages: nobody quotes them.
    """
    out: list[Passage] = []
    pos = 0
    for block in text.split("\n\n"):
        b_start = text.index(block, pos) if block else pos
        b_end = b_start + len(block)
        pos = b_end
        stripped = block.strip()
        if not stripped or (len(stripped) < 60 and not re.search(r"[.!?…”\"]$", stripped)):
            continue
        if len(block) <= PASSAGE_MAX:
            chunks = [(b_start, b_end)]
        else:
            chunks = []
            cur_s: int | None = None
            cur_e = 0
            for s, e in sentence_spans(text, b_start, b_end):
                if cur_s is None:
                    cur_s, cur_e = s, e
                elif e - cur_s > PASSAGE_TARGET and cur_e - cur_s > 0:
                    chunks.append((cur_s, cur_e))
                    cur_s, cur_e = s, e
                else:
                    cur_e = e
            if cur_s is not None:
                chunks.append((cur_s, cur_e))
        for s, e in _hard_split(text, chunks):
            out.append(Passage(f"{source_id}.{len(out) + 1}", source_id, s, e, text[s:e]))
    return out


HARD_MAX = 2000


def _hard_split(text: str, chunks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split runaway chunks (a megabyte on one line, no sentence ends) at whitespace near ``HARD_MAX/2``."""
    out: list[tuple[int, int]] = []
    for s, e in chunks:
        while e - s > HARD_MAX:
            cut = text.rfind(" ", s + HARD_MAX // 4, s + HARD_MAX // 2)
            if cut <= s:
                cut = s + HARD_MAX // 2
            out.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def assign_pages(passages: list[Passage], read_text: str, pages: list[tuple[int, int]]) -> None:
    """Give each passage the page it starts on.

    ``pages`` are (offset, page number) page starts in ``read_text``, the text as the reader produced it;
    passages are of the cleaned text (metadata lines and furniture removed), so each is found in the read
    text by its first words, in order. One that cannot be found keeps its predecessor's page.
    """
    if not pages:
        return
    words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", read_text)]
    joined = " ".join(w for _, w in words)
    starts: list[int] = []  # offset of each word in ``joined``
    pos = 0
    for _, w in words:
        starts.append(pos)
        pos += len(w) + 1
    offsets = [o for o, _ in pages]
    cursor = 0
    page = pages[0][1]
    for p in passages:
        key = " ".join(p.text.split()[:12])
        at = joined.find(key, cursor) if key else -1
        if at < 0 and key:
            at = joined.find(key)
        if at >= 0:
            k = bisect_right(starts, at) - 1
            page = pages[max(0, bisect_right(offsets, words[k][0]) - 1)][1]
            cursor = at + len(key)
        p.page = page
