"""Whether a statement is on a briefing's topic: its own words, and its sentence without other speakers' words.

A speaker's answer on a topic is never borrowed from the passage around the statement, nor from another
speaker's clause in the same sentence ("Saeed said the budget was late, while Holloway said the convoy was
early" is nothing from Saeed on the convoy).
"""

from __future__ import annotations

from .engine.analysis import text_analyzer
from .library import Library
from .model import sentence_spans


def _terms(text: str) -> set[str]:
    return {t.text for t in text_analyzer()(text, mode="query")}


def own_context(lib: Library, st) -> set[str]:
    """The terms of the sentence holding statement ``st``, without any other speaker's statement in it."""
    from .said import statements_inside

    src = lib.store().source(st.source_id)
    if src is None:
        return set()
    sent = next(((a, b) for a, b in sentence_spans(src.text, max(0, st.start - 600), min(len(src.text), st.end + 600))
                 if a <= st.start and b >= st.end), None)  # fmt: skip
    if sent is None:
        return set()
    a, b = sent
    chars = list(src.text[a:b])
    for other in statements_inside(lib, st.source_id, a, b):
        if other.who != st.who:
            for i in range(max(other.start, a), min(other.end, b)):
                chars[i - a] = " "
    return _terms("".join(chars))


def nothing_from_them(off_topic: list[tuple[str, int]]) -> str:
    """The briefing's note for speakers asked about who have statements, none of them on the topic."""
    return " ".join(
        f"The library has nothing from {who} on this topic ({n} statement{'s' if n != 1 else ''} by them on "
        f"other subjects: see “said {who}”)." for who, n in off_topic
    )  # fmt: skip
