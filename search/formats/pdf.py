"""PDF reports into paragraphs that keep their page numbers (pypdf).

pypdf gives each page's text in reading order, and (through its visitor) the position and font size of every
run of text. From those: lines; running headers and footers (the same line at the top or bottom of many pages,
page numbers folded) and page numbers are dropped; footnotes (smaller type below the last line of body type)
are set aside as notes; superscript note markers leave the body; lines join into paragraphs at a wider gap,
a change of type size, or a short line that ends a sentence; words hyphenated at a line end are joined
(unless the document writes the hyphenated form elsewhere: "well-known"); a paragraph broken by a page
break is joined again and keeps the page it starts on.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from ..errors import InputError
from ..text import sanitize
from . import Document, sane_authors, sane_date, sane_title

MAX_PAGES = 2000
MAX_CHARS = 8_000_000  # extracted text; a report of 2,000 dense pages is about 6 million characters
MAX_SECONDS = 90.0

_PAGE_NO = re.compile(
    r"^(?:[-–—|·•\s]*)(?:(?:page|p\.|pg\.?)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?(?:[-–—|·•\s]*)$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?:;…]['’\"”)\]]*$")
_NOTE_START = re.compile(r"^(?:\d{1,3}|[*†‡§])[.)]?\s*\S")
_HYPHEN_END = re.compile(r"(\w+)-$")
_ADDRESS = re.compile(r"\s*(?:https?://|www\.)\S+")


@dataclass
class Line:
    text: str
    y: float
    size: float  # main type size (most characters)
    page: int
    pieces: list[tuple[str, float]] = field(default_factory=list)


def read_pdf(data: bytes, name: str = "document.pdf") -> Document:
    """A PDF's text in paragraphs with page starts, notes and property hints. Raises InputError."""
    head = data[:1024]
    if b"%PDF-" not in head:
        what = "HTML" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "something else"
        raise InputError(f"{name}: this is not a PDF (the file holds {what}); nothing was added")
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # repairs of sloppy files are not the user's problem
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError) as e:
                raise InputError(f"{name}: the PDF is encrypted and cannot be read here ({e})") from e
            if not ok:
                raise InputError(
                    f"{name}: the PDF is password-protected; save an unprotected copy and add it"
                )
        n = len(reader.pages)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, ZeroDivisionError) as e:  # fmt: skip
        raise InputError(f"{name}: not a readable PDF ({type(e).__name__})") from e
    if n == 0:
        raise InputError(f"{name}: the PDF has no pages")
    if n > MAX_PAGES:
        raise InputError(f"{name}: {n:,} pages is over the {MAX_PAGES:,}-page limit; nothing was added")

    lines = _extract_lines(reader, n, name)
    if not any(ln.text.strip() for ln in lines):
        raise InputError(f"{name}: no text in the PDF (a scan without a text layer?); nothing was added")
    text, pages, notes, chrome = _assemble(lines, n)
    hints = _hints(reader, name)
    if outlet := _running_outlet(lines, n):
        hints["outlet"] = outlet
    return Document(text, "pdf", hints=hints, pages=pages, notes=notes, chrome=chrome)


def _extract_lines(reader, n: int, name: str) -> list[Line]:
    started = time.monotonic()
    total = 0
    out: list[Line] = []
    for k in range(n):
        chunks: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, _font, size, chunks=chunks):
            if text:
                scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
                chunks.append((text, tm[5] * cm[3] + cm[5], round(float(size) * scale, 1)))

        try:
            reader.pages[k].extract_text(visitor_text=visit)
        except RecursionError as e:
            raise InputError(f"{name}: page {k + 1} is too deeply nested to read") from e
        except Exception as e:  # noqa: BLE001  pypdf raises many kinds on damaged pages: skip that page's text
            logging.getLogger(__name__).debug("page %d unreadable: %s", k + 1, e)
            continue
        page_lines = _lines_of(chunks, k + 1)
        total += sum(len(ln.text) for ln in page_lines)
        out += page_lines
        if total > MAX_CHARS:
            raise InputError(f"{name}: over {MAX_CHARS:,} characters of text; nothing was added")
        if time.monotonic() - started > MAX_SECONDS:
            raise InputError(f"{name}: reading the PDF took over {MAX_SECONDS:.0f} s; nothing was added")
    return out


def _lines_of(chunks: list[tuple[str, float, float]], page: int) -> list[Line]:
    """Split the visitor's runs at newlines into lines; each line takes its first run's position."""
    lines: list[Line] = []
    cur: list[tuple[str, float, float]] = []

    def flush() -> None:
        pieces = [(t, s) for t, _y, s in cur if t]
        text = "".join(t for t, _ in pieces)
        if text.strip():
            sizes: Counter[float] = Counter()
            for t, s in pieces:
                sizes[s] += len(t.strip())
            y = next(y for t, y, _s in cur if t.strip())
            lines.append(Line(text, y, sizes.most_common(1)[0][0], page, pieces))
        cur.clear()

    for text, y, size in chunks:
        parts = text.split("\n")
        for j, part in enumerate(parts):
            if j:
                flush()
            if part:
                cur.append((part, y, size))
    flush()
    return lines


def _fold(line: Line) -> tuple[str, int]:
    """A line's identity across pages: its text with numbers folded, and its height on the page."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.text.strip().casefold())), round(line.y / 4)


def _assemble(
    lines: list[Line], n_pages: int
) -> tuple[str, list[tuple[int, int]], list[str], list[str]]:
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    chrome = _drop_furniture(by_page, n_pages)
    body_size = _body_size(by_page)
    if by_page:
        first = min(by_page)
        by_page[first], above = _above_headline(by_page[first], body_size)
        chrome = list(dict.fromkeys(chrome + above))
    notes: list[str] = []
    for page, plines in by_page.items():
        by_page[page], page_notes = _split_notes(plines, body_size)
        notes += page_notes
    for plines in by_page.values():
        for ln in plines:
            ln.text = _without_markers(ln)
    gap = _typical_gap(by_page, body_size)
    width = median([len(ln.text) for pl in by_page.values() for ln in pl if ln.size == body_size] or [60])
    words = _hyphenated_words(by_page)

    paragraphs: list[tuple[int, list[Line]]] = []  # (page it starts on, lines)
    for page in sorted(by_page):
        prev: Line | None = None
        for ln in by_page[page]:
            if prev is None and paragraphs and _continues(paragraphs[-1][1][-1], ln):
                paragraphs[-1][1].append(ln)
            elif prev is None or _breaks(prev, ln, gap, width):
                paragraphs.append((page, [ln]))
            else:
                paragraphs[-1][1].append(ln)
            prev = ln

    text_parts: list[str] = []
    pages: list[tuple[int, int]] = []
    pos = 0
    for page, plines in paragraphs:
        para = sanitize(_join_lines([ln.text for ln in plines], words)).strip()
        if not para:
            continue
        if not pages or pages[-1][1] != page:
            pages.append((pos, page))
        text_parts.append(para)
        pos += len(para) + 2
    return "\n\n".join(text_parts), pages, [sanitize(x) for x in notes], [sanitize(x) for x in chrome]


def _drop_furniture(by_page: dict[int, list[Line]], n_pages: int) -> list[str]:
    """Page numbers, and lines repeated at the top or bottom of many pages (running heads and feet: outlet
    name, article title, print date, address, copyright): the same text (numbers aside) at the same height
    among a page's three highest or lowest lines, wherever the page's content stream draws them (print
    engines often draw the head last). The lines dropped, once each, for the source's page chrome."""
    edge = 3
    seen: Counter[tuple[str, int]] = Counter()
    body_end: set[tuple[str, int]] = set()
    for plines in by_page.values():
        seen.update({_fold(ln) for ln in _edges(plines, edge)})
        body_end |= {_fold(ln) for ln in plines if ln.text.strip()[:1].islower() and not _ADDRESS.match(ln.text)}
    need = max(2, int(0.4 * n_pages + 0.5)) if n_pages >= 3 else 2
    # A line that starts in lower case ends a sentence of the body ("own."), however often it recurs; an
    # address ("https://…", "www.…") is the exception.
    running = {k for k, c in seen.items() if c >= need and k not in body_end}
    first = min(by_page) if by_page else 0
    dropped: dict[str, str] = {}  # folded text -> the first page's line
    for page, plines in by_page.items():
        drop = set()
        by_height = sorted(plines, key=lambda ln: -ln.y)
        for ln in _edges(plines, edge):
            if page == first and _title_on_first_page(by_height, ln, running):
                continue
            if _PAGE_NO.match(ln.text.strip()) or _fold(ln) in running:
                drop.add(id(ln))
                if _fold(ln) in running:
                    dropped.setdefault(_fold(ln)[0], re.sub(r"\s+", " ", ln.text.strip()))
        by_page[page] = [ln for ln in plines if id(ln) not in drop]
    return list(dropped.values())


def _above_headline(plines: list[Line], body_size: float) -> tuple[list[Line], list[str]]:
    """The first page without the small-type lines printed above its headline (a running head: "General X:
    “…” | The Courier"), and those lines. The headline is the largest type among the page's top lines, larger
    than the body's; a byline or a date above it stays (they are the article's metadata)."""
    from ..paragraphs import is_meta_line

    by_height = sorted(plines, key=lambda ln: -ln.y)[:6]
    if not by_height or not body_size:
        return plines, []
    head = max(by_height, key=lambda ln: ln.size)
    if head.size < body_size * 1.2:
        return plines, []
    above = {id(ln) for ln in by_height if ln.y > head.y and ln.size <= body_size and ln.size < head.size * 0.8
             and not is_meta_line(ln.text.strip())}  # fmt: skip
    if not above:
        return plines, []
    dropped = [re.sub(r"\s+", " ", ln.text.strip()) for ln in plines if id(ln) in above]
    return [ln for ln in plines if id(ln) not in above], dropped


_OUTLET = re.compile(r"^(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of|on|and|&|[A-Z][\w'’&.-]*)){0,5}$")


def _running_outlet(lines: list[Line], n_pages: int) -> str | None:
    """The outlet a running head names on every page of a document of two or more pages ("… | The Harbour
    Courier"): the one segment of that line that reads as a name (capitalised words, no quotation, colon or
    number); None unless exactly one such line and segment."""
    if n_pages < 2:
        return None
    pages_of: dict[str, set[int]] = {}
    for ln in lines:
        if " | " in ln.text:
            pages_of.setdefault(re.sub(r"\s+", " ", ln.text.strip()), set()).add(ln.page)
    found: set[str] = set()
    for text, pages in pages_of.items():
        if len(pages) < n_pages:
            continue
        segs = [seg.strip() for seg in text.split(" | ")]
        names = [seg for seg in segs if _OUTLET.match(seg) and not re.search(r"[\d:\"“”]", seg)
                 and not _PAGE_NO.match(seg)]  # fmt: skip
        if len(names) == 1:
            found.add(names[0])
    return found.pop() if len(found) == 1 else None


def _edges(plines: list[Line], edge: int) -> list[Line]:
    """A page's highest and lowest ``edge`` lines by their height on the page (not their order in the file)."""
    by_height = sorted(plines, key=lambda ln: -ln.y)
    out = by_height[:edge]
    return out + [ln for ln in by_height[-edge:] if all(ln is not o for o in out)]


def _title_on_first_page(by_height: list[Line], ln: Line, running: set[tuple[str, int]]) -> bool:
    """A short brief prints its title atop every page, and its author under it on the first: there the line
    is the title, not furniture (the author's name, a "By" line or a date follows it on that page)."""
    from ..paragraphs import is_meta_line

    if _fold(ln) not in running or _PAGE_NO.match(ln.text.strip()):
        return False
    k = next(i for i, x in enumerate(by_height) if x is ln)
    if k >= len(by_height) // 2:
        return False  # a foot, not a title
    after = [x for x in by_height[k + 1 : k + 3] if _fold(x) not in running]
    return bool(after) and is_meta_line(after[0].text.strip())


def _body_size(by_page: dict[int, list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for plines in by_page.values():
        for ln in plines:
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _split_notes(plines: list[Line], body_size: float) -> tuple[list[Line], list[str]]:
    """Footnotes: a run of smaller type below the page's last line of body type, starting with a mark."""
    body_ys = [ln.y for ln in plines if ln.size >= body_size * 0.95]
    if not body_ys:
        return plines, []
    lowest = min(body_ys)
    k = len(plines)
    while k > 0 and plines[k - 1].size < body_size * 0.9 and plines[k - 1].y < lowest:
        k -= 1
    tail = plines[k:]
    if not tail or not _NOTE_START.match(tail[0].text.strip()):
        return plines, []
    notes: list[str] = []
    for ln in tail:
        t = ln.text.strip()
        if _NOTE_START.match(t) or not notes:
            notes.append(t)
        else:
            notes[-1] = _join_lines([notes[-1], t], set())
    return plines[:k], notes


def _without_markers(ln: Line) -> str:
    """A body line without its superscript note markers (small digits after the line's first run)."""
    if not ln.pieces:
        return ln.text
    keep = [ln.pieces[0][0]]
    for t, s in ln.pieces[1:]:
        if s < ln.size * 0.8 and re.fullmatch(r"\s*[\d,*†‡]{1,6}\s*", t):
            continue
        keep.append(t)
    return "".join(keep)


def _typical_gap(by_page: dict[int, list[Line]], body_size: float) -> float:
    gaps = []
    for plines in by_page.values():
        for a, b in zip(plines, plines[1:], strict=False):
            if a.size == body_size and b.size == body_size and 0 < a.y - b.y < body_size * 3:
                gaps.append(a.y - b.y)
    return median(gaps) if gaps else body_size * 1.2


def _breaks(prev: Line, ln: Line, gap: float, width: float) -> bool:
    """Does ``ln`` start a new paragraph after ``prev`` on the same page?"""
    dy = prev.y - ln.y
    if dy > gap * 1.35 or dy < -gap * 0.5:
        return True
    if abs(prev.size - ln.size) > 0.12 * max(prev.size, ln.size):
        return True
    short = len(prev.text.strip()) < 0.6 * width
    if short and _SENTENCE_END.search(prev.text.strip()):
        return True
    # After a line that stops short, a line opening with a capital or a digit starts a new block ("By Dana
    # Whitfield" above "12 April 2021": a byline and a date line, not one paragraph).
    head = ln.text.strip()[:1]
    return short and not _HYPHEN_END.search(prev.text.strip()) and (head.isupper() or head.isdigit())


def _continues(last: Line, first: Line) -> bool:
    """Does a page's first line continue the paragraph the previous page ended in?"""
    end = last.text.strip()
    start = first.text.strip()
    if not end or not start or abs(last.size - first.size) > 0.12 * max(last.size, first.size):
        return False
    return bool(_HYPHEN_END.search(end)) or (not _SENTENCE_END.search(end) and start[:1].islower())


def _hyphenated_words(by_page: dict[int, list[Line]]) -> set[str]:
    """Hyphenated words the document writes inside a line ("well-known"): their line-end breaks keep it."""
    out: set[str] = set()
    for plines in by_page.values():
        for ln in plines:
            out.update(m.group(0).casefold() for m in re.finditer(r"\b\w+-\w+\b", ln.text))
    return out


def _join_lines(lines: list[str], hyphenated: set[str]) -> str:
    out = ""
    for raw in lines:
        t = raw.strip()
        if t.endswith("\u00ad"):
            t = t[:-1] + "-"
        if not out:
            out = t
            continue
        m = _HYPHEN_END.search(out)
        nxt = re.match(r"\w+", t)
        if m and nxt and t[:1].islower():
            whole = f"{m.group(1)}-{nxt.group(0)}".casefold()
            out = out if whole in hyphenated else out[:-1]
            out += t
        else:
            out += " " + t
    return out


def _hints(reader, name: str) -> dict:
    """Title, authors and date from the PDF's document information, when they look real."""
    hints: dict = {}
    try:
        info = reader.metadata
    except Exception:  # noqa: BLE001  a damaged info dictionary just means no hints
        return hints
    if not info:
        return hints
    if t := sane_title(info.get("/Title"), name):
        hints["title"] = t
    if a := sane_authors(info.get("/Author")):
        hints["authors"] = a
    try:
        d = info.creation_date
    except (ValueError, TypeError, AttributeError):
        d = None
    if d := sane_date(d.date() if d else None):
        hints["date"] = d
    return hints
