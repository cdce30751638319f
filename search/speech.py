"""Who said what: quotations and reported speech inside a passage, attributed to the speaker the sentence
names (``find_quotes``). Run per passage at index time by :func:`.mining.mine_source`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Source
from .names import (
    _CAP,
    _LEADING,
    _LEADING_TITLES,
    _ORG_WORDS,
    _PERSON_TITLES,
    NAME_SEQ,
    TITLED,
    _strip_possessive,
    _trim,
    name_key,
)

_SPEECH = r"(?:said|says|told|tells|added|adds|noted|notes|stated|states|declared|declares|wrote|writes|explained|warned|announced|argued|insisted|concluded|stressed|emphasized|emphasised|remarked|replied|acknowledged|observed|clarified)"
_PRONOUN = re.compile(r"^(?:he|she|they)$", re.I)
_SPEECH_AFTER = re.compile(rf"^[,.]?\s*(?P<who>.*?)\s*\b{_SPEECH}\b")


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
