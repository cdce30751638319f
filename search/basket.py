"""The quote basket: the quotes marked in the TUI, in the order marked.

Each quote keeps its verbatim text and its citation exactly as they were when it was marked, so what is
copied or exported later is what the user saw and chose; before it leaves the program it is checked
against the stored source again (:func:`.quotes.verify`), and a quote whose source changed meanwhile is
refused rather than misquoted.
"""

from __future__ import annotations

from collections.abc import Iterator

from .quotes import Quote, QuoteRef, resolve, verify


class QuoteBasket:
    """Marked quotes (a headless model: the TUI shows it, the CLI could keep it)."""

    def __init__(self) -> None:
        self._quotes: list[Quote] = []

    def __len__(self) -> int:
        return len(self._quotes)

    def __iter__(self) -> Iterator[Quote]:
        return iter(list(self._quotes))

    def __contains__(self, ref: object) -> bool:
        return any(q.ref == ref for q in self._quotes)

    def refs(self) -> list[QuoteRef]:
        return [q.ref for q in self._quotes]

    def mark(self, lib, ref: QuoteRef) -> Quote:
        """Add the quote at ``ref``, its text and citation read from the library now (VerbatimError when
        the span is not in the stored source)."""
        for q in self._quotes:
            if q.ref == ref:
                return q
        quote = resolve(lib, ref)
        self._quotes.append(quote)
        return quote

    def unmark(self, ref: QuoteRef) -> None:
        self._quotes = [q for q in self._quotes if q.ref != ref]

    def toggle(self, lib, ref: QuoteRef) -> bool:
        """Mark ``ref`` or unmark it; True when it is marked now."""
        if ref in self:
            self.unmark(ref)
            return False
        self.mark(lib, ref)
        return True

    def move(self, ref: QuoteRef, delta: int) -> None:
        """Move a quote ``delta`` places up (negative) or down in the order."""
        i = self.refs().index(ref)
        j = max(0, min(len(self._quotes) - 1, i + delta))
        self._quotes.insert(j, self._quotes.pop(i))

    def clear(self) -> None:
        self._quotes.clear()

    def checked(self, lib) -> list[Quote]:
        """The quotes, each checked against the stored source now (raises VerbatimError on the first that
        no longer matches what was marked)."""
        quotes = list(self._quotes)
        for q in quotes:
            verify(lib, q)
        return quotes
