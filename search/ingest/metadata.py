"""Title, authors, outlet and date of an article: from its page markup, its text and its URL, cleaned.

Each field is taken from the most direct statement there is and never invented:

- title: the page's headline (og:title, ``<title>``, ``<h1>``) or the text's first line, without the site's
  name and the genre tag (" – Analysis"); the file name only when nothing else names the piece.
- authors: the page's author metadata and the text's bylines and wire credits, people only (see bylines).
- outlet: the site's own name (site name, masthead, title suffix, text), else a well-known domain's name,
  else the registrable domain of the URL; a wire agency in a dateline or byline is a second outlet.
- date: the page's stated publication date, else a date line in the text, else a date in the URL's path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..articles import ParsedArticle
from ..letters import caps
from ..text import fold
from .base import PageMeta
from .bylines import byline_outlet, clean_authors, credit_authors, split_byline
from .outlets import (
    agency_name,
    host_of,
    is_address_name,
    is_local_host,
    known_outlet,
    looks_like_domain,
    name_matches_domain,
    outlet_from_url,
    site_name_in,
    split_title,
)


@dataclass
class Resolved:
    title: str
    authors: list[str]
    date: str | None
    outlet: str | None
    url: str | None
    outlets_extra: list[str] = field(default_factory=list)


def web_address(url: str | None) -> str | None:
    """``url`` if it is an http(s) address with a host, else None: a source's address is shown, copied into
    citations and written as a Markdown link, so ``javascript:``, ``data:``, ``file:`` and the like never are."""
    return url.strip() if url and host_of(url) else None


def resolve(
    art: ParsedArticle, page: PageMeta, url: str | None, origin: str, chrome: list[str] | None = None
) -> Resolved:
    """Merge what the page's markup (``page``) and its text (``art``) say; ``url`` is the user's --url."""
    page_web, art_web = web_address(page.url), web_address(art.url)
    url = web_address(url) or page_web or art_web
    chrome = chrome or []
    page_url = url if (url and (url == page_web or not art.url or url != art_web)) else None
    # A page served from an IP address or localhost says nothing about its site through its address.
    site_url = None if is_local_host(page_url) else page_url
    site = page.outlet if page.outlet and _plausible_site(page.outlet, page.title) else None
    known = known_outlet(site_url)
    # Short lines the page prints outside the article (a masthead "Tigris Daily"): evidence for a title suffix.
    printed = tuple(c for c in chrome if len(c) <= 60 and 1 <= len(c.split()) <= 6)
    printed += _named_in_page(page.page_title or page.title, chrome + [p for _reason, p in art.dropped])
    raw_title = page.title or art.title
    removed: list[str] = []
    if raw_title:
        title, removed = split_title(raw_title, site_url, tuple(n for n in (site, known, art.outlet) if n))
    else:
        title = _title_from_url(page_url) or Path(origin).stem

    authors = clean_authors(page.authors)
    byline_names, service = _chrome_bylines(page.bylines)
    for name in (
        byline_names + clean_authors(art.authors) + credit_authors("\n\n".join(art.credits + [art.text]))
    ):
        if fold(name) not in {fold(a) for a in authors}:
            authors.append(name)
    if not authors:
        # "About the author: X ..." says who wrote it; a bare trailing bio ("X is a fellow at ...") may be
        # anyone's, so it names the author only when the page has no "By" line at all.
        bylined = art.bylined or page.bylines
        authors = clean_authors(art.box_authors + ([] if bylined else art.bio_authors))

    if page.page_title and page.page_title != raw_title:
        removed += split_title(page.page_title, site_url, tuple(n for n in (site, known, *printed) if n))[1]
    shown = {fold(c) for c in printed}
    title_site = next(
        (p for p in removed if name_matches_domain(p, site_url) or not site_url or fold(p) in shown), None
    )
    byline_outlet = art.byline_outlet or service
    masthead = site_name_in(chrome + [p for _reason, p in art.dropped], site_url) if site_url else None
    # A name the title sets off ("Headline | The Levant Observer") still beats a bare domain.
    suffix = next((p for p in removed if not looks_like_domain(p)), None)
    # The page header's own site name (a home link, a site-title): read from the markup, so it names the site
    # even on a local address, where the domain says nothing.
    header_name = page.masthead if page.masthead and _plausible_site(page.masthead, page.title) else None
    outlet = (
        site or art.outlet or masthead or title_site or header_name or byline_outlet or suffix
        or outlet_from_url(site_url)
    )

    extra: list[str] = []
    for cand in (art.wire, _service_outlet(byline_outlet)):
        if cand and fold(cand) != fold(outlet or "") and cand not in extra:
            extra.append(cand)

    day = page.date or art.date or date_from_url(page_url)
    return Resolved(title, authors, day, outlet, url, extra)


def _named_in_page(title: str | None, lines: list[str]) -> tuple[str, ...]:
    """The title's suffix ("… - Delta Review") when the page names it again outside the article ("the views
    … do not reflect those of Delta Review"): evidence that it is the site's name, not part of the headline."""
    m = _TITLE_SUFFIX.match(title or "")
    if not m:
        return ()
    part = m.group("part")
    if not re.fullmatch(caps(r"(?:The\s+)?[\p{Lu}][\w'’&.-]*(?:\s+[\p{Lu}][\w'’&.-]*){0,4}"), part):
        return ()
    rx = re.compile(r"(?<!\w)" + re.escape(part) + r"(?!\w)")
    return (part,) if any(rx.search(line) for line in lines[:400]) else ()


_TITLE_SUFFIX = re.compile(r"^.*\S\s+[|–—-]\s+(?P<part>[^|–—-]{2,60}?)\s*$")


def _chrome_bylines(lines: list[str]) -> tuple[list[str], str | None]:
    """People and a credited service or agency from the page's left-out "By" lines."""
    names: list[str] = []
    service = None
    for line in lines:
        for part in split_byline(line):
            if svc := byline_outlet(part):
                service = service or svc
            else:
                names += clean_authors([part])
    return names, service


def _service_outlet(name: str | None) -> str | None:
    """ "Washington Post News Service" -> "The Washington Post" (a known outlet's name when there is one)."""
    if not name:
        return None
    base = re.sub(r"\s+News Service$", "", name)
    for known in _known_names():
        if fold(known).removeprefix("the ") == fold(base).removeprefix("the "):
            return known
    return name if base == name else name


def _known_names() -> list[str]:
    from .outlets import _table

    return list(_table()["domains"].values())


def _plausible_site(name: str, title: str | None) -> bool:
    """A site name, not a host name nor a headline that a site's metadata repeats."""
    if looks_like_domain(name) or is_address_name(name) or len(name.split()) > 6:
        return False
    return not (title and len(name) > 12 and (fold(name) in fold(title) or fold(title) in fold(name)))


_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[/-]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?:[/-]|$)"),
    re.compile(r"[/-](?P<d>\d\d)(?P<m>\d\d)(?P<y>(?:19|20)\d\d)-"),
    re.compile(r"-(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:/|\.html?|$)"),
)


def date_from_url(url: str | None) -> str | None:
    """A date written in the URL's path (``/2021/06/11/``, ``/2015-04-22/``, ``17052017-``), checked valid."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for rx in _URL_DATES:
        m = rx.search(path)
        if m:
            try:
                return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                continue
    return None


def _title_from_url(url: str | None) -> str | None:
    """ "/news/nato-keeps-trainers-in-iraq-2020" -> "Nato keeps trainers in iraq" (better than a file name)."""
    if not url:
        return None
    slug = [s for s in urlsplit(url).path.split("/") if s]
    if not slug:
        return None
    words = re.sub(r"\.\w{2,5}$", "", slug[-1])
    words = re.sub(r"[-_]+", " ", words)
    words = re.sub(r"\b(?:19|20)\d\d\b|\b\d+\b|\b[0-9a-f]{8,}\b", "", words).strip()
    if len(words.split()) < 3:
        return None
    return words[:1].upper() + words[1:]


__all__ = ["Resolved", "agency_name", "date_from_url", "resolve"]
