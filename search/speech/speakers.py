"""The speaker a sentence gives its quotation or clause: the subject before a speech verb, an inverted
"said X, role", a colon introduction ("X told reporters:"), never someone who denies saying it or whose words
are relayed ("quoting an unnamed minister")."""

from __future__ import annotations

import re

from ..letters import caps
from .antecedents import State, antecedent, backref, learn_pronoun, plural_antecedent
from .persons import Ctx, Speaker, capital, classify, clean, join_role, org_name, strip_possessive
from .words import (
    AS_CONCLUDED,
    AUX,
    BY,
    DATELINE,
    DENIAL,
    DOC,
    NAME_RUN,
    ORG_HINT,
    PLURAL_SPEAKERS,
    REL,
    RELAYED,
    SKIP_START,
    SPEAKER_NOUNS,
    STARTERS,
    VERB_RE,
    VERBS,
)


def speaker_of(phrase: str, ctx: Ctx, st: State, pi: int, at: int | None = None) -> Speaker | None:
    """Who a subject phrase names; None when it names nobody we can trust. ``at``: where the phrase ends in
    the passage (a pronoun there points back to the nearest person named before it)."""
    if at is not None:
        st.at = at
    phrase = clean(phrase)
    if RELAYED.search(phrase):
        return None  # "Lavrov, quoting a Ukrainian minister, said": not his own words
    phrase = DATELINE.sub("", phrase)
    phrase = re.sub(r"^(?:[Aa]nd|[Bb]ut|[Ss]o|[Yy]et|[Tt]hen)\s+", "", phrase)
    if by := re.match(
        caps(r"^[a-z][\w-]*\s+(?:[\w-]+\s+){0,5}?(?:by|from)\s+(?P<who>(?:the\s+)?[\p{Lu}].*)$"), phrase
    ):
        phrase = by.group("who")  # "figures released on Tuesday by Operation Inherent Resolve, the …"
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase)
    if "(" in phrase or ")" in phrase:
        return None  # a parenthesis opened before the subject: we are inside someone else's aside
    phrase = re.sub(r",\s*(?:who|whose|which|[a-z]+ing)\b[^,]*(?:,|$)", ",", phrase).strip(" ,")
    if _denied(phrase):
        return None  # "Austin never said", "Austin did not say", "Austin rejected claims": not his words
    low = phrase.lower()
    if phrase and "\0" not in phrase and (tail := re.fullmatch(r"[^,]*,\s*(he|she|they)", low)):
        low = tail.group(1)  # "“…” because of the work the coalition is doing, he noted."
    elif not phrase or "\0" in phrase or len(phrase.split()) > 16:
        return None
    if low in ("he", "she"):
        sp = antecedent(st, ctx, low)
        learn_pronoun(st, sp, low)
        return sp
    if low == "they":
        return plural_antecedent(st, ctx)
    if low in ("i", "we", "us", "you", "it", "this", "that", "there", "some", "others", "many"):
        return None
    # Back-references: "the spokesman", "The secretary general", "the minister", "The same source".
    # English role nouns ("spokesman", "secretary general"): ASCII on purpose.
    m = re.fullmatch(r"(?:[Tt]he|[Tt]his)\s+(?:same\s+)?([a-z][a-z -]*)", phrase)
    if m and m.group(1).split()[-1] not in PLURAL_SPEAKERS:
        noun = m.group(1).strip()
        return backref(noun, st, ctx)
    # Documents and readouts: the body behind them ("a Pentagon readout" -> Pentagon).
    if dm := DOC.match(phrase):
        by = BY.search(phrase)
        body = by.group("who") if by else dm.group(0)
        org = org_name(body)
        if org:
            return Speaker(phrase, org, None, True)
        return None
    # Cut appositives and relative clauses: "X, who spoke with Y," -> "X".
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    head_part = None
    role_part = None
    for n, p in enumerate(parts):
        first = p.split()[0].lower()
        counted = first in ("two", "three") and any(w in PLURAL_SPEAKERS for w in p.lower().split()[1:4])
        if (first in SKIP_START and not counted) or REL.match(p) or p.split()[0].endswith("ing"):
            continue
        head_part = p
        rest = parts[n + 1 :]
        if rest and re.match(r"(?:the|a|an|its|his|her|their)\s", rest[0], re.I) is None:
            role_part = rest[0] if rest[0][:1].islower() and not REL.match(rest[0]) else None
        elif rest:
            role_part = rest[0]
        break
    if head_part is None:
        return None
    # "The NATO secretary general, Jens Stoltenberg, announced": the name in apposition is the speaker.
    n = parts.index(head_part)
    if (
        (
            re.match(
                caps(r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\p{Lu}][\w.-]*\s+)*[\p{Ll}]"), head_part
            )
            or re.search(r"[’']s?\s+[a-z][\w-]*$", head_part)  # "Senator X's spokesman, Ali Y, said"
        )
        and n + 1 < len(parts)
        and capital(parts[n + 1].split()[0])
        and len(parts[n + 1].split()) <= 4
    ):
        role_part, head_part = (
            re.sub(r"^(?:the|an?|his|her|their|its)\s+", "", head_part, flags=re.I),
            parts[n + 1],
        )
    # Drop a trailing relative clause inside the part ("Several lawmakers from the Fatah bloc").
    head_part = re.split(r"\s+(?:who|whose|which|speaking|involved)\b", head_part)[0]
    if role_part and (REL.match(role_part) or len(role_part.split()) > 12):
        role_part = None
    if role_part:
        role_part = re.sub(r"^(?:the|a|an)\s+", "", role_part, flags=re.I)
    return classify(head_part, role_part, ctx)


def _apposed_name(sp: Speaker, role: str | None, ctx: Ctx) -> Speaker | None:
    """ "said a spokesman for X, Ali Y" / "said X's spokesman, Ali Y": when the inverted subject is someone
    unnamed and the appositive is a person's name, the named person is the speaker and the phrase his role."""
    if sp.named or not role or len(role.split()) > 4 or not all(capital(t) for t in role.split()):
        return None
    who = classify(role, None, ctx)
    if who is None or not who.named or not who.person:
        return None
    title = re.sub(r"^(?:the|an?)\s+", "", sp.speaker.strip(), flags=re.I)
    return Speaker(who.speaker, who.entity, join_role(who.role, title), True, person=True)


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got|gets)\s+(?:[a-z]+ly\s+)?$")


def passive(before_verb: str) -> bool:
    """Whether a speech verb is passive ("Austin was told", "Nuri was warned"): its subject is the listener."""
    return bool(_PASSIVE.search(before_verb.replace("\0", " ").rstrip() + " "))


def _agent(after_verb: str, ctx: Ctx, st: State, pi: int, at: int) -> Speaker | None:
    """The speaker of a passive speech verb: its "by" agent ("was told by his quartermaster, Idris Kamal"),
    or None when the sentence names none."""
    m = re.match(r"\s*by\s+(?P<who>[^.;:!?\0]+?)\s*[.;:!?]?\s*$", after_verb)
    return speaker_of(m.group("who"), ctx, st, pi, at) if m else None


def _denied(before_verb: str) -> bool:
    """Whether the words just before a speech verb deny it ("never said", "did not say", "rejected claims",
    "denied saying"): what follows is not that person's statement."""
    tail = " ".join(before_verb.replace("\0", " ").split()[-4:])
    return bool(DENIAL.search(tail))


def adjacent(masked: str, s0: int, e0: int, a: int, b: int) -> bool:
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


def colon_speaker(prefix: str, ctx: Ctx, st: State, pi: int, at: int) -> Speaker | None:
    """Who a colon introduction names ("Kirby told reporters:", "As a NATO diplomat concluded:"): the subject
    of its last speech verb; None when that subject holds someone else\'s speech or relays another\'s words."""
    if m := AS_CONCLUDED.match(prefix + ":"):
        return speaker_of(m.group("who"), ctx, st, pi, at)
    vms = list(re.finditer(rf"\b(?:{VERBS}|described|put it|spoke)\b", prefix))
    if not vms or RELAYED.search(prefix):
        return None  # "X said in a tweet, quoting Y:": Y's words
    if passive(prefix[: vms[-1].start()]):
        return _agent(prefix[vms[-1].end() :], ctx, st, pi, at)  # "Austin was told by a lawmaker:"
    who = subject(prefix[: vms[-1].start()])
    if re.search(
        rf"\b(?:{VERBS})\b|\b(?:what|whom?|when|which|whose)\b",
        re.sub(r",\s*(?:who|whose|which)\b[^,]*,", ",", who),
    ):
        return None  # "X said he disagreed with what Y told the summit:": whose words follow is unclear
    return speaker_of(who, ctx, st, pi, at)


def subject(pre: str) -> str:
    """The subject before a verb: after the last clause break; adverbs and auxiliaries dropped."""
    cut = 0
    # (A dash ends a dateline or an aside: "ERBIL, Iraq — Kurdish commanders say".)
    for m in re.finditer(r",\s+(?:but|and|while|though|although)\s+|;\s+|\sbut\s|\s[—–]\s", pre):
        cut = m.end()
    pre = pre[cut:]
    pre = re.sub(rf"\s+{AUX}$", " ", pre + " ").strip()
    return pre


def quote_speaker(masked: str, text: str, s0: int, e0: int, qs, ctx: Ctx, st: State, pi: int):
    """The speaker the sentence gives to its quotation(s), or None."""
    sent = masked[s0:e0]
    first_q = qs[0][0] - 1 - s0
    last_q = qs[-1][1] + 1 - s0
    before = sent[:first_q]
    after = sent[last_q:]
    if any(
        len(VERB_RE.findall(sent[qs[i][1] + 1 - s0 : qs[i + 1][0] - 1 - s0])) > 1 for i in range(len(qs) - 1)
    ):
        return None  # "“…,” X told Y, who replied: “…”": two speakers in one sentence
    segs = [(last_q, after)] + [
        (qs[i][1] + 1 - s0, sent[qs[i][1] + 1 - s0 : qs[i + 1][0] - 1 - s0]) for i in range(len(qs) - 1)
    ]
    # "…," Kirby said. / "…," said Heiko Maas, Germany's foreign minister, at … / "…," he told Reuters' X.
    for off, seg in segs:
        m = re.match(rf"^[,.!?]?\s*(?P<who>[^\0]{{0,140}}?)\s*\b(?P<verb>{VERBS})\b(?P<rest>[^\0]*)$", seg)
        if not m:
            continue
        introduces_next = off != last_q and seg.rstrip().endswith(":")  # "…, quoting a proverb: “…”"
        if (RELAYED.match(m.group("rest").strip(" ,")) and not introduces_next) or re.match(
            caps(
                rf"\s*(?:that\s+)?[\p{{Lu}}][\w’'.-]*(?:\s+[\p{{Lu}}][\w’'.-]*)*\s+(?:(?:had\s+|has\s+)?(?:{VERBS})|"
                r"(?:had|has)\s+(?:[a-z]+ly\s+)?[a-z]+ed)\b"
            ),
            m.group("rest"),
        ):
            # "“…,” Lavrov said, quoting an unnamed minister" / "“…,” Stoltenberg said Macron told him": the
            # words are someone else's, relayed.
            return None
        who = m.group("who").strip()
        if passive(who):
            # "“…,” Austin was told by an Iraqi lawmaker.": the words are the lawmaker's, never Austin's.
            return _agent(m.group("rest"), ctx, st, pi, s0 + off + m.end("verb"))
        if who:
            trailing_pronoun = re.search(r",\s*(?:he|she)$", who)
            if re.search(rf"\b(?:{VERBS})\b", who) or (len(who.split()) > 14 and not trailing_pronoun):
                continue
            sp = speaker_of(subject(who), ctx, st, pi, s0 + off + m.start("verb"))
            if sp is None and re.fullmatch(caps(r"[\p{Lu}][\p{Ll}’'-]+"), who) and who.lower() not in STARTERS:
                # "“…,” Fidan said": a name right after the quotation, even one we cannot resolve.
                low = who.lower()
                common = (
                    low in PLURAL_SPEAKERS
                    or low.rstrip("s") in SPEAKER_NOUNS
                    or low
                    in (
                        "critics",
                        "reporters",
                        "protesters",
                        "supporters",
                        "opponents",
                        "witnesses",
                        "others",
                    )
                )
                if not (common or ORG_HINT.search(who) or strip_possessive(who).lower() in ctx.authors):
                    sp = Speaker(who, None, None, True, person=True)
            return sp
        # Inverted: "said Ali Hassan, a clothes seller whose stall …"
        rest = m.group("rest").strip()
        im = re.match(
            r"^(?P<who>[^,.;\0]+?)(?:,\s*(?P<role>[^,.;\0]+))?(?:,|\.|\s+(?:at|in|on|during)\s|$)", rest
        )
        if im:
            sp = classify(im.group("who"), None, ctx)
            if sp is not None and (named := _apposed_name(sp, im.group("role"), ctx)) is not None:
                return named  # "said lawmaker X's spokesman, Ali Y": Ali Y speaks, the rest is his role
            if sp is not None:
                role = im.group("role")
                if role:
                    role = re.split(r"\s+(?:who|whose|which|at|in)\s", role)[0]
                    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.I)
                    sp = Speaker(
                        sp.speaker, sp.entity, join_role(sp.role, role), sp.named, sp.plural, sp.person
                    )
                return sp
        return None
    # Colon or comma introductions: "X said: “…”", "In the words of X, “…”", "As X concluded: “…”".
    b = before.rstrip()
    if b.endswith(":") or b.endswith(","):
        if m := AS_CONCLUDED.match(b):
            return speaker_of(m.group("who"), ctx, st, pi, s0 + first_q)
        if b.endswith(":"):
            return colon_speaker(b[:-1], ctx, st, pi, s0 + first_q)
    # "X said the alliance “will never act …”" is a reported clause; "X have indicated that … is “…”" too.
    return None


# What another person does to words in a clause of their own ("a claim Rossi called", "words Marr mocked as").
_TREATS = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:called|calls|described|describes|mocked|mocks|dubbed|termed|labell?ed|"
    r"dismissed|rejected|derided|branded|ridiculed|denounced|asked|asks|demanded|answered|replied|"
    r"described\s+as|wrote|had\s+said|had\s+warned)\b"
)
_OWNED_CLAIM = re.compile(
    r"[’']s?\s+(?:[a-z]+\s+){0,2}?(?:claims?|warnings?|demands?|charges?|accusations?|promises?|pledges?|"
    r"threats?|words|remarks?|suggestions?|assertions?|allegations?|insistence|view|argument|statement|"
    r"call|assurances?|prediction|description|verdict|complaint|request|answer|reply|boast|vow)\b"
)


def foreign_quote(frame: str, sp: Speaker, first: bool) -> bool:
    """Whether the quotation after ``frame`` (the sentence's words since the quotation before it) sits in a
    clause that belongs to someone else the sentence names: "a claim Rossi called “…”", "rejecting
    Stoltenberg's warning that “…”", "words Marr mocked as “…”". Only the words after the attribution's verb
    count (the subject before it is the speaker's own); a first quotation with no verb before it is checked
    elsewhere (its attribution follows it)."""
    vms = list(VERB_RE.finditer(frame))
    if vms:
        frame = frame[vms[-1].end() :]
    elif first:
        return False
    own = {t for n in (sp.speaker, sp.entity or "") for t in re.findall(r"[\w-]+", strip_possessive(n))}
    for m in NAME_RUN.finditer(frame):
        toks = [strip_possessive(t) for t in m.group(0).split()]
        toks = [t for t in toks if t.lower() not in STARTERS]
        if not toks or any(t in own for t in toks):
            continue
        if pm := re.search(r"[’']s?$", m.group(0)):
            if _OWNED_CLAIM.match(frame, m.start() + pm.start()):
                return True  # "Stoltenberg's warning that “…”"
        elif _TREATS.match(frame, m.end()) or re.match(r",\s*(?:who|whose)\b", frame[m.end() :]):
            return True  # "a claim Rossi called “…”", "responding to Rossi, who had called the plan “…”"
    return False
