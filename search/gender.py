"""What the library's own text says of a person's gender, for the chat's pronoun follow-ups: "and him?" after
a question about a woman must not carry her over.

Evidence is only what the articles write near the person's name, never a first name: a title before the name
("Ms. Berti", "Mr. Kirby"), or a pronoun in the sentence that names the person or the next one, when that
stretch names no other person: "he"/"him"/"she", and "her" after a preposition ("according to her"). A
possessive ("his", "her" before a noun) is not counted: it often belongs to someone else. The text gives a
gender when its evidence all points one way; none, or both ways, is no answer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .library import Library

MAX_MENTIONS = 40  # mentions looked at: enough to find what the text says, cheap at any library size
_PEOPLE = ("person", "name")  # "name": a person the mining could not type further
_TITLES = re.compile(r"\b(?:(Mr|Sir)|(Ms|Mrs|Miss|Madam|Mme))\.?\s+$")
_PRONOUNS = re.compile(
    r"\b(?:(he|him)|(she)|(?:to|by|with|for|from|about|of)\s+(her)(?=\s*[,.;:!?)”\"]|\s*$))\b", re.I
)
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"(]?[A-ZÀ-Þ])")  # then a capital: a new sentence


def text_gender(lib: Library, name: str) -> str | None:
    """ "m" or "f" when the library's text gives the person ``name`` that gender, else None."""
    ent = lib.entities().get(name)
    if ent is None or ent.kind not in _PEOPLE:
        return None
    store = lib.store()
    own = {w.lower() for n in (ent.name, *ent.aliases) for w in re.findall(r"[\w’'-]+", n)}
    found: set[str] = set()
    for n, m in enumerate(ent.mentions):
        if n >= MAX_MENTIONS:
            break
        p = store.passages([m.passage_id]).get(m.passage_id)
        if p is None:
            continue
        text, a, b = p.text, m.start - p.start, m.end - p.start
        if t := _TITLES.search(text[max(0, a - 8) : a]):
            found.add("m" if t.group(1) else "f")
        window = _window(text, a, b)
        if _names_someone_else(lib, window, own):
            continue
        for pm in _PRONOUNS.finditer(window):
            found.add("m" if pm.group(1) else "f")
    return found.pop() if len(found) == 1 else None


def _window(text: str, a: int, b: int) -> str:
    """The sentence holding text[a:b] and the next one."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    first = max(s for s in starts if s <= a)
    after = [s for s in starts if s > b]
    end = after[1] if len(after) > 1 else len(text)
    return text[first:end]


def _names_someone_else(lib: Library, window: str, own: set[str]) -> bool:
    """Whether ``window`` names a person other than the one whose words ``own`` are."""
    for _s, _e, ent in lib.alias_index().in_query(window):
        if ent.kind in _PEOPLE and not {w.lower() for w in re.findall(r"[\w’'-]+", ent.name)} & own:
            return True
    return False


def pronoun_gender(question: str) -> str | None:
    """The gender of the person a follow-up's pronoun points to: "m" (he, him, his), "f" (she, her, hers),
    None for none or both ("they", "he or she")."""
    words = set(re.findall(r"[a-z]+", question.lower()))
    m, f = bool(words & {"he", "him", "his", "himself"}), bool(words & {"she", "her", "hers", "herself"})
    return "m" if m and not f else "f" if f and not m else None
