"""Words as the index sees them: the analyzers, the stems of a text, highlight offsets and phrase checks.

Whoosh's own highlighter returns HTML and nothing past 32,768 characters, so highlights here are character
offsets found by running the same analysis over the passage text. Public Whoosh API only (analysis classes,
the Porter stemmer, the accent map).
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

TOKEN = r"(?:\w\.){2,}|\w+"


def _text_chain():
    return (
        RegexTokenizer(TOKEN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter(cachesize=50000)
    )


class TextAnalyzer(Analyzer):
    """Stemmed, accent-folded words; English stop words and one-letter words removed.

    The same tokens as the chain ``RegexTokenizer | Lowercase | Charset | Stop | Stem``, which it uses for
    anything unusual (positions, offsets, queries); for indexing passage text, the common case, it runs one
    loop with a cache per distinct word instead of five generators per token (twice as fast to build).
    """

    def __init__(self) -> None:
        self.chain = _text_chain()

    def __eq__(self, other) -> bool:
        return other.__class__ is self.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):  # fmt: skip
        if positions or chars or keeporiginal or not removestops or not tokenize or mode == "query":
            yield from self.chain(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                                  removestops=removestops, start_pos=start_pos, start_char=start_char,
                                  tokenize=tokenize, mode=mode, **kwargs)  # fmt: skip
            return
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for st in stem_sequence(value):
            t.text = st
            t.boost = 1.0
            t.stopped = False
            yield t


def text_analyzer():
    return TextAnalyzer()


def raw_analyzer():
    """Unstemmed lowercased words (for completing a half-typed word)."""
    return RegexTokenizer(TOKEN) | LowercaseFilter() | CharsetFilter(accent_map)


def name_analyzer():
    """People's and outlets' names: lowercase, accents folded, no stemming, English stop words dropped."""
    return RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(minsize=1)


_TOKEN_RE = re.compile(TOKEN)
_STOP = frozenset(STOP_WORDS)


@lru_cache(maxsize=200_000)
def _forms(word: str) -> tuple[str, str]:
    """(folded lowercase form, its stem): the same normalisation as the text analyzer, cached per word."""
    low = _fold(word)
    return low, _stem_folded(low)


def highlight_spans(text: str, stems: set[str], raws: set[str], limit: int = 200) -> list[list[int]]:
    """Offsets of words in ``text`` whose stem is in ``stems`` or whose lowercase form is in ``raws``.

    Works on any length (Whoosh's own highlighter stops at 32,768 characters and returns HTML). A text's
    words are gathered once, by folded form and by stem (kept for the last few thousand texts: the rows of
    one keystroke, and the keystrokes of one query, show many of the same passages again), so a query's
    highlights are a look-up per stem instead of a test per word of the text.
    """
    if not stems and not raws:
        return []
    lows, stemmed = _words_of(text)
    found: list[int] = []
    for st in stems:
        found += stemmed.get(st, ())
    for low in raws:
        found += lows.get(low, ())
    pairs = zip(found[::2], found[1::2], strict=True)
    return [list(span) for span in sorted(set(pairs) if raws else pairs)[:limit]]


Offsets = tuple[int, ...]
_WORDS: dict[str, tuple[dict[str, Offsets], dict[str, Offsets]]] = {}
_WORDS_KEPT = 4000


def _words_of(text: str) -> tuple[dict[str, Offsets], dict[str, Offsets]]:
    """Where each distinct folded lowercase word of ``text`` occurs, and where each stem does (stop words
    left out, as the analyzer does), as flat (start, end, start, end, …).

    Flat tuples of ints because this cache is long-lived and large (thousands of texts, tens of words each):
    the garbage collector stops tracking a tuple of ints, whereas lists of spans kept some 170,000 containers
    in view and made each full collection a 35–60 ms pause inside a keystroke."""
    got = _WORDS.get(text)
    if got is None:
        where: dict[str, list[int]] = {}
        for m in _TOKEN_RE.finditer(text):
            low = _fold(m.group())
            offsets = where.get(low)
            if offsets is None:
                where[low] = [m.start(), m.end()]
            else:
                offsets += m.span()
        by_stem: dict[str, list[int]] = {}
        for low, offsets in where.items():
            if low not in _STOP:
                by_stem.setdefault(_stem_folded(low), []).extend(offsets)
        got = (
            {low: tuple(offsets) for low, offsets in where.items()},
            {st: tuple(offsets) for st, offsets in by_stem.items()},
        )
        if len(_WORDS) >= _WORDS_KEPT:
            _WORDS.clear()  # simple and thread-safe; the next keystrokes gather their passages again
        _WORDS[text] = got
    return got


def _could_stem_to(low: str, starts: set[str], firsts: set[str]) -> bool:
    """Whether ``low`` may have a stem starting with one of ``starts`` (two letters) / ``firsts`` (one)."""
    return low[:2] in starts or (low[:1] in firsts and (len(low) <= 2 or low[1] in "aeiouy"))


@lru_cache(maxsize=200_000)
def _stem_folded(low: str) -> str:
    return stem(low)


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """A word's folded lowercase form (the first half of ``_forms``, without the stemming)."""
    return word.lower().translate(accent_map)


def stem_sequence(text: str) -> list[str]:
    """The text analyzer's terms in order (stop words and one-letter words dropped), by one regex pass and a
    cache per distinct token: what indexing runs, and what phrases are checked against."""
    cache = _SEQ_STEMS
    out = []
    for tok in _TOKEN_RE.findall(text):
        st = cache.get(tok)
        if st is None:
            low, stemmed = _forms(tok)
            st = cache[tok] = stemmed if len(low) >= 2 and low not in _STOP else ""
            if len(cache) > 300_000:
                cache.clear()
        if st:
            out.append(st)
    return out


def contains_phrase(
    seq: list[str] | tuple[str, ...], words: list[str] | tuple[str, ...], slop: int = 1
) -> bool:
    """Whether ``words`` occur in ``seq`` in order, each within ``slop`` positions of the one before."""
    n = len(words)
    if slop <= 1:
        first = words[0]
        return any(w == first and tuple(seq[i : i + n]) == tuple(words) for i, w in enumerate(seq))
    where: dict[str, list[int]] = {}
    for i, w in enumerate(seq):
        if w in words:
            where.setdefault(w, []).append(i)
    if any(w not in where for w in words):
        return False

    def chain(k: int, prev: int) -> bool:
        if k == n:
            return True
        return any(prev < p <= prev + slop and chain(k + 1, p) for p in where[words[k]])

    return any(chain(1, p) for p in where[words[0]])


_SEQ_STEMS: dict[str, str] = {}


def raw_words(text: str) -> set[str]:
    """The completion vocabulary of one passage: folded lowercase words of three letters or more, no numbers."""
    words = set(_TOKEN_RE.findall(text.lower().translate(accent_map)))
    return {w for w in words if len(w) > 2 and not w.isdigit()}
