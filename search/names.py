"""Names in text: the patterns that find people, bodies and operations, the folded key that makes two
spellings one name, and the acronym pairs a source defines ("NATO Mission in Iraq (NMI)").

Used by :mod:`.mining` (index time), :mod:`.speech` (who said what) and :mod:`.entities` (the look-up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .letters import caps
from .text import fold

# A capitalised word in any Latin, Greek or Cyrillic spelling ("Ömer Çelik", "Łukasz Nowak").
_CAP = caps(r"(?:(?:al|el|bin|ibn|abu|ben)-)?[\p{Lu}][\w’'.-]*")
_CONNECT = r"(?:of|for|the|de|del|du|al|to|in|on|bin|van|von|der)"
NAME_SEQ = re.compile(rf"(?<![\w-]){_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*")
# Acronyms as English news prints them (NATO, ISIS, U.S. bodies): ASCII on purpose, so an all-capitals heading
# in another script is not read as a run of acronyms.
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,6})?\b")
_LEADING = {
    "the", "a", "an", "in", "on", "as", "at", "for", "by", "from", "with", "but", "and", "or", "after", "before",
    "during", "since", "while", "when", "if", "though", "although", "this", "that", "these", "those", "it",
    "its", "our", "their", "his", "her", "former", "then", "thus", "yet", "also", "even", "however", "indeed",
    "meanwhile", "moreover", "furthermore", "finally", "firstly", "secondly", "thirdly", "already", "only",
    "most", "many", "some", "several", "both", "each", "every", "all", "no", "not", "what", "how", "why",
    "where", "who", "there", "here", "we", "they", "he", "she", "i", "you", "one", "much", "like", "today",
    "next", "last", "late", "early", "according", "despite", "without", "among", "beyond", "through", "under",
    "over", "between", "into", "about", "such", "so", "to", "of", "accordingly", "similarly", "instead",
    "naturally", "true", "consider", "items", "once", "stepping", "creating", "appoint",
    "always", "particularly", "located", "especially", "notably", "lastly", "overall",
}  # fmt: skip
_ABBREV_TOKEN = re.compile(
    caps(r"^(?:[\p{Lu}]\.|(?:[\p{Lu}]\.){2,}|Cmdr\.|Col\.|Gen\.|Maj\.|Lt\.|Dr\.|Mr\.|Mrs\.|Ms\.|Adm\.|Sgt\.|St\.|Jr\.|Sr\.|Prof\.|Sen\.|Rep\.|Gov\.|Brig\.)$")
)
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_ORG_WORDS = {
    "institute", "council", "organization", "organisation", "alliance", "coalition", "ministry", "department",
    "committee", "group", "agency", "command", "center", "centre", "university", "fund", "union", "office",
    "program", "programme", "headquarters", "staff", "forces", "force", "army", "government", "college",
    "press", "news", "times", "magazine", "post", "policy", "foundation", "nations", "court", "tribunal",
    "bank", "commission", "parliament", "assembly", "cell", "unit", "service", "services", "corps", "marshall",
}  # fmt: skip
_PERSON_TITLES = (
    r"(?:NATO\s+)?(?:Deputy\s+)?Secretary[- ]General|Secretary of Defen[cs]e|Defen[cs]e Secretary|President(?:-elect)?|"
    r"Prime Minister|Foreign Minister|foreign minister|Minister|Colonel|Col\.|General|Gen\.|Maj\. Gen\.|"
    r"Lt\. Gen\.|Brig\. Gen\.|Cmdr\.|Commander|Adm\.|Admiral|spokesman|spokesperson|spokeswoman|Dr\.|Prof\.|"
    r"Ambassador|Senator|Sen\.|Rep\.|Gov\.|Mr\.|Mrs\.|Ms\.|Brigadier(?: General)?|Major General|Lieutenant General|"
    r"Lieutenant Colonel|Major|Captain|Capt\.|Sergeant|Sgt\."
)
# The lookahead (every title starts with a capital, "foreign" or "spokes") skips most words at once. Titles are
# English words: ASCII on purpose (the name after them is any capital, _CAP). So are nationalities (_OF_WHOM).
TITLED = re.compile(
    rf"\b(?=[A-Z]|foreign|spokes)(?P<title>{_PERSON_TITLES})\s+(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}})"
)
# Compiled once: these ran per name with a rebuilt pattern string (a long alternation) each time.
_BARE_TITLE = re.compile(rf"(?:(?:Iraqi|U\.S\.|NATO|French|Turkish)\s+)?(?:{_PERSON_TITLES})")
# A nationality or body before the title ("Iraqi Prime Minister Haider al-Abadi") goes with the title.
_OF_WHOM = r"(?:[A-Z][a-z]+(?:ian|ish|ese|an|ch|i)|U\.S\.|US|UK|U\.K\.|NATO|EU|UN|U\.N\.)\s+"
_LEADING_TITLES = re.compile(rf"^(?:{_OF_WHOM})?(?:(?:{_PERSON_TITLES})\s+)+")
_TRAILING_TITLE = re.compile(rf"(?=[A-Z]|foreign|spokes)(?:{_PERSON_TITLES})\s+$")
# A wire story's dateline: "BRUSSELS (AP) —", "BAGHDAD, Iraq (Reuters) -", "WASHINGTON —", "(Reuters) -". The
# place is not an organisation and nobody in it is a person; the agency is matched by the gazetteer.
DATELINE = re.compile(
    caps(r"^\s*(?:(?P<place>[\p{Lu}][\p{Lu}’'.-]{2,}(?:[ ,]+[\p{Lu}][\p{Lu}\p{Ll}’'.-]*){0,3}?)\s*)?")
    + r"(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*)?[-—–]{1,2}\s"
)


def dateline_end(text: str) -> int:
    """Offset where a passage's wire dateline ends (0 when it has none)."""
    m = DATELINE.match(text)
    if m is None or not (m.group("place") or m.group("agency")):
        return 0
    return m.end()


@dataclass(slots=True)
class NameRow:
    """One occurrence of a name in a passage (offsets into the source's clean text)."""

    source_id: str
    passage_id: str
    start: int
    end: int
    surface: str
    key: str
    kind: str


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """Folded key: case, accents, possessives and a leading 'the' do not count."""
    k = fold(name)
    return k[4:] if k.startswith("the ") else k


# Compiled once: these run per capitalised run of every passage at index time.
_TOKENS = re.compile(r"\S+")
_POSSESSIVE_END = re.compile(r"[’']s$")
_POSSESSIVE_WORD = re.compile(r"(?:[’']s|s[’'])$")
_INITIAL_END = re.compile(caps(r"\b[\p{Lu}]\.$|\.[\p{Lu}]\.$"))


def _strip_possessive(s: str) -> str:
    return _POSSESSIVE_END.sub("", s)


def _trim(surface: str, start: int) -> tuple[str, int]:
    """Drop leading/trailing function words and months ("As NATO" -> "NATO"); fold possessives."""
    toks = list(_TOKENS.finditer(surface))
    i, j = 0, len(toks)

    def skip(t: re.Match[str]) -> bool:
        w = t.group().lower().strip(".,;:")
        return w in _LEADING or w in _MONTHS

    while i < j and skip(toks[i]):
        i += 1
    while j > i and skip(toks[j - 1]):
        j -= 1
    if i >= j:
        return "", start
    s, e = toks[i].start(), toks[j - 1].end()
    out = _strip_possessive(surface[s:e].rstrip(",;:-"))
    if out.endswith(".") and not _INITIAL_END.search(out):
        out = out[:-1]
    return out, start + s


def name_runs(text: str):
    """Capitalised runs in ``text`` as (surface, start), split at sentence ends ("Iraq. Appropriate") and after
    a possessive before a name ("Reuters’ Jane Doe" is Reuters and Jane Doe)."""
    for m in NAME_SEQ.finditer(text):
        run, base = m.group(0), m.start()
        piece_start = 0
        for t in _TOKENS.finditer(run):
            if t.group().endswith(".") and not _ABBREV_TOKEN.match(t.group()) and t.end() < len(run):
                piece = run[piece_start : t.end()]
                for sub, at in _possessive_pieces(piece, base + piece_start):
                    yield _trim(sub, at)
                piece_start = t.end() + 1
                while piece_start < len(run) and run[piece_start] == " ":
                    piece_start += 1
        for sub, at in _possessive_pieces(run[piece_start:], base + piece_start):
            yield _trim(sub, at)


def _possessive_pieces(piece: str, start: int):
    """A run cut after a possessive followed by two or more words that are not a body's ("NATO’s Jens
    Stoltenberg"); "People's Protection Units" and "King's College" stay whole."""
    toks = list(_TOKENS.finditer(piece))
    for k, t in enumerate(toks[:-2]):
        if _POSSESSIVE_WORD.search(t.group()):
            rest = [x.group().lower().strip(".,;:") for x in toks[k + 1 :]]
            if not any(w in _ORG_WORDS or w.rstrip("s") in _ORG_WORDS for w in rest):
                yield piece[: t.end()], start
                yield piece[toks[k + 1].start() :], start + toks[k + 1].start()
                return
    yield piece, start


def guess_kind(name: str, titled: bool = False) -> str:
    words = [w.lower().strip(".,") for w in name.split()]
    if titled:
        return "person"
    if words and words[0] == "operation":
        return "operation"
    if "summit" in words:
        return "event"
    if "mission" in words:
        return "operation"
    if any(w in _ORG_WORDS for w in words):
        return "organisation"
    if name.isupper():
        return "organisation"
    return "name"


def _acronym_fits(acr: str, words: list[str]) -> bool:
    letters = [c for c in acr if c.isalpha() and c.isupper()]
    initials = [w[0] for w in words if w[:1].isupper()]
    if not letters or not initials or initials[0] != letters[0]:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters) and len(initials) <= len(letters) + 2


# Acronyms are ASCII on purpose (as ACRONYM).
_ACR_AFTER = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9-]*)\)")
_ACR_BEFORE = re.compile(r"\b(?P<acr>[A-Z][A-Z0-9-]{1,9})\s+\((?P<long>[A-Z][^()]{3,80})\)")


def _acronym_pairs(text: str) -> list[tuple[str, str, int]]:
    """(acronym, long form, offset of the long form) for "Long Form (LF)" and "LF (Long Form)"."""
    pairs = []
    for m in _ACR_AFTER.finditer(text):
        acr = m.group("acr")
        lo = max(0, m.start() - 120)
        words = list(re.finditer(r"[\w’'-]+", text[lo : m.start()]))[-9:]
        for k in range(len(words) - 1, -1, -1):
            cand = [w.group() for w in words[k:]]
            if cand[0][:1].isupper() and _acronym_fits(acr, cand):
                start = lo + words[k].start()
                pairs.append((acr, text[start : lo + words[-1].end()], start))
                break
    for m in _ACR_BEFORE.finditer(text):
        long = m.group("long").strip()
        if _acronym_fits(m.group("acr"), long.split()):
            pairs.append((m.group("acr"), long, m.start("long")))
    return pairs


def author_matches(wanted: list[str], authors: list[str]) -> bool:
    """Whether one of ``wanted`` (a full name, a surname, a part of one) names one of ``authors``."""
    keys = [name_key(a) for a in authors]
    for w in wanted:
        wk = name_key(w)
        if any(wk == k or wk in k.split() or k.endswith(" " + wk) or wk in k for k in keys):
            return True
    return False


def authors_matching_nobody(wanted: list[str], authors: list[str]) -> list[tuple[str, list[str]]]:
    """(name, the closest of ``authors``) for each of ``wanted`` that names none of them."""
    from rapidfuzz import fuzz, process

    every = sorted(set(authors))
    out = []
    for w in wanted:
        if not any(author_matches([w], [a]) for a in every):
            near = process.extract(w, every, scorer=fuzz.WRatio, score_cutoff=60, limit=3)
            out.append((w, [name for name, _, _ in near]))
    return out
