"""Who a name is: a person (resolved to the full name the source or the curated list gives), a body, or an
unnamed or collective speaker; titles and roles split off ("Iraqi Foreign Minister Fuad Hussein")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..letters import caps
from .words import DOC_NOUNS, ORG_HINT, PLACES, PLURAL_SPEAKERS, SKIP_START, SPEAKER_NOUNS, TITLE_WORDS


@dataclass
class Speaker:
    """Who a phrase names: the speaker as written (for a back-reference, the name it points to), the entity
    it resolves to (None for unnamed and collective speakers), the role the text gives, and what kind of
    speaker it is (a named person or body, a group)."""

    speaker: str  # as written, or the referent's name for a back-reference
    entity: str | None
    role: str | None
    named: bool
    plural: bool = False
    person: bool = False


def clean(s: str) -> str:
    """Masks and runs of blanks as one space, without the punctuation at either end."""
    return re.sub(r"\s+", " ", s.replace("\0", " ")).strip(" ,.;:")


def strip_possessive(s: str) -> str:
    """ "Stoltenberg’s" -> "Stoltenberg"; "Reuters’" -> "Reuters"."""
    return re.sub(r"[’']s?$", "", s)


def split_name(phrase: str) -> tuple[str | None, str | None]:
    """("Iraqi Foreign Minister Fuad Hussein") -> ("Fuad Hussein", "Iraqi Foreign Minister")."""
    toks = phrase.split()
    # The name: trailing capitalised tokens that are not title words.
    k = len(toks)
    while k > 0:
        t = toks[k - 1]
        tl = t.lower().rstrip(",")
        if tl in TITLE_WORDS or not (t[:1].isupper() or re.match(r"(?:al|el|bin|ibn|abu|de|van|von)-", t)):
            break
        if k < len(toks) and re.search(r"[’']s?$", t):
            break  # "NATO’s Jens Stoltenberg", "Reuters’ Jane Doe": the name starts after the possessive
        k -= 1
    name_toks = toks[k:]
    # Suffixes and initials only count after a first name.
    if not name_toks or all(re.fullmatch(caps(r"[\p{Lu}]\.|Jr\.?|Sr\.?|II|III"), t) for t in name_toks):
        return None, (phrase or None)
    role = " ".join(toks[:k]).strip() or None
    return " ".join(name_toks), role


@dataclass
class Ctx:
    """What the extractor knows of the source it reads: the people it names, its authors, its outlet."""

    persons: dict[str, str]  # surname -> full name (this source, then the curated list)
    authors: set[str]  # the source's own authors' surnames (lower case): never speakers of its prose
    outlet: str | None
    text: str = ""  # the source's clean text, where a surname's first full mention is looked up
    # Indexes built once per source (a look-up per speaker scanned the whole text: quadratic on long texts).
    lower: dict[str, str] = field(default_factory=dict)  # lower-case surname -> full name, as in ``persons``
    first_full: dict[str, tuple[int, str]] | None = None  # lower-case word -> its first full mention
    shared: set[str] | None = None  # lower-case surnames two people in this source have ("Halvorsen")

    def __post_init__(self) -> None:
        for k, v in self.persons.items():
            self.lower.setdefault(k.lower(), v)

    def add_person(self, surname: str, full: str) -> None:
        self.persons.setdefault(surname, full)
        self.lower.setdefault(surname.lower(), self.persons[surname])


# Runs of capitalised words ending in a surname ("Opposition MP Ingrid Halvorsen"); initials allowed inside.
_RUN = re.compile(caps(r"(?:[\p{Lu}][\w’'-]*\.?[ \t]+){1,3}[\p{Lu}][\w’'-]+"))


def _shared_surnames(text: str) -> set[str]:
    """Surnames (lower case) the source gives to two people: two full mentions whose first names have no
    word in common ("Anders Halvorsen", "Ingrid Halvorsen"; not "Anders B. Halvorsen" and "Anders
    Halvorsen"). Words the text also writes in lower case, titles and sentence openers are not first names."""
    from .words import STARTERS

    lower_words = set(re.findall(caps(r"(?<![\w’'-])[\p{Ll}][\w’'-]*"), text))
    given: dict[str, list[set[str]]] = {}
    for m in _RUN.finditer(text):
        toks = m.group().split()
        firsts = {
            t
            for t in toks[:-1]
            if not t.endswith(".")
            and not t.isupper()
            and t.lower() not in lower_words
            and t.lower() not in TITLE_WORDS
            and t.lower() not in STARTERS
            and t.lower() not in SPEAKER_NOUNS
        }
        if firsts:
            given.setdefault(strip_possessive(toks[-1]).lower(), []).append(firsts)
    return {
        sur
        for sur, names in given.items()
        if any(a.isdisjoint(b) for i, a in enumerate(names) for b in names[i + 1 :])
    }


_WORD = re.compile(r"[\w’'.-]+")
_CAPITALISED = re.compile(caps(r"[\p{Lu}][\w’'.-]+"))


def _first_full_mentions(text: str) -> dict[str, tuple[int, str]]:
    """Each word (lower case) at its first occurrence after one or two capitalised words: (where those words
    start, those words and the space after them). One pass over the text."""
    out: dict[str, tuple[int, str]] = {}
    words = list(_WORD.finditer(text))
    for i, w in enumerate(words):
        before: list[re.Match] = []
        j = i - 1
        while j >= 0 and len(before) < 2:
            gap = text[words[j].end() : words[j + 1].start()]
            if not gap or not gap.isspace() or not _CAPITALISED.fullmatch(words[j].group()):
                break
            before.insert(0, words[j])
            j -= 1
        if not before:
            continue
        start = before[0].start()
        for key in {w.group().lower(), w.group().lower().rstrip(".")}:
            out.setdefault(key, (start, text[start : w.start()]))
    return out


def _withheld(name: str, ctx: Ctx) -> bool:
    """Whether a lone surname would resolve to a full name but two people in the source have it ("Halvorsen"
    when it names Anders and Ingrid Halvorsen): then it resolves to nobody, never a guess."""
    if len(name.split()) != 1:
        return False
    if ctx.shared is None:
        ctx.shared = _shared_surnames(ctx.text)
    return strip_possessive(name).lower() in ctx.shared and _resolve_any(name, ctx) != name


def _resolve_person(name: str, ctx: Ctx) -> str:
    return name if _withheld(name, ctx) else _resolve_any(name, ctx)


def _resolve_any(name: str, ctx: Ctx) -> str:
    toks = name.split()
    if len(toks) == 1:
        t = strip_possessive(toks[0])
        full = ctx.persons.get(t) or ctx.lower.get(t.lower(), name)
        if full != name:
            return split_name(full)[0] or name
        # The first full mention in the source ("Qasim al-Araji" for a later "Al-Araji").
        if ctx.first_full is None:
            ctx.first_full = _first_full_mentions(ctx.text)
        hit = ctx.first_full.get(t.lower())
        sentence_start = hit is not None and (hit[0] < 2 or ctx.text[hit[0] - 2] in ".!?\n:")
        if hit and not sentence_start:  # "Meanwhile Stoltenberg" at a sentence start is not a first name
            start, first = hit
            cand = split_name(first.strip() + " " + t)[0]
            if cand and len(cand.split()) >= 2 and not any(w.lower() in SKIP_START for w in cand.split()):
                written = ctx.text[start + len(first) : start + len(first) + len(t)]
                return cand[: -len(t)] + written
        return name
    return name


def org_name(phrase: str) -> str | None:
    """The body a phrase names ("a Pentagon readout of the call" -> "Pentagon"), or None."""
    phrase = re.sub(r"^(?:an?|the)\s+", "", clean(phrase), flags=re.I)
    if pm := re.match(
        caps(
            r"^(?P<org>[\p{Lu}][\w.-]*(?:\s+(?:[\p{Lu}][\w.-]*|administration|government|ministry))*)[’']s\s"
        ),
        phrase,
    ):
        org = pm.group("org")  # "The Trump administration’s 2018 strategy" -> Trump administration
        if org.split()[-1][:1].isupper() and not (ORG_HINT.search(org) or org.isupper() or org in PLACES):
            return None  # "Jens Stoltenberg’s office": a person's office, not the person nor a named body
        return org
    phrase = re.sub(rf"\s+(?:{DOC_NOUNS})\b.*$", "", phrase, flags=re.I)
    phrase = re.sub(r"\s+\([^)]*\)$", "", phrase)
    toks = [t for t in phrase.split() if t[:1].isupper() or t.lower() in ("of", "on", "for", "and", "the")]
    while toks and not toks[0][:1].isupper():
        toks.pop(0)
    # Leading dates or numbers ("October 25 policy brief") are not the body.
    name = " ".join(toks).strip()
    name = re.sub(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                  r"December)\s*\d*\s*", "", name)  # fmt: skip
    return name or None


def capital(tok: str) -> bool:
    """A capitalised word, counting names with a lower-case particle ("al-Kadhimi")."""
    return tok[:1].isupper() or bool(re.match(r"(?:al|el|bin|ibn|abu|de|van|von)-[^\W\d_]", tok))


# "unlike what X said", "no matter what X says", "contrary to what officials said": the opposite of theirs.
_NOT_HIS = re.compile(
    r"\b(?:what|whatever|whoever|unlike|contrary|despite|matter|than|whether|unless|although|though|because|"
    r"how|why)\b",
    re.I,
)


def _body_name(words: list[str]) -> bool:
    """Whether words after "the" can name a body on their own: "Pentagon", "Defense Department"; not a lone
    common noun written with a capital ("the Ministry", "the Army": the one the text means, unnamed)."""
    if not words:
        return False
    return len(words) > 1 or words[0].lower() == "pentagon" or words[0].lower() not in SPEAKER_NOUNS


# A title that ends in a link to the name ("Aides to", "Critics of", "Officials close to"): not a role.
_RELATION = re.compile(
    r"(?:^|\s)(?P<noun>[\w’'-]+)(?:\s+(?:close|closest|loyal|near))?\s+(?:of|to|for|near|around)$", re.I
)
_LINKED = {
    "critics", "supporters", "friends", "allies", "aides", "relatives", "family", "associates", "backers",
    "opponents", "rivals", "loyalists", "colleagues", "lawyers", "attorneys", "advisers", "advisors", "those",
    "people", "sources", "officials", "members", "staff", "friend", "lawyer", "attorney", "associate",
}  # fmt: skip


def classify(head: str, role: str | None, ctx: Ctx) -> Speaker | None:
    """Who a subject\'s head names: a named person (resolved to the full name), a body, an unnamed or
    collective speaker ("a senior defence official", "French and Italian officials"); None when it names
    nobody we can trust (a lone unknown word, two people joined by "and", the source\'s own author)."""
    head = strip_possessive(head.strip())
    toks = head.split()
    if not toks or _NOT_HIS.search(head):
        return None
    if capital(toks[-1]) and (m := re.search(caps(r"([\p{Lu}][\w’'.-]*)\s+(?:and|&)\s+[\p{Lu}]"), head)):
        if m.group(1).lower() not in TITLE_WORDS and m.group(1) not in PLACES:
            return None  # "Emmanuel Macron and Jens Stoltenberg": two people, not one speaker
    det = re.match(r"(?:an?|one|another|some|two|three|several|many|most|few|the|unnamed)\b", toks[0], re.I)
    if det or not capital(toks[-1]):
        cut = re.split(r"\s+(?:of|from|in|at|who|with|involved|on|for|close)\s", " " + head + " ")[0].split()
        toks = cut or toks
        head_noun = toks[-1]
    else:
        head_noun = toks[-1]
    last = head_noun.lower().rstrip(".")
    plural = last in PLURAL_SPEAKERS
    sing = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    cap_tail = capital(toks[-1])
    rest = head.split()[1:]
    if cap_tail and det and toks[0].lower() == "the" and not plural and _body_name(rest):
        # "the Pentagon" is the body "Pentagon" names: one speaker with or without the article.
        bare = classify(" ".join(rest), role, ctx)
        if bare is not None and bare.named and not bare.person and bare.entity:
            return Speaker(head, bare.entity, role, True)
    if not cap_tail or det:
        if det and toks[0].lower() == "the" and not plural and not cap_tail and sing not in ("government",):
            return None  # "the NATO secretary general": one person the sentence does not name
        # Unnamed or collective: the head noun must be a speaker noun, in a short noun phrase.
        if (sing in SPEAKER_NOUNS or last in SPEAKER_NOUNS) and len(toks) <= 7:
            return Speaker(head, None, role, False, plural=plural)
        if cap_tail and det and toks[0].lower() == "the":
            org = org_name(head)
            if org and ORG_HINT.search(org):
                return Speaker(head, org, role, True)
        if cap_tail and last in ("allies", "ministers"):
            return Speaker(head, None, role, False, plural=True)
        return None
    if last in PLURAL_SPEAKERS or last in ("allies", "ministers", "governments", "officials"):
        return Speaker(head, None, role, False, plural=True)
    person_name, _t = split_name(head)
    is_person = person_name is not None and len(person_name.split()) >= 2 and not ORG_HINT.search(person_name)
    if ORG_HINT.search(head) and not is_person:
        org = org_name(head)
        return Speaker(head, org, role, True) if org else None
    name, title = split_name(head)
    if not name:
        return None
    if title and re.search(r"\b(?:as|if|when|where|which)\b", title, re.I):
        return None  # "as Jens Stoltenberg (said)": the sentence is not his
    linked = not (name.split()[0] in PLACES or name.split()[0].isupper())  # "Envoy to Ukraine X"
    if title and linked and (rel := _RELATION.search(title)) and rel.group("noun").lower() != "according":
        # "Aides to Sobczak", "Critics of Marek Sobczak", "Sources close to X": people linked to the person
        # speak, not the person; a group the text does not name (or nobody, when the words are not a group).
        noun = rel.group("noun").lower()
        group = (
            noun in _LINKED
            or noun in SPEAKER_NOUNS
            or noun in PLURAL_SPEAKERS
            or noun.rstrip("s") in SPEAKER_NOUNS
        )
        if not group or len(title.split()) > 4:
            return None
        return Speaker(head, None, role, False, plural=noun.endswith("s") and not noun.endswith("ss"))
    if title and re.search(r"\b(?:to|with|by|put|told|met|asked|from)\b", title):
        if re.search(caps(r"[\p{Lu}][\w’'-]+\s+[\p{Lu}][\w’'-]+"), title):
            return (
                None  # "Jens Stoltenberg put it to Emmanuel Macron": the name at the end is not the subject
            )
    if any(t.lower() in ("and", "&") for t in name.split()):
        return None
    full = _resolve_person(name, ctx)
    ftoks = [t for t in full.split() if not re.fullmatch(caps(r"Jr\.?|Sr\.?|II|III|[\p{Lu}]\."), t)]
    surname = strip_possessive(ftoks[-1]).lower() if ftoks else ""
    if surname in ctx.authors:
        return None
    if len(ftoks) >= 2:
        ctx.add_person(ftoks[-1], full)
    if len(full.split()) == 1 and full.isupper():
        return Speaker(name, full, role or title, True)
    if full == name and _withheld(name, ctx):
        return Speaker(
            name, None, join_role(title, role), True, person=True
        )  # one of two; we do not know which
    if len(full.split()) == 1 and full not in ctx.persons.values() and name == full:
        # A lone capitalised word nobody introduced ("Jens", "Countries", "Effective"): a body only when it
        # looks like one ("Pentagon"); otherwise we do not know who it is, so nobody is named.
        if ORG_HINT.search(name):
            return Speaker(name, name, role or title, True, person=False)
        return None
    return Speaker(name, full, join_role(title, role), True, person=True)


_RANK = re.compile(
    r"(?:Cmdr|Cdr|Gen|Lt|Col|Maj|Brig|Capt|Adm|Sgt|Cpl|Pvt|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Amb)\.?", re.I
)
_CLAUSE_WORD = re.compile(
    r"\b(?:that|came|come|comes|after|before|when|while|because|if|who|which|whose|whom|where|was|were|is|are|"
    r"has|have|had|did|does|will|would|could|should|can|may|might|must|not|asked|met|told)\b",
    re.I,
)


# Hyphens that belong in a title ("president-elect", "commander-in-chief", "secretary-general", "vice-chair").
_TITLE_HYPHEN = {"elect", "in", "chief", "at", "large", "general", "vice", "co", "ex", "designate", "non"}
_HYPHENED = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")


def _unhyphen(m: re.Match) -> str:
    """ "presidential-candidate" (a slug's hyphen, "then presidential-candidate Trump") reads "presidential
    candidate"; a hyphenated title keeps its hyphens."""
    words = m.group(0).split("-")
    return m.group(0) if any(w in _TITLE_HYPHEN for w in words) else " ".join(words)


def clean_role(role: str | None) -> str | None:
    """A role as shown: a title or office noun phrase ("Pentagon spokesperson", "defence minister"), or None.
    Each comma-separated part loses its determiner, trailing punctuation and a rank left dangling after it
    ("Pentagon spokesperson Cmdr." -> "Pentagon spokesperson"); a part that is a clause ("rejecting Y's
    warning that", "X's remarks came a day after") or a lone sentence word ("Then") is dropped."""
    from .words import STARTERS, VERB_RE

    if not role:
        return None
    out: list[str] = []
    for part in role.split(","):
        part = re.sub(r"^(?:the|an?)\s+", "", " ".join(part.split()).strip(" ,;:"), flags=re.I)
        toks = part.split()
        while len(toks) > 1 and _RANK.fullmatch(toks[-1]) and not all(_RANK.fullmatch(t) for t in toks):
            toks.pop()
        part = _HYPHENED.sub(_unhyphen, " ".join(toks).strip(" ,;:"))
        if not part or len(toks) > 14:
            continue
        first = toks[0].lower()
        if (
            (first.endswith("ing") and first not in ("king",))
            or _CLAUSE_WORD.search(part)
            or VERB_RE.search(part)
            or (len(toks) == 1 and first in STARTERS)
        ):
            continue
        out.append(part)
    return ", ".join(out) or None


def join_role(title: str | None, role: str | None) -> str | None:
    """A title and an appositive role as one role ("Foreign Minister, a veteran diplomat")."""
    parts = [p for p in (title, role) if p]
    return ", ".join(parts) if parts else None


@lru_cache(maxsize=1)
def known_persons() -> dict[str, str]:
    """Surname -> full name for the curated people (so "Stoltenberg" alone resolves to Jens Stoltenberg)."""
    from ..gazetteer import load_gazetteer

    out: dict[str, str] = {}
    for e in load_gazetteer():
        if e.kind == "person" and len(e.name.split()) > 1:
            out.setdefault(e.name.split()[-1], e.name)
    return out
