"""The quote tray: the marked quotes, in order."""

from __future__ import annotations

from collections.abc import Container

from nato_brief.search.basket import QuoteBasket
from nato_brief.search.quotes import QuoteRef
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from .passages import Item, PassageList


class Tray(Vertical):
    """The marked quotes: remove with delete, reorder with [ and ]."""

    DEFAULT_CSS = """
    Tray { height: 12; border-top: heavy $accent; display: none; }
    Tray.-open { display: block; }
    Tray.-open.-squeezed { display: none; }
    Tray > .tray-title { height: 1; padding: 0 1; background: $boost; }
    """

    def __init__(self, marks: Container[QuoteRef] = frozenset(), **kwargs) -> None:
        super().__init__(**kwargs)
        self.marks = marks

    def compose(self):
        yield Static("Marked quotes", classes="tray-title", markup=False)
        yield TrayList(marks=self.marks)

    def show(
        self, basket: QuoteBasket, keep: QuoteRef | None = None, stale: dict[QuoteRef, str] | None = None
    ) -> None:
        """Show the basket's quotes, each with its citation as marked; ``keep`` stays highlighted. A quote in
        ``stale`` (its source's title or authors changed since it was marked) says so, with the new title."""
        tray_list = self.query_one(TrayList)
        refs = basket.refs()
        stale = stale or {}
        items = [
            Item(q.ref, q.text, note="— " + q.citation + (
                f"\n! its source changed since it was marked (now “{stale[q.ref]}”): copying refuses it; "
                "remove it and mark it again" if q.ref in stale else ""))  # fmt: skip
            for q in basket
        ]
        idx = refs.index(keep) if keep in refs else tray_list.highlighted
        tray_list.set_items(items, highlight=idx if idx is not None else 0)
        self.query_one(".tray-title", Static).update(
            Text(f"Marked quotes: {len(refs)}  (y copy · e export · space/d remove · u undo · [ ] reorder)")
        )


class TrayList(PassageList):
    BINDINGS = [
        Binding("space,delete,backspace,d", "remove", "Remove"),
        Binding("u", "undo", "Undo remove"),
        Binding("left_square_bracket", "reorder(-1)", "Move up"),
        Binding("right_square_bracket", "reorder(1)", "Move down"),
    ]

    class QuoteRemoved(Message):
        """space, delete or d: take the quote at ``ref`` out of the tray (the app says so; u puts it back)."""

        def __init__(self, ref: QuoteRef) -> None:
            super().__init__()
            self.ref = ref

    class UndoRequested(Message):
        """u: put back the quote removed last."""

    class QuoteMoved(Message):
        """[ or ]: move the marked quote at ``ref`` up (-1) or down (1)."""

        def __init__(self, ref: QuoteRef, delta: int) -> None:
            super().__init__()
            self.ref = ref
            self.delta = delta

    def action_remove(self) -> None:
        it = self.current()
        if it is not None:
            self.post_message(self.QuoteRemoved(it.ref))

    def action_toggle_mark(self) -> None:  # space in the tray removes (and says so), as the footer shows
        self.action_remove()

    def action_undo(self) -> None:
        self.post_message(self.UndoRequested())

    def action_reorder(self, delta: int) -> None:
        it = self.current()
        if it is not None:
            self.post_message(self.QuoteMoved(it.ref, delta))
