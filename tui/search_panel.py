"""The search panel: the box, the status and entity lines, the facets and the results — search as you type.

Each keystroke (debounced) runs ``Library.as_you_type`` in a worker thread; a newer keystroke makes an older
one's results stale, and they are dropped. What the user picks goes up as messages: a result to open
(``PassageList.Opened``), an entity card to show (``EntityRequested``).
"""

from __future__ import annotations

import re
from collections.abc import Container

from nato_brief.search.query import MAX_QUERY_CHARS
from nato_brief.search.quotes import QuoteRef
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from .messages import EntityRequested, SearchFinished
from .widgets import Item, ResultList

DEBOUNCE = 0.12
RESULT_LIMIT = 40


class SearchBox(Input):
    """The search box: typing searches; down enters the results. Holds at most MAX_QUERY_CHARS characters."""

    def on_mount(self) -> None:
        self.cursor_blink = False  # a steady cursor: calmer, and screenshots are repeatable
        self.max_length = MAX_QUERY_CHARS

    def replace(self, text: str, start: int, end: int) -> None:
        """Typing or pasting past the cap keeps what fits (Input alone would refuse the whole paste)."""
        room = MAX_QUERY_CHARS - (len(self.value) - (max(start, end) - min(start, end)))
        if len(text) > room:
            text = text[: max(0, room)]
            self.notify(f"Query cut to its first {MAX_QUERY_CHARS} characters.", markup=False)
        super().replace(text, start, end)


class SearchPanel(Vertical):
    """Owns the search box and the results (and the lines about them); ``beside`` goes right of the results."""

    DEFAULT_CSS = "SearchPanel { height: 1fr; }"
    # The box does not use down; the result and facet lists do (they move), so this fires from the box.
    BINDINGS = [Binding("down", "focus_results", "Results", show=False)]

    def __init__(
        self, beside: Widget | None = None, *, marks: Container[QuoteRef] = frozenset(), id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.beside = beside
        self.marks = marks  # the quote basket, for the result rows' marks
        self.lib = None
        self.last_result = None
        self.facets_open = False
        self._seq = 0
        self._timer = None

    def compose(self) -> ComposeResult:
        yield SearchBox(
            placeholder='Search (author:, outlet:, year:, "phrase", OR, NOT) — w:NAME for an entity card',
            id="search",
        )
        yield Static("Opening the library…", id="status", markup=False)
        yield Static("", id="entities", markup=False)
        yield ProgressBar(id="progress", show_eta=False)
        with Horizontal(id="main"):
            yield OptionList(id="facets", markup=False)
            with Vertical(id="results-column"):
                yield ResultList(id="results", marks=self.marks)
            if self.beside is not None:
                yield self.beside

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False

    # -- what the app tells the panel ----------------------------------------------------------------
    @property
    def text(self) -> str:
        """What the box holds."""
        return self.query_one("#search", Input).value

    def focus_box(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_results(self) -> None:
        results = self.query_one("#results", ResultList)
        results.focus()
        if results.option_count and results.highlighted is None:
            results.highlighted = 0

    def show_progress(self, done: int, total: int, what: str) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(1, total), progress=done)
        self.query_one("#status", Static).update(Text(f"Building the index: {done}/{total} {what}"))

    def library_ready(self, lib) -> None:
        """The library is open: say what it holds and search what was typed meanwhile."""
        self.lib = lib
        self.query_one("#progress", ProgressBar).display = False
        st = lib.store()
        self.query_one("#status", Static).update(
            Text(f"{len(st.catalog())} sources, {st.passage_count()} passages. Type to search; ? for help.")
        )
        if self.text.strip():
            self.schedule(self.text)

    def library_failed(self, title: str, message: str) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#status", Static).update(Text(f"{title}: {message}"))

    def toggle_facets(self) -> None:
        f = self.query_one("#facets", OptionList)
        f.toggle_class("-open")
        self.facets_open = f.has_class("-open")
        if self.facets_open:
            f.focus()
            self.schedule(self.text)
            self.schedule(self.text)

    # -- search as you type --------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if event.value.startswith(("w:", "who:")):
            return
        self.schedule(event.value)

    def schedule(self, text: str) -> None:
        """Search ``text`` once typing pauses (DEBOUNCE seconds)."""
        self._seq += 1
        seq = self._seq
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(seq, text))

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if m := re.match(r"^(?:w|who):\s*(.*)$", event.value):
            self.post_message(EntityRequested(m.group(1)))
            return
        results = self.query_one("#results", ResultList)
        if results.option_count:
            results.focus()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, seq: int, text: str) -> None:
        if self.lib is None:
            return
        try:
            if seq != self._seq:
                return  # a newer keystroke is already waiting
            # Counting every match for the facets costs; only when the facet list is shown.
            res, ents = self.lib.as_you_type(text, limit=RESULT_LIMIT, facets=self.facets_open)
        except Exception as e:  # a search must never take the app down
            self.app.call_from_thread(
                self.notify, f"Search failed: {type(e).__name__}", severity="error", markup=False
            )
            return
        if seq == self._seq:
            self.post_message(SearchFinished(seq, res, ents))

    @on(SearchFinished)
    def _show_results(self, msg: SearchFinished) -> None:
        if msg.seq != self._seq:
            return  # a newer keystroke already asked again
        res = msg.result
        self.last_result = res
        results = self.query_one("#results", ResultList)
        status = self.query_one("#status", Static)
        if res is None:
            results.set_items([])
            status.update(Text("Type to search; ? for help."))
            self.query_one("#entities", Static).update("")
            return
        results.set_items([_hit_item(h) for h in res.hits])
        t = Text(f"{'' if res.total_exact else 'up to '}{res.total} passage(s)", style="bold")
        if res.hits:
            t.append(f" · showing {len(res.hits)}")
        filters = re.findall(r"\b(author|outlet|year|speaker|title):(\"[^\"]*\"|\S+)", res.query)
        if filters:
            t.append(" · filters: " + ", ".join(f"{k}={v}" for k, v in filters), style="cyan")
        for n in res.notices:
            t.append(" · " + n, style="yellow")
        status.update(t)
        ent = Text()
        if msg.entities:
            ent.append("Entities: ", style="bold")
            ent.append(" · ".join(msg.entities))
        if res.expansions:
            ent.append("   also searching: " if msg.entities else "Also searching: ", style="dim")
            ent.append("; ".join(" | ".join(n) for _, n in res.expansions), style="dim")
        self.query_one("#entities", Static).update(ent)
        facets = self.query_one("#facets", OptionList)
        opts = []
        for kind in ("author", "outlet", "year"):
            for name, count in res.facets.get(kind, [])[:12]:
                opts.append(Option(Text(f"{kind}: {name} ({count})"), id=f"{kind}\x00{name}"))
        facets.set_options(opts)

    @on(OptionList.OptionSelected, "#facets")
    def _facet(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, name = (event.option.id or "").partition("\x00")
        if not name or name.startswith("("):
            return
        box = self.query_one("#search", Input)
        value = name if kind == "year" else f'"{name}"'
        box.value = (box.value.rstrip() + f" {kind}:{value}").strip() + " "
        box.focus()


def _hit_item(hit) -> Item:
    from nato_brief.search.quotes import QuoteRef

    return Item(
        QuoteRef(hit.source_id, hit.passage_id, hit.start, hit.end), hit.text, hit.highlights, hit=hit
    )
