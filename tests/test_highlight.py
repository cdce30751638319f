"""Highlighting stems only the words that could match (Porter is slow the first time it sees a word): the
shortcut must mark exactly the words a plain 'stem every word' pass marks."""

from __future__ import annotations

import itertools
import random
import string

from nato_brief.search.engine.analysis import _STOP, _TOKEN_RE, _could_stem_to, _forms, highlight_spans

from .conftest import ROOT


def _reference(text: str, stems: set[str], raws: set[str]) -> list[list[int]]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        low, st = _forms(m.group())
        if (st in stems and low not in _STOP) or low in raws:
            out.append([m.start(), m.end()])
    return out[:200]


def test_the_shortcut_never_skips_a_word_whose_stem_could_match():
    for n in (1, 2, 3, 4):
        for letters in itertools.product(string.ascii_lowercase, repeat=n):
            low, st = _forms("".join(letters))
            assert _could_stem_to(low, {st[:2]}, {st[:1]}), (low, st)


def test_same_highlights_as_stemming_every_word_on_the_seeds():
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*")) if p.is_file()]
    words = sorted({w for t in texts for w in _TOKEN_RE.findall(t)})
    rng = random.Random(5)
    for _ in range(300):
        picked = rng.sample(words, rng.randint(1, 4))
        stems = {_forms(w)[1] for w in picked}
        raws = {_forms(w)[0] for w in rng.sample(words, rng.randint(0, 2))}
        for text in texts:
            assert highlight_spans(text, stems, raws) == _reference(text, stems, raws)
