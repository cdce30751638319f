"""Outlets: the site's own name when it gives one, else a well-known domain's name, else the domain itself.

``outlets.toml`` (shipped beside this module) maps well-known news and think-tank domains to the names readers
use, and wire agencies' spellings to their names. The registrable domain comes from tldextract's bundled
public suffix list (never fetched: ``suffix_list_urls=()``).
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from ..letters import caps
from ..text import collapse_ws, fold


@functools.cache
def _table() -> dict:
    return tomllib.loads((Path(__file__).with_name("outlets.toml")).read_text(encoding="utf-8"))


@functools.cache
def _extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url: str | None) -> str | None:
    """The lower-cased host of an http(s) URL, without ``www.``; None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def registrable_domain(url: str | None) -> str | None:
    """``news.tigrisobserver.net`` -> ``tigrisobserver.net``; ``www.mosulmonitor.co.uk`` -> ``mosulmonitor.co.uk``."""
    host = host_of(url)
    if not host:
        return None
    ext = _extractor()(host)
    if not ext.domain:
        return host
    return f"{ext.domain}.{ext.suffix}" if ext.suffix else ext.domain


def known_outlet(url: str | None) -> str | None:
    """The well-known name for the URL's host or one of its parent domains (``outlets.toml``)."""
    host = host_of(url)
    if not host:
        return None
    domains = _table()["domains"]
    labels = host.split(".")
    for k in range(len(labels) - 1):
        name = domains.get(".".join(labels[k:]))
        if name:
            return name
    return None


def is_local_host(url: str | None) -> bool:
    """True when the URL's host names no site: an IP address, ``localhost``, a name without a dot (an
    intranet or a test server). Such a host is never an outlet."""
    host = host_of(url)
    if not host:
        return False
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    return "." not in host or host.endswith((".localhost", ".local", ".internal", ".lan"))


def is_address_name(name: str | None) -> bool:
    """ "127.0.0.1", "::1", "localhost": an address standing in for a site name (never an outlet)."""
    if not name:
        return False
    import ipaddress

    value = name.strip().strip("[]").lower()
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return value == "localhost" or value.endswith(".localhost")


def outlet_from_url(url: str | None) -> str | None:
    """A known domain's name, else the registrable domain; None without an http(s) URL or for a local host."""
    if is_local_host(url):
        return None
    return known_outlet(url) or registrable_domain(url)


def agency_name(text: str) -> str | None:
    """``"AP"``, ``"The Associated Press"``, ``"REUTERS"`` -> the agency's name; None for anything else."""
    return _table()["agencies"].get(collapse_ws(text).strip(" .,;:-–—()").casefold())


def looks_like_domain(name: str) -> bool:
    """``"zagrospost.com"``, ``"news.tigrisobserver.net"``: a host name standing in for a site name."""
    return bool(re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", name.strip().lower()))


def site_label(url: str | None) -> str | None:
    """The part of the host that names the site: "frontlinedispatches" for www.frontlinedispatches.net,
    "greenzoneletter" for greenzoneletter.substack.com (a publishing platform's subdomain)."""
    dom = registrable_domain(url)
    host = host_of(url)
    if not dom or not host:
        return None
    if dom in _table().get("platforms", {}).get("domains", []) and host != dom:
        return re.sub(r"[^a-z0-9]", "", host[: -len(dom) - 1].split(".")[-1]) or None
    return re.sub(r"[^a-z0-9]", "", dom.split(".")[0]) or None


def _joined(name: str) -> str:
    words = fold(name).split()
    if words and words[0] == "the":
        words = words[1:]
    return "".join(re.sub(r"[^a-z0-9]", "", w) for w in words)  # folded, like a domain name: ASCII on purpose


_PHRASE = re.compile(
    caps(r"(?:\bThe\s+)?[\p{Lu}][\w'’&.-]*(?:\s+(?:of|for|and|on|&)\s+[\p{Lu}][\w'’&.-]*|\s+[\p{Lu}][\w'’&.-]*){0,5}")
)


def site_name_in(lines: list[str], url: str | None) -> str | None:
    """The site's own name where the page prints it (masthead, footer, "Thanks for reading X!"), recognised by
    spelling the URL's domain: an exact spelling first ("Zagros Post" for zagrospost.com), else a name that
    extends it ("Sentinel Policy Group" for sentinelpolicy.org)."""
    label = site_label(url)
    if not label or len(label) < 3:
        return None
    extended = None
    for line in lines[:400]:
        for m in _PHRASE.finditer(line):
            phrase = m.group(0).strip(" .,!?:;")
            joined = _joined(phrase)
            if joined == label:
                return phrase
            if extended is None and joined.startswith(label) and len(phrase.split()) <= 5:
                # the site's name with a word more ("... Group"); the words must be separate, not glued
                if re.fullmatch(caps(r"(?:The\s+)?(?:[\p{Lu}][\p{Ll}'’&.-]*\s*)+"), phrase):
                    extended = phrase
    return extended


def name_matches_domain(name: str, url: str | None) -> bool:
    """True when ``name`` spells the URL's domain ("Frontline Dispatches" for frontlinedispatches.net; "GNN"
    for gnn-news.com; "The Capital Ledger" for capitalledger.com): evidence that it is the site's own name."""
    label = site_label(url)
    if not label or not name:
        return False
    words = fold(name).split()
    if words and words[0] == "the":
        words = words[1:]
    if not words or not label:
        return False
    joined = "".join(re.sub(r"[^a-z0-9]", "", w) for w in words)
    initials = "".join(w[0] for w in words if w)
    return (
        joined == label
        or (len(joined) >= 4 and label.startswith(joined))
        or (len(label) >= 4 and joined.startswith(label))
        or (len(initials) >= 2 and label.startswith(initials) and len(words) >= 2)
    )


_SUFFIX = re.compile(r"^(?P<head>.*\S)\s*(?P<sep>\||\s[–—-]|\s::)\s+(?P<part>[^|–—]+?)\s*$")
_PREFIX = re.compile(r"^(?P<part>[^|–—]+?)\s+(?P<sep>\||[–—-]|::)\s+(?P<head>\S.*)$")
_GENRE = re.compile(r"\s+[–—-]\s+(?:Analysis|Opinion|Commentary|OpEd|Op-Ed|Editorial)\s*$", re.I)


def strip_genre(title: str) -> str:
    """ "NATO's Iraq mission needs a rethink – Analysis" -> the headline (the tag is the aggregator's label)."""
    return _GENRE.sub("", collapse_ws(title))


def split_title(title: str, url: str | None = None, names: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """A headline without the genre tag (" – Analysis") and without the site's name (" | Site", "Site - ").

    A part is taken for the site's name when a pipe sets it off, or when it is one of ``names`` (the page's
    site name, a known outlet) or spells the URL's domain; dashes inside a headline stay. Returns the headline
    and the parts removed (candidates for the outlet).
    """
    title = _GENRE.sub("", collapse_ws(title))
    known = {fold(n) for n in names if n}
    removed: list[str] = []

    def is_site(part: str, sep: str) -> bool:
        if len(part.split()) > 6 or not part[:1].isalnum():
            return False
        return sep.strip() == "|" or fold(part) in known or name_matches_domain(part, url)

    for _ in range(3):
        m = _SUFFIX.match(title)
        if m and is_site(m.group("part"), m.group("sep")) and len(m.group("head").split()) >= 2:
            removed.append(m.group("part"))
            title = _GENRE.sub("", m.group("head").strip())
            continue
        m = _PREFIX.match(title)
        # A leading part is the site's name only on evidence (a known name, the domain): "Headline | Site" is
        # far more common than "Site | Headline".
        if m and is_site(m.group("part"), "") and len(m.group("head")) > len(m.group("part")):
            removed.append(m.group("part"))
            title = m.group("head").strip()
            continue
        break
    return title, removed
