"""What the user typed, before it becomes a Whoosh query: the caps (cut first, before any other work),
sanitising, and the completion vocabulary for the last word typed (:class:`Completer`).

The Whoosh query itself is built in ``engine/parse.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .text import sanitize

MAX_QUERY_CHARS = 300  # what a user types: cut to this before any other work
MAX_EXPANDED_CHARS = 2000  # the query after entity names became ORs of their aliases
MAX_TOKEN_CHARS = 60
MIN_PREFIX = 3
PREFIX_COMPLETIONS = 6


class Completer:
    """Completes a typed prefix to the most frequent unstemmed words of the index."""

    def __init__(self, terms: list[tuple[str, int]]) -> None:
        self.terms = sorted(terms)
        self.keys = [t for t, _ in self.terms]
        self.cache: dict[str, list[str]] = {}

    @classmethod
    def from_store(cls, store) -> Completer:
        """Completions come from the unstemmed vocabulary the store keeps (word, passages containing it)."""
        return cls(store.vocabulary())

    def has(self, word: str) -> bool:
        i = bisect_left(self.keys, word)
        return i < len(self.keys) and self.keys[i] == word

    def complete(self, prefix: str, k: int = PREFIX_COMPLETIONS) -> list[str]:
        if prefix in self.cache:
            return self.cache[prefix]
        i = bisect_left(self.keys, prefix)
        best: list[tuple[int, str]] = []
        j = i
        # Bounded scan: a 3-letter prefix covers at most a few thousand words even at 10k articles.
        while j < len(self.keys) and self.keys[j].startswith(prefix) and j - i < 20000:
            best.append((self.terms[j][1], self.keys[j]))
            j += 1
        best.sort(key=lambda x: (-x[0], len(x[1])))
        out = [w for _, w in best[:k]]
        if len(self.cache) > 5000:
            self.cache.clear()
        self.cache[prefix] = out
        return out


def cap_query(text: str, limit: int = MAX_QUERY_CHARS) -> tuple[str, list[str]]:
    """The first thing done to anything typed (query, question, topic, name): cut it to ``limit`` characters.

    Everything after this (sanitising, alias expansion, parsing, fuzzy look-up) is then bounded: a
    100,000-character query used to cost seconds before the cap was reached.
    """
    if len(text) <= limit:
        return text, []
    return text[:limit], [f"Query cut to its first {limit} characters."]


# A field filter with nothing after its colon ("author:", 'speaker:""'): searched as the word "author" before
_EMPTY_FILTER = re.compile(
    r'(?i)(?:^|(?<=[\s(]))-?(author|authors|by|outlet|source|year|date|title|speaker|said|who):(?:""|(?=[\s)]|$))'
)


def drop_empty_filters(text: str, typing: bool = False) -> tuple[str, list[str]]:
    """``text`` without its empty field filters, and a notice for each: an empty filter keeps every passage.
    ``typing``: the text is still being typed (the box), so a filter at its very end is not reported yet."""
    notices = []
    for m in _EMPTY_FILTER.finditer(text):
        if not (typing and not text[m.end() :].strip()):
            notices.append(f"{m.group(1).lower()}: is empty (nothing after the colon); ignored it.")
    return _EMPTY_FILTER.sub(" ", text), list(dict.fromkeys(notices))


_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’][sS]\b")


def strip_possessives(text: str) -> str:
    """"Levitt's" and "Levitt’s" are the word itself (the index drops the one-letter "s", but a name field
    kept it, so "Levitt's" asked for an author "s" too)."""
    return _POSSESSIVE.sub("", text)


# Typographic double quotes (what a word processor or a phone types, and what a pasted quotation carries) quote a
# phrase as straight ones do: left alone, “islamic state” was two words, and expanded to the aliases.
_DOUBLE_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»〝〞＂"})


def clean_query_text(text: str, limit: int = MAX_QUERY_CHARS) -> tuple[str, list[str]]:
    """Sanitise and cap the query; notices say what was cut."""
    text, notices = cap_query(text, limit)
    text = sanitize(text).replace("\n", " ").replace("\t", " ").translate(_DOUBLE_QUOTES)
    if len(text) > limit:  # NFKC can lengthen text (one character can become eighteen)
        text = text[:limit]
        notices = [f"Query cut to its first {limit} characters."]
    if re.search(rf"\S{{{MAX_TOKEN_CHARS + 1},}}", text):
        text = re.sub(rf"(\S{{{MAX_TOKEN_CHARS}}})\S+", r"\1", text)
        notices.append(f"Words longer than {MAX_TOKEN_CHARS} characters were shortened.")
    return text, notices
