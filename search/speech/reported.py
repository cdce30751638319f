"""Reported speech: "X said (that) …", "announced on Monday that …", "according to X, …", ", the fighters
say, …", ", adding that …"; each clause ends where the writer's own words begin (", but", a colon, a
semicolon, the sentence's end)."""

from __future__ import annotations

import re

from .antecedents import State, remember
from .persons import Ctx, Speaker, clean
from .speakers import passive, speaker_of, subject
from .words import (
    ACCORDING_AFTER,
    ACCORDING_BEFORE,
    BARE_OK,
    CLAIM_NOUNS,
    CLAUSE_STOP,
    PARENTHETICAL,
    PREP,
    RELAYED,
    SAID_AFTER,
    SAID_BARE,
    SAID_THAT,
    VERB_RE,
    VERB_THAT,
    VERBS,
)


def reported(sent: str, s0: int, ctx: Ctx, st: State, pi: int) -> list[tuple]:
    """(start, end, speaker[, True]) of each reported clause in a masked sentence, offsets in the passage; a
    fourth item True marks a quotation that is the speaker's own words."""
    out: list[tuple] = []
    # "According to X, CLAUSE." / "In the words of X, CLAUSE."
    m = ACCORDING_BEFORE.match(sent)
    if m and re.match(r"(?:who|whom|whose|which|where|when)\b", sent[m.end() :]):
        m = None  # "The mission will grow, according to X, who interviewed Y.": the clause came first
    if m:
        sp = speaker_of(m.group("who"), ctx, st, pi, s0 + m.end("who"))
        if sp is not None and not RELAYED.match(sent, m.end()):  # "In the words of X, quoting Y:"
            cs, ce = m.end(), _clause_end(sent, m.end())
            if "\0" not in sent[cs:ce] or clean(sent[cs:ce].replace("\0", "")):
                out.append((s0 + cs, s0 + ce, sp))
        return out
    # "CLAUSE, according to X." / "… and “QUOTE,” according to X." ("“…,” Fidan said, according to a
    # readout" is Fidan's: the readout is where the writer read it, handled below as his quotation.)
    m = ACCORDING_AFTER.search(sent)
    if m and (
        re.search(r",\s*that\b", m.group("who")) or re.search(rf"\b(?:{VERBS})\s*$", sent[: m.start()])
    ):
        m = None  # "X said, according to Y, that …": Y is where the writer heard it, not the speaker
    if m and not re.search(rf"\0[,.!?]?\s*[^\0]{{0,60}}?\b(?:{VERBS})\b[^\0]*$", sent[: m.start()]):
        sp = speaker_of(m.group("who"), ctx, st, pi, s0 + m.end("who"))
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
    if m := PARENTHETICAL.search(sent):
        sp = speaker_of(m.group("who"), ctx, st, pi, s0 + m.end("who"))
        if sp is not None:
            if qm := re.match(r"[a-z]+\s+(\0+)", sent[m.end() :]):
                # "NATO, Trump said in May 2016, was “obsolete.”": the quotation is his.
                qa, qb = m.end() + qm.start(1) + 1, m.end() + qm.end(1) - 1
                out.append((s0 + qa, s0 + qb, sp, True))
                return out
            if am := re.match(r"(?:adding|saying|noting)\s+(?:that\s+)?", sent[m.end() :]):
                # "The army holds the area, a spokesman said, adding that …": both clauses are his.
                start = max((b.end() for b in re.finditer(r"[:;]\s+", sent[: m.start()])), default=0)
                if "\0" not in sent[start : m.start()]:
                    out.append((s0 + start, s0 + m.start(), sp))
                cs = m.end() + am.end()
                out.append((s0 + cs, s0 + _clause_end(sent, cs), sp))
                return out
            if not sp.named:
                out.append((s0 + m.end(), s0 + _clause_end(sent, m.end()), sp))
                return out
    # "US troops could support the mission from outside, a defense official told CNN."
    m = SAID_AFTER.search(sent)
    aux = r"\b(?:that|must|will|would|could|should|can|may|might|is|are|was|were|has|have|had|did|does|not)\b"
    if m and passive(sent[: m.end("who")]):
        m = None  # "…, Austin was told." / "…, Austin was told by aides.": not Austin's words
    if m and not re.search(aux, m.group("obj")) and not VERB_RE.search(sent, 0, m.start()):
        start = max((b.end() for b in re.finditer(r"[:;]\s+", sent[: m.start()])), default=0)
        clause = sent[start : m.start()]
        if len(clause.split()) >= 4 and "\0" not in clause:  # a quotation there is handled as his words
            sp = speaker_of(m.group("who"), ctx, st, pi, s0 + m.end("who"))
            if sp is not None:
                out.append((s0 + start, s0 + m.start(), sp))
                return out
    pos = 0
    prev_sp: Speaker | None = None
    for vm in VERB_RE.finditer(sent):
        if vm.start() < pos:
            continue
        verb = vm.group("verb")
        after = sent[vm.end() :]
        if passive(sent[: vm.start("verb")]):
            pos = vm.end()
            continue  # "Lind was told that …": the listener, not the speaker
        # "…, adding that CLAUSE": the sentence's speaker again.
        if verb in ("said", "says", "say") and re.match(r"\s*[:,]?\s*\0", after):
            continue  # a quotation follows: handled as direct speech
        if verb in BARE_OK:
            # "said (in a joint statement|on Monday|this week) that …", or "said …" with no "that".
            tm = SAID_THAT.match(after) or SAID_BARE.match(after)
        else:
            tm = VERB_THAT.match(after)
        if not tm:
            continue
        obj = tm.group("obj").strip()
        if re.match(r"(?:to|against|about|off|down|back|at|on|over|upon)\b", obj) and CLAIM_NOUNS.search(obj):
            continue  # "responded to claims that …", "warned against the idea that …": not his words
        if verb not in BARE_OK and verb not in ("told", "tells", "wrote", "writes") and len(obj.split()) > 6:
            continue
        cs = vm.end() + tm.end()
        first = re.match(r"[\w’'-]+", sent[cs:])
        if verb in BARE_OK and "that" not in after[: tm.end()]:
            lead = first.group(0).lower() if first else ""
            if (
                not first
                or (lead in PREP and not sent.startswith("at least", cs))
                or sent[cs : cs + 1] == "\0"
            ):
                continue
        ce = _clause_end(sent, cs)
        if tail := SAID_AFTER.search(sent, cs, ce + 1):
            ce = cs + len(
                sent[cs : tail.start()].rstrip()
            )  # "X said …, Y said.": Y's attribution is not X's words
        nested = _NESTED.search(sent, cs, ce)
        if nested:
            ce = cs + len(sent[cs : nested.start()].rstrip())  # his words stop before ", who said …"
        sp = speaker_of(subject(sent[pos : vm.start()]), ctx, st, pi, s0 + vm.start())
        if nested:
            out.append(_nested(sent, s0, cs, nested, ctx, st, pi))
        if sp is None or ce - cs < 8:
            pos = out[-1][1] - s0 if nested else cs
            continue
        if sent[cs] == "\0" and not sent[cs:ce].strip("\0 ,.").replace("\0", ""):
            q1 = cs
            while q1 < len(sent) and sent[q1] == "\0":
                q1 += 1
            out.append((s0 + cs + 1, s0 + q1 - 1, sp, True))  # 'declared that “…”': his own words
        else:
            out.append((s0 + cs, s0 + ce, sp))
        prev_sp = sp
        remember(sp, st, pi)
        pos = max(ce, out[-2][1] - s0) if nested else ce
    # ", adding that CLAUSE"
    for am in re.finditer(r",\s+adding\s+that\s+", sent):
        if prev_sp is not None and not any(a - s0 <= am.end() < b - s0 for a, b, *_ in out):
            cs = am.end()
            out.append((s0 + cs, s0 + _clause_end(sent, cs), prev_sp))
    return out


# "X said he agreed with Daud, who said last week that “…”": a relative clause with its own speech verb inside
# a reported clause is someone else's statement, never X's.
_NESTED = re.compile(rf",\s+(?:who|whom)\s+(?:(?:had|has|have|also|then|once|later|earlier|reportedly)\s+)*"
                     rf"(?:{VERBS})\b")  # fmt: skip
_ANTECEDENT = re.compile(r"(?:(?:[A-Z][\w’'-]*\.?|of|al|bin|de|van|von)\s+){0,4}[A-Z][\w’'-]+$")


def _nested(sent: str, s0: int, cs: int, nm: re.Match, ctx: Ctx, st: State, pi: int) -> tuple:
    """The nested statement a ", who said …" clause holds: (start, end, speaker[, True]) with the speaker the
    name just before ", who" names, or None (nobody's: the caller keeps it from the sentence's speaker)."""
    ne = _clause_end(sent, nm.end())
    am = _ANTECEDENT.search(sent, cs, nm.start())
    sp = speaker_of(am.group(0), ctx, st, pi, s0 + am.end()) if am else None
    if sp is not None and not sp.named:
        sp = None
    q0 = sent.find("\0", nm.end(), ne + 1)
    if q0 >= 0:
        q1 = q0
        while q1 < len(sent) and sent[q1] == "\0":
            q1 += 1
        return (s0 + q0 + 1, s0 + q1 - 1, sp, True)  # the quotation, marks excluded
    tm = re.match(r"\s*(?:[^,\0]{0,40}?\bthat\s+)?", sent[nm.end() : ne])
    return (s0 + nm.end() + (tm.end() if tm else 0), s0 + ne, sp)


def _clause_end(sent: str, cs: int) -> int:
    """Where a reported clause starting at ``cs`` ends: the sentence end, or a colon, semicolon, dash, or
    ", but / though / while …" (the writer's turn)."""
    m = CLAUSE_STOP.search(sent, cs)
    end = m.start() if m else len(sent.rstrip())
    seg = sent[cs:end].rstrip()
    while seg and seg[-1] in ".!?,":
        seg = seg[:-1]
    return cs + len(seg)
