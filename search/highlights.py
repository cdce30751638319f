"""What a result highlights in a passage: the query's words wherever they occur, its phrases only where the
whole phrase occurs. The words and phrases come from the parsed query (engine/parse.py, ``_collect_terms``);
the word scan is the analyzer's (engine/analysis.py, ``highlight_spans``)."""

from __future__ import annotations

from .engine.analysis import (
    _STOP,
    _TOKEN_RE,
    _ascii_lowered,
    _short_firsts,
    _stem_folded,
    _word_starts,
    _words_of,
    highlight_spans,
)
from .engine.parse import BuiltQuery

LIMIT = 200  # spans per passage, as highlight_spans


def query_highlights(text: str, bq: BuiltQuery) -> list[list[int]]:
    """Offsets in ``text`` to highlight for ``bq``: its words wherever they occur, its phrases where the whole
    phrase occurs (one span from the phrase's first word to its last), in order, overlaps merged."""
    if not bq.phrases:
        return highlight_spans(text, bq.stems, bq.raws)
    key = (text, _words_key(bq))
    flat = _KEPT.get(key)
    if flat is None:
        words = highlight_spans(text, bq.stems, bq.raws) if bq.stems or bq.raws else []
        flat = tuple(x for span in _merge(words + phrase_spans(text, bq.phrases, LIMIT)) for x in span)
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()  # simple and thread-safe; the next keystrokes highlight their passages again
        _KEPT[key] = flat
    return [[flat[i], flat[i + 1]] for i in range(0, len(flat), 2)]


# As highlight_spans keeps a passage's words (engine/analysis.py): a query with a phrase (a name's aliases
# are phrases) shows most of the last keystroke's passages again with the same words and phrases.
_KEPT: dict[tuple[str, str], tuple[int, ...]] = {}
_KEPT_MAX = 20_000


def _words_key(bq: BuiltQuery) -> str:
    return "\x01".join(
        ["\x00".join(sorted(bq.stems)), "\x00".join(sorted(bq.raws)), *sorted("\x00".join(p) for p in bq.phrases)]
    )


def phrase_spans(text: str, phrases: list[tuple[str, ...]], limit: int = LIMIT) -> list[list[int]]:
    """Where each phrase (a sequence of stems) occurs in ``text``, as the passage text's analyzer reads it:
    stop words and one-letter words are skipped, as indexing and the phrase check skip them."""
    lowered = _ascii_lowered(text)
    if lowered is None:
        return _phrase_spans_words(text, phrases, limit)
    return _phrase_spans_ascii(lowered, phrases, limit)


def _phrase_spans_ascii(lowered: str, phrases: list[tuple[str, ...]], limit: int) -> list[list[int]]:
    """:func:`phrase_spans` for a lowercased all-ASCII text: scanned only where a phrase's first word could
    start (as ``phrase_in_text`` does); gathering every word of 40 passages per keystroke cost milliseconds."""
    out: list[list[int]] = []
    heads = {ph[0] for ph in phrases if ph and ph[0]}
    longest = max(map(len, phrases), default=0)
    for p in _word_starts(lowered, {h[:2] for h in heads}, _short_firsts(heads)):
        seq: list[tuple[str, int, int]] = []  # (stem, start, end) of the words the analyzer keeps from p on
        for tok in _TOKEN_RE.finditer(lowered, p):
            low = tok.group()
            if len(low) < 2 or low in _STOP:
                if not seq:
                    break  # the first word is a dropped one: not a start
                continue  # the analyzer leaves it out: no gap
            seq.append((_stem_folded(low), tok.start(), tok.end()))
            if seq[0][0] not in heads or len(seq) == longest:
                break
        for ph in phrases:
            if len(seq) >= len(ph) and all(seq[i][0] == w for i, w in enumerate(ph)):
                out.append([seq[0][1], seq[len(ph) - 1][2]])
                if len(out) >= limit:
                    return out
    return out


def _phrase_spans_words(text: str, phrases: list[tuple[str, ...]], limit: int) -> list[list[int]]:
    """:func:`phrase_spans` by the analyzer's own pass over every word (texts with non-ASCII words)."""
    lows, spans, stem_of = _words_of(text)
    firsts = {ph[0] for ph in phrases}
    if not any(stem_of.get(lw) in firsts for lw in stem_of):
        return []
    seq = [(stem_of[lw], k) for k, lw in enumerate(lows) if len(lw) >= 2 and stem_of[lw]]
    stems = [st for st, _ in seq]
    out: list[list[int]] = []
    for ph in phrases:
        n = len(ph)
        for i in range(len(stems) - n + 1):
            if stems[i] == ph[0] and tuple(stems[i : i + n]) == ph:
                out.append([spans[seq[i][1]][0], spans[seq[i + n - 1][1]][1]])
                if len(out) >= limit:
                    return out
    return out


def _merge(spans: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out
