"""Who said what: quoted and reported statements inside a source's passages, each with its speaker.

Run per source at index time by :func:`.mining.mine_source`. Precision before recall: a statement is kept
only when its sentence names who spoke (a name, a titled role, an unnamed official, a body), or when a
pronoun or "the spokesman" points back to the speaker just named; a quotation with no such cue is left
out (shown nowhere as anyone's words). Every statement's text is an exact span of its passage.

Forms handled (see tests/test_speech.py): ``X said/told/added/... "..."`` and ``"...," X said`` (either
order, inverted ``said X, role``), quotes split around the attribution, colon introductions
(``X told reporters: "..."``, ``In the words of X: "..."``, ``As X concluded: "..."``), quotes running over
paragraphs, interview transcripts (``Name: answer``), reported speech (``X said (that) ...``, ``X announced
on Monday that ...``, ``X was quick to highlight that ...``, ``, adding that ...``, ``X told Y that ...``),
``according to X`` before or after the clause, and back-references (he/she/they, "the spokesman").
A reported clause ends at the end of its sentence, a colon or semicolon, or before ", but", ", though",
", while": the writer's comment that follows is never the speaker's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Source
from .names import name_key


@dataclass
class SpeakerQuote:
    """One statement: words a source gives to a speaker (offsets of the words in the source's clean text).

    ``speaker`` is the speaker as written (for a back-reference, the name it points to); ``entity`` the
    full name it resolves to (None for unnamed and collective speakers); ``named`` is True for a named
    person or body.
    """

    source_id: str
    passage_id: str
    start: int
    end: int
    speaker: str
    speaker_key: str
    named: bool
    direct: bool = True  # False: reported speech ("Stoltenberg announced that ..."), the writer's paraphrase
    entity: str | None = None
    role: str | None = None

    @property
    def kind(self) -> str:
        return "direct" if self.direct else "reported"

    def text_in(self, source_text: str) -> str:
        return source_text[self.start : self.end]


# -- words ------------------------------------------------------------------------------------------
_VERBS = (
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|declared|declares|announced|announces|"
    "argued|argues|warned|warns|insisted|insists|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|explained|"
    "replied|responded|concluded|concludes|wrote|writes|tweeted|remarked|acknowledged|acknowledges|observed|"
    "clarified|conceded|concedes|confirmed|confirms|reiterated|recalled|underlined|highlighted|highlight|"
    "indicated|claimed|claims|maintained|predicted|cautioned|admitted|contended|asserted|suggested|demanded|"
    "pointed out|points out|showed|emphasizes|emphasises"
)
# Adverbs and auxiliaries between a subject and its verb ("have repeatedly stressed", "was quick to").
_AUX = (
    r"(?-i:(?:has|have|had|was|were|is|are|also|then|again|later|long|since|previously|privately|publicly|"
    r"equally|quick|to|went|on|once|already|[a-z]+ly)\s+)*"
)
VERB_RE = re.compile(rf"\b{_AUX}(?P<verb>{_VERBS})\b")
# Verbs that introduce a reported clause only with "that" (said/says/told can drop it).
_BARE_OK = {"said", "says", "say"}
_PREP = {
    "in", "on", "at", "during", "after", "before", "to", "by", "with", "from", "for", "while", "as", "when",
    "earlier", "later", "last", "this", "of", "about", "afterwards", "yesterday", "today", "so", "it", "and",
    "but", "or", "nothing", "little", "much", "more", "less", "not",
}  # fmt: skip
_PRONOUNS = {"he": "person", "she": "person", "they": "plural"}
# Unnamed and collective speakers: the head noun of the phrase.
_SPEAKER_NOUNS = {
    "official", "diplomat", "minister", "leader", "lawmaker", "member", "government", "commander", "officer",
    "expert", "analyst", "observer", "villager", "resident", "fighter", "source", "spokesman", "spokeswoman",
    "spokesperson", "aide", "people", "ally", "senator", "adviser", "advisor", "general", "soldier", "envoy",
    "ambassador", "negotiator", "participant", "witness", "critic", "legislator", "mp",
    "representative", "worker", "authority", "delegate", "investigator", "prosecutor", "police", "military",
    "ministry", "army", "pentagon", "administration", "secretary", "president", "chief",
}  # fmt: skip
_PLURAL_SPEAKERS = {"officials", "diplomats", "ministers", "leaders", "lawmakers", "members", "governments",
                    "commanders", "officers", "experts", "analysts", "observers", "villagers", "residents",
                    "fighters", "sources", "allies", "people", "senators", "aides", "authorities"}  # fmt: skip
# Words of a title or role in front of a name ("Iraqi Foreign Minister", "Maj. Gen.", "Sen.").
_TITLE_WORDS = {
    "secretary", "general", "minister", "president", "prime", "deputy", "foreign", "defence", "defense",
    "interior", "armed", "forces", "former", "vice", "chief", "commander", "spokesman", "spokesperson",
    "spokeswoman", "ambassador", "senator", "sen.", "rep.", "gen.", "col.", "colonel", "maj.", "major",
    "lt.", "lieutenant", "brig.", "brig.-gen.", "brigadier", "cmdr.", "adm.", "admiral", "dr.", "mr.", "mrs.",
    "ms.", "prof.", "gov.", "governor", "state", "of", "staff", "chairman", "chair", "king", "prince",
    "queen", "judge", "mayor", "captain", "capt.", "sgt.", "sergeant", "(ret.)", "ret.", "region", "press",
    "national", "security", "adviser", "advisor", "presidential", "ministry", "head", "director", "envoy",
    "special", "representative", "u.s.", "us", "nato", "then", "presidential-candidate", "president-elect",
    "defence-minister", "army", "navy", "air", "force", "homeland", "treasury", "top", "senior", "officer",
    "gen", "col", "lt", "maj", "general,", "critic", "conservative", "labour", "liberal", "democratic",
    "republican", "leader", "the", "and", "for",
}  # fmt: skip
_ORG_HINT = re.compile(
    r"\b(?:Institute|Council|Organi[sz]ation|Alliance|Coalition|Ministry|Department|Committee|Agency|Command|"
    r"Cent(?:er|re)|University|Fund|Union|Office|Service|Services|Forces|Army|Government|Pentagon|Operation|"
    r"Commission|Parliament|Assembly|Staff|Congress|Senate|House|Administration|Foundation|Bank|Court|"
    r"Group|Communique|NATO|OTAN|Kremlin|Elysée|White House)\b"
)
_DOC_NOUNS = (
    r"readout|statement|report|policy brief|brief|communiqu[eé]|strategy|figures|document|study|survey|"
    r"release|press release|assessment|analysis|paper|letter"
)
_DOC = re.compile(
    rf"^(?:an?|the)\s+(?:[\w’'.-]+\s+){{0,5}}?(?:{_DOC_NOUNS})\b(?:\s+(?:of|on)\s+[^,]*)?", re.I
)
_BY = re.compile(r"\b(?:by|from)\s+(?P<who>(?:the\s+)?[A-Z][^,;:]*)")
_REL = re.compile(r"^(?:who|whose|which|where|when|whom|speaking|asked|according|as|in|on|at|after)\b", re.I)
_SKIP_START = {
    "in", "on", "at", "after", "before", "two", "three", "asked", "speaking", "who", "whose", "which",
    "while", "when", "as", "during", "for", "with", "from", "by", "last", "earlier", "later", "meanwhile",
    "however", "elsewhere", "still", "thus", "accordingly", "but", "and", "so", "yet", "also", "then",
    "since", "until", "although", "though", "if", "because", "weeks", "days", "months", "hours",
}  # fmt: skip
_NAME_TOKEN = re.compile(
    r"(?:(?:al|el|bin|ibn|abu|ben|de|van|von|le|la|da|di)[- ])?[^\W\d_][\w’'.-]*\.?|\(ret\.\)"
)

# Quotation marks: curly pairs, or straight marks taken in turn.
_OPEN, _CLOSE = "“", "”"
_SENT_END = re.compile(r"[.!?](?:[”\"’)\0])?(?=\s+[“\"‘(\0]?[A-Z0-9])|[.!?]\0?(?=\s+\0)")
_ABBREV = re.compile(
    r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|Prof|Col|Gen|Lt|Maj|Brig|Capt|Cmdr|Adm|Sgt|Gov|Sen|Rep|St|Jr|Sr|No|U\.S|U\.N|"
    r"U\.K|ret|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$"
)
_CLAUSE_STOP = re.compile(
    r":|;|\s[—–]\s|,\s+(?:but|though|although|while|whereas|yet|adding|according to|so that|so|going|"
    r"saying|noting|citing)\b|\sbut\s|(?<=\0)\s+(?:so|but|though|although|while|whereas|yet)\b"
)


@dataclass
class _Speaker:
    speaker: str  # as written, or the referent's name for a back-reference
    entity: str | None
    role: str | None
    named: bool
    plural: bool = False
    person: bool = False


@dataclass
class _State:
    """What the previous sentences told us: who was named (for "he", "the spokesman"), who spoke last (split
    quotes), and where the extractor is (passage ``pi``, offset ``at``: where a pronoun being resolved stands)."""

    passages: list = field(default_factory=list)  # the source's passages (names are looked up lazily)
    pi: int = 0
    at: int = 0
    mentions: dict = field(default_factory=dict)  # passage index -> its sentences' name mentions
    spoken: dict = field(default_factory=dict)  # (passage index, sentence start) -> its speaker (_Mention)
    sent: int = -1  # where the sentence being read starts in its passage
    roles: dict = field(default_factory=dict)  # name key -> (a role the text gave that person, the person)
    last_plural: _Speaker | None = None
    last_passage: int = -10
    last_quote_speaker: _Speaker | None = None  # the speaker of the quote that ended the previous sentence
    pending_colon: _Speaker | None = None  # "X described the task:" at a paragraph's end


# -- quotation marks and sentences -------------------------------------------------------------------
def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's words, marks excluded. A paragraph that opens a quotation and never
    closes it (the convention for a quotation running over paragraphs) quotes to its end."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == _OPEN:
            j = text.find(_CLOSE, i + 1)
            k = text.find(_OPEN, i + 1)
            if j < 0 or (0 <= k < j):
                if i == 0 and j < 0:
                    spans.append((1, len(text)))
                    return spans
                i += 1
                continue
            spans.append((i + 1, j))
            i = j + 1
        elif c == '"':
            j = text.find('"', i + 1)
            if j < 0:
                if i == 0:
                    spans.append((1, len(text)))
                break
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each quotation (marks included) replaced by NULs of the same length."""
    chars = list(text)
    for s, e in spans:
        for k in range(max(0, s - 1), min(len(text), e + 1)):
            chars[k] = "\0"
    return "".join(chars)


def _sentences(masked: str) -> list[tuple[int, int]]:
    """Sentence spans of a masked passage (a quotation never ends a sentence of the frame)."""
    out, s = [], 0
    for m in _SENT_END.finditer(masked):
        head = masked[max(s, m.start() - 12) : m.start() + 1]
        if _ABBREV.search(head):
            continue
        out.append((s, m.end()))
        s = m.end()
        while s < len(masked) and masked[s].isspace():
            s += 1
    # A sentence that ends with a quotation ("…he said: “…”") ends where the quotation does.
    if s < len(masked):
        out.append((s, len(masked)))
    return _split_after_quotes(masked, out)


def _split_after_quotes(masked: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        cut = s
        # (?<!\0): a match starts where a run of NULs starts (tried inside a run, it rescanned the run).
        for m in re.finditer(r"(?<!\0)\0+\s+(?=[A-Z\0])", masked[s:e]):
            seg_end = s + m.end()
            inner = masked[s + m.start() : s + m.end()].rstrip()
            # "…" Next sentence: the quotation ended with . ! or ? inside its marks.
            q = masked[cut:seg_end]
            if (
                inner
                and _ends_sentence_inside(masked, s + m.start(), s + m.start() + len(inner))
                and q.strip()
            ):
                out.append((cut, seg_end))
                cut = seg_end
        out.append((cut, e))
    return [x for x in out if masked[x[0] : x[1]].strip()]


_RAW: list[str] = [""]  # the unmasked passage, for _ends_sentence_inside


def _ends_sentence_inside(masked: str, qs: int, qe: int) -> bool:
    raw = _RAW[0]
    inner = raw[qs:qe].rstrip('”"’ ')
    return bool(inner) and inner[-1] in ".!?"


# -- speakers ----------------------------------------------------------------------------------------
def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\0", " ")).strip(" ,.;:")


def _strip_possessive(s: str) -> str:
    return re.sub(r"[’']s?$", "", s)


def _split_name(phrase: str) -> tuple[str | None, str | None]:
    """("Iraqi Foreign Minister Fuad Hussein") -> ("Fuad Hussein", "Iraqi Foreign Minister")."""
    toks = phrase.split()
    # The name: trailing capitalised tokens that are not title words.
    k = len(toks)
    while k > 0:
        t = toks[k - 1]
        tl = t.lower().rstrip(",")
        if tl in _TITLE_WORDS or not (t[:1].isupper() or re.match(r"(?:al|el|bin|ibn|abu|de|van|von)-", t)):
            break
        if k < len(toks) and re.search(r"[’']s?$", t):
            break  # "NATO’s Jens Stoltenberg", "Reuters’ Jane Doe": the name starts after the possessive
        k -= 1
    name_toks = toks[k:]
    # Suffixes and initials only count after a first name.
    if not name_toks or all(re.fullmatch(r"[A-Z]\.|Jr\.?|Sr\.?|II|III", t) for t in name_toks):
        return None, (phrase or None)
    role = " ".join(toks[:k]).strip() or None
    return " ".join(name_toks), role


@dataclass
class _Ctx:
    persons: dict[str, str]  # surname -> full name (this source, then the curated list)
    authors: set[str]  # the source's own authors' surnames (lower case): never speakers of its prose
    outlet: str | None
    text: str = ""  # the source's clean text, where a surname's first full mention is looked up


def _resolve_person(name: str, ctx: _Ctx) -> str:
    toks = name.split()
    if len(toks) == 1:
        t = _strip_possessive(toks[0])
        full = ctx.persons.get(t) or next((v for k, v in ctx.persons.items() if k.lower() == t.lower()), name)
        if full != name:
            return _split_name(full)[0] or name
        # The first full mention in the source ("Qasim al-Araji" for a later "Al-Araji").
        m = re.search(rf"(?<![\w-])((?:[A-Z][\w’'.-]+\s+){{1,2}})(?i:{re.escape(t)})(?![\w-])", ctx.text)
        sentence_start = m is not None and (m.start() < 2 or ctx.text[m.start() - 2] in ".!?\n:")
        if m and not sentence_start:  # "Meanwhile Stoltenberg" at a sentence start is not a first name
            cand = _split_name(m.group(1).strip() + " " + t)[0]
            if cand and len(cand.split()) >= 2 and not any(w.lower() in _SKIP_START for w in cand.split()):
                return cand[: -len(t)] + m.group(0)[-len(t) :]
        return name
    return name


def _speaker_of(phrase: str, ctx: _Ctx, st: _State, pi: int, at: int | None = None) -> _Speaker | None:
    """Who a subject phrase names; None when it names nobody we can trust. ``at``: where the phrase ends in
    the passage (a pronoun there points back to the nearest person named before it)."""
    if at is not None:
        st.at = at
    phrase = _clean(phrase)
    if _RELAYED.search(phrase):
        return None  # "Lavrov, quoting a Ukrainian minister, said": not his own words
    phrase = _DATELINE.sub("", phrase)
    phrase = re.sub(r"^(?:[Aa]nd|[Bb]ut|[Ss]o|[Yy]et|[Tt]hen)\s+", "", phrase)
    if by := re.match(
        r"^[a-z][\w-]*\s+(?:[\w-]+\s+){0,5}?(?:by|from)\s+(?P<who>(?:the\s+)?[A-Z].*)$", phrase
    ):
        phrase = by.group("who")  # "figures released on Tuesday by Operation Inherent Resolve, the …"
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase)
    if "(" in phrase or ")" in phrase:
        return None  # a parenthesis opened before the subject: we are inside someone else's aside
    phrase = re.sub(r",\s*(?:who|whose|which|[a-z]+ing)\b[^,]*(?:,|$)", ",", phrase).strip(" ,")
    if _denied(phrase):
        return None  # "Austin never said", "Austin did not say", "Austin rejected claims": not his words
    low = phrase.lower()
    if phrase and "\0" not in phrase and re.fullmatch(r"[^,]*,\s*(?:he|she)", low):
        low = "he"  # "“…” because of the work the coalition is doing, he noted."
    elif not phrase or "\0" in phrase or len(phrase.split()) > 16:
        return None
    if low in ("he", "she"):
        return _antecedent(st, ctx)
    if low == "they":
        sp = st.last_plural if st.last_plural and pi - st.last_passage <= 1 else None
        return sp
    if low in ("i", "we", "us", "you", "it", "this", "that", "there", "some", "others", "many"):
        return None
    # Back-references: "the spokesman", "The secretary general", "the minister", "The same source".
    m = re.fullmatch(r"(?:[Tt]he|[Tt]his)\s+(?:same\s+)?([a-z][a-z -]*)", phrase)
    if m and m.group(1).split()[-1] not in _PLURAL_SPEAKERS:
        noun = m.group(1).strip()
        return _backref(noun, st, ctx)
    # Documents and readouts: the body behind them ("a Pentagon readout" -> Pentagon).
    if dm := _DOC.match(phrase):
        by = _BY.search(phrase)
        body = by.group("who") if by else dm.group(0)
        org = _org_name(body)
        if org:
            return _Speaker(phrase, org, None, True)
        return None
    # Cut appositives and relative clauses: "X, who spoke with Y," -> "X".
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    head_part = None
    role_part = None
    for n, p in enumerate(parts):
        first = p.split()[0].lower()
        if first in _SKIP_START or _REL.match(p) or p.split()[0].endswith("ing"):
            continue
        head_part = p
        rest = parts[n + 1 :]
        if rest and re.match(r"(?:the|a|an|its|his|her|their)\s", rest[0], re.I) is None:
            role_part = rest[0] if rest[0][:1].islower() and not _REL.match(rest[0]) else None
        elif rest:
            role_part = rest[0]
        break
    if head_part is None:
        return None
    # "The NATO secretary general, Jens Stoltenberg, announced": the name in apposition is the speaker.
    n = parts.index(head_part)
    if (
        re.match(r"(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w.-]*\s+)*[a-z]", head_part)
        and n + 1 < len(parts)
        and _capital(parts[n + 1].split()[0])
        and len(parts[n + 1].split()) <= 4
    ):
        role_part, head_part = re.sub(r"^(?:the|a|an)\s+", "", head_part, flags=re.I), parts[n + 1]
    # Drop a trailing relative clause inside the part ("Several lawmakers from the Fatah bloc").
    head_part = re.split(r"\s+(?:who|whose|which|speaking|involved)\b", head_part)[0]
    if role_part and (_REL.match(role_part) or len(role_part.split()) > 12):
        role_part = None
    if role_part:
        role_part = re.sub(r"^(?:the|a|an)\s+", "", role_part, flags=re.I)
    return _classify(head_part, role_part, ctx)


def _backref(noun: str, st: _State, ctx: _Ctx) -> _Speaker | None:
    """ "The spokesman", "the minister": the nearest person named before, when the role fits."""
    words = {"spokeswoman": "spokes", "spokesman": "spokes", "spokesperson": "spokes"}
    key = words.get(noun, noun)
    if noun in ("author", "writer", "authors"):
        return None
    sp = _antecedent(st, ctx)
    if sp is None:
        return None

    def fits(who: _Speaker, role: str | None) -> bool:
        role = (role or "").lower()
        if key == "spokes":
            return "spokes" in role or "press secretary" in role or "spokes" in who.speaker.lower()
        return key in role or key.replace("-", " ") in role

    own = sp.role or st.roles.get(name_key(sp.entity or sp.speaker), (None, sp))[0]
    if fits(sp, own):
        return sp
    # The one person the text gave that role ("Pentagon spokesman John Kirby … Austin … The spokesman").
    holders = [
        who for k, (r, who) in st.roles.items() if k != name_key(sp.entity or sp.speaker) and fits(who, r)
    ]
    if len(holders) == 1:
        return holders[0]
    # A speaking role the text gave nobody: the nearest person.
    if not holders and key in ("spokes", "minister", "secretary general", "president", "commander", "general",
                               "official"):  # fmt: skip
        return sp
    return None


def _org_name(phrase: str) -> str | None:
    phrase = re.sub(r"^(?:an?|the)\s+", "", _clean(phrase), flags=re.I)
    if pm := re.match(
        r"^(?P<org>[A-Z][\w.-]*(?:\s+(?:[A-Z][\w.-]*|administration|government|ministry))*)[’']s\s", phrase
    ):
        return pm.group("org")  # "The Trump administration’s 2018 strategy" -> Trump administration
    phrase = re.sub(rf"\s+(?:{_DOC_NOUNS})\b.*$", "", phrase, flags=re.I)
    phrase = re.sub(r"\s+\([^)]*\)$", "", phrase)
    toks = [t for t in phrase.split() if t[:1].isupper() or t.lower() in ("of", "on", "for", "and", "the")]
    while toks and not toks[0][:1].isupper():
        toks.pop(0)
    # Leading dates or numbers ("October 25 policy brief") are not the body.
    name = " ".join(toks).strip()
    name = re.sub(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                  r"December)\s*\d*\s*", "", name)  # fmt: skip
    return name or None


def _capital(tok: str) -> bool:
    """A capitalised word, counting names with a lower-case particle ("al-Kadhimi")."""
    return tok[:1].isupper() or bool(re.match(r"(?:al|el|bin|ibn|abu|de|van|von)-[^\W\d_]", tok))


def _classify(head: str, role: str | None, ctx: _Ctx) -> _Speaker | None:
    head = _strip_possessive(head.strip())
    toks = head.split()
    if not toks:
        return None
    det = re.match(r"(?:an?|one|another|some|two|three|several|many|most|few|the|unnamed)\b", toks[0], re.I)
    if det or not _capital(toks[-1]):
        cut = re.split(r"\s+(?:of|from|in|at|who|with|involved|on|for|close)\s", " " + head + " ")[0].split()
        toks = cut or toks
        head_noun = toks[-1]
    else:
        head_noun = toks[-1]
    last = head_noun.lower().rstrip(".")
    plural = last in _PLURAL_SPEAKERS
    sing = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    cap_tail = _capital(toks[-1])
    if not cap_tail or det:
        if det and toks[0].lower() == "the" and not plural and not cap_tail and sing not in ("government",):
            return None  # "the NATO secretary general": one person the sentence does not name
        # Unnamed or collective: the head noun must be a speaker noun, in a short noun phrase.
        if (sing in _SPEAKER_NOUNS or last in _SPEAKER_NOUNS) and len(toks) <= 7:
            return _Speaker(head, None, role, False, plural=plural)
        if cap_tail and det and toks[0].lower() == "the":
            org = _org_name(head)
            if org and _ORG_HINT.search(org):
                return _Speaker(head, org, role, True)
        if cap_tail and last in ("allies", "ministers"):
            return _Speaker(head, None, role, False, plural=True)
        return None
    if last in _PLURAL_SPEAKERS or last in ("allies", "ministers", "governments", "officials"):
        return _Speaker(head, None, role, False, plural=True)
    person_name, _t = _split_name(head)
    is_person = bool(person_name) and len(person_name.split()) >= 2 and not _ORG_HINT.search(person_name)
    if _ORG_HINT.search(head) and not is_person:
        org = _org_name(head)
        return _Speaker(head, org, role, True) if org else None
    name, title = _split_name(head)
    if not name:
        return None
    if any(t.lower() in ("and", "&") for t in name.split()):
        return None
    full = _resolve_person(name, ctx)
    ftoks = [t for t in full.split() if not re.fullmatch(r"Jr\.?|Sr\.?|II|III|[A-Z]\.", t)]
    surname = _strip_possessive(ftoks[-1]).lower() if ftoks else ""
    if surname in ctx.authors:
        return None
    if len(ftoks) >= 2:
        ctx.persons.setdefault(ftoks[-1], full)
    if len(full.split()) == 1 and full.isupper():
        return _Speaker(name, full, role or title, True)
    if len(full.split()) == 1 and full not in ctx.persons.values() and name == full:
        # A lone capitalised word nobody introduced ("Jens", "Countries", "Effective"): a body only when it
        # looks like one ("Pentagon"); otherwise we do not know who it is, so nobody is named.
        if _ORG_HINT.search(name):
            return _Speaker(name, name, role or title, True, person=False)
        return None
    return _Speaker(name, full, _join_role(title, role), True, person=True)


def _join_role(title: str | None, role: str | None) -> str | None:
    parts = [p for p in (title, role) if p]
    return ", ".join(parts) if parts else None


# -- who "he", "she" and "the spokesman" point back to -----------------------------------------------
# Words that start a sentence or a capitalised run without being a name ("Then Austin spoke").
_STARTERS = _SKIP_START | set(_PRONOUNS) | {
    "the", "a", "an", "this", "that", "these", "those", "there", "here", "it", "its", "his", "her", "their",
    "we", "i", "you", "our", "what", "why", "how", "where", "now", "today", "yesterday", "first", "next",
    "finally", "instead", "indeed", "nor", "not", "no", "even", "only", "both", "each", "every", "all", "some",
    "many", "most", "few", "several", "one", "asked", "mr.", "mrs.", "ms.", "dr.",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip
# After these a capitalised word is a place or a thing, not someone who could speak ("in Brussels").
_PLACE_PREP = {
    "in", "at", "to", "from", "into", "across", "near", "visited", "visiting", "toward", "towards", "outside",
    "inside", "over", "around", "through", "via", "of", "between", "against", "within", "throughout", "on",
    "under", "about", "for", "than",
}  # fmt: skip
# After these a person is someone's object ("asked by X", "met X"), not the subject a pronoun points to.
_OBJECT_PREV = {
    "by", "with", "about", "asked", "told", "tells", "thanked", "praised", "criticised", "criticized", "met",
    "meets", "called", "urged", "interviewed", "to", "for", "against", "than", "whom",
}  # fmt: skip
# Last words of places and bodies that look like a first name and a surname ("Saudi Arabia").
_PLACE_TAIL = {
    "Arabia", "States", "Kingdom", "East", "West", "North", "South", "Republic", "Emirates", "Gulf", "Sea",
    "Africa", "America", "Europe", "Asia", "Nations", "Front", "Party", "Times", "Post", "News", "Street",
    "Journal", "Guard", "Brigade", "Brigades", "Units", "Mobilization", "Mobilisation", "Zealand", "Korea",
    "Bank", "Strip", "Heights", "Island", "Islands", "Coast", "Valley", "River", "Province", "City", "Square",
    "Day", "War", "Treaty", "Accord", "Agreement", "Summit", "Wire", "Press", "Herald", "Tribune", "Monitor",
}  # fmt: skip
# Countries and the cities this library's news is filed from: never someone who could be "he".
_PLACES = frozenset(
    """Afghanistan Albania Algeria Armenia Australia Austria Azerbaijan Bahrain Belarus Belgium Bosnia Brazil
    Britain Bulgaria Canada Chad China Croatia Cyprus Czechia Denmark Egypt England Estonia Ethiopia Europe
    Finland France Georgia Germany Greece Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan
    Jordan Kazakhstan Kosovo Kurdistan Kuwait Latvia Lebanon Libya Lithuania Luxembourg Mali Malta Moldova
    Montenegro Morocco Netherlands Niger Nigeria Norway Oman Pakistan Palestine Poland Portugal Qatar Romania
    Russia Scotland Serbia Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Tunisia Turkey
    Turkiye Türkiye Ukraine Wales Yemen Gaza Crimea Donbas Sinai Levant Baghdad Basra Mosul Erbil Kirkuk
    Sinjar Fallujah Ramadi Tikrit Raqqa Damascus Aleppo Idlib Ankara Istanbul Tehran Moscow Kyiv Kiev Brussels
    Paris Berlin London Rome Madrid Warsaw Washington Ottawa Vilnius Riga Tallinn Oslo Stockholm Helsinki
    Copenhagen Prague Bucharest Sofia Athens Vienna Geneva Hague Amman Beirut Cairo Riyadh Doha Kabul Mons
    Norfolk Naples Munich Madrid Lisbon Dublin Tokyo Beijing
    Kurdish Iraqi Syrian Turkish Iranian American British French German Russian Ukrainian European Arab Arabic
    Western Eastern Canadian Italian Spanish Polish Dutch Belgian Danish Norwegian Swedish Finnish Greek Israeli
    Palestinian Lebanese Jordanian Saudi Egyptian Libyan Afghan Pakistani Chinese Japanese Indian Sunni Shia
    Shiite Yazidi Muslim Islamic Baltic Nordic Atlantic Transatlantic Allied Kurd Kurds Arabs Yazidis Sunnis
    Shias Americans Russians Europeans Turks Iraqis Syrians Iranians""".split()
)
# Words that may follow someone's name when the sentence is about that person doing something.
_AFTER_NAME = re.compile(
    rf"\s*(?:[,.;:!?)\0]|$)|\s+(?:[a-z]+ly\s+)?(?:{_VERBS}|[a-z]+ed|was|is|had|has|have|were|are|spoke|"
    r"met|meets|will|would|could|can|may|might|must|did|does|went|came|took|gave|made|sent|stood|left|flew|"
    r"held|and|that|who|also|then|later|again|himself|herself)\b"
)
_NAME_RUN = re.compile(
    r"(?<![\w’'-])(?:(?:al|el|bin|ibn|abu|de|van|von|le|la|da|di)[- ])?[A-Z][\w’'.-]*"
    r"(?: (?:(?:al|el|bin|ibn|abu|de|van|von|le|la|da|di)[- ])?[A-Z][\w’'.-]*)*"
)


@dataclass
class _Mention:
    pos: int  # offset in its passage
    kind: str  # "person" (resolved), "maybe" (could be someone we cannot name), "other" (a place, a body)
    speaker: _Speaker | None = None


@lru_cache(maxsize=1)
def _not_persons() -> frozenset[str]:
    """Name keys of the curated bodies, places, groups and operations (never a "he")."""
    from .gazetteer import load_gazetteer

    keys = set()
    for e in load_gazetteer():
        if e.kind != "person":
            keys.update(name_key(n) for n in (e.name, *e.aliases))
    return frozenset(keys)


def _mention(masked: str, m: re.Match, s0: int, ctx: _Ctx) -> _Mention | None:
    """What a capitalised run names: a person we can resolve, maybe someone, or something else."""
    toks = m.group(0).split(" ")
    # A possessive before a name belongs to someone else: "Reuters’ Jane Doe" is Jane Doe.
    owned = False
    for i in range(len(toks) - 2, -1, -1):
        if re.search(r"[’']s?$", toks[i]):
            toks, owned = toks[i + 1 :], True
            break
    while toks and toks[0].lower() in _STARTERS:
        toks = toks[1:]
    if toks and len(toks[-1]) > 2 and toks[-1].endswith(".") and not _ABBREV.search(toks[-1]):
        toks[-1] = toks[-1][:-1]  # the sentence's full stop
    if not toks:
        return None
    phrase = " ".join(toks)
    pos = m.start() + m.group(0).rfind(phrase)
    words_before = masked[max(s0, pos - 60) : pos].replace("\0", " ").split()
    prev = words_before[-1].lower() if words_before else ""
    after = masked[m.end() :]
    known = _strip_possessive(toks[-1]) in known_persons()
    if (
        name_key(phrase) in _not_persons()
        or _strip_possessive(phrase) in _PLACES
        or all(t.lower().strip(".,") in _TITLE_WORDS or t.lower() in _SPEAKER_NOUNS for t in toks)
        or toks[-1].rstrip(".,") in _PLACE_TAIL
        or phrase.isupper()
        or _ORG_HINT.search(phrase)
    ):
        return _Mention(pos, "other")
    if not known and (prev in _PLACE_PREP or not _AFTER_NAME.match(after)):
        return _Mention(pos, "other")  # "in Brussels", "Ukrainian minister"
    # A role written before the name in lower case: "Alliance spokesman Tomas Ruud".
    title = []
    for w in reversed(words_before[-4:]):
        if w.lower().strip(",") in _TITLE_WORDS or w.lower() in _SPEAKER_NOUNS:
            title.insert(0, w)
        else:
            break
    sp = _classify(phrase, " ".join(title) or None, ctx)
    if sp is not None and sp.person:
        # Someone named as another's object or possession ("asked by Jane Doe", "Reuters’ Jane Doe",
        # "Macron’s remarks") is seldom who "he" means, but might be: the pronoun stays unattributed.
        if owned or prev in _OBJECT_PREV or re.search(r"[’']s?$", toks[-1]):
            return _Mention(pos, "maybe", sp)
        return _Mention(pos, "person", sp)
    if sp is not None:
        return _Mention(pos, "other")
    return _Mention(pos, "maybe")


def _sentence_mentions(st: _State, ctx: _Ctx, q: int) -> list[tuple[int, int, list[_Mention]]]:
    """Passage ``q``'s sentences (outside quotations), each with the names it mentions, in text order."""
    if q in st.mentions:
        return st.mentions[q]
    text = st.passages[q].text
    masked = _mask(text, quote_spans(text))
    saved, _RAW[0] = _RAW[0], text
    try:
        sents = _sentences(masked)
    finally:
        _RAW[0] = saved
    out = []
    for s0, e0 in sents:
        ms = [x for m in _NAME_RUN.finditer(masked, s0, e0) if (x := _mention(masked, m, s0, ctx))]
        for x in ms:
            if x.speaker is not None and x.speaker.role:
                st.roles.setdefault(
                    name_key(x.speaker.entity or x.speaker.speaker), (x.speaker.role, x.speaker)
                )
        out.append((s0, e0, ms))
    st.mentions[q] = out
    return out


def _antecedent(st: _State, ctx: _Ctx) -> _Speaker | None:
    """The person a pronoun at ``st.at`` in passage ``st.pi`` points back to: the nearest person named before
    it (whatever the verb), in its own or the previous paragraph, or two back when nothing is named between.
    None when the nearest sentence naming anyone names two people (or someone we cannot resolve): an
    unattributed quote is better than a guess."""
    names_between = False
    for back in range(3):
        q = st.pi - back
        if q < 0:
            return None
        for s0, _e0, ms in reversed(_sentence_mentions(st, ctx, q)):
            if back == 0:
                if s0 >= st.at:
                    continue
                ms = [x for x in ms if x.pos < st.at]
            cands = [x for x in ms if x.kind != "other"]
            said = st.spoken.get((q, s0))
            if said is not None and (back > 0 or said.pos < st.at):
                # The sentence's own speaker, even when it names him only as "he" ("“…,” he told Jane Doe").
                cands = sorted([said, *cands], key=lambda x: x.pos)
            if not cands:
                names_between = names_between or (back >= 1 and bool(ms))
                continue
            if back == 2 and names_between:
                return None
            people = {name_key(x.speaker.entity or x.speaker.speaker): x.speaker for x in cands if x.speaker}
            if len(people) == 1 and not any(x.kind == "maybe" for x in cands):
                return next(iter(people.values()))
            # Two people (or someone we cannot name) in one sentence: the one who spoke in it, if he is also
            # named first (its subject: "Macron said Lavrov was wrong. “…,” he said.").
            first = cands[0].speaker
            if said is not None and said.speaker is not None and first is not None:
                if name_key(said.speaker.entity or said.speaker.speaker) == name_key(
                    first.entity or first.speaker
                ):
                    return said.speaker
            return None
    return None


_RELAYED = re.compile(r"\b(?:quoting|citing|paraphrasing|relaying|reading out|reading from|repeating)\b")
_DENIAL = re.compile(
    r"\b(?:den(?:ied|ies|y|ying)|never|not|no longer|n[’']t|refused|refuses|declined|declines|rejected|"
    r"rejects|dismissed|dismisses|disputed|disputes|refuted|contradicted|disavowed)\b",
    re.I,
)


def _denied(before_verb: str) -> bool:
    """Whether the words just before a speech verb deny it ("never said", "did not say", "rejected claims",
    "denied saying"): what follows is not that person's statement."""
    tail = " ".join(before_verb.replace("\0", " ").split()[-4:])
    return bool(_DENIAL.search(tail))


# -- the extractor -----------------------------------------------------------------------------------
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}\s+[—–-]+\s+")
_TRANSCRIPT = re.compile(r"^(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}):\s+(?P<what>\S.*)$", re.S)
_ACCORDING_BEFORE = re.compile(
    r"^(?:[A-Z][a-z]*(?: [a-z]+){0,4},\s*)?(?:[Aa]ccording to|[Ii]n the words of)\s+(?P<who>[^,:\0]+?)"
    r"(?:,\s*(?:which|who|whose|where)\b[^,:\0]*)?\s*[,:]\s*"
)
_ACCORDING_AFTER = re.compile(r"(?:,|\0(?=\s))\s+according to\s+(?P<who>[^;:\0]+?)\s*[.;]?\s*$")
_AS_CONCLUDED = re.compile(
    rf"^(?:[Aa]s|[Ii]n the words of)\s+(?P<who>.+?)(?:\s+(?:{_VERBS})\b[^:\0]*)?[:,]\s*$"
)
_PARENTHETICAL = re.compile(
    rf",\s+(?P<who>(?:the\s+)?[\w -]+?)\s+(?:{_VERBS})(?:\s+(?:in|on|last|this)\s+[\w ]{{1,20}})?,\s+"
)


def find_statements(src: Source, persons: dict[str, str]) -> list[SpeakerQuote]:
    """Every statement in a source, passage by passage, with the state carried across paragraphs."""
    ctx = _Ctx(
        persons,
        {a.split()[-1].lower() for a in src.authors if a.split()},
        src.outlet,
        src.text,
    )
    st = _State(passages=list(src.passages))
    out: list[SpeakerQuote] = []
    transcript = _transcript_names(src, ctx)
    for pi, p in enumerate(src.passages):
        st.pi, st.sent = pi, -1
        out.extend(_passage(src, p, pi, ctx, st, transcript))
    return out


def _transcript_names(src: Source, ctx: _Ctx) -> set[str]:
    """Names that open two or more paragraphs as "Name: ..." (an interview transcript's speakers)."""
    seen: dict[str, int] = {}
    for p in src.passages:
        if m := _TRANSCRIPT.match(p.text):
            seen[m.group("who")] = seen.get(m.group("who"), 0) + 1
    names = {w for w, n in seen.items() if n >= 2}
    if len(names) < 1 or sum(seen.get(w, 0) for w in names) < 3:
        return set()
    return names


def _emit(src, p, s: int, e: int, sp: _Speaker, direct: bool, out: list, st: _State, pi: int) -> None:
    text = p.text
    while s < e and text[s] in " ,\0\n":
        s += 1
    while e > s and text[e - 1] in " ,;:\n":
        e -= 1
    if e - s < 3 or len(text[s:e].split()) < (1 if direct else 3):
        return
    if src.text[p.start + s : p.start + e] != text[s:e]:
        return  # never store words that are not verbatim in the source
    key = name_key(sp.entity or sp.speaker) if sp.named else ""
    out.append(
        SpeakerQuote(
            src.id, p.id, p.start + s, p.start + e, sp.speaker, key, sp.named, direct, sp.entity, sp.role
        )
    )
    _remember(sp, st, pi)


def _remember(sp: _Speaker, st: _State, pi: int) -> None:
    if sp.named and sp.person:
        st.last_passage = pi
        st.spoken.setdefault((pi, st.sent), _Mention(max(st.at, st.sent), "person", sp))
        if sp.role:
            st.roles[name_key(sp.entity or sp.speaker)] = (sp.role, sp)
    elif sp.plural:
        st.last_plural = sp
        st.last_passage = max(st.last_passage, pi)


def _passage(src, p, pi: int, ctx: _Ctx, st: _State, transcript: set[str]) -> list[SpeakerQuote]:
    text = p.text
    out: list[SpeakerQuote] = []
    if transcript and (m := _TRANSCRIPT.match(text)):
        who = m.group("who")
        if who in transcript and not (ctx.outlet and name_key(who) == name_key(ctx.outlet)):
            sp = _classify(who, None, ctx)
            if sp and sp.named:
                _emit(src, p, m.start("what"), len(text), sp, True, out, st, pi)
        return out
    if not st.pending_colon and not _hinted(text):
        st.last_quote_speaker = None
        return out  # no quotation mark, no speech verb: nothing anyone said (most passages of a long text)
    spans = quote_spans(text)
    masked = _mask(text, spans)
    _RAW[0] = text
    # A paragraph that is all quotation, after "X described the task:" or after another such paragraph.
    if st.pending_colon and spans and spans[0][0] == 1:
        if spans[0][1] == len(text):
            _emit(src, p, 1, len(text), st.pending_colon, True, out, st, pi)
            return out  # the quotation goes on in the next paragraph
        if len(spans) == 1 and not text[spans[0][1] + 1 :].strip():
            _emit(src, p, 1, spans[0][1], st.pending_colon, True, out, st, pi)
            st.pending_colon = None
            return out
    st.pending_colon = None
    prev_quote_speaker = st.last_quote_speaker if pi - st.last_passage <= 0 else None
    for s0, e0 in _sentences(masked):
        sent = masked[s0:e0]
        st.sent = s0
        qs = [(a, b) for a, b in spans if s0 <= a - 1 and b <= e0]
        used: list[tuple[int, int]] = []
        # Reported speech first: its clause may hold a quoted fragment ("called it a “back door”").
        for cs, ce, sp, *direct in _reported(sent, s0, ctx, st, pi):
            _emit(src, p, cs, ce, sp, bool(direct), out, st, pi)
            used.append((cs - 1, ce + 1))
        sentence_speaker: _Speaker | None = None
        if qs:
            sentence_speaker = _quote_speaker(masked, text, s0, e0, qs, ctx, st, pi)
        for a, b in qs:
            if any(cs <= a and b <= ce for cs, ce in used):
                continue
            sp = sentence_speaker
            only_quote = not _clean(masked[s0:e0].replace("\0", ""))
            if sp is None and only_quote and prev_quote_speaker is not None:
                sp = prev_quote_speaker  # the second half of a split quote
            if sp is None:
                continue
            if not only_quote and not _adjacent(masked, s0, e0, a, b):
                continue  # a quoted phrase inside the writer's sentence ("a new “surge” in Iraq")
            _emit(src, p, a, b, sp, True, out, st, pi)
        if qs and sentence_speaker is not None:
            prev_quote_speaker = sentence_speaker
        elif qs and not _clean(sent.replace("\0", "")) and prev_quote_speaker is not None:
            pass
        else:
            prev_quote_speaker = None
    st.last_quote_speaker = prev_quote_speaker
    if prev_quote_speaker is not None:
        st.last_passage = pi
    # "…described the task in an interview last autumn:" closing a paragraph: the next one is the quotation.
    tail = masked.rstrip()
    if tail.endswith(":") and not spans:
        sent_start = _sentences(masked)[-1][0]
        sp = _colon_speaker(masked[sent_start:].rstrip()[:-1], ctx, st, pi, len(masked))
        st.pending_colon = sp
    return out


def _adjacent(masked: str, s0: int, e0: int, a: int, b: int) -> bool:
    """Whether a quotation stands next to its attribution: it opens the sentence, follows a colon or comma
    introduction, or is followed by one (", she said")."""
    before = masked[s0 : a - 1].rstrip()
    after = masked[b + 1 : e0].lstrip()
    return (
        not before.replace("\0", "").strip()
        or before.endswith((":", ",", "\0"))
        or not after
        or after[:1] in ",.!?\0"
    )


def _colon_speaker(prefix: str, ctx: _Ctx, st: _State, pi: int, at: int) -> _Speaker | None:
    if m := _AS_CONCLUDED.match(prefix + ":"):
        return _speaker_of(m.group("who"), ctx, st, pi, at)
    vm = re.search(rf"\b(?:{_VERBS}|described|put it|spoke)\b", prefix)
    if vm is None:
        return None
    return _speaker_of(_subject(prefix[: vm.start()]), ctx, st, pi, at)


def _subject(pre: str) -> str:
    """The subject before a verb: after the last clause break; adverbs and auxiliaries dropped."""
    cut = 0
    for m in re.finditer(r",\s+(?:but|and|while|though|although)\s+|;\s+|\sbut\s", pre):
        cut = m.end()
    pre = pre[cut:]
    pre = re.sub(rf"\s+{_AUX}$", " ", pre + " ").strip()
    return pre


def _quote_speaker(masked: str, text: str, s0: int, e0: int, qs, ctx: _Ctx, st: _State, pi: int):
    """The speaker the sentence gives to its quotation(s), or None."""
    sent = masked[s0:e0]
    first_q = qs[0][0] - 1 - s0
    last_q = qs[-1][1] + 1 - s0
    before = sent[:first_q]
    after = sent[last_q:]
    segs = [(last_q, after)] + [
        (qs[i][1] + 1 - s0, sent[qs[i][1] + 1 - s0 : qs[i + 1][0] - 1 - s0]) for i in range(len(qs) - 1)
    ]
    # "…," Kirby said. / "…," said Heiko Maas, Germany's foreign minister, at … / "…," he told Reuters' X.
    for off, seg in segs:
        m = re.match(rf"^[,.!?]?\s*(?P<who>[^\0]{{0,140}}?)\s*\b(?P<verb>{_VERBS})\b(?P<rest>[^\0]*)$", seg)
        if not m:
            continue
        if _RELAYED.match(m.group("rest").strip(" ,")):
            return None  # "“…,” Lavrov said, quoting an unnamed minister": someone else's words
        who = m.group("who").strip()
        if who:
            trailing_pronoun = re.search(r",\s*(?:he|she)$", who)
            if re.search(rf"\b(?:{_VERBS})\b", who) or (len(who.split()) > 14 and not trailing_pronoun):
                continue
            sp = _speaker_of(_subject(who), ctx, st, pi, s0 + off + m.start("verb"))
            if sp is None and re.fullmatch(r"[A-Z][a-z’'-]+", who) and who.lower() not in _STARTERS:
                # "“…,” Fidan said": a name right after the quotation, even one we cannot resolve.
                if not (_ORG_HINT.search(who) or _strip_possessive(who).lower() in ctx.authors):
                    sp = _Speaker(who, None, None, True, person=True)
            return sp
        # Inverted: "said Ali Hassan, a clothes seller whose stall …"
        rest = m.group("rest").strip()
        im = re.match(
            r"^(?P<who>[^,.;\0]+?)(?:,\s*(?P<role>[^,.;\0]+))?(?:,|\.|\s+(?:at|in|on|during)\s|$)", rest
        )
        if im:
            sp = _classify(im.group("who"), None, ctx)
            if sp is not None:
                role = im.group("role")
                if role:
                    role = re.split(r"\s+(?:who|whose|which|at|in)\s", role)[0]
                    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.I)
                    sp = _Speaker(
                        sp.speaker, sp.entity, _join_role(sp.role, role), sp.named, sp.plural, sp.person
                    )
                return sp
        return None
    # Colon or comma introductions: "X said: “…”", "In the words of X, “…”", "As X concluded: “…”".
    b = before.rstrip()
    if b.endswith(":") or b.endswith(","):
        if m := _AS_CONCLUDED.match(b):
            return _speaker_of(m.group("who"), ctx, st, pi, s0 + first_q)
        if b.endswith(":"):
            return _colon_speaker(b[:-1], ctx, st, pi, s0 + first_q)
    # "X said the alliance “will never act …”" is a reported clause; "X have indicated that … is “…”" too.
    return None


# Every statement needs one of these strings in its passage: a cheap test (substring search) before the
# patterns, which would otherwise run over every paragraph of a long report.
_HINTS = tuple({w.split("[")[0] for w in _VERBS.split("|")} | {'"', "“", "”", ":", "ccording to", "words of"})


def _hinted(text: str) -> bool:
    return any(h in text for h in _HINTS)


_VERB_THAT = re.compile(r"\s+(?P<obj>(?:[^\s,;:\0]+\s+){0,9}?)that\s+")
_SAID_THAT = re.compile(
    r"\s+(?P<obj>(?:(?:on|in|this|last|at|during)\s+[^\s,;:\0]+(?:\s+[^\s,;:\0]+){0,6}?\s+)?)that\s+"
)
_SAID_BARE = re.compile(r"\s+(?P<obj>)")


def _reported(sent: str, s0: int, ctx: _Ctx, st: _State, pi: int):
    """(start, end, speaker) of each reported clause in a masked sentence; offsets in the passage."""
    out = []
    # "According to X, CLAUSE." / "In the words of X, CLAUSE."
    if m := _ACCORDING_BEFORE.match(sent):
        sp = _speaker_of(m.group("who"), ctx, st, pi, s0 + m.end("who"))
        if sp is not None:
            cs, ce = m.end(), _clause_end(sent, m.end())
            if "\0" not in sent[cs:ce] or _clean(sent[cs:ce].replace("\0", "")):
                out.append((s0 + cs, s0 + ce, sp))
        return out
    # "CLAUSE, according to X." / "… and “QUOTE,” according to X." ("“…,” Fidan said, according to a
    # readout" is Fidan's: the readout is where the writer read it, handled below as his quotation.)
    m = _ACCORDING_AFTER.search(sent)
    if m and not re.search(rf"\0[,.!?]?\s*[^\0]{{0,60}}?\b(?:{_VERBS})\b[^\0]*$", sent[: m.start()]):
        sp = _speaker_of(m.group("who"), ctx, st, pi, s0 + m.end("who"))
        if sp is not None:
            if sent[m.start()] == "\0":
                qs = sent.rfind("\0", 0, m.start())
                q0 = qs
                while q0 > 0 and sent[q0 - 1] == "\0":
                    q0 -= 1
                out.append((s0 + q0 + 1, s0 + m.start(), sp, True))  # the quotation, marks excluded
                return out
            start = 0
            for b in re.finditer(r"[:;]\s+", sent[: m.start()]):
                start = b.end()
            out.append((s0 + start, s0 + m.start(), sp))
        return out
    # "The ground between them, the fighters say, belongs to no one."
    if m := _PARENTHETICAL.search(sent):
        sp = _speaker_of(m.group("who"), ctx, st, pi, s0 + m.end("who"))
        if sp is not None:
            if qm := re.match(r"[a-z]+\s+(\0+)", sent[m.end() :]):
                # "NATO, Trump said in May 2016, was “obsolete.”": the quotation is his.
                a, b = m.end() + qm.start(1) + 1, m.end() + qm.end(1) - 1
                out.append((s0 + a, s0 + b, sp, True))
                return out
            if not sp.named:
                out.append((s0 + m.end(), s0 + _clause_end(sent, m.end()), sp))
                return out
    pos = 0
    prev_sp: _Speaker | None = None
    for vm in VERB_RE.finditer(sent):
        if vm.start() < pos:
            continue
        verb = vm.group("verb")
        after = sent[vm.end() :]
        # "…, adding that CLAUSE": the sentence's speaker again.
        if verb in ("said", "says", "say") and re.match(r"\s*[:,]?\s*\0", after):
            continue  # a quotation follows: handled as direct speech
        if verb in _BARE_OK:
            # "said (in a joint statement|on Monday|this week) that …", or "said …" with no "that".
            tm = _SAID_THAT.match(after) or _SAID_BARE.match(after)
        else:
            tm = _VERB_THAT.match(after)
        if not tm:
            continue
        obj = tm.group("obj").strip()
        if verb not in _BARE_OK and verb not in ("told", "tells", "wrote", "writes") and len(obj.split()) > 6:
            continue
        cs = vm.end() + tm.end()
        first = re.match(r"[\w’'-]+", sent[cs:])
        if verb in _BARE_OK and "that" not in after[: tm.end()]:
            lead = first.group(0).lower() if first else ""
            if (
                not first
                or (lead in _PREP and not sent.startswith("at least", cs))
                or sent[cs : cs + 1] == "\0"
            ):
                continue
        ce = _clause_end(sent, cs)
        sp = _speaker_of(_subject(sent[pos : vm.start()]), ctx, st, pi, s0 + vm.start())
        if sp is None or ce - cs < 8:
            pos = cs
            continue
        if sent[cs] == "\0" and not sent[cs:ce].strip("\0 ,.").replace("\0", ""):
            q1 = cs
            while q1 < len(sent) and sent[q1] == "\0":
                q1 += 1
            out.append((s0 + cs + 1, s0 + q1 - 1, sp, True))  # 'declared that “…”': his own words
        else:
            out.append((s0 + cs, s0 + ce, sp))
        prev_sp = sp
        _remember(sp, st, pi)
        pos = ce
    # ", adding that CLAUSE"
    for am in re.finditer(r",\s+adding\s+that\s+", sent):
        if prev_sp is not None and not any(a - s0 <= am.end() < b - s0 for a, b, *_ in out):
            cs = am.end()
            out.append((s0 + cs, s0 + _clause_end(sent, cs), prev_sp))
    return out


def _clause_end(sent: str, cs: int) -> int:
    """Where a reported clause starting at ``cs`` ends: the sentence end, or a colon, semicolon, dash, or
    ", but / though / while …" (the writer's turn)."""
    m = _CLAUSE_STOP.search(sent, cs)
    end = m.start() if m else len(sent.rstrip())
    seg = sent[cs:end].rstrip()
    while seg and seg[-1] in ".!?,":
        seg = seg[:-1]
    return cs + len(seg)


@lru_cache(maxsize=1)
def known_persons() -> dict[str, str]:
    """Surname -> full name for the curated people (so "Stoltenberg" alone resolves to Jens Stoltenberg)."""
    from .gazetteer import load_gazetteer

    out: dict[str, str] = {}
    for e in load_gazetteer():
        if e.kind == "person" and len(e.name.split()) > 1:
            out.setdefault(e.name.split()[-1], e.name)
    return out


def speakers_by_passage(statements: list[SpeakerQuote]) -> dict[str, list[str]]:
    """passage id -> the names of who speaks in it (as written and as resolved), for the search index's
    ``speaker`` field: the box matches a speaker's name and ``speaker:`` filters by it."""
    out: dict[str, list[str]] = {}
    for q in statements:
        if not q.named:
            continue
        names = out.setdefault(q.passage_id, [])
        for n in (q.speaker, q.entity):
            if n and n not in names:
                names.append(n)
    return out
