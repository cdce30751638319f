"""What "he", "she" and "the spokesman" point back to: the nearest person named before them (whatever the
verb), in the same or the previous paragraph; two plausible people, or a name that cannot be resolved, leave
the quotation unattributed. A pronoun never goes to a person the text gave the other gender, nor to a person of
unknown gender when another person could be meant; "the spokesman" is never the principal. Also the reading
state carried from sentence to sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..names import name_key
from .persons import Ctx, Speaker, classify, known_persons, split_name, strip_possessive
from .sentences import ABBREV, RAW, mask, quote_spans, sentences
from .words import (
    AFTER_NAME,
    NAME_RUN,
    OBJECT_PREV,
    ORG_HINT,
    PLACE_PREP,
    PLACE_TAIL,
    PLACES,
    PLURAL_SPEAKERS,
    SPEAKER_NOUNS,
    STARTERS,
    TITLE_WORDS,
    UNNAMED_PERSON,
)


@dataclass
class State:
    """What the previous sentences told us: who was named (for "he", "the spokesman"), who spoke last (split
    quotes), and where the extractor is (passage ``pi``, offset ``at``: where a pronoun being resolved stands)."""

    passages: list = field(default_factory=list)  # the source's passages (names are looked up lazily)
    pi: int = 0
    at: int = 0
    mentions: dict = field(default_factory=dict)  # passage index -> its sentences' name mentions
    spoken: dict = field(default_factory=dict)  # (passage index, sentence start) -> its speaker (_Mention)
    sent: int = -1  # where the sentence being read starts in its passage
    # name key -> (a role the text gave that person, the person, (passage index, offset) where it was given)
    roles: dict = field(default_factory=dict)
    last_plural: Speaker | None = None
    last_plural_at: tuple[int, int] = (-10, -1)  # (passage index, sentence start) where they spoke
    last_passage: int = -10
    last_quote_speaker: Speaker | None = None  # the speaker of the quote that ended the previous sentence
    pending_colon: Speaker | None = None  # "X described the task:" at a paragraph's end
    # name key -> ("m" or "f", (passage, offset) where the text said so): only what the text itself says
    # (Mr./Ms., "he"/"his" after the one person a sentence names, a pronoun resolved to that person)
    gender: dict = field(default_factory=dict)
    quoted: set = field(
        default_factory=set
    )  # (passage index, sentence start) of sentences with a direct quote


def backref(noun: str, st: State, ctx: Ctx) -> Speaker | None:
    """ "The spokesman", "the minister": the nearest person named before, when the role fits."""
    words = {"spokeswoman": "spokes", "spokesman": "spokes", "spokesperson": "spokes"}
    key = words.get(noun, noun)
    if noun in ("author", "writer", "authors"):
        return None
    _people_near(st, ctx)  # reads the roles the text gives the people named near (st.roles)
    sp = antecedent(st, ctx)

    def fits(who: Speaker, role: str | None) -> bool:
        role = (role or "").lower()
        if key == "spokes":
            return "spokes" in role or "press secretary" in role or "spokes" in who.speaker.lower()
        return key in role or key.replace("-", " ") in role

    given = {k: (r, who) for k, (r, who, at) in st.roles.items() if at < (st.pi, st.at)}  # before the phrase
    if sp is not None and fits(sp, sp.role or given.get(name_key(sp.entity or sp.speaker), (None, sp))[0]):
        return sp
    # The one person the text gave that role ("Pentagon spokesman John Kirby … Austin … The spokesman").
    holders = [who for r, who in given.values() if fits(who, r)]
    if len(holders) == 1:
        return holders[0]
    return None


def _people_near(st: State, ctx: Ctx) -> set[str]:
    """The people named (or spoken of) in the paragraphs a back-reference may reach: this one up to ``st.at``
    and the two before."""
    keys: set[str] = set()
    for q, x in _mentions_before(st, ctx):
        if x.kind == "person" and x.speaker is not None:
            keys.add(name_key(x.speaker.entity or x.speaker.speaker))
        elif x.kind == "maybe" and not (x.end >= 0 and q == st.pi and st.at - x.end <= 25):
            keys.add(f"?{q}.{x.pos}")
    return keys


def _persons_near(st: State, ctx: Ctx) -> set[str]:
    """The people a pronoun could mean besides its nearest antecedent: persons named as subjects (not as
    someone's object) or who spoke, in its paragraph before it and in the two paragraphs before."""
    keys: set[str] = set()
    for q, x in _mentions_before(st, ctx):
        if x.kind == "person" and x.speaker is not None and x.speaker.person:
            keys.add(_key(x.speaker))
        elif x.speaker is None and gender(st, f"?{q}.{x.pos}"):
            keys.add(f"?{q}.{x.pos}")
    return keys


def _mentions_before(st: State, ctx: Ctx) -> Iterator[tuple[int, _Mention]]:
    """(paragraph, mention) for every mention and speaker a back-reference may reach: in its paragraph before
    it, and in the two paragraphs before."""
    for q in range(max(0, st.pi - 2), st.pi + 1):
        for s0, _e, ms in sentence_mentions(st, ctx, q):
            said = st.spoken.get((q, s0))
            for x in [*ms, *([said] if said else [])]:
                if not (q == st.pi and x.pos >= st.at):
                    yield q, x


@dataclass
class _Mention:
    pos: int  # offset in its passage
    kind: str  # "person" (resolved), "maybe" (could be someone we cannot name), "other" (a place, a body)
    speaker: Speaker | None = None
    end: int = -1  # an unnamed person's noun phrase ("a senior diplomat"): where it ends


_SUBJECT_VERB = re.compile(r"\s+[a-z]{2,}s\b")  # "covers", "writes", "leads": a present-tense verb


@lru_cache(maxsize=1)
def _not_persons() -> frozenset[str]:
    """Name keys of the curated bodies, places, groups and operations (never a "he")."""
    from ..gazetteer import load_gazetteer

    keys: set[str] = set()
    for e in load_gazetteer():
        if e.kind != "person":
            keys.update(name_key(n) for n in (e.name, *e.aliases))
    return frozenset(keys)


def _mention(masked: str, m: re.Match, s0: int, ctx: Ctx) -> _Mention | None:
    """What a capitalised run names: a person we can resolve, maybe someone, or something else."""
    toks = m.group(0).split(" ")
    # A possessive before a name belongs to someone else: "Reuters’ Jane Doe" is Jane Doe.
    owned = False
    for i in range(len(toks) - 2, -1, -1):
        if re.search(r"[’']s?$", toks[i]):
            toks, owned = toks[i + 1 :], True
            break
    while toks and toks[0].lower() in STARTERS:
        toks = toks[1:]
    stop = 0
    if toks and len(toks[-1]) > 2 and toks[-1].endswith(".") and not ABBREV.search(toks[-1]):
        toks[-1], stop = toks[-1][:-1], 1  # the sentence's full stop
    if not toks:
        return None
    phrase = " ".join(toks)
    pos = m.start() + m.group(0).rfind(phrase)
    words_before = masked[max(s0, pos - 60) : pos].replace("\0", " ").split()
    prev = words_before[-1].lower() if words_before else ""
    after = masked[m.end() - stop :]  # "… met Maria Rossi." : the full stop follows the name
    known = strip_possessive(toks[-1]) in known_persons()
    name = split_name(phrase)[0] or phrase  # the name without its title ("NATO Secretary General …")
    if (
        name_key(name) in _not_persons()
        or strip_possessive(name) in PLACES
        or all(t.lower().strip(".,") in TITLE_WORDS or t.lower() in SPEAKER_NOUNS for t in toks)
        or toks[-1].rstrip(".,") in PLACE_TAIL
        or name.isupper()
        or ORG_HINT.search(name)
    ):
        return _Mention(pos, "other")
    if not known and (prev in PLACE_PREP or not AFTER_NAME.match(after)):
        if len(toks) > 1 and _SUBJECT_VERB.match(after) and all(w.lower() in STARTERS for w in words_before):
            # A sentence's subject doing something ("Jonas Lindqvist covers security."): someone a later "he"
            # may mean, so the pronoun does not reach past him to an earlier speaker.
            return _Mention(pos, "maybe")
        return _Mention(pos, "other")  # "in Brussels", "Ukrainian minister"
    # A role written before the name in lower case: "Alliance spokesman Tomas Ruud".
    title: list[str] = []
    for w in reversed(words_before[-4:]):
        if w.lower().strip(",") in TITLE_WORDS or w.lower() in SPEAKER_NOUNS:
            title.insert(0, w)
        else:
            break
    sp = classify(phrase, " ".join(title) or None, ctx)
    if sp is not None and sp.person:
        # Someone named as another's object or possession ("asked by Jane Doe", "Reuters’ Jane Doe",
        # "Macron’s remarks") is seldom who "he" means, but might be: the pronoun stays unattributed.
        if owned or prev in OBJECT_PREV or re.search(r"[’']s?$", toks[-1]):
            return _Mention(pos, "maybe", sp)
        return _Mention(pos, "person", sp)
    if sp is not None:
        return _Mention(pos, "other")
    return _Mention(pos, "maybe")


def sentence_mentions(st: State, ctx: Ctx, q: int) -> list[tuple[int, int, list[_Mention]]]:
    """Passage ``q``'s sentences (outside quotations), each with the names it mentions, in text order."""
    if q in st.mentions:
        return st.mentions[q]
    text = st.passages[q].text
    masked = mask(text, quote_spans(text))
    saved, RAW[0] = RAW[0], text
    try:
        sents = sentences(masked)
    finally:
        RAW[0] = saved
    out = []
    for s0, e0 in sents:
        ms = [x for m in NAME_RUN.finditer(masked, s0, e0) if (x := _mention(masked, m, s0, ctx))]
        # Someone unnamed is someone too: "A senior diplomat disagreed. “…,” he said" is not the last name's.
        ms += [_Mention(m.start(), "maybe", None, m.end()) for m in UNNAMED_PERSON.finditer(masked, s0, e0)]
        ms.sort(key=lambda x: x.pos)
        _learn_gender(st, masked, s0, e0, ms, q)
        for x in ms:
            if x.speaker is not None and x.speaker.role:
                st.roles.setdefault(
                    name_key(x.speaker.entity or x.speaker.speaker), (x.speaker.role, x.speaker, (q, x.pos))
                )
        out.append((s0, e0, ms))
    st.mentions[q] = out
    return out


_TITLE_GENDER = re.compile(r"\b(?:(?P<m>Mr|Sir|Lord)|(?P<f>Mrs|Ms|Miss|Madam|Dame|Lady))\.?\s+$")
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)


def _key(sp: Speaker) -> str:
    return name_key(sp.entity or sp.speaker)


def _learn_gender(st: State, masked: str, s0: int, e0: int, ms: list[_Mention], q: int) -> None:
    """What the text itself says of a person's gender: a title before the name ("Ms. Rossi"), or "he"/"his"
    ("she"/"her") after the only person a sentence names ("Jens Stoltenberg toured his base"). A first name
    is never evidence."""
    people = [x for x in ms if x.kind == "person" and x.speaker is not None]
    for x in ms:
        if t := _TITLE_GENDER.search(masked[max(s0, x.pos - 12) : x.pos]):
            # "Ms. Marr" with no first name is still a woman someone may call "she".
            key = _key(x.speaker) if x.speaker is not None else f"?{q}.{x.pos}"
            st.gender.setdefault(key, ("m" if t.group("m") else "f", (q, x.pos)))
    one = people[0] if len(people) == 1 else None
    if one is not None and one.speaker is not None and all(x.kind == "other" or x is one for x in ms):
        rest = masked[one.pos : e0]
        he, she = bool(_HE.search(rest)), bool(_SHE.search(rest))
        if he != she:
            st.gender.setdefault(_key(one.speaker), ("m" if he else "f", (q, one.pos)))


def gender(st: State, key: str) -> str | None:
    """The gender the text gave this person before the phrase being resolved ("m", "f"), or None."""
    g = st.gender.get(key)
    return g[0] if g is not None and g[1] < (st.pi, st.at) else None


def learn_pronoun(st: State, sp: Speaker | None, pronoun: str) -> None:
    """A person "he" or "she" was resolved to is, from then on, of that gender."""
    if sp is not None and sp.person:
        st.gender.setdefault(_key(sp), ("m" if pronoun == "he" else "f", (st.pi, st.at)))


def antecedent(st: State, ctx: Ctx, pronoun: str | None = None) -> Speaker | None:
    """``pronoun`` ("he"/"she"): a person the text gave the other gender is never the referent; a person of
    unknown gender is, only when no other person who could be meant is named within reach."""
    want = {"he": "m", "she": "f"}.get(pronoun or "")
    sp = _antecedent(st, ctx, want)
    if sp is None or want is None or gender(st, _key(sp)) == want:
        return sp
    if _next_to(st, ctx, sp):
        return sp
    near = _persons_near(st, ctx) - {_key(sp)}
    return None if any(gender(st, k) in (None, want) for k in near) else sp


def _next_to(st: State, ctx: Ctx, sp: Speaker) -> bool:
    """Whether the pronoun's own sentence names this person before it, or he spoke in the sentence just before
    (in the same paragraph): "“…,” Rasool said. “…,” he said."."""
    sents = sentence_mentions(st, ctx, st.pi)
    k = max((i for i, (s0, _e, _m) in enumerate(sents) if s0 <= st.at), default=None)
    if k is None:
        return False
    s0, _e, ms = sents[k]
    if any(x.kind == "person" and x.speaker and _key(x.speaker) == _key(sp) and x.pos < st.at for x in ms):
        return True
    said = st.spoken.get((st.pi, s0))
    if said is not None and said.pos < st.at and said.speaker and _key(said.speaker) == _key(sp):
        return True
    # The sentence just before (the last of the previous paragraph for a paragraph's first sentence) quoted
    # him: "“…,” X said. “…,” he said." / "“…,” Akar said.¶He stated that …".
    if k > 0:
        before = (st.pi, sents[k - 1][0])
    elif st.pi > 0 and (prev := sentence_mentions(st, ctx, st.pi - 1)):
        before = (st.pi - 1, prev[-1][0])
    else:
        return False
    said = st.spoken.get(before) if before in st.quoted else None
    return said is not None and said.speaker is not None and _key(said.speaker) == _key(sp)


def _antecedent(st: State, ctx: Ctx, want: str | None = None) -> Speaker | None:
    """The person a pronoun at ``st.at`` in passage ``st.pi`` points back to: the nearest person named before
    it (whatever the verb), in its own or the previous paragraph, or two back when nothing is named between.
    None when the nearest sentence naming anyone names two people (or someone we cannot resolve): an
    unattributed quote is better than a guess."""
    names_between = False
    for back in range(3):
        q = st.pi - back
        if q < 0:
            return None
        for s0, _e0, ms in reversed(sentence_mentions(st, ctx, q)):
            if back == 0:
                if s0 >= st.at:
                    continue
                # Not the phrase being resolved itself ("The minister added", "“…,” the spokesman said").
                ms = [x for x in ms if x.pos < st.at and not (x.end >= 0 and st.at - x.end <= 25)]
            cands = [x for x in ms if x.kind != "other" and not _other_gender(st, x, want)]
            said = st.spoken.get((q, s0))
            if said is not None and _other_gender(st, said, want):
                said = None
            if said is not None and (back > 0 or said.pos < st.at):
                # The sentence's own speaker, even when it names him only as "he" ("“…,” he told Jane Doe");
                # the unnamed subject he was resolved from ("The spokesman said") is him.
                cands = [x for x in cands if not (x.end >= 0 and 0 <= said.pos - x.end <= 25)]
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
            if said is not None and said.kind == "person" and said.speaker is not None and first is not None:
                if name_key(said.speaker.entity or said.speaker.speaker) == name_key(
                    first.entity or first.speaker
                ):
                    return said.speaker
            return None
    return None


def _other_gender(st: State, x: _Mention, want: str | None) -> bool:
    """Whether the text gave this person the gender a pronoun excludes ("she" for a man it called "he")."""
    if want is None or x.speaker is None:
        return False
    g = gender(st, _key(x.speaker))
    return g is not None and g != want


def plural_antecedent(st: State, ctx: Ctx) -> Speaker | None:
    """ "They": the plural speaker of the same or the sentence just before (the last of the previous paragraph
    when "they" opens one), and only when that sentence names no one else; else the one group of speakers
    named earlier in its own sentence ("When officials met in Paris, they concluded that …")."""
    sents = sentence_mentions(st, ctx, st.pi)
    if st.last_plural is None:
        return _group_in_sentence(st, sents)
    k = max((i for i, (s0, _e, _m) in enumerate(sents) if s0 <= st.at), default=0)
    here = (st.pi, sents[k][0]) if sents else (st.pi, -1)
    if k > 0:
        before = (st.pi, sents[k - 1][0])
        between = sents[k - 1][2]
    elif st.pi > 0 and (prev := sentence_mentions(st, ctx, st.pi - 1)):
        before, between = (st.pi - 1, prev[-1][0]), prev[-1][2]
    else:
        before, between = None, []
    if st.last_plural_at == here:
        return st.last_plural
    if st.last_plural_at == before and not any(x.kind != "other" for x in between):
        return st.last_plural
    return _group_in_sentence(st, sents)


_PLURALISH = re.compile(r"\b[a-z]{3,}s\b")  # English plural nouns: ASCII on purpose
_NOT_PLURAL = {"was", "has", "this", "its", "his", "is", "us", "does", "less", "unless", "across", "always",
               "perhaps", "whereas", "thus", "news", "various", "serious", "previous", "obvious", "ous"}  # fmt: skip


def _group_in_sentence(st: State, sents: list) -> Speaker | None:
    """The one plural speaker noun ("officials", "diplomats") before "they" in its own sentence, with no
    person named and no other plural noun (who else "they" could be) between them."""
    s0 = max((s for s, _e, _m in sents if s <= st.at), default=None)
    if s0 is None:
        return None
    (ms,) = [m for s, _e, m in sents if s == s0]
    if any(x.kind != "other" and x.pos < st.at for x in ms):
        return None
    text = st.passages[st.pi].text
    frame = mask(text, quote_spans(text))[s0 : st.at]
    # PLURAL_SPEAKERS are English words: ASCII on purpose.
    groups = [m for m in re.finditer(r"[A-Za-z]+", frame) if m.group().lower() in PLURAL_SPEAKERS]
    if len(groups) != 1:
        return None
    rest = frame[groups[0].end() :]
    if any(w.group() not in _NOT_PLURAL for w in _PLURALISH.finditer(rest)):
        return None
    return Speaker(groups[0].group(), None, None, False, plural=True)


def remember(sp: Speaker, st: State, pi: int) -> None:
    """Who spoke in the sentence being read: a person (named or not) may be the next "he"; a body or a group
    that spoke makes "he" in the next sentence someone we cannot name."""
    unnamed_person = not (sp.named or sp.plural) and UNNAMED_PERSON.search(sp.speaker) is not None
    who_kind = "person" if sp.person or unnamed_person else "maybe"
    st.spoken.setdefault((pi, st.sent), _Mention(max(st.at, st.sent), who_kind, sp))
    if sp.named and sp.person:
        st.last_passage = pi
        if sp.role:
            st.roles[name_key(sp.entity or sp.speaker)] = (sp.role, sp, (pi, max(st.sent, 0)))
    elif sp.plural:
        st.last_plural = sp
        st.last_plural_at = (pi, st.sent)
        st.last_passage = max(st.last_passage, pi)
