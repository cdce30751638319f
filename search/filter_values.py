"""Completing the filter value still being typed (``author:Levi`` in the box is on its way to Levitt).

Search as you type completes the last word from the passages' vocabulary (search/query.py, ``Completer``);
a last ``field:value`` completes the same way from the words that field holds, so a half-typed name is
neither corrected nor reported as naming nobody (search/rewrite.py, ``complete_field``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz, process

from .engine.analysis import _forms, raw_analyzer

FIELD_NAMES = {"authors": "author", "by": "author", "source": "outlet", "said": "speaker", "who": "speaker"}
NAME_FIELDS = ("author", "outlet", "title", "speaker")
FIELD_COMPLETIONS = 8  # the most used names that start with what was typed
_SCAN = 2000  # a one-letter prefix scans at most this many of a field's words


def complete_value(
    words: list[str], value: str, frequency: Callable[[str], int], k: int = FIELD_COMPLETIONS
) -> list[str]:
    """The words of ``words`` (sorted, folded) that start with ``value`` folded, the most frequent first."""
    low = _forms(value)[0]
    if not low:
        return []
    i = bisect_left(words, low)
    found: list[str] = []
    while i < len(words) and words[i].startswith(low) and len(found) < _SCAN:
        found.append(words[i])
        i += 1
    if len(found) > k:
        found.sort(key=lambda w: (-frequency(w), len(w), w))
    return found[:k]


def field_vocabulary(reader, titles: Iterable[str]) -> tuple[dict[str, list[str]], dict[str, dict[str, int]]]:
    """(words, uses) per name field: authors, outlets and speakers as indexed (sorted, with the passages that
    carry each), titles' words unstemmed (sorted, with the sources whose title has each). One pass each, so
    ranking the completions of a one-letter prefix costs look-ups, not a term query per candidate."""
    words: dict[str, list[str]] = {}
    uses: dict[str, dict[str, int]] = {}
    for f in ("author", "outlet", "speaker"):
        try:
            got = {(t.decode() if isinstance(t, bytes) else str(t)): ti.doc_frequency() for t, ti in reader.iter_field(f)}
        except Exception:  # a field this index does not have
            got = {}
        words[f], uses[f] = list(got), got
    an = raw_analyzer()
    in_titles = Counter(w for title in titles for w in {t.text for t in an(title)})
    words["title"], uses["title"] = sorted(in_titles), dict(in_titles)
    return words, uses


def near_name(value: str, words: list[str]) -> str | None:
    """The field's word closest to ``value`` (folded) to suggest for a filter value that names nobody, or None.
    Whole names only (three letters or more, ``fuzz.ratio`` 70 or more): WRatio over every word suggested an
    initial ("did you mean speaker:L?" for Levitt)."""
    near = process.extractOne(value, [w for w in words if len(w) > 2], scorer=fuzz.ratio, score_cutoff=70)
    return near[0] if near else None


def sharp_name(value: str, have: set[str]) -> str | None:
    """``value`` spelt across "ss" and "ß" as the field has it ("Weiss" -> "weiß" when an author is Weiß,
    folded "weis"; "Weiß" -> "weiss"), or None. The same name, so searched beside the value as typed and
    never shown as a correction (``author:Weiss`` was "corrected" to ``author:Weis``)."""
    low = value.lower()
    cands = [low.replace("ß", "ss")] if "ß" in low else []
    cands += [low[:i] + "ß" + low[i + 2 :] for i in range(len(low) - 1) if low[i : i + 2] == "ss"]
    return next((c for c in cands if _forms(c)[0] != _forms(low)[0] and _forms(c)[0] in have), None)
