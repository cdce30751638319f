"""Which strings are people's names: bylines cleaned of agencies, labels and times, all-caps names recased.

An author list is only ever made of strings that pass :func:`person_name`. When in doubt it names nobody: an
empty author list is honest, a wrong one is the worst bug this product can have.
"""

from __future__ import annotations

import re

from ..letters import caps
from ..text import collapse_ws, fold
from .outlets import agency_name

# Words that never occur in a person's name as bylines print it: times, labels, organisations, agencies.
_NOT_NAME = frozenset(
    """updated update published posted ago minute minutes min mins hour hours hrs day days week weeks today
    yesterday staff team desk editor editors editorial board news press service services wire agency agencies
    contributor contributors reporter reporters correspondent correspondents photo photos photographer video
    share follow more posts post view profile all read and by with from for of the in at on to our your
    forum institute institution center centre council group foundation university ministry office department
    coalition command forces force army government committee association society program programme project
    initiative network magazine journal review times herald daily tribune chronicle monitor observer gazette
    courier ledger sentinel dispatch dispatches digest report reports analysis opinion commentary newsletter
    media studies research security policy affairs international global national world nato isis iraq syria
    admin administrator guest anonymous unknown author authors writer writers subscribe login sign menu home
    comments comment reply email print copy link""".split()
)
_PARTICLES = frozenset(
    "al el bin ibn abu de da del della di du la le van von der den ter ten dos das".split()
)
# A capital in any Latin, Greek or Cyrillic spelling (Ł, Ş, Ż as well as É, Ø); a particle before a hyphen
# ("al-", "el-", "bin-") is the ASCII word it is.
_TOKEN = re.compile(caps(r"^(?:[\p{Lu}][\w'’.-]*|[\p{Lu}]\.|[a-z]{1,4}-[\p{Lu}][\w'’-]*)$"))


def person_name(raw: str) -> str | None:
    """``raw`` as a person's name ("KATJA MORELL" -> "Katja Morell"), or None when it is not one.

    Strips a leading "By", a trailing agency ("... Associated Press"), honorific-free; 2 to 5 words, each
    capitalised (or a particle such as "al-" / "van"), no digits, no word that names a time, a label or an
    organisation.
    """
    name = collapse_ws(raw).strip(" ,;:.-–—|*_()[]")
    name = re.sub(r"^by\s+", "", name, flags=re.I)
    name = _strip_agency_tail(name)
    if not name or any(ch.isdigit() for ch in name) or len(name) > 60:
        return None
    if re.search(r"[@/\\|<>{}\[\]=+#&!?\"“”:;]", name):
        return None
    words = name.split()
    if not 2 <= len(words) <= 5:
        return None
    if name.isupper() or name.islower():
        words = [_recase(w, k) for k, w in enumerate(words)] if name.isupper() else words
        name = " ".join(words)
    for k, w in enumerate(words):
        bare = w.strip(".,'’").casefold()
        if bare in _NOT_NAME:
            return None
        if bare in _PARTICLES and 0 < k < len(words) - 1:
            continue
        if not _TOKEN.match(w):
            return None
    if agency_name(name):
        return None
    return name


def _recase(word: str, k: int) -> str:
    """One word of an all-caps name in natural case: "MORELL" -> "Morell", "AL-HASHIMI" -> "al-Hashimi"."""
    parts = word.split("-")
    out = []
    for n, p in enumerate(parts):
        low = p.lower()
        if low in _PARTICLES and (n < len(parts) - 1 or k > 0) and not (k == 0 and n == 0):
            out.append(low)
        elif low.startswith("mc") and len(low) > 2:
            out.append("Mc" + low[2:].capitalize())
        elif "'" in low or "’" in low:
            out.append(re.sub(r"(^|['’])(\w)", lambda m: m.group(1) + m.group(2).upper(), low))
        else:
            out.append(low.capitalize())
    return "-".join(out)


_AGENCY_TAIL = re.compile(
    r"^(?P<name>.+?)[\s,]+(?:the\s+)?(?:associated press|ap|reuters|afp|agence france[- ]presse|dpa|"
    r"xinhua|anadolu(?: agency)?|bloomberg)$",
    re.I,
)


def _strip_agency_tail(name: str) -> str:
    m = _AGENCY_TAIL.match(name) if len(name) <= 200 else None  # a name that long is no byline (and linear)
    return m.group("name").strip(" ,") if m else name


def split_byline(names: str) -> list[str]:
    """ "A, B and C" / "A & B" / "A; B" -> the raw name strings (not yet checked)."""
    names = collapse_ws(names).strip().rstrip(".,")
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+AND\s+|\s*&\s*|\s*;\s*", names)
    return [p.strip() for p in parts if p.strip()]


def clean_authors(names: list[str]) -> list[str]:
    """People only, in order, each once (compared case- and accent-insensitively)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        for part in split_byline(raw) if re.search(r",|\band\b|&|;", raw) else [raw]:
            name = person_name(part)
            if name and fold(name) not in seen:
                seen.add(fold(name))
                out.append(name)
    return out


_CREDITS = re.compile(r"\(\s*((?:additional\s+)?reporting by[^()]*)\)", re.I)


def credit_authors(text: str) -> list[str]:
    """Authors from a wire credit line: "(Reporting by X and Y; Writing by Z; Editing by W)" -> X, Y, Z.

    Editors ("Editing by") are not authors; nor is anyone after "contributed to this report".
    """
    out: list[str] = []
    for m in _CREDITS.finditer(text):
        for seg in re.split(r"\s*;\s*", m.group(1)):
            sm = re.match(
                r"^(?:additional\s+)?(?:reporting|writing|written)\s+by\s+(?P<names>.+)$", seg, re.I
            )
            if sm:
                out += [n for n in split_byline(re.sub(caps(r"\s+in\s+[\p{Lu}][\w-]+$"), "", sm.group("names")))]
    return clean_authors(out)


_NEWS_SERVICE = re.compile(
    caps(r"^(?P<org>(?:The\s+)?[\p{Lu}][\w.&'’-]*(?:\s+[\p{Lu}][\w.&'’-]*){0,4})\s+News Service$")
)


def byline_outlet(part: str) -> str | None:
    """ "Washington Post News Service" / "Tribune News Service" / "Associated Press" in a byline."""
    part = collapse_ws(part).strip(" ,.")
    if agency_name(part):
        return agency_name(part)
    if _NEWS_SERVICE.match(part):
        return part
    return None
