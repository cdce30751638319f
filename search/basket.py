"""The quote basket: the quotes marked in the TUI, in the order marked.

Each quote keeps its verbatim text and its citation exactly as they were when it was marked, so what is
copied or exported later is what the user saw and chose; before it leaves the program it is checked
against the stored source again (:func:`.quotes.verify`), and a quote whose source changed meanwhile is
refused rather than misquoted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from .clipboard import CopyReport, copy_text, save_export
from .quotes import Quote, QuoteRef, format_brief, format_quotes, resolve, verify


class QuoteBasket:
    """Marked quotes (a headless model: the TUI shows it, the CLI could keep it)."""

    def __init__(self) -> None:
        self._quotes: list[Quote] = []
        # Quotes marked, moved or removed since the last copy or export of the marked quotes: quitting asks.
        self.unsent = False
        self._sent: set[QuoteRef] = set()  # the quotes in the last copy or export of the marked quotes

    def __len__(self) -> int:
        return len(self._quotes)

    def __iter__(self) -> Iterator[Quote]:
        return iter(list(self._quotes))

    def __contains__(self, ref: object) -> bool:
        return any(q.ref == ref for q in self._quotes)

    def refs(self) -> list[QuoteRef]:
        return [q.ref for q in self._quotes]

    def unsent_count(self) -> int:
        """How many marked quotes were in no copy or export of the marked quotes yet (what quitting says)."""
        return sum(1 for q in self._quotes if q.ref not in self._sent) if self.unsent else 0

    def mark(self, lib, ref: QuoteRef) -> Quote:
        """Add the quote at ``ref``, its text and citation read from the library now (VerbatimError when
        the span is not in the stored source)."""
        for q in self._quotes:
            if q.ref == ref:
                return q
        quote = resolve(lib, ref)
        self._quotes.append(quote)
        self.unsent = True
        return quote

    def unmark(self, ref: QuoteRef) -> Quote | None:
        """Remove the quote at ``ref``; the quote removed (None when it was not marked)."""
        gone = next((q for q in self._quotes if q.ref == ref), None)
        self._quotes = [q for q in self._quotes if q.ref != ref]
        self.unsent = self.unsent or gone is not None
        return gone

    def restore(self, quote: Quote, index: int) -> None:
        """Put back a quote removed a moment ago, at its place (undo), as it was marked."""
        if quote.ref not in self:
            self._quotes.insert(max(0, min(index, len(self._quotes))), quote)
            self.unsent = True

    def index(self, ref: QuoteRef) -> int:
        return self.refs().index(ref)

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
        self.unsent = False

    # -- kept across restarts: NATO_BRIEF_HOME/tray.json (0600) ---------------------------------------------
    def save(self, path: Path) -> None:
        """Write the quotes (where each is, its text and citation as marked) for the next start; atomic, 0600."""
        data = {
            "unsent": self.unsent,
            "quotes": [
                {"source_id": q.ref.source_id, "passage_id": q.ref.passage_id, "start": q.ref.start,
                 "end": q.ref.end, "text": q.text, "citation": q.citation}  # fmt: skip
                for q in self._quotes
            ],
        }
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, path)

    def load(self, lib, path: Path) -> list[str]:
        """Mark again the quotes saved at ``path``, each checked against the library now: one whose text or
        citation changed since (or whose source is gone) is left out. What was left out, one line each."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            saved = list(data.get("quotes") or [])
        except (OSError, ValueError, AttributeError):
            return []
        dropped: list[str] = []
        for d in saved:
            try:
                ref = QuoteRef(str(d["source_id"]), str(d["passage_id"]), int(d["start"]), int(d["end"]))
                quote = resolve(lib, ref)
            except Exception:  # a damaged entry or a source no longer in the library
                dropped.append(str(d.get("text", ""))[:60] if isinstance(d, dict) else "?")
                continue
            if quote.text != d.get("text") or quote.citation != d.get("citation"):
                dropped.append(quote.text[:60])
            elif ref not in self:
                self._quotes.append(quote)
        self.unsent = bool(data.get("unsent")) and bool(self._quotes)
        return dropped

    def checked(self, lib) -> list[Quote]:
        """The quotes, each checked against the stored source now (raises VerbatimError on the first that
        no longer matches what was marked)."""
        quotes = list(self._quotes)
        for q in quotes:
            verify(lib, q)
        return quotes

    def to_copy(self, lib, fallback: QuoteRef | None = None, alone: bool = False) -> list[Quote]:
        """What a copy takes: the marked quotes, or when none is marked the quote at ``fallback`` (the
        highlighted passage), each checked against the stored source now, another process's writes included
        (VerbatimError when one changed since it was marked)."""
        lib.reload_if_changed()
        if self._quotes and not (alone and fallback is not None):
            return self.checked(lib)
        return [resolve(lib, fallback)] if fallback is not None else []

    def copy(
        self,
        lib,
        fallback: QuoteRef | None = None,
        *,
        osc52: Callable[[str], None] | None = None,
        alone: bool = False,
    ) -> tuple[int, CopyReport]:
        """Copy the quotes (:meth:`to_copy`) as Markdown with citations every way available (``osc52`` is the
        terminal's writer); how many, and the routes taken."""
        quotes = self.to_copy(lib, fallback, alone)
        if self._quotes and not alone:
            self.unsent = False
            self._sent = set(self.refs())
        return len(quotes), copy_text(format_quotes(quotes, "markdown"), osc52=osc52, paths=lib.paths,
                                      stem="quotes")  # fmt: skip

    def export(self, lib) -> Path | None:
        """Write the marked quotes, checked, as a Markdown brief under exports/ (None when writing failed)."""
        path = save_export(format_brief(self.to_copy(lib), title="Brief"), paths=lib.paths, stem="brief")
        if path is not None:
            self.unsent = False
            self._sent = set(self.refs())
        return path
