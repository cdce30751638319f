"""Name mentions as columns: the store's names table (hundreds of thousands of rows at 10,000 articles) kept as
five integer arrays instead of one :class:`.names.NameRow` each, and grouped per entity with numpy.

A NameRow with its two offsets and its passage id costs about 170 bytes; a row here costs 20: the source, the
passage's number in it, the two offsets and the row's form (surface, key and kind: a few hundred distinct ones).
:class:`Mentions` is an entity's list of mentions: rows are made when they are read (shown), never all at once.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from .names import NameRow


class NameColumns:
    """Rows of (source_id, passage_id, start, end, surface, key, kind) as columns of 32-bit integers (a document
    is at most 20 MB: its offsets fit). Sources and forms (surface, key, kind) are ids into tables of the
    distinct values, numbered in the order first seen; a passage is its number in its source ("<source>.<n>")
    or, for any other id, ``-1 - i`` for ``other_passages[i]``."""

    __slots__ = ("sources", "other_passages", "forms", "src", "pas", "start", "end", "form")

    def __init__(self, rows: Iterable[tuple]) -> None:
        sources: dict[str, int] = {}
        forms: dict[tuple[str, str, str], int] = {}
        others: dict[str, int] = {}
        s_, f_ = sources.setdefault, forms.setdefault
        cols = [array("i") for _ in range(5)]
        src, pas, start, end, form = (c.append for c in cols)
        last_p, last_n = None, 0
        for s, p, a, b, f, k, n in rows:  # one row at a time: its strings are dropped with it
            src(s_(s, len(sources)))
            if p != last_p:
                last_p, last_n = p, _passage_number(s, p)
                if last_n < 0:
                    last_n = -1 - others.setdefault(p, len(others))
            pas(last_n)
            start(a)
            end(b)
            form(f_((f, k, n), len(forms)))
        self.sources, self.other_passages, self.forms = list(sources), list(others), list(forms)
        self.src, self.pas, self.start, self.end, self.form = cols

    @classmethod
    def from_rows(cls, rows: Iterable[NameRow]) -> NameColumns:
        return cls((r.source_id, r.passage_id, r.start, r.end, r.surface, r.key, r.kind) for r in rows)

    def __len__(self) -> int:
        return len(self.src)

    @property
    def keys(self) -> list[str]:
        """The distinct keys, in the order first seen."""
        return list(dict.fromkeys(f[1] for f in self.forms))

    def row(self, i: int) -> NameRow:
        source, n = self.sources[self.src[i]], self.pas[i]
        passage = f"{source}.{n}" if n >= 0 else self.other_passages[-1 - n]
        return NameRow(source, passage, self.start[i], self.end[i], *self.forms[self.form[i]])

    def group(self, group_of_key: dict[str, int], n: int) -> Grouped:
        """Rows grouped by ``group_of_key[key]`` (a number below ``n`` for every key in :attr:`keys`)."""
        return Grouped(self, [group_of_key[f[1]] for f in self.forms], n)


def _passage_number(source: str, passage: str) -> int:
    """n for "<source>.<n>" (n written as str(n) writes it, below 2**31), else -1."""
    head, dot, tail = passage.rpartition(".")
    if dot and head == source and tail.isascii() and tail.isdigit() and len(tail) < 10 and str(int(tail)) == tail:
        return int(tail)
    return -1


def _v(col: array) -> np.ndarray:
    """A column as numpy sees it (no copy)."""
    return np.frombuffer(col, dtype=np.int32)


class Grouped:
    """What an entity is built from, per group: its surfaces and kinds counted over all its rows (first seen
    first), and its mentions, one per (source, start, end) (the last row of those), by source then offset."""

    def __init__(self, cols: NameColumns, group_of_form: list[int], n: int) -> None:
        self.cols = cols
        # A form belongs to one group (through its key) and forms are numbered in the order first seen, so a
        # group's surfaces in the order of their first rows are its forms' surfaces in form order.
        per_form = np.bincount(_v(cols.form), minlength=len(cols.forms)).tolist()
        self._forms: dict[int, list[tuple[tuple[str, str, str], int]]] = {}
        for f, (g, c) in enumerate(zip(group_of_form, per_form, strict=True)):
            if c:
                self._forms.setdefault(g, []).append((cols.forms[f], c))
        self._kept, self._bounds = _dedup(cols, np.asarray(group_of_form, dtype=np.int32), n)

    def surfaces(self, i: int) -> Counter[str]:
        out: Counter[str] = Counter()
        for (surface, _key, _kind), c in self._forms.get(i, ()):
            out[surface] += c
        return out

    def kinds(self, i: int) -> Counter[str]:
        out: Counter[str] = Counter()
        for (_surface, _key, kind), c in self._forms.get(i, ()):
            out[kind] += c
        return out

    def mentions(self, i: int) -> Mentions:
        b = self._bounds
        return Mentions(self.cols, self._kept[b[i] : b[i + 1]] if i + 1 < len(b) else self._kept[:0])


def _dedup(cols: NameColumns, group_of_form: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers kept, group by group, and where each group starts in them. The arrays in use at once are
    kept few (each is 4 bytes a row): this is the peak of building the entity index."""
    if not len(cols):
        return np.zeros(0, np.int32), np.zeros(n + 1, np.int64)
    rank = np.empty(len(cols.sources), np.int32)  # a source's place in string order
    rank[sorted(range(len(cols.sources)), key=cols.sources.__getitem__)] = np.arange(len(cols.sources))
    g, sr, start, end = group_of_form[_v(cols.form)], rank[_v(cols.src)], _v(cols.start), _v(cols.end)
    # Rows with one (group, source, start, end) together, in row order (the sort is stable): the first gives
    # the place, the last the row (as a dict keyed by those would); then by group, source, start, first row.
    o = np.lexsort((end, start, sr, g)).astype(np.int32)
    new = np.zeros(len(o), dtype=bool)
    new[0] = True
    for col in (g, sr, start, end):
        c = col[o]
        new[1:] |= c[1:] != c[:-1]
        del c
    runs = np.flatnonzero(new).astype(np.int32)
    del new
    first = o[runs]
    runs[:-1] = runs[1:] - 1
    runs[-1] = len(o) - 1
    last = o[runs]
    del o, runs
    order = np.lexsort((first, start[first], sr[first], g[first]))
    kept_g = g[first][order]
    kept = last[order]
    return kept, np.searchsorted(kept_g, np.arange(n + 1))


class Mentions(Sequence[NameRow]):
    """An entity's mentions: rows of :class:`NameColumns`, made when read."""

    __slots__ = ("cols", "rows")

    def __init__(self, cols: NameColumns, rows: np.ndarray) -> None:
        self.cols = cols
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.cols.row(j) for j in self.rows[i].tolist()]
        return self.cols.row(int(self.rows[i]))

    def __iter__(self) -> Iterator[NameRow]:
        row = self.cols.row
        for j in self.rows.tolist():
            yield row(j)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Mentions({len(self)} rows)"

    def source_ids(self) -> list[str]:
        """The source id of each mention, in order (without making the rows)."""
        t = self.cols.sources
        return [t[i] for i in _v(self.cols.src)[self.rows].tolist()]
