"""The quote basket: the quotes marked in the TUI, in the order marked.

Each quote keeps its verbatim text and its citation exactly as they were when it was marked, so what is
copied or exported later is what the user saw and chose; before it leaves the program it is checked
against the stored source again (:func:`.quotes.verify`), and a quote whose source changed meanwhile is
refused rather than misquoted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .clipboard import CopyReport, copy_text, save_export
from .quotes import Quote, QuoteRef, format_brief, format_quotes, resolve, verify


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

    def to_copy(self, lib, fallback: QuoteRef | None = None) -> list[Quote]:
        """What a copy takes: the marked quotes, or when none is marked the quote at ``fallback`` (the
        highlighted passage), each checked against the stored source now, another process's writes included
        (VerbatimError when one changed since it was marked)."""
        lib.reload_if_changed()
        if self._quotes:
            return self.checked(lib)
        return [resolve(lib, fallback)] if fallback is not None else []

    def copy(
        self, lib, fallback: QuoteRef | None = None, *, osc52: Callable[[str], None] | None = None
    ) -> tuple[int, CopyReport]:
        """Copy the quotes (:meth:`to_copy`) as Markdown with citations every way available (``osc52`` is the
        terminal's writer); how many, and the routes taken."""
        quotes = self.to_copy(lib, fallback)
        return len(quotes), copy_text(format_quotes(quotes, "markdown"), osc52=osc52, paths=lib.paths,
                                      stem="quotes")  # fmt: skip

    def export(self, lib) -> Path | None:
        """Write the marked quotes, checked, as a Markdown brief under exports/ (None when writing failed)."""
        return save_export(format_brief(self.to_copy(lib), title="Brief"), paths=lib.paths, stem="brief")
