"""What index time extracts from one source (:func:`mine_source`): names, alias pairs and quoted speech.
The rows go to the store; :class:`.entities.EntityIndex` is built from them.

Sources of names: the curated gazetteer (:mod:`.gazetteer`) and the text itself: capitalised multi-word
names, titles before names ("Secretary General Jens Stoltenberg"), acronym pairs ("NATO Mission in Iraq
(NMI)", "ISF (Iraqi Security Forces)") and surnames linked to the full name met in the same source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .letters import caps
from .model import Source
from .names import (
    _BARE_TITLE,
    _LEADING_TITLES,
    _ORG_WORDS,
    _TRAILING_TITLE,
    ACRONYM,
    TITLED,
    NameRow,
    _acronym_pairs,
    _strip_possessive,
    dateline_end,
    guess_kind,
    name_key,
    name_runs,
)
from .speech import SpeakerQuote, find_statements, known_persons
from .spellings import PARTICLE

_AL_NAME = re.compile(caps(r"^(?:[Aa]l|[Ee]l)-[\p{Lu}]\w{2,}"))
_TOKENS = re.compile(r"\S+")


def _bare(surname: str) -> str:
    """A surname without its particle and case, so "Abadi" finds the "Haider al-Abadi" of its source."""
    return PARTICLE.sub("", surname.lower() + " ").strip()


@dataclass
class Mining:
    names: list[NameRow] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[SpeakerQuote] = field(default_factory=list)


def mine_source(
    src: Source, gazetteer_re: re.Pattern[str] | None = None, gazetteer_keys: dict[str, str] | None = None
) -> Mining:
    """Names, alias pairs and quoted speech in one source."""
    mining = Mining()
    persons: dict[str, str] = {}  # surname -> full name, within this source
    bare: dict[str, str] = {}  # the same, keyed by the surname without particle or case
    for p in src.passages:
        text = p.text
        for m in TITLED.finditer(text):
            name = _strip_possessive(m.group("name"))
            persons[name.split()[-1]] = name
            bare[_bare(name.split()[-1])] = name
            mining.pairs.append((name_key(f"{m.group('title')} {name}"), name_key(name)))
        for a, b, at in _acronym_pairs(text):
            mining.pairs.append((name_key(a), name_key(b)))
            kind = guess_kind(b)
            mining.names.append(NameRow(src.id, p.id, p.start + at, p.start + at + len(b), b, name_key(b),
                                        "organisation" if kind == "name" else kind))  # fmt: skip
    for p in src.passages:
        text = p.text
        seen: set[tuple[int, int]] = set()
        wire = dateline_end(text)
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
            if any(a <= start < b or a < end <= b for a, b in seen) or start < wire:
                continue
            titled = bool(titled_inline) or bool(_TRAILING_TITLE.search(text[max(0, start - 40) : start]))
            if len(words) == 1:
                w = words[0]
                full = persons.get(w) or bare.get(_bare(w))
                if full:
                    mining.names.append(
                        NameRow(src.id, p.id, p.start + start, p.start + end, w, name_key(full), "person")
                    )
                elif titled and not ACRONYM.fullmatch(w) and len(w) >= 4:
                    # "Defense Secretary Mattis" in a source that never gives his full name: a person whose
                    # surname the entity index links to the one full name it can belong to.
                    mining.names.append(
                        NameRow(src.id, p.id, p.start + start, p.start + end, w, name_key(w), "person")
                    )
                elif _AL_NAME.match(w):
                    # "al-Sudani" alone: a name (linked by spelling to its full form where the library has it).
                    mining.names.append(
                        NameRow(src.id, p.id, p.start + start, p.start + end, w, name_key(w), "name")
                    )
                elif ACRONYM.fullmatch(w) and not w.isdigit():
                    mining.names.append(
                        NameRow(src.id, p.id, p.start + start, p.start + end, w, name_key(w), "organisation")
                    )
                continue
            for t in _TOKENS.finditer(surface):
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
                bare.setdefault(_bare(words[-1]), surface)
            mining.names.append(
                NameRow(src.id, p.id, p.start + start, p.start + end, surface, name_key(surface), kind)
            )
    mining.quotes.extend(find_statements(src, {**known_persons(), **persons}))
    return mining
