"""What a paragraph of a scraped article is: the author's words, or a byline, a date line, a label, a menu, a
prompt, a caption, a bio, a footnote, a site section's heading. The parser (:mod:`.articles`) asks these
questions of each block; when in doubt about a person, they name nobody.
"""

from __future__ import annotations

import re

from .dates import parse_date
from .letters import caps

READ_FULL = re.compile(
    r"^(?:\[)?Read the full (?:article|story|piece|text)(?: on| at| in)?(?: the)?\s*(?P<outlet>.*?)(?:\s+(?:website|site|web site))?\s*\.?\s*$",
    re.I,
)


# A capital in any Latin, Greek or Cyrillic spelling: "By Élise Martin", "Author: Deniz Şahin".
_NAME_TOKEN = caps(
    r"(?:[\p{Lu}][\w'’.-]*|[\p{Lu}]\.|(?:de|da|van|von|der|den|al|el|bin|ibn|la|le|di|du)(?:-[\p{Lu}][\w'’-]*)?)"
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
CAPTION_PHRASE = re.compile(
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
    caps(r"^(?:[\p{Lu}][\p{Lu}\p{Ll}.'’ -]{1,40}(?:,\s*[\p{Lu}][\p{Lu}\p{Ll}.]+(?:\s+\d{1,2})?){0,2}\s+)?")
    + r"\((?P<agency>AP|Reuters|AFP|dpa)\)\s*[—–-]"
)
WIRE = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "AFP", "dpa": "dpa"}
NEWS_SERVICE = re.compile(caps(r"^(?:The\s+)?[\p{Lu}][\w.&'’-]*(?:\s+[\p{Lu}][\w.&'’-]*){0,4}\s+News Service$"))
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
AFFILIATION = re.compile(caps(r"\bis (?P<org>The [\p{Lu}][\w-]*(?:\s+[\p{Lu}][\w-]*){0,5})['’]s\b"))


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


_DATE_LINE = re.compile(
    r"^(?:(?:posted|published|first published)(?:\s+on)?\s*:?\s*)?(?P<date>.+?)"
    r"(?:\s*(?:at|/|,|·|\|)?\s*\d{1,2}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.I,
)


def date_line(p: str) -> str | None:
    """ "Mar 3, 2020", "September 9, 2020 / 1:42 PM", "Posted Oct 24, 2019 at 11:20 AM" (never "Updated ...")."""
    if len(p) > 60 or "\n" in p:
        return None
    if d := parse_date(p):
        return d
    m = _DATE_LINE.match(p)
    return parse_date(m.group("date")) if m else None


def is_meta_line(p: str) -> bool:
    """A byline, a date or a name line: what follows a headline (so the line before it is the headline)."""
    return bool(BYLINE.match(p) or relative_byline(p) or date_line(p) or is_name_line(p))


def relative_byline(p: str) -> re.Match[str] | None:
    # Only on a line that short: the pattern's blank runs would be rescanned from every position of a long one.
    return RELATIVE_BYLINE.match(p) if len(p) <= 120 and "\n" not in p else None


def is_call_to_action(p: str) -> bool:
    return len(p) < 240 and "\n" not in p and not re.search(r"[“”\"]", p) and bool(CALL_TO_ACTION.search(p))


def is_nav(p: str) -> bool:
    """A menu bar: "Home | Iraq | Syria | About", "Share on Facebook | Share on Twitter", "NEWS  SPORTS  LIFE"."""
    if "\n" in p or len(p) > 200:
        return False
    parts = [x.strip() for x in re.split(r"\s+\|\s+|\s{2,}", p) if x.strip()]
    return len(parts) >= 3 and all(len(x.split()) <= 3 and not re.search(r"[.!?]$", x) for x in parts)


def is_language_link(p: str) -> bool:
    """ "العربية /", "Farsi", "Français": short, not a heading we know, not a person's name."""
    if ABOUT_AUTHORS.match(p) or SECTION_CUT.match(p) or is_name_line(p) or parse_date(p):
        return False
    return len(p) < 40 and len(p.split()) <= 3 and not p.endswith(".")


def is_label(p: str) -> bool:
    """Short category labels such as "Brief Analysis" or "Articles & Testimony"."""
    return len(p) < 40 and "\n" not in p and not re.search(r"[.!?:]$", p) and len(p.split()) <= 4


ABOUT_PREFIX = re.compile(r"^[*_]*\s*about the authors?\s*[:.-]\s*[*_]*\s*", re.I)


def is_name_list(p: str) -> bool:
    names = split_names(p.replace("\n", ", "))
    return 1 < len(names) <= 4 and all(is_name_line(n) for n in names) and len(p) < 160


# Site furniture printed inside the article's own blocks, whatever it quotes: never the author's words.
# A related-article prompt ("Read more: <headline>", "ALSO READ: ..."), a most-read list ("Most popular: 1. ...").
RELATED_PROMPT = re.compile(
    r"^(?:read more|read also|also read|see also|related(?: articles?| stories| coverage| content| reading)?|"
    r"recommended(?: for you)?|you (?:may|might) also like|read next|up next|more (?:from|on) [^:\n]{1,40}|"
    r"watch|listen|most (?:popular|read|viewed|shared)|popular now|trending(?: now)?|top stories|"
    r"editor[’']?s picks)\s*[:»|]\s*\S",
    re.I,
)
# An author box or bio in the text ("About the author: X covers energy for ...").
AUTHOR_BOX = re.compile(
    r"^[*_]*(?:about the (?:authors?|writer|contributors?)|author bio)[*_]*\s*[:.–—-]\s*\S", re.I
)
# The site's disclaimer ("The views expressed in this article are the author's own ...").
DISCLAIMER = re.compile(
    r"^(?:disclaimer\s*:|(?:the )?(?:views|opinions)(?: and opinions)? expressed (?:in (?:this|the) "
    r"(?:article|piece|column|commentary|post|op-ed|essay)|here(?:in)?|by (?:the )?(?:authors?|contributors?|writers?))"
    r"|this (?:article|piece|column) (?:does not necessarily|reflects the (?:views|opinions) of the author))",
    re.I,
)
# A share bar ("Share this: Facebook Twitter Email Print").
SHARE_BAR = re.compile(
    r"^(?:share(?: this(?: article| story| page)?| on)?\s*:?\s*)?(?:(?:facebook|twitter|x|email|e-mail|print|"
    r"whatsapp|linkedin|reddit|telegram|messenger|copy link|flipboard|pinterest)\b[\s,|·•/]*){2,}$",
    re.I,
)
# A wire credit line "(Reporting by X; Writing by Y; Editing by Z)": metadata, not the story's words.
# Names follow "by" capitalised; "Writing by" opens a credit only with a second part (";"), so a parenthesis of
# the story's own ("(written by the inspector general)") stays in the text.
WIRE_CREDIT = re.compile(
    caps(r"\(\s*(?:(?:[Aa]dditional\s+)?[Rr]eporting|[Ee]diting|[Cc]ompiled)\s+by\s+[\p{Lu}][^()\n]{1,300}\)\.?\s*$"
    r"|\(\s*[Ww]rit(?:ing|ten)\s+by\s+[\p{Lu}][^()\n;]{1,100};[^()\n]{2,300}\)\.?\s*$")
)


def furniture(p: str) -> str | None:
    """Why the block ``p`` is site furniture printed among the article's paragraphs, or None."""
    if len(p) > 600:
        return None
    if RELATED_PROMPT.match(p):
        return "related-article prompt"
    if AUTHOR_BOX.match(p):
        return "author box"
    if DISCLAIMER.match(p):
        return "disclaimer"
    if len(p) < 200 and SHARE_BAR.match(p):
        return "share bar"
    return None


_SAID = re.compile(r",\s+(?:[\w'’-]+\s+){0,5}(?:said|says|told|reported|announced|added)\b", re.I)


def reads_like_lede(p: str) -> bool:
    """A paragraph that reads as the story's first sentence, not as a headline: a full sentence of eight
    words or more ("Engineers restored power to eastern Ramadi on Monday after a week of outages."), a
    reported statement ("..., the district council said"), or simply long."""
    words = len(p.split())
    if words >= 25:
        return True
    if words < 8:
        return False
    return bool(re.search(r"[.!][”\"’)]?$", p) or _SAID.search(p))


def headline_above(lines: list[str]) -> bool:
    """The first line of a text is its headline on a line of its own, the first paragraph starting on the next
    line with no blank line between: a short line (under 25 words, one sentence at most, not ending as a
    phrase goes on: comma, colon, hyphen) above a line that starts a sentence and is much longer (a paragraph
    not wrapped to the headline's width)."""
    head, nxt = lines[0].strip(), lines[1].strip()
    words = len(head.split())
    if not (3 <= words < 25 and len(head) <= 200) or re.search(r"[,;:(\-–—]$", head):
        return False
    if words < 8 and re.search(r"[.!?][”\"’]?$", head):
        return False  # a short sentence on a line of its own: the text's, one sentence a line
    if re.search(caps(r"[.!?][”\"’]?\s+[\p{Lu}]"), head):
        return False
    if not re.match(caps(r"[\p{Lu}\d“\"‘']"), nxt):
        return False
    return len(nxt) >= max(100, int(1.5 * len(head)))


# A labelled header line of a plain-text document ("Title: ...", "Author: A and B", "Date: 2023-04-11").
LABELLED = re.compile(
    r"^(title|headline|authors?|by|byline|writers?|date|published|publication date|outlet|publication)"
    r"\s*:\s*(\S[^\n]{0,200})$",
    re.I,
)


# A byline's credit that names an organisation or a desk: capitalised words (small connectors between).
INSTITUTION = re.compile(caps(r"(?:The\s+)?[\p{Lu}][\w'’&.-]*(?:\s+(?:of|for|and|on|the|&|[\p{Lu}][\w'’&.-]*)){0,6}"))
