"""The results the whole-list evaluator (dense.py) passes between a query's nodes: sparse ones (matching
document numbers, ascending, and their scores) and what is known of a phrase."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Phrase:
    """A phrase leaf: its candidates (the AND of its words) shrink as passages are checked."""

    def __init__(self, words: list[str], mask: np.ndarray, score: np.ndarray, slop: int = 1) -> None:
        self.words = words
        self.slop = slop
        self.mask = mask
        self.score = score
        self.unchecked = mask.copy()
        self.runs = 0  # how many queries have evaluated it


class Sparse(NamedTuple):
    """Matching documents, ascending, and their scores."""

    ids: np.ndarray
    sc: np.ndarray


EMPTY = Sparse(np.zeros(0, dtype=np.int64), np.zeros(0))


def lookup(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``wanted``: whether it is in the ascending ``ids`` (not empty), and where."""
    pos = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    return ids[pos] == wanted, pos


def members(r, wanted: np.ndarray) -> np.ndarray:
    """Which of ``wanted`` the result ``r`` (sparse or dense) matches."""
    if type(r) is not Sparse:
        return r[0][wanted]
    if not len(r.ids):
        return np.zeros(len(wanted), dtype=bool)
    return lookup(r.ids, wanted)[0]
