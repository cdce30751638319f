"""Typo correction: a query word the library has never seen is replaced by the closest word it has.

The vocabulary is every word of the passages (with the number of passages holding it), the words of the
sources' titles, authors and outlets, and the words of entity names and their aliases. A word is corrected
when it is not in it, has at least 4 letters, is not a number, and is within 1 edit (4-7 letters) or 2 edits
(8 or more) of a vocabulary word; among the closest, the most frequent wins. Distances are rapidfuzz's
Levenshtein, with candidates blocked by first letter and length (a typo in the first letter is rare and would
make every look-up scan the whole vocabulary).
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .engine.analysis import raw_analyzer

MIN_LEN = 4


def max_edits(word: str) -> int:
    return 0 if len(word) < MIN_LEN else 1 if len(word) <= 7 else 2


class Corrector:
    """Knows the library's words; ``correct`` gives the closest known word for an unknown one."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
        for w in counts:
            if len(w) >= MIN_LEN - 2 and w.isalpha():
                self.blocks[(w[0], len(w))].append(w)
        self._cache: dict[str, str | None] = {}

    @classmethod
    def build(cls, vocabulary: list[tuple[str, int]], extra_names: list[str]) -> Corrector:
        counts = dict(vocabulary)
        an = raw_analyzer()
        for name in extra_names:
            for t in an(name):
                counts[t.text] = counts.get(t.text, 0) + 1
        return cls(counts)

    def known(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str | None:
        """The replacement for a lowercase ``word``, or None when it is known, too short or nothing is close."""
        if word in self._cache:
            return self._cache[word]
        best: str | None = None
        k = max_edits(word)
        if k and word.isalpha() and word not in self.counts:
            found: list[tuple[int, int, str]] = []
            for n in range(len(word) - k, len(word) + k + 1):
                cands = self.blocks.get((word[0], n))
                if not cands:
                    continue
                for cand, dist, _ in process.extract(
                    word, cands, scorer=Levenshtein.distance, score_cutoff=k, limit=8
                ):
                    found.append((dist, -self.counts.get(cand, 0), cand))
            if found:
                best = min(found)[2]
        if len(self._cache) > 5000:
            self._cache.clear()
        self._cache[word] = best
        return best
