"""Entities: people, organisations, armed groups, operations, places and events, found by a misspelt name.

Where they come from:
- a curated gazetteer shipped as data (``seeds/gazetteer.toml``);
- the corpus itself, mined per source at index time (:func:`mine_source`): capitalised multi-word names,
  titles before names ("Secretary General Jens Stoltenberg"), acronym pairs ("NATO Mission in Iraq (NMI)",
  "ISF (Iraqi Security Forces)") and surnames linked to the full name met in the same source.

Mined rows live in the store; :class:`EntityIndex` merges them with the gazetteer (union-find over folded
names) and answers fuzzy look-ups with rapidfuzz.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .model import Source
from .paths import seeds_dir
from .text import fold

KINDS = ("person", "organisation", "armed_group", "operation", "place", "event", "name")

_CAP = r"(?:(?:al|el|bin|ibn|abu|ben)-)?[A-Z][\w’'.-]*"
_CONNECT = r"(?:of|for|the|de|del|du|al|to|in|on|bin|van|von|der)"
NAME_SEQ = re.compile(rf"(?<![\w-]){_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*")
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
    r"^(?:[A-Z]\.|(?:[A-Z]\.){2,}|Cmdr\.|Col\.|Gen\.|Maj\.|Lt\.|Dr\.|Mr\.|Mrs\.|Ms\.|Adm\.|Sgt\.|St\.|Jr\.|Sr\.|Prof\.|Sen\.|Rep\.|Gov\.|Brig\.)$"
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
# The lookahead (every title starts with a capital, "foreign" or "spokes") skips most words at once.
TITLED = re.compile(
    rf"\b(?=[A-Z]|foreign|spokes)(?P<title>{_PERSON_TITLES})\s+(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}})"
)
_SPEECH = r"(?:said|says|told|tells|added|adds|noted|notes|stated|states|declared|declares|wrote|writes|explained|warned|announced|argued|insisted|concluded|stressed|emphasized|emphasised|remarked|replied|acknowledged|observed|clarified)"
_PRONOUN = re.compile(r"^(?:he|she|they)$", re.I)
# Compiled once: these ran per name with a rebuilt pattern string (a long alternation) each time.
_BARE_TITLE = re.compile(rf"(?:(?:Iraqi|U\.S\.|NATO|French|Turkish)\s+)?(?:{_PERSON_TITLES})")
_LEADING_TITLES = re.compile(rf"^(?:(?:{_PERSON_TITLES})\s+)+")
_TRAILING_TITLE = re.compile(rf"(?=[A-Z]|foreign|spokes)(?:{_PERSON_TITLES})\s+$")
_SPEECH_AFTER = re.compile(rf"^[,.]?\s*(?P<who>.*?)\s*\b{_SPEECH}\b")


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


@dataclass
class SpeakerQuote:
    """Words a source quotes someone as saying (offsets of the quoted words in the source's clean text)."""

    source_id: str
    passage_id: str
    start: int
    end: int
    speaker: str
    speaker_key: str
    named: bool
    direct: bool = True  # False: reported speech ("Stoltenberg announced that ..."), the author's paraphrase

    def text_in(self, source_text: str) -> str:
        return source_text[self.start : self.end]


@dataclass
class Mining:
    names: list[NameRow] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[SpeakerQuote] = field(default_factory=list)


@dataclass
class GazetteerEntry:
    name: str
    kind: str
    aliases: list[str]


def load_gazetteer(path: Path | None = None) -> list[GazetteerEntry]:
    """The curated entities (data file in ``seeds/``)."""
    path = path or seeds_dir() / "gazetteer.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    out = []
    for e in data.get("entity", []):
        if e.get("name"):
            out.append(GazetteerEntry(e["name"], e.get("kind", "name"), list(e.get("aliases", []))))
    return out


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """Folded key: case, accents, possessives and a leading 'the' do not count."""
    k = fold(name)
    return k[4:] if k.startswith("the ") else k


def _strip_possessive(s: str) -> str:
    return re.sub(r"[’']s$", "", s)


def _trim(surface: str, start: int) -> tuple[str, int]:
    """Drop leading/trailing function words and months ("As NATO" -> "NATO"); fold possessives."""
    toks = list(re.finditer(r"\S+", surface))
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
    if out.endswith(".") and not re.search(r"\b[A-Z]\.$|\.[A-Z]\.$", out):
        out = out[:-1]
    return out, start + s


def name_runs(text: str):
    """Capitalised runs in ``text`` as (surface, start), split at sentence ends ("Iraq. Appropriate")."""
    for m in NAME_SEQ.finditer(text):
        run, base = m.group(0), m.start()
        piece_start = 0
        for t in re.finditer(r"\S+", run):
            if t.group().endswith(".") and not _ABBREV_TOKEN.match(t.group()) and t.end() < len(run):
                piece = run[piece_start : t.end()]
                yield _trim(piece, base + piece_start)
                piece_start = t.end() + 1
                while piece_start < len(run) and run[piece_start] == " ":
                    piece_start += 1
        yield _trim(run[piece_start:], base + piece_start)


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


def mine_source(
    src: Source, gazetteer_re: re.Pattern[str] | None = None, gazetteer_keys: dict[str, str] | None = None
) -> Mining:
    """Names, alias pairs and quoted speech in one source."""
    mining = Mining()
    persons: dict[str, str] = {}  # surname -> full name, within this source
    for p in src.passages:
        text = p.text
        for m in TITLED.finditer(text):
            name = _strip_possessive(m.group("name"))
            persons[name.split()[-1]] = name
            mining.pairs.append((name_key(f"{m.group('title')} {name}"), name_key(name)))
        for a, b, at in _acronym_pairs(text):
            mining.pairs.append((name_key(a), name_key(b)))
            kind = guess_kind(b)
            mining.names.append(NameRow(src.id, p.id, p.start + at, p.start + at + len(b), b, name_key(b),
                                        "organisation" if kind == "name" else kind))  # fmt: skip
    for p in src.passages:
        text = p.text
        seen: set[tuple[int, int]] = set()
        if gazetteer_re is not None and gazetteer_keys is not None:
            for m in gazetteer_re.finditer(text):
                surface = m.group(0)
                key = gazetteer_keys.get(surface) or gazetteer_keys.get(name_key(surface))
                if key:
                    s, e = p.start + m.start(), p.start + m.end()
                    mining.names.append(NameRow(src.id, p.id, s, e, surface, key, "gazetteer"))
                    seen.add((m.start(), m.end()))
        for surface, start in name_runs(text):
            if not surface:
                continue
            if _BARE_TITLE.fullmatch(surface):
                continue
            titled_inline = _LEADING_TITLES.match(surface)
            if titled_inline and len(surface.split()) > len(titled_inline.group(0).split()):
                start += titled_inline.end()
                surface = surface[titled_inline.end() :]
            words = surface.split()
            end = start + len(surface)
            if any(a <= start < b or a < end <= b for a, b in seen):
                continue
            titled = bool(titled_inline) or bool(_TRAILING_TITLE.search(text[max(0, start - 40) : start]))
            if len(words) == 1:
                w = words[0]
                if w in persons:
                    full = persons[w]
                    mining.names.append(
                        NameRow(src.id, p.id, p.start + start, p.start + end, w, name_key(full), "person")
                    )
                elif ACRONYM.fullmatch(w) and not w.isdigit():
                    mining.names.append(
                        NameRow(src.id, p.id, p.start + start, p.start + end, w, name_key(w), "organisation")
                    )
                continue
            for t in re.finditer(r"\S+", surface):
                # An acronym inside a longer run ("Later the JOC") is a mention of its own.
                if ACRONYM.fullmatch(t.group()) and not t.group().isdigit():
                    a0 = p.start + start + t.start()
                    mining.names.append(
                        NameRow(
                            src.id,
                            p.id,
                            a0,
                            a0 + len(t.group()),
                            t.group(),
                            name_key(t.group()),
                            "organisation",
                        )
                    )
            kind = guess_kind(surface, titled)
            if (
                kind in ("name", "person")
                and len(words) <= 4
                and not any(x.lower() in _ORG_WORDS for x in words)
            ):
                persons.setdefault(words[-1], surface)
            mining.names.append(
                NameRow(src.id, p.id, p.start + start, p.start + end, surface, name_key(surface), kind)
            )
        mining.quotes.extend(find_quotes(src, p, persons))
    return mining


# --- who said what -------------------------------------------------------------------------------------

_QUOTED = re.compile(r"“(?P<q>[^“”]+?)”|\"(?P<q2>[^\"]+?)\"")

_ACCORDING = re.compile(r"^\s*[,.]?\s*according to (?P<who>[^.,;“”\"]{2,80})", re.I)
_BEFORE = re.compile(
    rf"(?P<who>[A-Z][^.“”\"]{{0,100}}?)\s+{_SPEECH}\b[^.“”\"]{{0,50}}$|(?P<who3>[A-Z][^.“”\"]{{0,100}}?)\s+"
    rf"(?:{_SPEECH}\s+)?(?:rather\s+\w+\s*)?:\s*$"
)


_ROLE = re.compile(
    r"\b(?:a|an|one|another|some|two|three|several|unnamed)\s+(?:[\w-]+\s+){0,3}?(?:officials?|diplomats?|sources?|"
    r"officers?|analysts?|experts?|members?|spokes(?:man|woman|person)|soldiers?|residents?|commanders?)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[.!?](?=\s+[A-Z“\"]|\s*$)")


def _clause(text: str) -> str:
    """``text`` up to the end of its first sentence (abbreviations such as "Cmdr." do not end it)."""
    for m in _CLAUSE_END.finditer(text):
        head = text[max(0, m.start() - 8) : m.start() + 1]
        if re.search(r"(?:\b[A-Z]|Cmdr|Col|Gen|Maj|Lt|Dr|Mr|Mrs|Ms|Sgt|Adm|St|U\.S|U\.N)\.$", head):
            continue
        return text[: m.start()]
    return text


def _speaker_name(phrase: str, prefer_last: bool = True) -> tuple[str, bool]:
    """The person (or body) a speech clause names; (description, False) when it names nobody."""
    phrase = phrase.strip(" ,")
    if role := _ROLE.search(phrase):
        return role.group(0), False
    cands = []
    for m in NAME_SEQ.finditer(phrase):
        s, _ = _trim(m.group(0), m.start())
        if s and not re.fullmatch(_PERSON_TITLES, s) and s.lower() not in _LEADING:
            s = _LEADING_TITLES.sub("", s)
            cands.append(s)
    if cands:
        return (cands[-1] if prefer_last else cands[0]), True
    return phrase, False


def find_quotes(src: Source, p, persons: dict[str, str]) -> list[SpeakerQuote]:
    """Quotations inside a passage attributed to whoever the sentence says spoke them."""
    out: list[SpeakerQuote] = []
    text = p.text
    last_person: str | None = None
    for m in _QUOTED.finditer(text):
        group = "q" if m.group("q") is not None else "q2"
        if len(m.group(group)) < 12:
            continue
        before = text[max(0, m.start() - 160) : m.start()]
        after = text[m.end() : m.end() + 240]
        for nm in TITLED.finditer(text[: m.start()]):
            last_person = _strip_possessive(nm.group("name"))
        if out and out[-1].named:
            last_person = out[-1].speaker  # "he" continues the previous speaker's quote
        who, named = None, False
        if am := _ACCORDING.match(after):
            who, named = _speaker_name(am.group("who"), prefer_last=False)
        elif (am := _SPEECH_AFTER.match(_clause(after))) and "“" not in am.group("who"):
            phrase = am.group("who").split(",")[-1].strip()
            if _PRONOUN.match(phrase):
                who, named = (last_person, True) if last_person else (None, False)
            elif phrase:
                who, named = _speaker_name(phrase)
        elif bm := _BEFORE.search(before):
            phrase = bm.group("who") or bm.group("who3") or ""
            # The clause right before the verb: after the last comma.
            phrase = phrase.split(",")[-1] if "," in phrase and not bm.group("who3") else phrase
            who, named = _speaker_name(phrase)
        if not who or _PRONOUN.match(who):
            continue
        if named and len(who.split()) == 1 and who in persons:
            who = persons[who]
        start = p.start + m.start(group)
        end = p.start + m.end(group)
        out.append(SpeakerQuote(src.id, p.id, start, end, who, name_key(who) if named else "", named))
    quoted_spans = [(q.start, q.end) for q in out]
    for m in _REPORTED.finditer(text) if _REPORTED_HINT.search(text) else ():
        who = _strip_possessive(m.group("who"))
        who = _LEADING_TITLES.sub("", who)
        if len(who.split()) == 1 and who in persons:
            who = persons[who]
        s0, e0 = p.start + m.start("what"), p.start + m.end("what")
        if (
            any(a <= s0 < b for a, b in quoted_spans)
            or len(who.split()) > 5
            or not _is_person_name(who, persons)
        ):
            continue
        out.append(SpeakerQuote(src.id, p.id, s0, e0, who, name_key(who), True, direct=False))
    return out


def _is_person_name(who: str, persons: dict[str, str]) -> bool:
    words = who.split()
    if any(w.lower() in _LEADING or w.lower() in _ORG_WORDS for w in words):
        return False
    if re.fullmatch(_PERSON_TITLES, who) or re.search(r"\b(?:Secretary|General|Minister|President)$", who):
        return False
    return len(words) >= 2 or who in persons


_REPORTED_VERB = (
    r"(?:highlight(?:ed)?|announced|said|stated|warned|argued|noted|stressed|emphasi[sz]ed|underlined|"
    r"confirmed|declared|insisted)\s+(?:on \w+\s+)?that\s"
)
_REPORTED = re.compile(
    rf"(?P<who>{_CAP}(?:\s+{_CAP}){{0,3}})(?:,[^,.]{{0,80}},)?,?\s+(?:was quick to |went on to )?"
    rf"{_REPORTED_VERB}\s*(?P<what>[^.“”\"]{{20,400}}[.:;])"
)
# Every reported-speech match holds the verb after a blank: a cheap test before the expensive pattern.
_REPORTED_HINT = re.compile(rf"\s{_REPORTED_VERB}")


# --- the index of entities -----------------------------------------------------------------------------


@dataclass
class Entity:
    key: str
    name: str
    kind: str
    aliases: list[str]
    mentions: list[NameRow] = field(default_factory=list)
    quotes: list[SpeakerQuote] = field(default_factory=list)
    curated: bool = False
    authored: list[str] = field(default_factory=list)  # ids of sources this person wrote

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(m.source_id for m in self.mentions))

    def mention_counts(self) -> Counter[str]:
        return Counter(m.source_id for m in self.mentions)


@dataclass
class EntityMatch:
    entity: Entity
    score: float
    matched: str


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def gazetteer_matcher(entries: list[GazetteerEntry]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every curated alias (acronyms case-sensitive, names case-insensitive)."""
    keys: dict[str, str] = {}
    exact, loose = [], []
    for e in entries:
        canon = name_key(e.name)
        for a in [e.name, *e.aliases]:
            if a.isupper() or re.fullmatch(r"[A-Z][A-Z0-9.-]+", a):
                keys[a] = canon
                exact.append(a)
            else:
                keys[name_key(a)] = canon
                loose.append(a)
    parts = []
    if loose:
        parts.append(r"(?i:" + _trie_pattern([a.lower() for a in loose]) + r")")
    if exact:
        parts.append(_trie_pattern(exact))
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
    return pat, keys


def _trie_pattern(names: list[str]) -> str:
    """One regex for many names, shaped as a trie: shared prefixes are tried once (a flat alternation of
    hundreds of names tried each one at every word). Longer names are preferred, as before; a space
    matches any run of white space."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return emit(trie)


class EntityIndex:
    """Entities merged from the gazetteer and mined rows, with a fuzzy look-up."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.by_key: dict[str, Entity] = {}
        self.choices: list[str] = []
        self.choice_entity: list[Entity] = []
        self._grams: dict[str, list[int]] | None = None
        for e in entities:
            names = dict.fromkeys([e.name, *e.aliases])
            for n in names:
                k = name_key(n)
                if k and k not in self.by_key:
                    self.by_key[k] = e
                if k:
                    self.choices.append(k)
                    self.choice_entity.append(e)

    @classmethod
    def build(cls, gazetteer: list[GazetteerEntry], names: list[NameRow], pairs: list[tuple[str, str]],
              quotes: list[SpeakerQuote], authors: dict[str, list[str]] | None = None) -> EntityIndex:  # fmt: skip
        uf = _UnionFind()
        curated: dict[str, GazetteerEntry] = {}
        for g in gazetteer:
            canon = name_key(g.name)
            curated[canon] = g
            for a in g.aliases:
                uf.union(canon, name_key(a))
        for a, b in pairs:
            if a and b:
                # A pair never merges two curated entities (an acronym clash must not fuse NATO and ISIS).
                ra, rb = uf.find(a), uf.find(b)
                if ra in curated and rb in curated and ra != rb:
                    continue
                if rb in curated:
                    uf.union(rb, ra)
                else:
                    uf.union(ra, rb)
        groups: dict[str, list[NameRow]] = defaultdict(list)
        for a in authors or {}:
            uf.find(name_key(a))
        for n in names:
            groups[uf.find(n.key)].append(n)
        for canon in curated:
            groups.setdefault(uf.find(canon), [])
        author_of: dict[str, tuple[str, list[str]]] = {}
        for a, sids in (authors or {}).items():
            root = uf.find(name_key(a))
            groups.setdefault(root, [])
            author_of[root] = (a, sids)
        members: dict[str, set[str]] = defaultdict(set)
        for k in list(uf.parent):
            members[uf.find(k)].add(k)
        entities: list[Entity] = []
        by_root: dict[str, Entity] = {}
        for root, rows in groups.items():
            g = next((curated[k] for k in [root, *sorted(members.get(root, ()))] if k in curated), None)
            surfaces = Counter(r.surface for r in rows)
            if g is not None:
                name, kind, aliases, is_cur = g.name, g.kind, list(g.aliases), True
            elif root in author_of and not any(len(r.surface.split()) > 1 for r in rows):
                name, kind, aliases, is_cur = author_of[root][0], "person", [], False
            else:
                if not rows:
                    continue
                # The fullest frequent form is the name ("Jens Stoltenberg" over "Stoltenberg").
                name = max(surfaces, key=lambda s: (len(s.split()) > 1, surfaces[s], len(s)))
                kinds = Counter(r.kind for r in rows if r.kind not in ("gazetteer",))
                kind = "person" if kinds.get("person") else (kinds.most_common(1)[0][0] if kinds else "name")
                aliases, is_cur = [], False
            for s in surfaces:
                if name_key(s) != name_key(name) and name_key(s) not in {name_key(a) for a in aliases}:
                    aliases.append(s)
            dedup = sorted(
                {(r.source_id, r.start, r.end): r for r in rows}.values(),
                key=lambda r: (r.source_id, r.start),
            )
            ent = Entity(root, name, kind, aliases, dedup, curated=is_cur)
            if root in author_of:
                ent.authored = list(author_of[root][1])
                ent.kind = "person"
            entities.append(ent)
            by_root[root] = ent
        for q in quotes:
            if q.named and q.speaker_key:
                ent = by_root.get(uf.find(q.speaker_key))
                if ent is None:
                    ent = Entity(q.speaker_key, q.speaker, "person", [], [])
                    entities.append(ent)
                    by_root[q.speaker_key] = ent
                ent.quotes.append(q)
        # Single-mention unknown names are mostly noise ("Halfhearted NATO Efforts"): keep them findable
        # only when they have two words or more.
        entities = [
            e
            for e in entities
            if e.curated or e.quotes or e.authored or len(e.mentions) > 1 or len(e.name.split()) > 1
        ]
        return cls(entities)

    def get(self, name: str) -> Entity | None:
        return self.by_key.get(name_key(name))

    SHORTLIST_FROM = 2000

    def _shortlist(self, q: str, size: int = 400) -> list[int]:
        """Indexes of the choices worth scoring: all of them when few, else those sharing most trigrams."""
        if len(self.choices) <= self.SHORTLIST_FROM:
            return list(range(len(self.choices)))
        if self._grams is None:
            grams: dict[str, list[int]] = defaultdict(list)
            for i, c in enumerate(self.choices):
                for g in _trigrams(c):
                    grams[g].append(i)
            self._grams = grams
        counts: Counter[int] = Counter()
        for g in _trigrams(q):
            counts.update(self._grams.get(g, ()))
        return [i for i, _ in counts.most_common(size)] or list(range(min(size, len(self.choices))))

    def lookup(self, query: str, limit: int = 5, cutoff: float = 70) -> list[EntityMatch]:
        """Fuzzy look-up ranked by match quality, then by how often the library mentions the entity."""
        from rapidfuzz import fuzz, process

        q = name_key(query)
        if not q or not self.choices:
            return []
        best: dict[int, EntityMatch] = {}
        # C-speed WRatio over a shortlist (character trigrams shared with the query), then our adjustments
        # (word-prefix boost, no credit for a short choice inside a long query) on the few best.
        pool = self._shortlist(q)
        wide = max(60, limit * 12)  # candidates looked at closely, from each of the two passes
        first = process.extract(q, [self.choices[i] for i in pool], scorer=fuzz.WRatio, processor=None,
                                limit=wide, score_cutoff=cutoff - 15)  # fmt: skip
        raw = []
        for choice, _s, k in first:
            score = _score(q, choice)
            if score >= cutoff:
                raw.append((choice, score, pool[k]))
        # The prefix boost can lift a choice WRatio ranked low ("inherent resolv"): look at those too.
        if len(q) >= 4:
            word = f" {q}"
            pref = [i for i in pool if self.choices[i].startswith(q) or word in self.choices[i]]
            # Many names can share the word ("Haddad"): the shortest hold the most of the query; enough.
            pref.sort(key=lambda i: len(self.choices[i]))
            for i in pref[:wide]:
                raw.append((self.choices[i], _score(q, self.choices[i]), i))
        for choice, score, idx in raw:
            ent = self.choice_entity[idx]
            score = float(score)
            if choice == q:
                score = 100.0
            prev = best.get(id(ent))
            if prev is None or score > prev.score:
                best[id(ent)] = EntityMatch(ent, score, choice)
        ranked = sorted(
            best.values(),
            key=lambda m: (
                -round(m.score),
                -(math.log1p(len(m.entity.mentions) + len(m.entity.authored)) + m.entity.curated),
                m.entity.name,
            ),
        )
        return ranked[:limit]

    def in_query(self, text: str) -> list[tuple[int, int, Entity]]:
        """Spans of ``text`` that name an entity exactly (longest first, no overlaps)."""
        words = list(re.finditer(r"[\w’'.-]+", text))
        spans = []
        taken: set[int] = set()
        for n in range(min(6, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                if any(k in taken for k in range(i, i + n)):
                    continue
                s, e = words[i].start(), words[i + n - 1].end()
                phrase = text[s:e].rstrip(".")
                ent = self.by_key.get(name_key(phrase))
                if ent is None or (n == 1 and len(phrase) < 3 and not phrase.isupper()):
                    continue
                if n == 1 and phrase.islower() and not ent.curated:
                    continue
                spans.append((s, s + len(phrase), ent))
                taken.update(range(i, i + n))
        return sorted(spans, key=lambda t: t[0])


def _trigrams(text: str) -> set[str]:
    """Character trigrams of each word, padded, so a typo in one place leaves most of them intact."""
    out: set[str] = set()
    for w in text.split():
        w = f" {w} "
        out.update(w[i : i + 3] for i in range(len(w) - 2))
    return out


def _score(q: str, choice: str, **kw) -> float:
    """WRatio, with a boost for a full word-prefix match ("inherent resolv" -> "inherent resolve")."""
    from rapidfuzz import fuzz

    if len(choice) < 0.6 * len(q):
        # A short choice inside a longer query ("us" in "petreus") is not a match.
        return fuzz.ratio(q, choice, **kw)
    s = fuzz.WRatio(q, choice, **kw)
    if len(q) >= 4 and (choice.startswith(q) or f" {q}" in choice):
        s = max(s, 90.0)
    return s
