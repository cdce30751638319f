"""The Said view: every statement in the library, filtered as you type."""

from __future__ import annotations

from collections.abc import Container

from nato_brief.search.quotes import QuoteRef
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from ..messages import SourceRequested
from ..widgets import InOrderInput, PassageList
from .base import TypeAhead, statement_item


class SaidScreen(TypeAhead):
    """Every statement in the library (who said what), filtered as you type: speaker names or words."""

    BINDINGS = [Binding("escape", "back", "Back")]
    TYPE_INTO = "#said-input"
    DEFAULT_CSS = """
    SaidScreen > Vertical { border: round $accent; }
    SaidScreen #said-count { height: 1; padding: 0 1; }
    """

    def __init__(self, lib, text: str = "", marks: Container[QuoteRef] = frozenset()) -> None:
        super().__init__()
        self.lib = lib
        self.marks = marks
        self.initial = text
        self.all: list = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield InOrderInput(value=self.initial, placeholder="Filter by speaker or words (Stoltenburg, detainees)",
                        id="said-input")  # fmt: skip
            yield Static("", id="said-count", markup=False)
            yield PassageList(id="said-list", marks=self.marks)
            yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#said-input", Input)
        box.cursor_blink = False
        self.set_focus(box)
        self.load()

    @work(exclusive=True, thread=True, group="said")
    def load(self) -> None:
        from nato_brief.search.said import statements

        found = statements(self.lib, flag_twins=False)
        self.app.call_from_thread(self._loaded, found)

    def _loaded(self, found: list) -> None:
        self.all = found
        self.show(self.query_one("#said-input", Input).value)

    @on(Input.Changed, "#said-input")
    def _typed(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted, "#said-input")
    def _submitted(self) -> None:
        self.query_one("#said-list", PassageList).focus()

    def action_enter_list(self) -> None:
        """down in the filter box enters the list (as down in the search box enters the results; the app's
        priority down key calls this)."""
        plist = self.query_one("#said-list", PassageList)
        if self.focused is not plist:
            self.set_focus(plist)
            if plist.option_count and plist.highlighted is None:
                plist.highlighted = 0

    @on(PassageList.CopyRequested)
    def _copy(self, event: PassageList.CopyRequested) -> None:
        """y: the marked quotes when a statement in this view is marked, else the highlighted statement alone
        (the tray's quotes were copied instead)."""
        plist = self.query_one("#said-list", PassageList)
        if event.alone or self.focused is not plist or any(it.ref in self.marks for it in plist.items):
            return
        event.stop()
        self.app.post_message(PassageList.CopyRequested(event.ref, alone=True))

    def filtered(self, text: str) -> list:
        from nato_brief.search.said import matching_speakers

        text = " ".join(text.split())
        if not text:
            return list(self.all)
        names = set(matching_speakers(self.lib, text))
        low = text.casefold()
        return [
            s for s in self.all if s.speaker in names or s.speaker_entity in names or low in s.text.casefold()
        ]

    def show(self, text: str) -> None:
        shown = self.filtered(text)
        items = [
            statement_item(
                QuoteRef(s.source_id, s.passage_id, s.start, s.end), s.text, s.who, s.role, s.kind, s
            )
            for s in shown
        ]
        self.query_one("#said-list", PassageList).set_items(items)
        self.query_one("#said-count", Static).update(
            Text(
                f"{len(shown)} of {len(self.all)} statements  (enter open · space mark · y copy it with its citation)"
            )
        )

    @on(PassageList.Opened, "#said-list")
    def _open(self, event: PassageList.Opened) -> None:
        event.stop()
        ref = event.item.ref
        self.dismiss(None)
        self.app.post_message(SourceRequested(ref.source_id, ref.passage_id, span=(ref.start, ref.end)))

    def action_back(self) -> None:
        self.dismiss(None)
