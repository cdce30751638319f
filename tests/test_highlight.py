"""Highlighting stems only the words that could match (Porter is slow the first time it sees a word): the
shortcut must mark exactly the words a plain 'stem every word' pass marks."""

from __future__ import annotations

import itertools
import random
import string

from nato_brief.search.engine.analysis import (
    _STOP,
    _TOKEN_RE,
    _could_stem_to,
    _forms,
    _short_firsts,
    highlight_spans,
)

from .conftest import ROOT


def _reference(text: str, stems: set[str], raws: set[str]) -> list[list[int]]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        low, st = _forms(m.group())
        if (st in stems and low not in _STOP) or low in raws:
            out.append([m.start(), m.end()])
    return out[:200]


def test_the_shortcut_never_skips_a_word_whose_stem_could_match():
    """A word's stem keeps its first two letters unless the stem has at most two letters ("ays" is "ai"), so
    only the stems of one or two letters need the first-letter rule (_short_firsts): every word of up to
    four letters, and longer ones (the seeds' words, random letters) are checked."""
    for n in (1, 2, 3, 4):
        for letters in itertools.product(string.ascii_lowercase, repeat=n):
            low, st = _forms("".join(letters))
            assert _could_stem_to(low, {st[:2]}, _short_firsts([st])), (low, st)
    seeds = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*")))
    rng = random.Random(3)
    longer = {w.lower() for w in _TOKEN_RE.findall(seeds) if w.isascii()}
    longer |= {"".join(rng.choice("aeiouyyyssdeingt" + string.ascii_lowercase) for _ in range(rng.randint(5, 9))) for _ in range(50_000)}
    for low in longer:
        st = _forms(low)[1]
        assert _could_stem_to(low, {st[:2]}, _short_firsts([st])), (low, st)


def test_same_highlights_as_stemming_every_word_on_the_seeds():
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((ROOT / "seeds").glob("*"))
        if p.is_file()
    ]
    words = sorted({w for t in texts for w in _TOKEN_RE.findall(t)})
    rng = random.Random(5)
    for _ in range(300):
        picked = rng.sample(words, rng.randint(1, 4))
        stems = {_forms(w)[1] for w in picked}
        raws = {_forms(w)[0] for w in rng.sample(words, rng.randint(0, 2))}
        for text in texts:
            assert highlight_spans(text, stems, raws) == _reference(text, stems, raws)


def test_same_highlights_on_ascii_texts_with_abbreviations_digits_and_joiners():
    """Texts whose words are all ASCII take a shorter path (the regex engine finds the candidate words);
    dotted abbreviations ("U.S.", "a.b.c"), digits, underscores and curly quotes must not change a thing."""
    seeds = " ".join(
        p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*"))
    )
    words = sorted({w for w in _TOKEN_RE.findall(seeds) if w.isascii()})
    odd = ["U.S.", "U.S.A", "a.b.c", "N.A.T.O.", "e.g.", "3.5", "x_y", "U.N.-led", "S.", "s", "A", "I.S.I.S"]
    seps = [" ", " ", " ", ", ", ". ", "-", "'", "’", " “", "” ", "\n", "...", "."]
    rng = random.Random(11)
    for _ in range(400):
        toks = [
            rng.choice(odd) if rng.random() < 0.2 else rng.choice(words) for _ in range(rng.randint(1, 40))
        ]
        text = "".join(t + rng.choice(seps) for t in toks)
        picked = rng.sample(toks, min(len(toks), rng.randint(1, 3)))
        stems = {_forms(w)[1] for w in picked}
        raws = {_forms(w)[0] for w in rng.sample(toks, min(len(toks), rng.randint(0, 2)))}
        assert highlight_spans(text, stems, raws) == _reference(text, stems, raws), (text, stems, raws)


def test_kept_word_places_give_the_same_highlights_keystroke_after_keystroke():
    """Each word's places in a passage are kept between calls (the next keystroke shows the same passages with
    mostly the same words): overlapping word sets over the same texts, in any order, with a row limit, must
    mark what a fresh pass marks."""
    seeds = " ".join(
        p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*"))
    )
    words = sorted({w for w in _TOKEN_RE.findall(seeds) if w.isascii()})
    rng = random.Random(17)
    chosen = rng.sample(words, 40)
    pool = [_forms(w) for w in chosen]
    texts = [
        " ".join(rng.choice(chosen + ["U.S.", "the", "of"]) for _ in range(rng.randint(5, 120)))
        for _ in range(30)
    ]
    for _ in range(600):
        picked = rng.sample(pool, rng.randint(1, 5))
        stems = {st for _, st in picked}
        raws = {low for low, _ in rng.sample(pool, rng.randint(0, 2))}
        text = rng.choice(texts)
        limit = rng.choice([200, 200, 3, 1])
        assert highlight_spans(text, stems, raws, limit) == _reference(text, stems, raws)[:limit], (
            stems,
            raws,
        )


def test_phrase_check_is_the_analyzers_on_ascii_and_other_texts():
    """Checking a phrase's candidates looks only after where its first word could be (ASCII texts); it must say
    what comparing the analyzer's whole stem sequence says, gaps of stop words and abbreviations included."""
    from nato_brief.search.engine.analysis import contains_phrase, phrase_in_text, stem_sequence

    seeds = " ".join(
        p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*"))
    )
    words = sorted({w for w in _TOKEN_RE.findall(seeds)})
    odd = ["U.S.", "a.b.c", "of the", "the", "a", "e.g.", "3.5", "x_y", "I", "Ērbil", "İstanbul", "’s"]
    seps = [" ", " ", ", ", ". ", "-", "'", "’", " “", "\n"]
    rng = random.Random(13)
    hits = 0
    for _ in range(3000):
        toks = [
            rng.choice(odd) if rng.random() < 0.25 else rng.choice(words) for _ in range(rng.randint(1, 30))
        ]
        text = "".join(t + rng.choice(seps) for t in toks)
        seq = stem_sequence(text)
        if len(seq) >= 2 and rng.random() < 0.7:
            i = rng.randrange(len(seq) - 1)
            phrase = seq[i : i + rng.randint(2, 3)]
        else:
            phrase = [_forms(rng.choice(words))[1] for _ in range(2)]
        for slop in (1, 2):
            want = contains_phrase(seq, phrase, slop)
            assert phrase_in_text(text, phrase, slop) == want, (text, phrase, slop)
            hits += want
    assert hits > 1000
