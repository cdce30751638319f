"""Compare by author: one column per author for a topic."""

from __future__ import annotations

from collections.abc import Container

from nato_brief.search.quotes import QuoteRef, join_names
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, SelectionList, Static

from ..messages import SourceRequested
from ..widgets import Item, PassageList


class CompareScreen(Screen[None]):
    """One column per author for a topic: their best passages, identical texts flagged in both columns."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "authors", "Choose authors"),
        Binding("ctrl+right", "focus_next", "Next column", show=False),
        Binding("ctrl+left", "focus_previous", "Prev column", show=False),
    ]
    DEFAULT_CSS = """
    CompareScreen #compare-title { height: auto; padding: 0 1; background: $boost; }
    CompareScreen #compare-authors { height: auto; max-height: 8; display: none; }
    CompareScreen #compare-authors.-open { display: block; }
    CompareScreen #columns { height: 1fr; }
    CompareScreen .column { width: 1fr; border: round $primary 40%; }
    CompareScreen .column:focus-within { border: round $accent; }
    CompareScreen .column-title { height: auto; padding: 0 1; text-style: bold; }
    """

    def __init__(
        self, lib, topic: str, authors: list[str] | None = None, marks: Container[QuoteRef] = frozenset()
    ) -> None:
        super().__init__()
        self.lib = lib
        self.marks = marks
        self.topic = topic
        self.wanted = authors
        self.columns: list = []
        self._shown: tuple[int, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Compare by author: {self.topic}", style="bold"), id="compare-title", markup=False)
        yield SelectionList[int](id="compare-authors")
        yield Horizontal(id="columns")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="compare")
    def load(self) -> None:
        from nato_brief.search.brief import compare

        cols = compare(self.lib, self.topic, self.wanted, per_author=4)
        self.app.call_from_thread(self._show, cols)

    def _show(self, cols: list) -> None:
        self.columns = cols
        sel = self.query_one("#compare-authors", SelectionList)
        sel.clear_options()
        for i, c in enumerate(cols):
            sel.add_option((Text(join_names(c.authors)), i, i < 4))
        self._render_columns()

    def _render_columns(self) -> None:
        area = self.query_one("#columns", Horizontal)
        chosen = set(self.query_one("#compare-authors", SelectionList).selected)
        if self._shown == tuple(sorted(chosen)):
            return  # the selection message echoes what is already on screen
        self._shown = tuple(sorted(chosen))
        area.remove_children()
        if not self.columns:
            area.mount(Static(Text(f"No passages on {self.topic!r}."), markup=False))
            return
        shown = [c for i, c in enumerate(self.columns) if i in chosen]
        title = self.query_one("#compare-title", Static)
        title.update(
            Text(
                f"Compare by author: {self.topic} — {len(shown)} of {len(self.columns)} authors (a: choose)",
                style="bold",
            )
        )
        for c in shown:
            items = [Item(QuoteRef(h.source_id, h.passage_id, h.start, h.end), h.text, h.highlights,
                          note=("identical text also under: " + ", ".join(_dup_names(self.lib, h))) if h.duplicate_of else "")
                     for h in c.passages]  # fmt: skip
            plist = PassageList(classes="passages", marks=self.marks)
            col = Vertical(Static(Text(join_names(c.authors) + f"  ({len(c.source_ids)} source(s))"), classes="column-title", markup=False),
                           plist, classes="column")  # fmt: skip
            area.mount(col)
            plist.set_items(items)
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        lists = list(self.query_one("#columns", Horizontal).query(PassageList))
        focused = self.focused
        if lists and not (isinstance(focused, PassageList) and focused in lists):
            lists[0].focus()

    @on(SelectionList.SelectedChanged, "#compare-authors")
    def _authors_changed(self) -> None:
        self._render_columns()

    def action_authors(self) -> None:
        sel = self.query_one("#compare-authors", SelectionList)
        sel.toggle_class("-open")
        if sel.has_class("-open"):
            sel.focus()

    @on(PassageList.Opened)
    def _open(self, event: PassageList.Opened) -> None:
        event.stop()
        ref = event.item.ref
        self.dismiss(None)
        self.app.post_message(SourceRequested(ref.source_id, ref.passage_id, self.topic, pin=True))


def _dup_names(lib, hit) -> list[str]:
    cat = lib.store().catalog()
    names = []
    for pid in hit.duplicate_of:
        src = cat.get(pid.rsplit(".", 1)[0])
        if src:
            names.append(join_names(src.authors))
    return names
