"""Saved web pages: the article's text for the body, the whole page for the metadata.

Site furniture is stripped for the body text, never for the metadata: authors, headline and publisher often
live only in ``<script type="application/ld+json">`` or in hidden elements, so metadata is read from the page
as saved (sanitised, nothing removed) and the body from the page with what a reader never sees removed.
"""

from __future__ import annotations

import re
from html import unescape

from ..text import collapse_ws, sanitize
from .base import Document, PageMeta

_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 header footer nav section article aside main figure figcaption "
    "table tr td th blockquote dt dd form button hr label input time".split()
)


def read_html(html: str, url: str | None = None) -> Document:
    """A saved page: body text (trafilatura), page metadata, and the visible text left out of the body."""
    import trafilatura

    # Entity-encoded controls (&#x1b;) decode to real ones inside lxml: decode the ones that make escape
    # sequences (ESC, BEL) first, so the sanitiser removes whole sequences, payload included.
    html = flatten_deep(sanitize(_SEQUENCE_REFS.sub(_control_ref, html)))
    meta = page_metadata(html, url)
    visible = strip_hidden(html)
    article = without_quoted_chrome(visible)
    body = ""
    try:
        doc = trafilatura.bare_extraction(article, include_comments=False, favor_precision=True)
    except Exception:  # trafilatura/lxml raise many kinds on broken markup; fall back below
        doc = None
    if doc is not None:
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        body = d.get("text") or ""
    if not body.strip():
        try:
            body = trafilatura.html2txt(without_navigation(article)) or ""
        except Exception:
            body = ""
    # trafilatura separates paragraphs with single newlines; the article parser wants blank lines.
    body = sanitize(re.sub(r"\n+", "\n\n", body))
    before, after = left_out(visible, body)
    meta.bylines = chrome_bylines(before, after)
    meta.masthead = masthead(visible)
    return Document(body, "html", meta, before + after)


# Parsers (libxml2) stop reading what is nested deeper than 255 elements: such a page is flattened first.
_DEEP, _KEEP_DEPTH = 200, 100


def flatten_deep(html: str) -> str:
    """The page unchanged, or, when elements nest deeper than a parser reads (a hostile page: hundreds of nested
    tables), the same page with the elements below a sane depth unwrapped: their text kept, in order."""
    if html.count("<") < _DEEP:
        return html
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except Exception:
        return html
    deep: list = []
    depth = {root: 0}
    for el in root.iter():
        d = depth[el]
        for child in el:
            depth[child] = d + 1
        if d > _KEEP_DEPTH and isinstance(el.tag, str):
            deep.append(el)
    if max(depth.values(), default=0) <= _DEEP:
        return html
    for el in reversed(deep):  # deepest first; a space keeps words of neighbouring cells apart
        el.tail = " " + (el.tail or "")
        el.text = " " + (el.text or "")
        el.drop_tag()
    return lxml.html.tostring(root, encoding="unicode")


# What a page prints around its article: menus, headers, footers, asides; a page with nothing else has no
# article text (never "Section 0 Section 1 …" as someone's article).
_NAVIGATION = (
    "//nav|//header|//footer|//aside|//menu|//*[@role='navigation' or @role='banner' or @role='contentinfo' "
    "or @role='menu' or @role='menubar']"
)


def without_navigation(html: str) -> str:
    """The page with its navigation, header, footer and asides removed (for the fallback body text)."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:
        return html
    for el in root.xpath(_NAVIGATION):
        if el.getparent() is not None:
            el.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


# Pull quotes repeat the article's words as page design (no speaker, not a passage); an embedded post
# (a tweet) is someone else's words, not the author's. Both are left out of the body; the lines left out are
# the page's chrome, as any furniture is.
_QUOTED_CHROME = re.compile(r"pull[-_ ]?quote|twitter-tweet", re.I)
_CONTAINERS = frozenset("html body main article section".split())


def without_quoted_chrome(html: str) -> str:
    """The page without its pull quotes (an element whose class says pullquote, pull-quote or pull_quote) and
    embedded tweets (class "twitter-tweet")."""
    if not _QUOTED_CHROME.search(html):
        return html
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:  # hopeless markup: trafilatura reads it as it is
        return html
    for el in root.xpath("//*[@class]"):
        if (
            _QUOTED_CHROME.search(el.get("class") or "")
            and el.tag not in _CONTAINERS
            and el.getparent() is not None
            and len(el.text_content()) <= 1000  # a box, never a wrapper ("has-pullquote" on the article)
        ):
            el.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


_SEQUENCE_REFS = re.compile(r"&#(?:[xX]0*(1[bB]|7)|0*(27|7));?")


def _control_ref(m: re.Match[str]) -> str:
    return "\x1b" if (m.group(1) or "").lower() == "1b" or m.group(2) == "27" else "\x07"


def html_to_text(html: str) -> str:
    """The body text of a saved page (no metadata): see :func:`read_html`."""
    return read_html(html).text


def page_metadata(html: str, url: str | None = None) -> PageMeta:
    """Title, authors, date, site name and URL as the page states them (trafilatura's metadata reader).

    Dates only from where the page states them (meta tags, JSON-LD, ``<time>``, the URL): htmldate's extensive
    search guesses from any number in the page, and a guessed date is an invented one.
    """
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params

    try:
        m = extract_metadata(html, default_url=url, date_config=set_date_params(False))
    except Exception:  # broken markup: the page states nothing we can read
        return PageMeta(url=url)
    authors = [a.strip() for a in (m.author or "").split(";") if a.strip()]
    found = re.search(r"<title[^>]*>([^<]{1,400})</title>", html, re.I)
    return PageMeta(
        page_title=_clean(unescape(found.group(1))) if found else None,
        title=_clean(m.title),
        authors=authors,
        date=(m.date or None) and m.date[:10],
        outlet=_clean(m.sitename),
        url=url or m.url,
    )


def _clean(value: str | None) -> str | None:
    value = collapse_ws(sanitize(value)) if value else ""
    return value or None


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def strip_hidden(html: str) -> str:
    """Remove what a reader never sees: scripts, styles, <noscript>, templates, and hidden elements."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several kinds on hopeless markup; trafilatura gets the raw text then
        return html
    for el in root.xpath("//script|//style|//noscript|//template|//iframe|//object|//embed|//svg"):
        el.drop_tree()
    for el in root.xpath("//*[@hidden or @aria-hidden='true' or @style]"):
        if (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(el.get("style") or "")
        ):
            if el.getparent() is not None:
                el.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


def visible_lines(html: str) -> list[str]:
    """The page's visible text, one line per block, in page order (``<head>`` left out)."""
    try:
        import lxml.etree
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:
        return []
    head = root.find("head")
    if head is not None:
        head.drop_tree()
    parts: list[str] = []
    # Iterative walk (no recursion: hostile pages nest deeply); a block boundary is a line break.
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    return [t for line in "".join(parts).split("\n") if len(t := collapse_ws(line)) >= 2]


def left_out(html: str, body: str) -> tuple[list[str], list[str]]:
    """The page's visible lines that are not in ``body``: those before the body starts, and the rest."""
    kept = collapse_ws(body)
    before: list[str] = []
    after: list[str] = []
    seen: set[str] = set()
    body_before = 0  # characters of body text above this line: a headline and a standfirst do not start it
    for text in visible_lines(html):
        if text in kept:
            body_before += len(text)
            continue
        if text in seen:
            continue
        seen.add(text)
        (after if body_before > 400 else before).append(text)
    return before, after


_BY = re.compile(r"^by\s+(?P<names>[^|]{3,120}?)\s*$", re.I)
# English month names: ASCII on purpose.
_TRAILING_DATE = re.compile(
    r"\s+(?:(?:on|updated|published)\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|"
    r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d).*$"
)


def chrome_bylines(before: list[str], after: list[str]) -> list[str]:
    """ "By ..." lines the body extractor left out: above the article, or below it when the next line is that
    person's bio ("By X" then "X is a fellow at ..."). Related-headline lists print "Headline By X" on one line
    and never a bio, so their names are not taken."""
    out: list[str] = []
    for line in before:
        for seg in re.split(r"\s+\|\s+", line):
            if m := _BY.match(_TRAILING_DATE.sub("", seg)):
                out.append(m.group("names"))
    for k, line in enumerate(after[:-1]):
        if (m := _BY.match(line)) and after[k + 1].startswith(m.group("names").split(",")[0] + " "):
            out.append(m.group("names"))
    return out


# What marks a page header's site name: a site-title/site-name/masthead/logo/brand class or id, rel="home", or a
# link to the site's root.
_SITE_MARK = re.compile(
    r"(?:^|[\s_-])(?:site[-_]?(?:title|name|logo|branding|brand)|masthead|logo|brand|navbar-brand|publication)"
    r"(?:$|[\s_-])",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"^(?:home|menu|search|subscribe|sign in|log in|login|register|skip to (?:main )?content|main menu|news|"
    r"latest|back to top|close|open menu|toggle navigation)$",
    re.I,
)
_NAME = re.compile(r"^(?=.*[^\W\d_]{2})[^\W_][\w'’&.,:-]*(?:\s+[\w'’&.,:-]+){0,5}$")


def masthead(html: str) -> str | None:
    """The site's own name as its page header prints it, or None unless that is clear: the text (or a logo's
    alt text) of a link home (``rel="home"``, ``href="/"``) or of an element whose class or id says site title,
    masthead, logo or brand, inside the page's ``<header>`` / ``role="banner"`` or above the article's
    headline; one to six words. Two different such names on one page: none (it is not clear)."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:  # hopeless markup: no masthead
        return None
    h1 = next(iter(root.iter("h1")), None)
    order = {el: k for k, el in enumerate(root.iter())}
    top = order.get(h1, len(order)) if h1 is not None else len(order)
    found: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or order[el] >= top and not _in_banner(el):
            continue
        marked = _SITE_MARK.search(f"{el.get('class') or ''} {el.get('id') or ''}")
        home = el.tag == "a" and (el.get("rel") == "home" or (el.get("href") or "").strip() in ("/", "./"))
        if not (marked or home) or not (_in_banner(el) or order[el] < top) or _in_article(el):
            continue
        text = collapse_ws(el.text_content())
        if not text:
            img = next(iter(el.iter("img")), None)
            text = collapse_ws((img.get("alt") or "") if img is not None else "")
        text = text.strip(" |·-–—")
        if len(text) <= 60 and _NAME.match(text) and not _NOT_A_NAME.match(text):
            if text not in found:
                found.append(text)
    names = {t.casefold() for t in found}
    return found[0] if len(names) == 1 else None


def _in_banner(el) -> bool:
    return any(a.tag == "header" or a.get("role") == "banner" for a in el.iterancestors()) or el.tag == "header"


def _in_article(el) -> bool:
    return any(a.tag in ("article", "main", "footer", "aside") for a in el.iterancestors())

