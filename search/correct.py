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

People's names get one more chance: a word of 6 or more letters that nothing within the edit limit matches is
compared with the words of people's names (the people among the entities, and the sources' authors) by
rapidfuzz's ``fuzz.ratio`` (cutoff 80: two single-letter insertions/deletions in 10 letters) and taken when it
is also within 2 edits: "Marroto" (a doubled letter moved, two edits in seven letters) is Marotto. A name is
spelt by ear, so its typos are wider than a word's; a surname is rarely also an English word, and only a word
the library has nowhere is ever corrected, so this cannot turn a real word into a name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .engine.analysis import _fold, raw_analyzer

MIN_LEN = 4
NAME_MIN_LEN = 6  # a word this long may be corrected to a person's name within 2 edits
NAME_RATIO = 85  # fuzz.ratio cutoff for that (7 letters: two single-letter insertions or deletions)


CHROME_TYPO_LEN = 8  # from this length (two edits allowed) a word of the page chrome is corrected too


def max_edits(word: str) -> int:
    return 0 if len(word) < MIN_LEN else 1 if len(word) <= 7 else 2


class Corrector:
    """Knows the library's words; ``correct`` gives the closest known word for an unknown one."""

    def __init__(
        self,
        counts: dict[str, int],
        names: set[str] | None = None,
        people: set[str] | None = None,
        chrome: set[str] | None = None,
    ) -> None:
        self.counts = counts
        self.chrome = (chrome or set()) - counts.keys()  # words only in page chrome: short ones never corrected
        self.names = names or set()  # words of entity names and aliases: preferred among equally close
        # words of people's names (persons among the entities, authors): a wider net for a misspelt name
        self.people = sorted(w for w in people or () if len(w) >= NAME_MIN_LEN and w.isalpha())
        # Blocks by (length, position 0 or 1, letter): every word is in two, under its first and second letter.
        self.blocks: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for w in counts:
            if len(w) >= MIN_LEN - 2 and w.isalpha():
                self.blocks[(len(w), 0, w[0])].append(w)
                self.blocks[(len(w), 1, w[1])].append(w)
        self._cache: dict[str, str | None] = {}
        self._written: dict[str, str] = {}

    @classmethod
    def build(
        cls,
        vocabulary: list[tuple[str, int]],
        extra_names: list[str],
        entity_names: Sequence[str] = (),
        people: Sequence[str] = (),
        chrome: Sequence[str] = (),
    ) -> Corrector:
        """``people``: people's names (the entities of kind person, the sources' authors); ``chrome``: the
        sources' page chrome (menus, headers, footers), whose words are not searched and not corrected."""
        counts = dict(vocabulary)
        an = raw_analyzer()
        names: set[str] = set()
        for name in [*extra_names, *entity_names, *people]:
            for t in an(name):
                counts[t.text] = counts.get(t.text, 0) + 1
        for name in entity_names:
            names.update(t.text for t in an(name))
        person_words = {t.text for name in people for t in an(name)}
        return cls(counts, names, person_words, {t.text for line in chrome for t in an(line)})

    def known(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str | None:
        """The replacement for a lowercase ``word``, or None when it is known, too short or nothing is close."""
        if word in self._cache:
            return self._cache[word]
        best: str | None = None
        k = max_edits(word)
        # A word only the page chrome has is a site's own word ("games" on a menu), not a typo; but a long one
        # two edits from a known word is a misspelling even there ("Stoltenburg visits Riga", a related link).
        chrome_word = word in self.chrome and len(word) < CHROME_TYPO_LEN
        if k and word.isalpha() and word not in self.counts and not chrome_word:
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
            elif NAME_MIN_LEN <= len(word) <= 7 and self.people:  # from 8 letters on, 2 edits are the rule
                best = self._person_word(word)
        if len(self._cache) > 5000:
            self._cache.clear()
        self._cache[word] = best
        return best

    def split_chrome(self, unknown: list[str], notices: list[str]) -> tuple[list[str], list[str], list[str]]:
        """(``unknown`` less the words only the page chrome has, those words, ``notices`` plus one naming
        them): a word of a site's menu is neither "not in the library" nor a typo for another word."""
        an = raw_analyzer()
        only = [w for w in unknown if (toks := [t.text for t in an(w)]) and all(t in self.chrome for t in toks)]
        if not only:
            return unknown, [], notices
        line = chrome_line(only)
        return [w for w in unknown if w not in only], only, notices + ([line] if line not in notices else [])

    def correct_written(self, word: str, texts_with: Callable[[str], Iterable[str]]) -> str | None:
        """:meth:`correct`, as the library writes the word: the vocabulary is folded ("Straße" is "strase"),
        and a correction must not show the user a folding artefact. ``texts_with(word)``: a few passage
        texts holding it (looked up once per word)."""
        fixed = self.correct(word)
        if fixed is None:
            return None
        return self.written(fixed, texts_with)

    def written(self, word: str, texts_with: Callable[[str], Iterable[str]]) -> str:
        """How the passages write the folded word ``word`` ("strase" -> "straße"), looked up once per word."""
        if word not in self._written:
            if len(self._written) > 5000:
                self._written.clear()
            self._written[word] = written_form(word, texts_with(word))
        return self._written[word]

    def _person_word(self, word: str) -> str | None:
        """The word of a person's name that ``word`` misspells (fuzz.ratio >= NAME_RATIO, at most 2 edits)."""
        got = [
            (-score, OSA.distance(word, cand), cand)
            for cand, score, _ in process.extract(
                word, self.people, scorer=fuzz.ratio, score_cutoff=NAME_RATIO, limit=4
            )
        ]
        got = [g for g in got if g[1] <= 2 and abs(len(g[2]) - len(word)) <= 1 and g[2][0] == word[0]]
        return min(got)[2] if got else None


def written_form(word: str, texts: Iterable[str]) -> str:
    """How ``texts`` write the folded vocabulary word ``word`` (lowercase): "strase" -> "straße",
    "celik" -> "çelik"; ``word`` itself when they write it so (or not at all)."""
    for text in texts:
        for tok in re.findall(r"[^\W\d_]+", text):
            low = tok.lower()
            if low != word and not low.isascii() and _fold(low) == word:
                return low
    return word


def chrome_line(words: list[str]) -> str:
    """What a page says of query words found only in page chrome."""
    names = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    occur = "occurs" if len(words) == 1 else "occur"
    return (
        f"{names} {occur} only in page navigation (menus, headers and footers left out of the articles' text), "
        "which is not searched."
    )
