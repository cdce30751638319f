"""Alias expansion: an entity name typed in a query also finds its other names ("ISIL" searches ISIS, Daesh,
Islamic State), unless it is quoted or the search is ``--exact``."""

from __future__ import annotations

import re

from .engine.analysis import contains_phrase, stem_sequence
from .entities import Entity, EntityIndex
from .gazetteer import Gazetteer
from .names import name_key
from .query import MAX_EXPANDED_CHARS, cap_query
from .readers import ReaderPool
from .spellings import library_links


class Aliases:
    """The names-only entity index of the current generation (cached per reader) and the expansion."""

    def __init__(self, readers: ReaderPool, gazetteer: Gazetteer, notices: list[str]) -> None:
        self.readers = readers
        self.gazetteer = gazetteer
        self.notices = notices
        self._index: EntityIndex | None = None
        self._key: object = None

    def index(self) -> EntityIndex:
        """Entities with their names only (no mentions): enough to expand a query, and quick to load."""
        key = self.readers.key()
        if self._index is None or self._key != key:
            st = self.readers.store()
            spelling = library_links(st, self.gazetteer.entries)
            rows = st.alias_rows({k for pair in spelling for k in pair})
            self._index = EntityIndex.build(self.gazetteer.entries, rows, st.alias_pairs() + spelling, [])
            self._key = key
        return self._index

    def expand(self, text: str) -> tuple[str, list[tuple[str, list[str]]], list[str]]:
        """Replace entity names outside quotes and fields by an OR of all their names.

        Returns the new query text, for ``--explain`` each (name as typed, names searched), and notices. The
        input is capped first and the output stays within MAX_EXPANDED_CHARS (names past that are searched
        as typed, and the notice says so).
        """
        text, _cut = cap_query(text)
        try:
            ents = self.index()
        except Exception as e:  # entity data is an extra: a failure must not stop searching
            self.notices.append(f"Alias expansion is off ({type(e).__name__}).")
            return text, [], []
        out: list[str] = []
        expansions: list[tuple[str, list[str]]] = []
        notes: list[str] = []
        room = MAX_EXPANDED_CHARS - len(text)
        # Leave quoted phrases, field:value pairs and operators alone.
        for seg in query_segments(text):
            if not seg or seg.startswith('"') or re.match(r"^\S+:", seg):
                out.append(seg)
                continue
            pos = 0
            for s, end, ent in ents.in_query(seg):
                phrase = seg[s:end]
                names = alias_names(ent)
                if phrase in ("AND", "OR", "NOT") or not names:
                    continue
                if len(names) == 1 and name_key(names[0]) == name_key(phrase):
                    continue  # the entity's only search name, typed as is
                alt = "(" + " OR ".join(f'"{n}"' if not n.isalnum() else n for n in names) + ")"
                if len(alt) - len(phrase) > room:
                    if not notes:
                        notes.append("Too many names to expand them all: the rest were searched as typed.")
                    continue
                room -= len(alt) - len(phrase)
                out.append(seg[pos:s])
                out.append(alt)
                expansions.append((phrase, names))
                pos = end
            out.append(seg[pos:])
        return "".join(out), expansions, notes


# A quoted phrase, or a field:value token. The field alternative may start only where a token starts
# ((?<!\S)): tried inside a long token it scanned the rest of the token from every position (quadratic).
_SPECIAL_SEGMENT = re.compile(r'("[^"]*"|(?<!\S)\S+:(?:"[^"]*"|\S+))')


def query_segments(text: str) -> list[str]:
    """``text`` split into plain runs and, at odd positions, quoted phrases and field:value tokens."""
    return _SPECIAL_SEGMENT.split(text)


def alias_names(ent: Entity) -> list[str]:
    """An entity's names for searching: canonical name first, distinct, at most eight, no one-letter ones.

    A name that contains another of the names ("Kurdish Peshmerga" and "Peshmerga") adds no passage to the
    OR, only a second helping of score and a phrase to check, so it is left out.
    """
    seen: set[str] = set()
    cands: list[tuple[str, tuple[str, ...]]] = []
    for n in [ent.name, *ent.aliases]:
        k = name_key(n)
        if len(k) < 2 or k in seen or '"' in n:
            continue
        seen.add(k)
        cands.append((n, tuple(stem_sequence(n))))
    names = []
    for n, seq in cands:
        if seq and any(other and other != seq and contains_phrase(seq, other) for _, other in cands):
            continue
        names.append(n)
    return names[:8]
