"""The entity card: what the library knows about one entity, gathered once for every view (the TUI's card,
``who`` on a terminal, ``who --json``): its names, the sources that mention it, what it wrote, what it is
quoted as saying (verbatim, with offsets) and the passages that mention it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .entities import Entity
from .model import Passage, Source
from .names import NameRow
from .quotes import QuoteRef
from .speech import SpeakerQuote


@dataclass
class CardQuote:
    """Words the entity is quoted as saying: ``text`` is the exact span ``ref`` of ``source``'s text."""

    ref: QuoteRef
    text: str
    direct: bool
    source: Source
    said: SpeakerQuote  # the statement: speaker as written, resolved entity, role, kind
    twins: list[dict] = field(default_factory=list)  # the same words given to another speaker or author


@dataclass
class CardMention:
    """A passage that names the entity; ``highlights`` are the names' offsets in the passage text."""

    passage: Passage
    highlights: list[list[int]]
    source: Source


@dataclass
class EntityCard:
    entity: Entity
    counts: Counter[str]  # source id -> mentions, every source
    catalog: dict[str, Source]
    authored: list[Source]  # the sources it wrote that are in the library
    quotes: list[CardQuote] = field(default_factory=list)  # what it is quoted as saying, verbatim

    def sources_by_count(self, n: int | None = None) -> list[tuple[Source, int]]:
        """The sources that mention it, most mentions first: of the ``n`` most, those in the library."""
        return [(self.catalog[sid], c) for sid, c in self.counts.most_common(n) if sid in self.catalog]

    @property
    def name(self) -> str:
        return self.entity.name

    @property
    def kind(self) -> str:
        return self.entity.kind

    @property
    def aliases(self) -> list[str]:
        return self.entity.aliases


def entity_card(lib, ent: Entity) -> EntityCard:
    """Gather ``ent``'s card from the library (sources and quotes no longer in it are left out); words the
    library also gives to another speaker or author are flagged on each quote (``twins``)."""
    from .said import same_words_elsewhere

    st = lib.store()
    cat = st.catalog()
    counts = ent.mention_counts()
    card = EntityCard(ent, counts, cat, [cat[sid] for sid in ent.authored if sid in cat])
    for q in ent.quotes:
        src = st.source(q.source_id)
        if src:
            ref = QuoteRef(q.source_id, q.passage_id, q.start, q.end)
            twins = same_words_elsewhere(lib, q.source_id, q.start, q.end)
            card.quotes.append(CardQuote(ref, src.text[q.start : q.end], q.direct, src, q, twins))
    return card


def mention_passages(lib, ent: Entity) -> list[CardMention]:
    """Each passage that mentions ``ent``, once, in mention order, with the mentions highlighted."""
    st = lib.store()
    cat = st.catalog()
    out: list[CardMention] = []
    # One pass over the mentions (their rows are made as they are read): the passages in the order first
    # mentioned, each with its mentions in order.
    by_passage: dict[str, list[NameRow]] = {}
    for m in ent.mentions:
        by_passage.setdefault(m.passage_id, []).append(m)
    for pid, ms in by_passage.items():
        p = st.passages([pid]).get(pid)
        src = cat.get(ms[0].source_id)
        if p is None or src is None:
            continue
        hl = [[x.start - p.start, x.end - p.start] for x in ms if x.passage_id == p.id]
        out.append(CardMention(p, hl, src))
    return out


def mention_context(lib, source_id: str, start: int, end: int, width: int = 60) -> str:
    """The text around one mention, on one line."""
    src = lib.store().source(source_id)
    if src is None:
        return ""
    a = max(0, start - width)
    b = min(len(src.text), end + width)
    return src.text[a:b].replace("\n", " ")
