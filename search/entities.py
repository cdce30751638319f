"""Entities: people, organisations, armed groups, operations, places and events, found by a misspelt name.

:class:`EntityIndex` merges the curated gazetteer (:mod:`.gazetteer`) with the rows mined from the library
(:mod:`.mining`, kept in the store) by union-find over folded names, and answers fuzzy look-ups with rapidfuzz.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .gazetteer import GazetteerEntry
from .mentions import Mentions, NameColumns
from .names import NameRow, name_key
from .speech import SpeakerQuote


@dataclass
class Entity:
    key: str
    name: str
    kind: str
    aliases: list[str]
    mentions: Sequence[NameRow] = field(default_factory=list)  # Mentions (rows made when read) once built
    quotes: list[SpeakerQuote] = field(default_factory=list)
    curated: bool = False
    authored: list[str] = field(default_factory=list)  # ids of sources this person wrote

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(self._mention_sources()))

    def mention_counts(self) -> Counter[str]:
        return Counter(self._mention_sources())

    def _mention_sources(self) -> list[str]:
        ms = self.mentions
        return ms.source_ids() if isinstance(ms, Mentions) else [m.source_id for m in ms]


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


class EntityIndex:
    """Entities merged from the gazetteer and mined rows, with a fuzzy look-up."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.by_key: dict[str, Entity] = {}
        self.choices: list[str] = []
        self.choice_entity: list[Entity] = []
        self._grams: dict | None = None  # trigram -> numpy array of choice indexes
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
    def build(cls, gazetteer: list[GazetteerEntry], names: list[NameRow] | NameColumns, pairs: list[tuple[str, str]],
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
        for a in authors or {}:
            uf.find(name_key(a))
        # Rows stay columns (NameColumns); a group is numbered in the order of its first row, which is the order
        # of its first key (keys are numbered in the order first seen).
        cols = names if isinstance(names, NameColumns) else NameColumns.from_rows(names)
        groups: dict[str, int] = {}
        of_key = {k: groups.setdefault(uf.find(k), len(groups)) for k in cols.keys}
        grouped = cols.group(of_key, len(groups))
        for canon in curated:
            groups.setdefault(uf.find(canon), len(groups))
        author_of: dict[str, tuple[str, list[str]]] = {}
        for a, sids in (authors or {}).items():
            root = uf.find(name_key(a))
            groups.setdefault(root, len(groups))
            author_of[root] = (a, sids)
        members: dict[str, set[str]] = defaultdict(set)
        for k in list(uf.parent):
            members[uf.find(k)].add(k)
        entities: list[Entity] = []
        by_root: dict[str, Entity] = {}
        for root, gi in groups.items():
            cur = next((curated[k] for k in [root, *sorted(members.get(root, ()))] if k in curated), None)
            surfaces = grouped.surfaces(gi)  # over every row, before duplicates go
            if cur is not None:
                name, kind, aliases, is_cur = cur.name, cur.kind, list(cur.aliases), True
            elif root in author_of and not any(len(s.split()) > 1 for s in surfaces):
                name, kind, aliases, is_cur = author_of[root][0], "person", [], False
            else:
                if not surfaces:
                    continue
                # The fullest frequent form is the name ("Jens Stoltenberg" over "Stoltenberg").
                name = max(surfaces, key=lambda s: (len(s.split()) > 1, surfaces[s], len(s)))
                kinds = grouped.kinds(gi)
                kinds.pop("gazetteer", None)
                kind = "person" if kinds.get("person") else (kinds.most_common(1)[0][0] if kinds else "name")
                aliases, is_cur = [], False
            for s in surfaces:
                if name_key(s) != name_key(name) and name_key(s) not in {name_key(a) for a in aliases}:
                    aliases.append(s)
            # One mention per (source, start, end), by source then offset.
            dedup = grouped.mentions(gi)
            ent = Entity(root, name, kind, aliases, dedup, curated=is_cur)
            if root in author_of:
                ent.authored = list(author_of[root][1])
                ent.kind = "person"
            entities.append(ent)
            by_root[root] = ent
        for q in quotes:
            if q.named and q.speaker_key:
                speaker = by_root.get(uf.find(q.speaker_key))
                if speaker is None:
                    speaker = Entity(q.speaker_key, q.speaker, "person", [], [])
                    entities.append(speaker)
                    by_root[q.speaker_key] = speaker
                speaker.quotes.append(q)
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
        import numpy as np

        if self._grams is None:
            grams: dict[str, list[int]] = defaultdict(list)
            for i, c in enumerate(self.choices):
                for g in _trigrams(c):
                    grams[g].append(i)
            self._grams = {g: np.array(ids, dtype=np.int32) for g, ids in grams.items()}
        hits = [a for g in _trigrams(q) if (a := self._grams.get(g)) is not None]
        if not hits:
            return list(range(min(size, len(self.choices))))
        # Trigrams shared with each choice, counted by numpy; the most first, ties by choice order (a Counter
        # and most_common over Python ints were half of a look-up at 10,000 names, and broke ties by the
        # order of a set of strings, which changes from one process to the next).
        counts = np.bincount(np.concatenate(hits), minlength=len(self.choices))
        found = np.flatnonzero(counts)
        if len(found) > size:
            cut = np.partition(counts[found], len(found) - size)[len(found) - size]
            found = found[counts[found] >= cut]  # every choice tied with the last one kept, then sorted
        order = found[np.lexsort((found, -counts[found]))]
        return order[:size].tolist()

    def lookup(self, query: str, limit: int = 5, cutoff: float = 70) -> list[EntityMatch]:
        """Fuzzy look-up ranked by match quality, then by how often the library mentions the entity."""
        from rapidfuzz import fuzz, process

        from .query import cap_query

        query, _cut = cap_query(query)  # before anything else
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
