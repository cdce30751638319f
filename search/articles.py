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

from .dates import parse_date

# --- markdown-ish link syntax -------------------------------------------------------------------------

# Every pattern here runs in time linear in the text (issue 12: "[" * 100_000 took 133 s): no pattern starts
# with a run of blanks (the blanks before a match are trimmed by _sub_trimming instead), a link label stops at
# the next bracket, a target at the next bracket or blank, and a bold span at the next "**", so no character
# is scanned again from every position before it.
_URLISH = r"(?:https?://|www\.|/|#)[^\s()<>]*"
# "[label](target)"; the label may itself contain "\(" escapes.
_MD_LINK = re.compile(r"\[((?:\\.|[^\[\]\\])*)\]\(([^)\s\[\]]*)\)")
# "(<https://...>)" autolinks, also when the URL is broken over a paragraph break.
_AUTOLINK_BROKEN = re.compile(r"\(<https?://[^\s>]*>?[ \t]*\n[^\S\n]*\n\s*[\w./%#?=&-]*\)")
_AUTOLINK = re.compile(r"\(<[^<>\n]*>\)")
_PAREN_URL = re.compile(r"\\?\((?:" + _URLISH + r")\\?\)")
_BOLD = re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")
_DINGBAT_SET = "\u2756\u25c6\u25c7\u2666\u25aa\u25ab\u2022"
_DINGBAT_CHARS = re.compile(f"[{_DINGBAT_SET}]")
_FOOTNOTE_MARK = re.compile(r"\[\d{1,3}\]")

READ_FULL = re.compile(
    r"^(?:\[)?Read the full (?:article|story|piece|text)(?: on| at| in)?(?: the)?\s*(?P<outlet>.*?)(?:\s+(?:website|site|web site))?\s*\.?\s*$",
    re.I,
)


def _link_repl(m: re.Match[str]) -> str:
    return _sub_trimming(_PAREN_URL, m.group(1))


def _sub_trimming(pattern: re.Pattern[str], text: str) -> str:
    """Remove every match of ``pattern`` together with the spaces and tabs right before it."""
    out = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(text[pos : m.start()].rstrip(" \t"))
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def strip_link_syntax(text: str) -> str:
    """Keep link labels, drop link targets and bare autolinks; unescape markdown escapes; drop bold/italic."""
    # Each pattern only when its opening character occurs: most texts have none.
    if "(<" in text:
        text = _sub_trimming(_AUTOLINK_BROKEN, text)
        text = _sub_trimming(_AUTOLINK, text)
    if "](" in text:
        text = _MD_LINK.sub(_link_repl, text)
    if "(" in text:
        text = _sub_trimming(_PAREN_URL, text)
    if "*" in text:
        text = _BOLD.sub(r"\1", text)
        text = _ITALIC.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    if _DINGBAT_CHARS.search(text):
        text = _strip_trailing_dingbats(text)
    return text


def _strip_trailing_dingbats(text: str) -> str:
    """Drop a run of dingbats ending a line ("Read more ❖"), with the blanks around it."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        core = line.rstrip(" \t")
        bare = core.rstrip(_DINGBAT_SET)
        if len(bare) < len(core):
            lines[k] = bare.rstrip(" \t")
    return "\n".join(lines)


def find_read_full_url(text: str) -> str | None:
    """The URL of a "Read the full article" link, before link syntax is stripped."""
    for m in _MD_LINK.finditer(text):
        if re.match(r"\s*Read the full", m.group(1), re.I) and m.group(2).startswith("http"):
            return m.group(2)
    return None


# --- paragraph classes --------------------------------------------------------------------------------

_NAME_TOKEN = (
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:de|da|van|von|der|den|al|el|bin|ibn|la|le|di|du)(?:-[A-Z][\w'’-]*)?)"
)
NAME_RE = re.compile(rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}}$")
_LABEL_WORDS = {
    "analysis", "testimony", "articles", "article", "brief", "topics", "regions", "countries", "recommended",
    "policy", "image", "photo", "terrorism", "security", "military", "news", "home", "share", "menu",
    "search", "podcast", "the", "a", "an", "of", "on", "in", "for", "and", "to", "report", "reports",
    "commentary", "opinion", "related", "more", "read", "comment", "comments", "about", "authors", "author",
    "iraq", "syria", "nato", "isis", "libya", "reform", "democracy", "u.s.", "us", "north", "africa",
    "middle", "east", "europe", "leave", "reply", "tags", "category", "categories", "contents",
}  # fmt: skip
SECTION_CUT = re.compile(
    r"^(RECOMMENDED|RELATED(?: ARTICLES| CONTENT| POSTS)?|READ MORE|MORE FROM .*|MORE ON .*|TOPICS|TAGS|"
    r"REGIONS & COUNTRIES|REGIONS|YOU MAY ALSO LIKE|ALSO READ|SHARE THIS|POPULAR)\s*:?$"
)
# The same headings as sites write them in any case ("Related Articles", "Read more:", "Most popular").
SECTION_CUT_ANY_CASE = re.compile(
    r"^(?:recommended(?: for you)?|related(?: \w+){0,2}|read more|more from .{1,40}|more on .{1,40}|"
    r"most (?:popular|read|viewed)|latest(?: news| posts)?|popular(?: posts| stories)?|you may also like|"
    r"also read|read also|read next|what to read next|more stories|trending(?: now)?|further reading|"
    r"recent posts|top stories)\s*:?$",
    re.I,
)
# Short blocks that ask something of the reader or state the site's terms: never the author's words.
CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|sign up|sign in|log in|newsletters?|in your inbox|become an? [\w ]{0,40}member|"
    r"support (?:our|my|independent) (?:work|journalism|reporting)|download (?:our|the) app|donate|"
    r"all rights reserved|may not be (?:published|reproduced|redistributed)|quotes delayed|our standards:|"
    r"trust principles|cookie settings|terms of (?:use|service)|privacy policy|contact:\s*\S+@|"
    r"not written by our (?:editorial )?staff)",
    re.I,
)
PROMPT = re.compile(
    r"^(laisser un commentaire|leave a (?:comment|reply)|post a comment|share this(?: article)?|share on .*|"
    r"click here for .*|print this (?:page|article)|subscribe.*newsletter.*|sign up for .*|"
    r"you are currently viewing .*|skip to (?:main )?content|follow us.*|comments?)\s*\.?$",
    re.I,
)
CAPTION = re.compile(
    r"^(?:image|photo|picture|caption|credit|photo credit|image credit|légende photo|legende photo|source photo)"
    r"\s*(?:\([^)]*\))?\s*:",
    re.I,
)
_CAPTION_PHRASE = re.compile(
    r"\b(?:map|photo|photograph|image|picture|chart|graphic|infographic)s? (?:showing|shows|of)\b", re.I
)
ALSO_AVAILABLE = re.compile(
    r"^(?:also available in|read this in|available in other languages|translations?)\s*:?$", re.I
)
ABOUT_AUTHORS = re.compile(r"^about the authors?\s*:?$", re.I)
# The name part starts and ends at a non-blank, so no blank run is rescanned (linear on any paragraph).
BYLINE = re.compile(r"^by\s+(?P<names>\S(?:.*\S)?)\s*$", re.I)
# "Aram Jalal 3 hours ago", "Bahar Rashid · 1 minute ago": a name with a relative time, as news apps print it.
RELATIVE_BYLINE = re.compile(
    r"^(?P<name>[^\n\d]{3,60}?)\s*[·|•,-]?\s*\d{1,2}\s+(?:minute|min|hour|hr|day|week)s?\s+ago\.?$", re.I
)
# "BRUSSELS (AP) —", "BAGHDAD, March 9 (Reuters) -", "(Reuters) -": a wire dateline names the agency.
WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?){0,2}\s+)?\((?P<agency>AP|Reuters|AFP|dpa)\)\s*[—–-]"
)
_WIRE = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "AFP", "dpa": "dpa"}
_NEWS_SERVICE = re.compile(r"^(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}\s+News Service$")
FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s+\S")
_BIO_VERB = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<name>" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){1,4}?)\s+"
    r"(?:holds|is|was|serves|served|teaches|works|has been|joined|leads|directs|writes)\b"
)
_BIO_VOCAB = re.compile(
    r"\b(?:fellow|director|researcher|professor|ph\.?\s?d|analyst|editor|author|correspondent|journalist|"
    r"reporter|senior|adviser|advisor|lecturer|student|scholar|masters?|assistant|chair|head of|founder|"
    r"contributor|columnist|expert|visiting)\b",
    re.I,
)
_AFFILIATION = re.compile(r"\bis (?P<org>The [A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,5})['’]s\b")


def is_name_line(p: str) -> bool:
    """A short paragraph that is only a person's name ("Maria Elena Argano")."""
    p = p.strip().rstrip(",")
    if len(p) > 60 or "\n" in p or not NAME_RE.match(p):
        return False
    words = [w.lower().strip(".,") for w in p.split()]
    return not any(w in _LABEL_WORDS for w in words)


def split_names(names: str) -> list[str]:
    """Split "A, B and C" into names; drop empties and obvious non-names."""
    names = re.sub(r"\s+", " ", names).strip().rstrip(".,")
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+AND\s+|\s*&\s*|\s*;\s*", names)
    return [p.strip() for p in parts if p.strip()]


def bio_names(paragraph: str) -> list[str]:
    """Names that a trailing author bio introduces ("X holds a Ph.D. ... Y is a Research Assistant")."""
    if not _BIO_VOCAB.search(paragraph):
        return []
    out = []
    for m in _BIO_VERB.finditer(paragraph):
        name = m.group("name")
        if is_name_line(name) and name not in out:
            out.append(name)
    # The bio must start with one of its names: a body paragraph merely mentioning "X is" is not a bio.
    if out and not paragraph.lstrip().startswith(out[0]):
        return []
    return out


# --- the article parser ------------------------------------------------------------------------------


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

    @property
    def text(self) -> str:
        return "\n\n".join(self.body)


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, stripped, with inner line breaks kept."""
    blocks = re.split(r"\n[ \t]*\n", text)
    out = []
    for b in blocks:
        lines = [ln.strip() for ln in b.split("\n")]
        b = "\n".join(ln for ln in lines if ln)
        if b:
            out.append(b)
    return out


def _drop(art: ParsedArticle, reason: str, p: str) -> None:
    art.dropped.append((reason, p))


def parse_article(raw: str) -> ParsedArticle:
    """Parse one scraped article (already sanitised). Metadata comes only from the text itself."""
    art = ParsedArticle()
    art.url = find_read_full_url(raw)
    text = strip_link_syntax(raw)
    paras = _split_head_lines(paragraphs(text))
    for p in [p for p in paras if _is_nav(p)]:
        _drop(art, "menu", p)
    paras = [p for p in paras if not _is_nav(p)]
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
            while i < len(paras) and _is_language_link(paras[i]):
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
        if PROMPT.match(p) or _is_call_to_action(p):
            _drop(art, "prompt", p)
            i += 1
            continue
        if CAPTION.match(p) or (len(p) < 300 and _CAPTION_PHRASE.search(p) and "“" not in p and '"' not in p):
            _drop(art, "photo caption", p)
            i += 1
            continue
        if len(kept) < head_limit and i < head_limit + 4:
            if (
                art.title is None
                and not kept
                and _is_label(p)
                and i + 1 < len(paras)
                and not _is_meta_line(paras[i + 1])
            ):
                _drop(art, "menu or section label", p)
                i += 1
                continue
            if art.title is None and not kept and (m := _MD_HEADING.match(p)):
                art.title = m.group(1)
                i += 1
                continue
            if (art.title is None and not kept and len(p) <= 200 and "\n" not in p and i + 1 < len(paras)
                    and not re.search(r"[.!?]\s+[A-Z].*[.!?]\s*$", p)):  # fmt: skip
                art.title = p
                i += 1
                continue
            if p == art.title:
                i += 1
                continue
            if len(p) < 200 and (m := BYLINE.match(p)) and (names := _byline_names(art, m.group("names"))):
                art.authors += [n for n in names if n not in art.authors]
                _drop(art, "byline", p)
                i += 1
                continue
            if not art.authors and (m := _relative_byline(p)) and is_name_line(m.group("name")):
                art.authors = [m.group("name").strip()]
                _drop(art, "byline", p)
                i += 1
                continue
            if not art.authors and not _real(kept) and art.title is not None and is_name_line(p):
                art.authors = [p.strip()]  # the name alone on the line under the headline
                _drop(art, "byline", p)
                i += 1
                continue
            if art.date is None and (d := _date_line(p)):
                art.date = d
                i += 1
                continue
            if _is_label(p) and not kept:
                _drop(art, "section label", p)
                i += 1
                continue
        if art.wire is None and len(kept) < 3 and (m := WIRE_DATELINE.match(p)):
            art.wire = _WIRE[m.group("agency")]
        kept.append(p)
        i += 1

    if art.title is None and viewing:
        art.title = viewing
    art.body = _parse_tail(art, kept)
    art.body = [_FOOTNOTE_MARK.sub("", p) for p in art.body]
    return art


_MD_HEADING = re.compile(r"^#{1,2}\s+(\S.{0,200}?)\s*#*$")
_DATE_LINE = re.compile(
    r"^(?:(?:posted|published|first published)(?:\s+on)?\s*:?\s*)?(?P<date>.+?)"
    r"(?:\s*(?:at|/|,|·|\|)?\s*\d{1,2}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.I,
)


def _date_line(p: str) -> str | None:
    """ "Mar 3, 2020", "September 9, 2020 / 1:42 PM", "Posted Oct 24, 2019 at 11:20 AM" (never "Updated ...")."""
    if len(p) > 60 or "\n" in p:
        return None
    if d := parse_date(p):
        return d
    m = _DATE_LINE.match(p)
    return parse_date(m.group("date")) if m else None


def _is_meta_line(p: str) -> bool:
    """A byline, a date or a name line: what follows a headline (so the line before it is the headline)."""
    return bool(BYLINE.match(p) or _relative_byline(p) or _date_line(p) or is_name_line(p))


def _relative_byline(p: str) -> re.Match[str] | None:
    # Only on a line that short: the pattern's blank runs would be rescanned from every position of a long one.
    return RELATIVE_BYLINE.match(p) if len(p) <= 120 and "\n" not in p else None


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


def _is_call_to_action(p: str) -> bool:
    return len(p) < 240 and "\n" not in p and not re.search(r"[“”\"]", p) and bool(CALL_TO_ACTION.search(p))


def _is_nav(p: str) -> bool:
    """A menu bar: "Home | Iraq | Syria | About", "Share on Facebook | Share on Twitter", "NEWS  SPORTS  LIFE"."""
    if "\n" in p or len(p) > 200:
        return False
    parts = [x.strip() for x in re.split(r"\s+\|\s+|\s{2,}", p) if x.strip()]
    return len(parts) >= 3 and all(len(x.split()) <= 3 and not re.search(r"[.!?]$", x) for x in parts)


def _byline_names(art: ParsedArticle, names: str) -> list[str]:
    """Names of a "By" line; a credited news service or agency ("..., Tribune News Service") is kept aside.

    Returns [] when no part is a name, so a byline the parser does not understand stays in the text.
    """
    out = []
    for part in split_names(names):
        if _NEWS_SERVICE.match(part) or part.strip().lower() in (
            "associated press",
            "the associated press",
            "reuters",
            "afp",
        ):
            art.byline_outlet = art.byline_outlet or _title_outlet(part)
        elif is_name_line(part):
            out.append(part)
    return out


def _title_outlet(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    if name[:4].lower() == "the " and name[4:5].isupper():
        return "The " + name[4:]
    return name


def _is_language_link(p: str) -> bool:
    """ "العربية /", "Farsi", "Français": short, not a heading we know, not a person's name."""
    if ABOUT_AUTHORS.match(p) or SECTION_CUT.match(p) or is_name_line(p) or parse_date(p):
        return False
    return len(p) < 40 and len(p.split()) <= 3 and not p.endswith(".")


def _is_label(p: str) -> bool:
    """Short category labels such as "Brief Analysis" or "Articles & Testimony"."""
    return len(p) < 40 and "\n" not in p and not re.search(r"[.!?:]$", p) and len(p.split()) <= 4


def _skip_author_box(art: ParsedArticle, paras: list[str], i: int) -> int:
    names: list[str] = []
    while i < len(paras):
        p = paras[i]
        if is_name_line(p):
            names.append(p)
        elif names and any(p.startswith(n) for n in names) and len(p) < 600:
            pass  # that person's bio
        elif _is_label(p):
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
            names = bio_names(_ABOUT_PREFIX.sub("", p)) if len(p) < 2000 else []  # a bio is a short paragraph
            if names and (k > last_long or k == len(body) - 1 or k == last_long):
                if not art.authors:
                    art.authors = names
                if (
                    not art.outlet
                    and (m := _AFFILIATION.search(p))
                    and p.startswith(tuple(art.authors) or ("\0",))
                ):
                    art.outlet = m.group("org")
                _drop(art, "author bio", p)
                continue
            if k > last_long and is_name_line(p.replace("\n", " ")) or (k > last_long and _is_name_list(p)):
                if not art.authors:
                    art.authors = split_names(p.replace("\n", ", "))
                _drop(art, "signature", p)
                continue
        keep.append(p)
    return keep


_ABOUT_PREFIX = re.compile(r"^[*_]*\s*about the authors?\s*[:.-]\s*[*_]*\s*", re.I)


def _is_name_list(p: str) -> bool:
    names = split_names(p.replace("\n", ", "))
    return 1 < len(names) <= 4 and all(is_name_line(n) for n in names) and len(p) < 160
