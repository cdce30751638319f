"""What a result highlights in a passage: the query's words wherever they occur, its phrases only where the
whole phrase occurs. The words and phrases come from the parsed query (engine/parse.py, ``_collect_terms``);
the word scan is the analyzer's (engine/analysis.py, ``highlight_spans``)."""

from __future__ import annotations

from .engine.analysis import _words_of, highlight_spans
from .engine.parse import BuiltQuery


def query_highlights(text: str, bq: BuiltQuery) -> list[list[int]]:
    """Offsets in ``text`` to highlight for ``bq``: its words wherever they occur, its phrases where the whole
    phrase occurs (one span from the phrase's first word to its last), in order, overlaps merged."""
    spans = highlight_spans(text, bq.stems, bq.raws)
    if bq.phrases:
        spans = _merge(spans + phrase_spans(text, bq.phrases))
    return spans


def phrase_spans(text: str, phrases: list[tuple[str, ...]], limit: int = 200) -> list[list[int]]:
    """Where each phrase (a sequence of stems) occurs in ``text``, as the passage text's analyzer reads it:
    stop words and one-letter words are skipped, as indexing and the phrase check skip them."""
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
