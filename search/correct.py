"""Typo correction: a query word the library has never seen is replaced by the closest word it has.

The vocabulary is every word of the passages (with the number of passages holding it), the words of the
sources' titles, authors and outlets, and the words of entity names and their aliases. A word is corrected
when it is not in it, has at least 4 letters, is not a number, and is within 1 edit (4-7 letters) or 2 edits
(8 or more) of a vocabulary word. Distances are rapidfuzz's OSA distance (optimal string alignment: a swap of
two neighbouring letters, "Knigths", counts as one edit) and a typo may be anywhere, the first letter
included ("sAustin", "xLevitt"). Candidates are blocked by length (a word within k edits is within k
letters of the typed length) and by the letters at positions 0 and 1: one edit at the start (a letter
inserted, dropped or replaced, or the first two swapped) leaves the typed word's first or second letter at
position 0 or 1 of the meant word, so four blocks per length hold every candidate but two edits in the first
two letters, at about a sixth of the work of scanning the whole length. Each block is scanned by
``rapidfuzz.process.extract`` with a score cutoff, in C. Among the closest, a word of an entity name or alias wins ("Deash" -> Daesh, not Death), then
the most frequent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .engine.analysis import raw_analyzer

MIN_LEN = 4


def max_edits(word: str) -> int:
    return 0 if len(word) < MIN_LEN else 1 if len(word) <= 7 else 2


class Corrector:
    """Knows the library's words; ``correct`` gives the closest known word for an unknown one."""

    def __init__(self, counts: dict[str, int], names: set[str] | None = None) -> None:
        self.counts = counts
        self.names = names or set()  # words of entity names and aliases: preferred among equally close
        # Blocks by (length, position 0 or 1, letter): every word is in two, under its first and second letter.
        self.blocks: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for w in counts:
            if len(w) >= MIN_LEN - 2 and w.isalpha():
                self.blocks[(len(w), 0, w[0])].append(w)
                self.blocks[(len(w), 1, w[1])].append(w)
        self._cache: dict[str, str | None] = {}

    @classmethod
    def build(
        cls, vocabulary: list[tuple[str, int]], extra_names: list[str], entity_names: Sequence[str] = ()
    ) -> Corrector:
        counts = dict(vocabulary)
        an = raw_analyzer()
        names: set[str] = set()
        for name in [*extra_names, *entity_names]:
            for t in an(name):
                counts[t.text] = counts.get(t.text, 0) + 1
        for name in entity_names:
            names.update(t.text for t in an(name))
        return cls(counts, names)

    def known(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str | None:
        """The replacement for a lowercase ``word``, or None when it is known, too short or nothing is close."""
        if word in self._cache:
            return self._cache[word]
        best: str | None = None
        k = max_edits(word)
        if k and word.isalpha() and word not in self.counts:
            found: list[tuple[int, bool, int, str]] = []
            # One edit at the start (a letter inserted, dropped, replaced, or the first two swapped) leaves the
            # word's first letter at position 0 or 1 of the meant word, or its second letter there.
            keys = {(0, word[0]), (0, word[1]), (1, word[0]), (1, word[1])}
            for n in range(len(word) - k, len(word) + k + 1):
                for pos, letter in keys:
                    cands = self.blocks.get((n, pos, letter))
                    if not cands:
                        continue
                    for cand, dist, _ in process.extract(
                        word, cands, scorer=OSA.distance, score_cutoff=k, limit=16
                    ):
                        found.append((dist, cand not in self.names, -self.counts.get(cand, 0), cand))
            if found:
                best = min(found)[3]
        if len(self._cache) > 5000:
            self._cache.clear()
        self._cache[word] = best
        return best
