"""Words as the index sees them: the analyzers, the stems of a text, highlight offsets and phrase checks.

Whoosh's own highlighter returns HTML and nothing past 32,768 characters, so highlights here are character
offsets found by running the same analysis over the passage text. Public Whoosh API only (analysis classes,
the Porter stemmer, the accent map).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

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
from whoosh.support.charset import accent_map as _whoosh_accents

# Whoosh's accent folding, and the combining dot above (U+0307) dropped: lowercasing a Turkish "İ" gives "i"
# and that dot, so "İncirlik" was indexed as "i̇ncirlik" and typing "incirlik" found nothing.
accent_map = {**_whoosh_accents, 0x0307: None}
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


# One of each, shared by every caller and thread (a chain keeps no state between calls; the stemmer's cache is
# thread-safe): a new one per call cost 0.1 ms to build and started with an empty stemming cache, several
# times per keystroke.
@cache
def text_analyzer() -> TextAnalyzer:
    return TextAnalyzer()


@cache
def raw_analyzer():
    """Unstemmed lowercased words (for completing a half-typed word)."""
    return RegexTokenizer(TOKEN) | LowercaseFilter() | CharsetFilter(accent_map)


@cache
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
    words are gathered once (kept for the last few thousand texts: the rows of one keystroke, and the
    keystrokes of one query, show many of the same passages again) with the stem of each distinct word, so a
    query's highlights are a test per distinct word and a pass over the text's tokens.
    """
    if not stems and not raws:
        return []
    key = (text, "\x00".join(sorted(stems)) + "\x01" + "\x00".join(sorted(raws)))
    flat = _SPANS.get(key)
    if flat is None:
        lowered = _ascii_lowered(text)
        if lowered is not None:
            # A text whose words are all ASCII: scan for the candidates only (35-40 us; gathering its words
            # costs 200 us, and pays only from the sixth sight on)
            flat = _highlight_ascii(lowered, stems, raws)
        else:
            lows, spans, stem_of = _words_of(text)
            matched = {low for low, st in stem_of.items() if st in stems}
            if raws:
                matched |= raws & stem_of.keys()
            flat = tuple(x for i, low in enumerate(lows) if low in matched for x in spans[i])
        if len(_SPANS) >= _SPANS_KEPT:
            _SPANS.clear()  # simple and thread-safe; the next keystrokes highlight their passages again
        _SPANS[key] = flat
    return [[flat[i], flat[i + 1]] for i in range(0, min(len(flat), 2 * limit), 2)]


# Highlights by (text, stems, forms): flat tuples of (start, end) offsets (no containers for the garbage
# collector to walk). Half the passages of a keystroke were highlighted for the same words at the last one
# (the words of a typed prefix settle before the word is finished).
_SPANS: dict[tuple[str, str], tuple[int, ...]] = {}  # (text, its query words joined) -> offsets
_SPANS_KEPT = 20_000


_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_CANDIDATES: dict[tuple[frozenset[str], frozenset[str]], re.Pattern[str]] = {}


def _ascii_lowered(text: str) -> str | None:
    """``text`` lowercased, when its words are all ASCII (folding them is lowercasing) and the offsets stay
    those of ``text``; None otherwise (then the analyzer's own pass is used)."""
    if _NON_ASCII_WORD.search(text):
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _word_starts(lowered: str, starts: set[str], firsts: set[str]):
    """Where a token of a lowercased ASCII text begins that could stem to one of the stems whose first two
    letters are ``starts`` (see :func:`_could_stem_to` for ``firsts``): the regex engine finds them
    (:func:`_candidates`), tokens inside a dotted abbreviation ("U.S.") left out."""
    if not starts and not firsts:
        return  # no word to look for (an empty pattern would not compile)
    for m in _candidates(starts, firsts).finditer(lowered):
        p = m.start()
        if p < 2 or lowered[p - 1] != "." or _token_starts_at(lowered, p):
            yield p


def _short_firsts(words) -> set[str]:
    """The first letters of the words of one or two letters: the only stems a word starting with other
    letters can have (Porter leaves a word of one or two letters as it is, and keeps a longer word's first
    two letters unless its stem has at most two: "ays" is "ai"; tested)."""
    return {w[:1] for w in words if w and len(w) <= 2}


def _highlight_ascii(lowered: str, stems: set[str], raws: set[str]) -> tuple[int, ...]:
    """:func:`highlight_spans` for a lowercased text whose words are all ASCII, as a flat tuple: only the
    words starting with a letter a match could start with are looked at."""
    starts = {st[:2] for st in stems if st} | {r[:2] for r in raws if r}
    firsts = _short_firsts(stems) | _short_firsts(raws)
    if not starts:
        return ()  # an empty stem or form matches no word
    out: list[int] = []
    for p in _word_starts(lowered, starts, firsts):
        tok = _TOKEN_RE.match(lowered, p)
        if tok is None:
            continue
        low = tok.group()
        if low in raws or (
            _could_stem_to(low, starts, firsts) and low not in _STOP and _stem_folded(low) in stems
        ):
            out += (p, tok.end())
    return tuple(out)


def _candidates(starts: set[str], firsts: set[str]) -> re.Pattern[str]:
    """A pattern for the places in a lowercased ASCII text where a word begins whose first two letters are
    one of ``starts``, or whose first letter is one of ``firsts`` (see :func:`_short_firsts`) and the second
    a vowel or nothing (Porter's rule, see :func:`_could_stem_to`)."""
    key = (frozenset(starts), frozenset(firsts))
    pat = _CANDIDATES.get(key)
    if pat is None:
        # The first letter leads (the regex engine then skips to the places holding one: three times faster
        # than a pattern starting with the look-behind); a two-letter start checks its first letter again.
        # Compiling one is most of a millisecond: kept per set of starts (a query's stay the same while a
        # word is typed).
        lead = "[" + "".join(re.escape(c) for c in sorted({st[:1] for st in starts} | firsts)) + "]"
        alts = [f"(?<={re.escape(st[0])}){re.escape(st[1])}" for st in sorted(starts) if len(st) == 2]
        if firsts:
            short = "".join(re.escape(c) for c in sorted(firsts))
            alts.append(rf"(?<=[{short}])(?:[aeiouy]|\w?(?!\w))")
        if len(_CANDIDATES) > 1024:
            _CANDIDATES.clear()
        pat = _CANDIDATES[key] = re.compile(rf"{lead}(?<!\w.)(?:{'|'.join(alts)})")
    return pat


def _token_starts_at(text: str, p: int) -> bool:
    """Whether a token of the analyzer's tokenizer starts at ``p`` (a word character after a full stop)."""
    q = p
    while (
        q >= 2
        and text[q - 1] == "."
        and _WORD_CHAR.match(text, q - 2)
        and not (q >= 3 and _WORD_CHAR.match(text, q - 3))
    ):
        q -= 2
    for m in _TOKEN_RE.finditer(text, q):
        if m.start() >= p:
            return m.start() == p
        if m.end() > p:
            return False
    return False


_WORD_CHAR = re.compile(r"\w")
_WORDS: dict[str, tuple[list[str], list[tuple[int, int]], dict[str, str]]] = {}
_WORDS_KEPT = 4000


def _words_of(text: str) -> tuple[list[str], list[tuple[int, int]], dict[str, str]]:
    """``text``'s tokens (folded, lowercase), where each is, and each distinct one's stem ("" for a stop word,
    which the analyzer leaves out). Gathered by the regex engine in whole passes, with Python code only per
    distinct word: a Python step per token made this most of a keystroke that shows 40 new passages."""
    got = _WORDS.get(text)
    if got is None:
        lows = list(map(_fold, _TOKEN_RE.findall(text)))
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        stem_of = {low: "" if low in _STOP else _stem_folded(low) for low in set(lows)}
        got = (lows, spans, stem_of)
        if len(_WORDS) >= _WORDS_KEPT:
            _WORDS.clear()  # simple and thread-safe; the next keystrokes gather their passages again
        _WORDS[text] = got
    return got


def _could_stem_to(low: str, starts: set[str], firsts: set[str]) -> bool:
    """Whether ``low`` may have one of the stems whose first two letters are ``starts``, ``firsts`` being the
    first letters of those of one or two letters (:func:`_short_firsts`)."""
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


def phrase_in_text(text: str, words: list[str] | tuple[str, ...], slop: int = 1) -> bool:
    """``contains_phrase(stem_sequence(text), words, slop)``, faster for a text whose words are all ASCII and
    an exact phrase: the regex engine finds where the first word could be, and only the words after those
    places are stemmed (checking a phrase's candidates stemmed every word of every candidate)."""
    lowered = _ascii_lowered(text) if slop <= 1 and words and words[0] else None
    if lowered is None:
        return contains_phrase(stem_sequence(text), words, slop)
    first = words[0]
    for p in _word_starts(lowered, {first[:2]}, _short_firsts([first])):
        k = 0
        for tok in _TOKEN_RE.finditer(lowered, p):
            low = tok.group()
            if len(low) < 2 or low in _STOP:
                if k == 0:
                    break  # the first word is a dropped one: not a start
                continue  # the analyzer leaves it out: no gap
            if _stem_folded(low) != words[k]:
                break
            k += 1
            if k == len(words):
                return True
    return False


_SEQ_STEMS: dict[str, str] = {}


def raw_words(text: str) -> set[str]:
    """The completion vocabulary of one passage: folded lowercase words of three letters or more, no numbers."""
    low = text.lower()
    if not low.isascii():  # the accent map changes no lowercase ASCII letter
        low = low.translate(accent_map)
    words = set(_TOKEN_RE.findall(low))
    return {w for w in words if len(w) > 2 and not w.isdigit()}
