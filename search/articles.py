"""From a scraped article's text to clean body text and metadata (title, authors, date, outlet, URL).

Scrapes carry a site's furniture around the article: language links, author boxes, "RECOMMENDED" lists of
other articles with their own authors, topic footers, comment prompts, photo captions, footnotes. Everything
here works on paragraphs (blocks separated by blank lines) and decides, for each, whether it is the author's
words, metadata, a note, or furniture. When in doubt about a person, it names nobody: an empty author list is
honest, a wrong one is the worst bug this product can have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .letters import caps
from .link_syntax import find_read_full_url, strip_link_syntax
from .paragraphs import (
    ABOUT_AUTHORS,
    ABOUT_PREFIX,
    AFFILIATION,
    ALSO_AVAILABLE,
    BYLINE,
    CAPTION,
    CAPTION_PHRASE,
    FOOTNOTE,
    INSTITUTION,
    LABELLED,
    NEWS_SERVICE,
    PROMPT,
    READ_FULL,
    SECTION_CUT,
    SECTION_CUT_ANY_CASE,
    WIRE,
    WIRE_CREDIT,
    WIRE_DATELINE,
    bio_names,
    date_line,
    furniture,
    headline_above,
    is_call_to_action,
    is_label,
    is_language_link,
    is_meta_line,
    is_name_line,
    is_name_list,
    is_nav,
    paragraphs,
    reads_like_lede,
    relative_byline,
    split_names,
)
from .text import fold

_FOOTNOTE_MARK = re.compile(r"\[\d{1,3}\]")


@dataclass
class ParsedArticle:
    """What the text says about itself, and its clean body."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    wire: str | None = None  # the agency a wire dateline credits ("BRUSSELS (AP) —")
    byline_outlet: str | None = None  # "By X, Tribune News Service": the service the byline credits
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, paragraph) for --explain
    title_from_text: bool = False  # the title is a paragraph of the text (not kept in the body)
    title_in_text: bool = False  # ... kept in the body all the same (a one-sentence opening line)
    credits: list[str] = field(default_factory=list)  # wire credit lines, out of the body
    bio_authors: list[str] = field(
        default_factory=list
    )  # names a bare trailing bio introduces ("X is a fellow")
    box_authors: list[str] = field(default_factory=list)  # names an "About the author:" box introduces
    bylined: bool = False  # the head has a "By" line (even one naming no person)

    @property
    def text(self) -> str:
        return "\n\n".join(self.body)


def _drop(art: ParsedArticle, reason: str, p: str) -> None:
    art.dropped.append((reason, p))


def parse_article(raw: str, title: str | None = None) -> ParsedArticle:
    """Parse one scraped article (already sanitised). Metadata comes only from the text itself; ``title``: the
    title the document states elsewhere (front matter, markup, an option), so a first line that is not that
    title is not split off as a headline."""
    art = ParsedArticle()
    art.url = find_read_full_url(raw)
    text = strip_link_syntax(raw)
    paras = _split_head_lines(_split_header_block(paragraphs(text), title))
    for p in [p for p in paras if is_nav(p)]:
        _drop(art, "menu", p)
    paras = [p for p in paras if not is_nav(p)]
    paras = _cut_sections(art, paras)

    viewing = None
    kept: list[str] = []
    i = 0
    head_limit = 10
    while i < len(paras):
        p = paras[i]
        if m := re.match(r"^you are currently viewing\s+(.+)$", p, re.I):
            viewing = m.group(1).strip()
            _drop(art, "breadcrumb", p)
            i += 1
            continue
        if ALSO_AVAILABLE.match(p):
            _drop(art, "language links", p)
            i += 1
            while i < len(paras) and is_language_link(paras[i]):
                _drop(art, "language links", paras[i])
                i += 1
            continue
        if ABOUT_AUTHORS.match(p):
            _drop(art, "author box", p)
            i = _skip_author_box(art, paras, i + 1)
            continue
        if m := READ_FULL.match(p):
            outlet = m.group("outlet").strip(" .")
            _drop(art, "read-the-full-article link", p)
            # A short line right after it that names the same outlet ("The Hill") is a label.
            if (
                i + 1 < len(paras)
                and outlet
                and paras[i + 1].lower().endswith(outlet.lower())
                and len(paras[i + 1]) < 60
            ):
                outlet = paras[i + 1]
                _drop(art, "outlet label", paras[i + 1])
                i += 1
            if outlet and not art.outlet:
                art.outlet = _title_outlet(outlet)
            i += 1
            continue
        if why := furniture(p):
            _drop(art, why, p)
            if why == "author box":
                art.box_authors += [n for n in bio_names(ABOUT_PREFIX.sub("", p)) if n not in art.box_authors]
            i += 1
            continue
        if m := WIRE_CREDIT.search(p):
            art.credits.append(m.group(0).strip())
            _drop(art, "wire credits", m.group(0).strip())
            p = p[: m.start()].rstrip()
            if not p:
                i += 1
                continue
        if PROMPT.match(p) or is_call_to_action(p):
            _drop(art, "prompt", p)
            i += 1
            continue
        if CAPTION.match(p) or (len(p) < 300 and CAPTION_PHRASE.search(p) and "“" not in p and '"' not in p):
            _drop(art, "photo caption", p)
            i += 1
            continue
        if len(kept) < head_limit and i < head_limit + 4:
            if not _real(kept) and (m := LABELLED.match(p)) and _take_labelled(art, m.group(1), m.group(2)):
                _drop(art, "header line", p)
                i += 1
                continue
            if (
                art.title is None
                and not kept
                and is_label(p)
                and i + 1 < len(paras)
                and not is_meta_line(paras[i + 1])
                and not reads_like_lede(paras[i + 1])
            ):
                _drop(art, "menu or section label", p)
                i += 1
                continue
            if art.title is None and not kept and (m := _MD_HEADING.match(p)):
                art.title = m.group(1)
                i += 1
                continue
            if (art.title is None and not kept and len(p) <= 200 and "\n" not in p and i + 1 < len(paras)
                    and not re.search(caps(r"[.!?]\s+[\p{Lu}].*[.!?]\s*$"), p) and not _names_a_person(p)):  # fmt: skip
                if not reads_like_lede(p) or is_meta_line(paras[i + 1]):
                    # A headline, or a sentence a byline or a date line follows: the title either way.
                    art.title = p
                    art.title_from_text = True
                    i += 1
                    continue
                if i == 0 and len(p.split()) < 25 and len(paras[i + 1]) > len(p):
                    # The document opens with one short sentence on a line of its own, then its paragraphs
                    # ("Engineers reopen the Qayyarah bridge three years after it was cut."): a headline
                    # written as a sentence, or a one-line lede. The title, and a passage too: no words lost.
                    art.title = p
                    art.title_from_text = art.title_in_text = True
            if p == art.title and not art.title_in_text:
                i += 1
                continue
            if (
                len(p) < 200
                and BYLINE.match(p)
                and art.title is not None
                and not kept
                and not reads_like_lede(p)
            ):
                art.bylined = True
            if len(p) < 200 and (m := BYLINE.match(p)) and (names := _byline_names(art, m.group("names"))):
                art.authors += [n for n in names if n not in art.authors]
                _drop(art, "byline", p)
                i += 1
                continue
            if (
                len(p) < 120
                and (m := BYLINE.match(p))
                and INSTITUTION.fullmatch(m.group("names").strip(" ."))
            ):
                # "By The Editorial Board", "By Nordic Security Forum": a desk or an organisation, not a person
                # (no author), printed where a byline goes: the page's furniture, not the author's words.
                art.bylined = True
                _drop(art, "byline (no person)", p)
                i += 1
                continue
            if not art.authors and (m := relative_byline(p)) and is_name_line(m.group("name")):
                art.authors = [m.group("name").strip()]
                _drop(art, "byline", p)
                i += 1
                continue
            if not art.authors and not _real(kept) and art.title is not None and is_name_line(p):
                art.authors = [p.strip()]  # the name alone on the line under the headline
                _drop(art, "byline", p)
                i += 1
                continue
            if art.date is None and (d := date_line(p)):
                art.date = d
                _drop(art, "date line", p)
                i += 1
                continue
            if is_label(p) and not kept:
                _drop(art, "section label", p)
                i += 1
                continue
        if art.wire is None and len(kept) < 3 and (m := WIRE_DATELINE.match(p)):
            art.wire = WIRE[m.group("agency")]
        kept.append(p)
        i += 1

    if art.title is None and viewing:
        art.title = viewing
    art.body = _parse_tail(art, kept)
    art.body = [_FOOTNOTE_MARK.sub("", p) for p in art.body]
    return art


_MD_HEADING = re.compile(r"^#{1,2}\s+(\S.{0,200}?)\s*#*$")


def _take_labelled(art: ParsedArticle, label: str, value: str) -> bool:
    """Metadata from a labelled header line; False when the value is not what the label says."""
    label, value = label.lower(), value.strip()
    if label in ("title", "headline"):
        if art.title is not None:
            return False
        art.title = value
        return True
    if label in ("author", "authors", "by", "byline", "writer", "writers"):
        names = _byline_names(art, re.sub(r"^by\s+", "", value, flags=re.I))
        art.authors += [n for n in names if n not in art.authors]
        art.bylined = True
        return bool(names)
    if label in ("date", "published", "publication date"):
        d = date_line(value)
        if d and art.date is None:
            art.date = d
        return bool(d)
    if len(value) <= 60 and not re.search(r"[.!?]$", value) and not art.outlet:  # outlet, publication
        art.outlet = _title_outlet(value)
        return True
    return False


def _header_line(line: str) -> bool:
    """A line of a plain-text header: a "By" line, a date line or a labelled line ("Author: X")."""
    if len(line) > 200:
        return False
    if LABELLED.match(line) or date_line(line):
        return True
    return bool(len(line) < 120 and BYLINE.match(line) and not reads_like_lede(line))


def _split_header_block(paras: list[str], title: str | None = None) -> list[str]:
    """Plain text often prints its header without blank lines: "Headline / By A and B / June 2, 2023" as one
    block, or "By A / June 5, 2023 / First paragraph...". Each header line becomes its own block (so it is
    read as metadata, not indexed as a passage) and the rest of the block stays together."""
    out: list[str] = []
    for k, p in enumerate(paras):
        lines = p.split("\n")
        if k >= 3 or len(lines) < 2:
            out.append(p)
            if k >= 3 or not (_header_line(p) or k == 0):
                return out + paras[k + 1 :]
            continue
        n = 0
        if k == 0 and len(lines[0]) <= 200 and len(lines[0].split()) < 25 and _header_line(lines[1]):
            n = 1  # the headline above a header line (a sentence too: "Bridge reopens after three years.")
        elif k == 0 and headline_above(lines) and (not title or fold(title) == fold(lines[0])):
            return out + [lines[0], "\n".join(lines[1:])] + paras[k + 1 :]
        while n < len(lines) and _header_line(lines[n]):
            n += 1
        if n == 0:
            return out + paras[k:]
        rest = "\n".join(lines[n:])
        out += lines[:n] + ([rest] if rest else [])
        if rest:
            return out + paras[k + 1 :]
    return out


def _split_head_lines(paras: list[str]) -> list[str]:
    """Scraped text often has no blank lines around the article: there, each short line is its own block (a
    menu item, the headline, a byline, a date; a related headline, a footer line), before the first long
    paragraph and after the last one."""
    long_idx = [k for k, p in enumerate(paras) if max(len(ln) for ln in p.split("\n")) >= 200]
    if not long_idx:
        return paras  # no article paragraph to frame: nothing is a head or a tail
    first, last = long_idx[0], long_idx[-1]
    out: list[str] = []
    for k, p in enumerate(paras):
        lines = p.split("\n")
        if (k < first or k > last) and 1 < len(lines) <= 40 and all(len(ln) < 160 for ln in lines):
            out.extend(lines)
        else:
            out.append(p)
    return out


def _real(kept: list[str]) -> list[str]:
    """Kept paragraphs other than markdown subheadings (a standfirst under the title)."""
    return [k for k in kept if not k.startswith("#")]


def _byline_names(art: ParsedArticle, names: str) -> list[str]:
    """Names of a "By" line; a credited news service or agency ("..., Tribune News Service") is kept aside.

    Returns [] when no part is a name, so a byline the parser does not understand stays in the text.
    """
    out = []
    for part in split_names(names):
        if NEWS_SERVICE.match(part) or part.strip().lower() in (
            "associated press",
            "the associated press",
            "reuters",
            "afp",
        ):
            art.byline_outlet = art.byline_outlet or _title_outlet(part)
        elif is_name_line(part):
            out.append(part)
    return out


def _names_a_person(p: str) -> bool:
    """A "By NAME" line (a page with no headline above its byline opens with it): never the headline."""
    m = BYLINE.match(p) if len(p) < 200 else None
    return m is not None and any(is_name_line(part) for part in split_names(m.group("names")))


def _title_outlet(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    if name[:4].lower() == "the " and name[4:5].isupper():
        return "The " + name[4:]
    return name


def _skip_author_box(art: ParsedArticle, paras: list[str], i: int) -> int:
    names: list[str] = []
    while i < len(paras):
        p = paras[i]
        if is_name_line(p):
            names.append(p)
        elif names and any(p.startswith(n) for n in names) and len(p) < 600:
            pass  # that person's bio
        elif is_label(p):
            pass
        else:
            break
        _drop(art, "author box", p)
        i += 1
    return i


def _cut_sections(art: ParsedArticle, paras: list[str]) -> list[str]:
    """Cut "RECOMMENDED"/"TOPICS"-style tails; drop a marker alone if real prose follows it."""
    out: list[str] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        if SECTION_CUT.match(p) or SECTION_CUT_ANY_CASE.match(p):
            rest = paras[i + 1 :]
            if all(len(r) < 200 for r in rest):
                for r in paras[i:]:
                    _drop(art, f"site section ({p})", r)
                break
            _drop(art, "section marker", p)
            i += 1
            continue
        out.append(p)
        i += 1
    return out


def _parse_tail(art: ParsedArticle, paras: list[str]) -> list[str]:
    """Footnotes, author bios, a signature line and the site's author box after the body."""
    body: list[str] = []
    in_notes = False
    for p in paras:
        if FOOTNOTE.match(p):
            in_notes = True
            art.notes.append(p)
            continue
        if in_notes:
            # After the notes only the site's furniture remains (e.g. the author box of whoever posted it).
            _drop(art, "after notes", p)
            continue
        body.append(p)

    # Trailing bios and a signature: look at the last few paragraphs only.
    long_idx = [k for k, p in enumerate(body) if len(p) >= 200]
    last_long = long_idx[-1] if long_idx else -1
    tail_start = max(0, len(body) - 3)
    keep: list[str] = []
    for k, p in enumerate(body):
        if k >= tail_start:
            names = bio_names(ABOUT_PREFIX.sub("", p)) if len(p) < 2000 else []  # a bio is a short paragraph
            if names and (k > last_long or k == len(body) - 1 or k == last_long):
                found = art.box_authors if ABOUT_PREFIX.match(p) else art.bio_authors
                found += [n for n in names if n not in found]
                if (
                    not art.outlet
                    and (m := AFFILIATION.search(p))
                    and p.startswith(tuple(art.authors) or ("\0",))
                ):
                    art.outlet = m.group("org")
                _drop(art, "author bio", p)
                continue
            if k > last_long and is_name_line(p.replace("\n", " ")) or (k > last_long and is_name_list(p)):
                if not art.authors:
                    art.authors = split_names(p.replace("\n", ", "))
                _drop(art, "signature", p)
                continue
        keep.append(p)
    return keep
