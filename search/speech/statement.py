"""A statement as the speech index stores it (:class:`SpeakerQuote`), and the speakers per passage that the
search index's ``speaker`` field is built from."""

from __future__ import annotations

from dataclasses import dataclass


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
