"""The Textual app: search as you type, source panes side by side, compare, entity cards, quotes."""

from __future__ import annotations

import re

from nato_brief.search.query import MAX_QUERY_CHARS
from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from .messages import IndexProgressed, LibraryFailed, LibraryOpened, SearchFinished
from .palette import BriefCommands
from .widgets import InOrderInput, Item, PaneArea, PassageList, ResultList, SourcePane, Tray, TrayList

DEBOUNCE = 0.12
RESULT_LIMIT = 40
PANE_WINDOW = 400  # passages of one source shown around the hit


class SearchBox(InOrderInput):
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


class NatoBriefApp(App[None]):
    """nato-brief's terminal app."""

    CSS_PATH = "app.tcss"
    TITLE = "nato-brief"
    SUB_TITLE = "who said what"
    COMMANDS = App.COMMANDS | {BriefCommands}
    # Keys that move the focus or open a screen are priority bindings, run by the app as each key arrives. A
    # binding of the focused widget runs later, in that widget's queue, after the app has already sent it the
    # next keys typed: those were lost or taken as commands ('/' then fast typing: 't' opened the tray). Each
    # action steps aside (SkipAction) where the key means something else: a character in a text box, a key
    # of another screen; and moves the focus at once (Widget.focus() waits its turn behind the queued keys).
    BINDINGS = [
        Binding("slash", "focus_search", "Search", priority=True),
        Binding("down", "focus_results", "Results", show=False, priority=True),
        Binding("enter", "submit_search", "Search", show=False, priority=True),
        Binding("question_mark", "help", "Help", priority=True),
        Binding("w", "who", "Who", priority=True),
        Binding("c", "compare", "Compare", priority=True),
        Binding("b", "brief", "Brief", priority=True),
        Binding("s", "said", "Said", priority=True),
        Binding("e", "export", "Export"),
        Binding("t", "toggle_tray", "Tray", priority=True),
        Binding("f", "toggle_facets", "Facets", priority=True),
        Binding("y", "copy", "Copy", show=False),
        Binding("escape", "back", "Back", show=False, priority=True),
        Binding("ctrl+left", "cycle_pane(-1)", "Prev pane", show=False),
        Binding("ctrl+right", "cycle_pane(1)", "Next pane", show=False),
        Binding("ctrl+t", "toggle_dark", "Theme", show=False),
        Binding("ctrl+o", "search_as_typed", "Search as typed", show=False),
        Binding("ctrl+s", "toggle_sort", "Sort by date", show=False),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, library=None) -> None:
        super().__init__()
        self.lib = library
        self.marks: list = []  # QuoteRef, in the order marked
        self._seq = 0
        self._timer = None
        self.last_result = None
        self.facets_open = False
        self.sort = "relevance"

    # -- layout ------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
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
                yield Static("", id="search-note", markup=False)
                yield ResultList(id="results")
            yield PaneArea(id="panes")
        yield Tray(id="tray")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#panes", PaneArea).display = False
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#search", Input).focus()
        self._layout_for(self.size.width)
        if self.lib is None:
            self.call_after_refresh(self.open_library)
        else:
            self.post_message(LibraryOpened(0, 0, []))

    def on_resize(self, event) -> None:
        self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        narrow = width < 110
        self.query_one("#main").set_class(narrow, "-narrow")
        self.query_one("#panes", PaneArea).set_class(narrow, "-narrow")

    # -- the library -------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="open")
    def open_library(self) -> None:
        from nato_brief.search.errors import BriefError
        from nato_brief.search.library import Library

        try:
            lib = Library()

            def progress(done: int, total: int, what: str) -> None:
                self.post_message(IndexProgressed(done, total, what))

            lib.open(progress)
            st = lib.store()
            lib.warm()  # the full entity index loads when first needed (w), not on start-up
            self.lib = lib
            self.post_message(LibraryOpened(len(st.catalog()), st.passage_count(), list(lib.notices)))
        except BriefError as e:
            self.post_message(LibraryFailed(e.title, e.message))
        except Exception as e:  # shown as a notification, never a traceback over the screen
            self.post_message(LibraryFailed("Could not open the library", f"{type(e).__name__}: {e}"))

    @on(IndexProgressed)
    def _progress(self, msg: IndexProgressed) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(1, msg.total), progress=msg.done)
        self.query_one("#status", Static).update(
            Text(f"Building the index: {msg.done}/{msg.total} {msg.what}")
        )

    @on(LibraryOpened)
    def _opened(self, msg: LibraryOpened) -> None:
        self.query_one("#progress", ProgressBar).display = False
        st = self.lib.store()
        self.query_one("#status", Static).update(
            Text(f"{len(st.catalog())} sources, {st.passage_count()} passages. Type to search; ? for help.")
        )
        for n in msg.notices:
            self.notify(n, title="Index", markup=False)
        q = self.query_one("#search", Input).value
        if q.strip():
            self._schedule(q)

    @on(LibraryFailed)
    def _failed(self, msg: LibraryFailed) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#status", Static).update(Text(f"{msg.title}: {msg.message}"))
        self.notify(msg.message, title=msg.title, severity="error", timeout=15, markup=False)

    # -- search as you type ------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if event.value.startswith(("w:", "who:")):
            return
        self._schedule(event.value)

    def _schedule(self, text: str) -> None:
        self._seq += 1
        seq = self._seq
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(seq, text))

    def action_submit_search(self) -> None:
        """enter in the search box: w:NAME opens an entity card, anything else enters the results."""
        box = self._search_box()
        if self.focused is not box:
            raise SkipAction()  # enter belongs to the focused widget
        if m := re.match(r"^(?:w|who):\s*(.*)$", box.value):
            self.open_entity(m.group(1))
            return
        results = self.query_one("#results", ResultList)
        if results.option_count:
            self.screen.set_focus(results)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, seq: int, text: str) -> None:
        if self.lib is None:
            return
        try:
            if seq != self._seq:
                return  # a newer keystroke is already waiting
            # Counting every match for the facets costs; only when the facet list is shown.
            res, ents = self.lib.as_you_type(
                text, limit=RESULT_LIMIT, facets=self.facets_open, sort=self.sort
            )
        except Exception as e:  # a search must never take the app down
            self.call_from_thread(
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
        note = self.query_one("#search-note", Static)
        if res is None:
            results.set_hits([])
            status.update(Text("Type to search; ? for help."))
            self.query_one("#entities", Static).update("")
            note.update("")
            note.display = False
            return
        results.set_hits(res.hits)
        lines = Text()
        if line := res.correction_line():
            lines.append(line, style="bold")
            lines.append("  (ctrl+o: search as typed)", style="dim")
        for line, style in ((res.partial_line(), "bold yellow"), (res.unknown_line(), "bold red")):
            if line:
                lines.append(("\n" if lines.plain else "") + line, style=style)
        note.update(lines)
        note.display = bool(lines.plain)
        t = Text(f"{'' if res.total_exact else 'up to '}{res.total} passage(s)", style="bold")
        if res.hits:
            sources = len({h.source_id for h in res.hits})
            t.append(f" · showing {len(res.hits)} in {sources} source(s)")
        if self.sort == "date":
            t.append(" · newest first", style="cyan")
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
        kind, _, name = (event.option.id or "").partition("\x00")
        if not name or name.startswith("("):
            return
        box = self.query_one("#search", Input)
        value = name if kind == "year" else f'"{name}"'
        box.value = (box.value.rstrip() + f" {kind}:{value}").strip() + " "
        self.screen.set_focus(box)

    # -- opening sources ---------------------------------------------------------------------------
    @on(PassageList.Opened)
    async def _open_item(self, event: PassageList.Opened) -> None:
        ref = event.item.ref
        await self.open_source(ref.source_id, ref.passage_id, query=self._search_box().value, pin=event.pin)

    async def open_source(
        self,
        source_id: str,
        passage_id: str | None = None,
        query: str = "",
        pin: bool = False,
        span: tuple[int, int] | None = None,
    ) -> None:
        """Open a source in a pane at a passage; ``span`` (offsets in the source) is highlighted there."""
        from nato_brief.search.engine.analysis import highlight_spans

        lib = self.lib
        if lib is None:
            return
        src = lib.source(source_id)
        if src is None:
            self.notify("That source is no longer in the library.", severity="warning", markup=False)
            return
        stems: set[str] = set()
        raws: set[str] = set()
        matching: set[str] = set()
        if query.strip():
            bq = lib.build_query(query, prefix=True)
            stems, raws = bq.stems, bq.raws
            matching = lib.matching_passages(bq, source_id)
        from nato_brief.search.quotes import QuoteRef

        passages = src.passages
        focus = next((i for i, p in enumerate(passages) if p.id == passage_id), 0)
        lo = max(0, focus - PANE_WINDOW // 2)
        window = passages[lo : lo + PANE_WINDOW]
        items = [
            Item(QuoteRef(src.id, p.id, p.start, p.end), p.text,
                 highlight_spans(p.text, stems, raws) if p.id in matching else [], note=_dup_note(lib, p))
            for p in window
        ]  # fmt: skip
        if span is not None:
            for it, p in zip(items, window, strict=True):
                if p.start <= span[0] < p.end:
                    it.highlights = [[span[0] - p.start, min(span[1], p.end) - p.start]]

        pane = SourcePane(src, items, focus - lo, query)
        area = self.screen_stack[0].query_one("#panes", PaneArea)
        area.display = True
        await area.open(pane, pin)

    def set_pane_focus(self, in_pane: bool) -> None:
        """On a narrow terminal a focused pane takes the whole height; the results come back on escape."""
        self.query_one("#main").set_class(in_pane, "-pane-focus")

    def panes_changed(self) -> None:
        area = self.query_one("#panes", PaneArea)
        n = len(area.panes())
        self.query_one("#main").set_class(n > 0, "-with-panes")
        if n == 0:
            self.set_pane_focus(False)
            self.query_one("#results", ResultList).focus()

    # -- marks, copy, export -----------------------------------------------------------------------
    def is_marked(self, ref) -> bool:
        return ref in self.marks

    def toggle_mark(self, ref) -> None:
        if ref.end <= ref.start:
            self.notify("This line names a source; open it (enter) to mark its passages.", markup=False)
            return
        if ref in self.marks:
            self.marks.remove(ref)
        else:
            self.marks.append(ref)
        self._marks_changed()

    def reorder_mark(self, ref, delta: int) -> None:
        i = self.marks.index(ref)
        j = max(0, min(len(self.marks) - 1, i + delta))
        self.marks.insert(j, self.marks.pop(i))
        self._marks_changed(keep=ref)

    def _marks_changed(self, keep=None) -> None:
        for screen in self.screen_stack:
            for plist in screen.query(PassageList):
                if not isinstance(plist, TrayList):
                    plist.refresh_marks()
        tray_list = self.query_one(TrayList)
        items = []
        for ref in self.marks:
            src = self.lib.source(ref.source_id) if self.lib else None
            if src is None:
                continue
            from nato_brief.search.quotes import resolve

            items.append(
                Item(ref, src.text[ref.start : ref.end], note="— " + resolve(self.lib, ref).citation)
            )
        idx = self.marks.index(keep) if keep in self.marks else tray_list.highlighted
        tray_list.set_items(items, highlight=idx if idx is not None else 0)
        self.query_one("#tray .tray-title", Static).update(
            Text(f"Marked quotes: {len(self.marks)}  (y copy · e export · d remove · [ ] reorder)")
        )
        self.sub_title = f"{len(self.marks)} marked" if self.marks else "who said what"

    def pick_sentences(self, ref) -> None:
        from .screens import SentencePicker

        src = self.lib.source(ref.source_id) if self.lib else None
        if src is None or ref.end <= ref.start:
            return

        def done(result) -> None:
            if result is not None and result not in self.marks:
                self.toggle_mark(result)
                self.notify(f"Marked {result.end - result.start} characters.", markup=False)

        self.push_screen(SentencePicker(src.text, ref), done)

    def _quotes_for(self, refs: list) -> list:
        from nato_brief.search.quotes import resolve, verify

        quotes = []
        for ref in refs:
            q = resolve(self.lib, ref)
            verify(self.lib, q)
            quotes.append(q)
        return quotes

    def copy_quotes(self, fallback_ref=None) -> None:
        """Copy the marked quotes (or the highlighted passage) with citations. Never raises."""
        from nato_brief.search.clipboard import copy_text
        from nato_brief.search.errors import BriefError
        from nato_brief.search.quotes import format_quotes

        refs = list(self.marks) or ([fallback_ref] if fallback_ref is not None else [])
        if not refs or self.lib is None:
            self.notify("Nothing to copy: mark quotes with space, or highlight a passage.", markup=False)
            return
        try:
            text = format_quotes(self._quotes_for(refs), "markdown")
            report = copy_text(text, osc52=self.copy_to_clipboard, paths=self.lib.paths, stem="quotes")
        except BriefError as e:
            self.notify(e.message, title=e.title, severity="error", markup=False)
            return
        except Exception as e:  # copying never takes the app down
            self.notify(f"Copy failed: {type(e).__name__}", severity="error", markup=False)
            return
        self.notify(f"{len(refs)} quote(s). {report.summary()}", title="Copied", markup=False, timeout=8)

    def action_copy(self) -> None:
        focused = self.focused
        ref = focused.current().ref if isinstance(focused, PassageList) and focused.current() else None
        self.copy_quotes(ref)

    def action_export(self) -> None:
        from nato_brief.search.clipboard import save_export
        from nato_brief.search.errors import BriefError
        from nato_brief.search.quotes import format_brief

        if not self.marks or self.lib is None:
            self.notify("Nothing to export: mark quotes with space first.", markup=False)
            return
        try:
            text = format_brief(self._quotes_for(self.marks), title="Brief")
        except BriefError as e:
            self.notify(e.message, title=e.title, severity="error", markup=False)
            return
        path = save_export(text, paths=self.lib.paths, stem="brief")
        if path is None:
            self.notify("Could not write the export file.", severity="error", markup=False)
        else:
            self.notify(
                f"Wrote {len(self.marks)} quote(s) to {path}", title="Exported", markup=False, timeout=10
            )

    def action_clear_marks(self) -> None:
        self.marks.clear()
        self._marks_changed()

    # -- views ---------------------------------------------------------------------------------------
    def _search_box(self) -> Input:
        return self.screen_stack[0].query_one("#search", Input)

    def _key_is_mine(self, main_screen_only: bool = False) -> None:
        """Step aside (SkipAction) when a priority key belongs to someone else: in a text box it is typed, in a
        dialog the dialog's own key; with ``main_screen_only`` every other screen keeps it too."""
        if self._typing() or isinstance(self.screen, ModalScreen):
            raise SkipAction()
        if main_screen_only and len(self.screen_stack) > 1:
            raise SkipAction()

    def _typing(self) -> bool:
        """Keys are text: a text box has focus, or a screen opened to type in is about to give it focus."""
        return isinstance(self.focused, Input) or (
            self.focused is None and bool(getattr(self.screen, "TYPE_INTO", ""))
        )

    def action_focus_search(self) -> None:
        """/ anywhere but in a text box (there it is a character) goes to the search box. In the empty search box
        it is the same key pressed where it already is (the app opens with the box focused): nothing is typed."""
        box = self._search_box()
        if self.focused is box and not box.value:
            return
        if self._typing():
            raise SkipAction()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        # Focus now: Widget.focus() would wait its turn behind the keys already typed after "/".
        self.screen.set_focus(box)

    def action_focus_results(self) -> None:
        """down in the search box enters the results."""
        if self.focused is not self._search_box():
            raise SkipAction()  # down belongs to the focused widget
        results = self.query_one("#results", ResultList)
        self.screen.set_focus(results)
        if results.option_count and results.highlighted is None:
            results.highlighted = 0

    def action_help(self) -> None:
        from .screens import HelpScreen

        self._key_is_mine()
        self.push_screen(HelpScreen())

    def action_who(self) -> None:
        self._key_is_mine()
        self.open_entity("")

    def open_entity(self, name: str) -> None:
        from .screens import EntityScreen

        if self.lib is None:
            return
        if not name:
            box = self.query_one("#search", Input).value
            ents = self.lib.entities().in_query(box) if box else []
            name = ents[0][2].name if ents else box
        self.push_screen(EntityScreen(name))

    def action_compare(self) -> None:
        self._key_is_mine()
        topic = self._search_box().value.strip()
        if not topic:
            self.notify("Type a topic in the search box first, then press c.", markup=False)
            return
        self.open_compare(topic)

    def open_compare(self, topic: str, authors: list[str] | None = None) -> None:
        from .screens import CompareScreen

        if self.lib is not None and topic.strip():
            self.push_screen(CompareScreen(topic, authors))

    def action_said(self) -> None:
        from .screens import SaidScreen

        self._key_is_mine()
        if self.lib is not None:
            self.push_screen(SaidScreen(self._search_box().value.strip()))

    def action_brief(self) -> None:
        from .screens import BriefScreen

        self._key_is_mine()
        if self.lib is not None:
            self.push_screen(BriefScreen())

    def action_toggle_tray(self) -> None:
        self._key_is_mine(main_screen_only=True)
        tray = self.query_one(Tray)
        tray.toggle_class("-open")
        if tray.has_class("-open"):
            self.screen.set_focus(self.query_one(TrayList))

    def action_toggle_facets(self) -> None:
        self._key_is_mine(main_screen_only=True)
        f = self.query_one("#facets", OptionList)
        f.toggle_class("-open")
        self.facets_open = f.has_class("-open")
        if self.facets_open:
            self.screen.set_focus(f)
            self._schedule(self.query_one("#search", Input).value)
            self._schedule(self.query_one("#search", Input).value)

    def action_close_panes(self) -> None:
        area = self.query_one("#panes", PaneArea)
        for p in area.panes():
            p.remove()
        area.call_after_refresh(area.after_change)

    def action_cycle_pane(self, delta: int) -> None:
        self.query_one("#panes", PaneArea).cycle(delta)

    def toggle_sort(self) -> None:
        """Results by relevance or by date (newest first, undated last)."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.notify(
            "Newest first (undated last)." if self.sort == "date" else "Best match first.", markup=False
        )
        self._schedule(self.query_one("#search", Input).value)

    def action_toggle_sort(self) -> None:
        self.toggle_sort()

    def action_search_as_typed(self) -> None:
        """Undo the typo correction: the corrected words are quoted in the box (quoted words are never
        corrected), so the search runs on the words as typed."""
        res = self.last_result
        if res is None or not res.corrections:
            self.notify("No word was corrected.", markup=False)
            return
        box = self.query_one("#search", Input)
        value = box.value
        for typed, _used in res.corrections:
            value = re.sub(rf'(?<!["\w]){re.escape(typed)}(?![\w"])', f'"{typed}"', value, count=1)
        box.value = value
        box.focus()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_back(self) -> None:
        """escape on the main screen: from a pane to the results, from anywhere else to the search box."""
        if len(self.screen_stack) > 1:
            raise SkipAction()  # other screens and dialogs close themselves
        focused = self.focused
        area = self.query_one("#panes", PaneArea)
        if focused is not None and area in focused.ancestors:
            self.screen.set_focus(self.query_one("#results", ResultList))
        else:
            self.screen.set_focus(self._search_box())


def _dup_note(lib, passage) -> str:
    dups = lib.store().duplicates().get(passage.id)
    if not dups:
        return ""
    cat = lib.store().catalog()
    from nato_brief.search.quotes import join_names

    names = [join_names(cat[d.rsplit(".", 1)[0]].authors) for d in dups if d.rsplit(".", 1)[0] in cat]
    return "identical text also attributed to: " + "; ".join(names)


def make_app(library=None) -> NatoBriefApp:
    """The one factory the entry point and the tests use."""
    return NatoBriefApp(library)


def run_app() -> int:
    make_app().run()
    return 0
