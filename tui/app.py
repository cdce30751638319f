"""The Textual app: the composition root. It builds the main screen (the search panel, source panes beside
the results, the quote tray), opens the library, runs the keys that move the focus or open a screen, and routes
what widgets and screens say (messages) to the part that acts: panes, screens, the quote basket
(``search/basket.py``), the clipboard.
"""

from __future__ import annotations

from nato_brief.search.basket import QuoteBasket
from nato_brief.search.quotes import QuoteRef
from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input

from .marks import TrayKeeping
from .messages import (
    CompareRequested,
    EntityRequested,
    ExportRequested,
    IndexProgressed,
    LibraryFailed,
    LibraryOpened,
    SourceRequested,
)
from .palette import BriefCommands
from .removing import SourceRemoving
from .search_panel import SearchPanel
from .widgets import PaneArea, PassageList, Tray, TrayList, source_pane
from .widgets.text_input import keys_waiting


class NatoBriefApp(TrayKeeping, SourceRemoving, App[None]):
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
        Binding("escape", "back_out", "Back", show=False, priority=True),
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
        self.basket = QuoteBasket()

    @property
    def marks(self) -> list[QuoteRef]:
        """The marked quotes' references, in the order marked."""
        return self.basket.refs()

    @property
    def last_result(self):
        """The search result on screen (None before the first search)."""
        return self.panel.last_result

    @property
    def panel(self) -> SearchPanel:
        return self.screen_stack[0].query_one(SearchPanel)

    # -- layout ------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchPanel(beside=PaneArea(id="panes"), marks=self.basket)
        yield Tray(marks=self.basket, id="tray")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#panes", PaneArea).display = False
        self.panel.box.focus()
        self.panel.layout_for(self.size.width)
        if self.lib is None:
            self.call_after_refresh(self.open_library)
        else:
            self.post_message(LibraryOpened(0, 0, []))

    def on_resize(self, event) -> None:
        for panel in self.screen_stack[0].query(SearchPanel):  # (none yet while the screen is composed)
            panel.layout_for(event.size.width)
            self.squeeze_tray()

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
        self.panel.show_progress(msg.done, msg.total, msg.what)

    @on(LibraryOpened)
    def _opened(self, msg: LibraryOpened) -> None:
        self.panel.library_ready(self.lib)
        if self.lib is not None:
            self.load_tray()
            self.set_interval(2.0, self.watch_library)
        for n in msg.notices:
            self.notify(n, title="Index", markup=False)

    @on(LibraryFailed)
    def _failed(self, msg: LibraryFailed) -> None:
        self.panel.library_failed(msg.title, msg.message)
        self.notify(msg.message, title=msg.title, severity="error", timeout=15, markup=False)

    # -- opening sources ---------------------------------------------------------------------------
    @on(PassageList.Opened)
    async def _open_item(self, event: PassageList.Opened) -> None:
        ref = event.item.ref
        await self.open_source(ref.source_id, ref.passage_id, query=self.panel.text, pin=event.pin)

    @on(SourceRequested)
    async def _source_requested(self, msg: SourceRequested) -> None:
        await self.open_source(msg.source_id, msg.passage_id, query=msg.query, pin=msg.pin, span=msg.span)

    async def open_source(
        self,
        source_id: str,
        passage_id: str | None = None,
        query: str = "",
        pin: bool = False,
        span: tuple[int, int] | None = None,
    ) -> None:
        """Open a source in a pane at a passage; ``span`` (offsets in the source) is highlighted there.

        Awaited in the app's queue, so keys typed meanwhile (escape, down) wait and then act on the open pane.
        """
        if self.lib is None:
            return
        pane = source_pane(self.lib, source_id, passage_id, query, span, marks=self.basket)
        if pane is None:
            self.notify("That source is no longer in the library.", severity="warning", markup=False)
            return
        area = self.screen_stack[0].query_one("#panes", PaneArea)
        area.display = True
        await area.open(pane, pin)

    # -- marks, copy, export -----------------------------------------------------------------------
    @on(PassageList.MarkToggled)
    def _mark_toggled(self, msg: PassageList.MarkToggled) -> None:
        self.toggle_mark(msg.ref)

    def toggle_mark(self, ref: QuoteRef) -> None:
        """Mark the quote at ``ref`` (its text and citation kept as they are now) or unmark it."""
        from nato_brief.search.errors import BriefError

        if ref.end <= ref.start:
            self.notify("This line names a source; open it (enter) to mark its passages.", markup=False)
            return
        if self.lib is None:
            return
        try:
            self.basket.toggle(self.lib, ref)
        except BriefError as e:
            self.notify(e.message, title=e.title, severity="error", markup=False)
            return
        self._marks_changed()

    @on(TrayList.QuoteMoved)
    def _quote_moved(self, msg: TrayList.QuoteMoved) -> None:
        self.basket.move(msg.ref, msg.delta)
        self._marks_changed(keep=msg.ref)

    def _marks_changed(self, keep: QuoteRef | None = None) -> None:
        for screen in self.screen_stack:
            for plist in screen.query(PassageList):
                if not isinstance(plist, TrayList):  # the tray is drawn again whole
                    plist.refresh_marks()
        self.query_one(Tray).show(self.basket, keep, self._stale)
        self.save_tray()
        self.sub_title = f"{len(self.basket)} marked" if len(self.basket) else "who said what"

    @on(PassageList.SentencesRequested)
    def _pick_sentences(self, msg: PassageList.SentencesRequested) -> None:
        from .screens import SentencePicker

        ref = msg.ref
        src = self.lib.source(ref.source_id) if self.lib else None
        if src is None or ref.end <= ref.start:
            return

        def done(result: QuoteRef | None) -> None:
            if result is not None and result not in self.basket:
                self.toggle_mark(result)
                self.notify(f"Marked {result.end - result.start} characters.", markup=False)

        self.push_screen(SentencePicker(src.text, ref), done)

    @on(PassageList.CopyRequested)
    def _copy_requested(self, msg: PassageList.CopyRequested) -> None:
        self.copy_quotes(msg.ref, alone=msg.alone)

    def copy_quotes(self, fallback_ref: QuoteRef | None = None, alone: bool = False) -> None:
        """Copy the marked quotes (or the highlighted passage; with ``alone`` only it) with citations. Never
        raises."""
        from nato_brief.search.errors import BriefError

        if ((alone or not len(self.basket)) and fallback_ref is None) or self.lib is None:
            self.notify("Nothing to copy: mark quotes with space, or highlight a passage.", markup=False)
            return
        try:
            count, report = self.basket.copy(self.lib, fallback_ref, osc52=self.copy_to_clipboard, alone=alone)
        except BriefError as e:
            self.notify(e.message, title=e.title, severity="error", markup=False)
            return
        except Exception as e:  # copying never takes the app down
            self.notify(f"Copy failed: {type(e).__name__}", severity="error", markup=False)
            return
        self.save_tray()  # copied: quitting need not ask
        self.notify(f"{count} quote(s). {report.summary()}", title="Copied", markup=False, timeout=8)

    def action_copy(self) -> None:
        focused = self.focused
        current = focused.current() if isinstance(focused, PassageList) else None
        self.copy_quotes(current.ref if current is not None else None)

    @on(ExportRequested)
    def _export_requested(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        from nato_brief.search.errors import BriefError

        if not len(self.basket) or self.lib is None:
            self.notify("Nothing to export: mark quotes with space first.", markup=False)
            return
        try:
            path = self.basket.export(self.lib)
        except BriefError as e:
            self.notify(e.message, title=e.title, severity="error", markup=False)
            return
        if path is None:
            self.notify("Could not write the export file.", severity="error", markup=False)
        else:
            self.save_tray()
            self.notify(
                f"Wrote {len(self.basket)} quote(s) to {path}", title="Exported", markup=False, timeout=10
            )

    def action_clear_marks(self) -> None:
        self.basket.clear()
        self._marks_changed()

    # -- keys that move the focus or open a screen ---------------------------------------------------
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
        box = self.panel.box
        if self.focused is box and not box.value and not keys_waiting(box):
            return  # (typed fast, "x/y": the x may still wait in the box's queue, and the / is a character)
        if self._typing():
            raise SkipAction()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.panel.focus_box()

    def action_focus_results(self) -> None:
        """down in the search box enters the results; in the Said view's filter box, its list."""
        from .screens import SaidScreen

        if isinstance(self.screen, SaidScreen) and isinstance(self.focused, Input):
            self.screen.action_enter_list()
            return
        if self.focused is not self.panel.box:
            raise SkipAction()  # down belongs to the focused widget
        self.panel.enter_results()

    def action_submit_search(self) -> None:
        """enter in the search box: w:NAME opens an entity card, anything else enters the results."""
        if self.focused is not self.panel.box:
            raise SkipAction()  # enter belongs to the focused widget
        name = self.panel.submit()
        if name is not None:
            self.open_entity(name)

    def action_help(self) -> None:
        from .screens import HelpScreen

        box = self.panel.box
        if not (self.focused is box and not box.value and len(self.screen_stack) == 1):  # there ? is help
            self._key_is_mine()
        self.push_screen(HelpScreen())

    def action_who(self) -> None:
        self._key_is_mine()
        self.open_entity("")

    @on(EntityRequested)
    def _entity_requested(self, msg: EntityRequested) -> None:
        self.open_entity(msg.name)

    def open_entity(self, name: str) -> None:
        from .screens import EntityScreen

        if self.lib is None:
            return
        if not name:
            name = self.panel.named_entity()
        self.push_screen(EntityScreen(self.lib, name, marks=self.basket))

    def action_compare(self) -> None:
        self._key_is_mine()
        topic = self.panel.text.strip()
        if not topic:
            self.notify("Type a topic in the search box first, then press c.", markup=False)
            return
        self.open_compare(topic)

    @on(CompareRequested)
    def _compare_requested(self, msg: CompareRequested) -> None:
        self.open_compare(msg.topic, msg.authors)

    def open_compare(self, topic: str, authors: list[str] | None = None) -> None:
        from .screens import CompareScreen

        if self.lib is not None and topic.strip():
            self.push_screen(CompareScreen(self.lib, topic, authors, marks=self.basket))

    def action_said(self) -> None:
        from .screens import SaidScreen

        self._key_is_mine()
        if self.lib is not None:
            self.push_screen(SaidScreen(self.lib, self.panel.named_entity(), marks=self.basket))

    def action_brief(self) -> None:
        from .screens import BriefScreen

        self._key_is_mine()
        if self.lib is not None:
            self.push_screen(BriefScreen(self.lib, marks=self.basket))

    def action_toggle_tray(self) -> None:
        self._key_is_mine(main_screen_only=True)
        tray = self.query_one(Tray)
        tray.toggle_class("-open")
        tray.remove_class("-squeezed")  # asked for: shown even beside a pane on a small terminal
        if tray.has_class("-open"):
            self.screen.set_focus(self.query_one(TrayList))

    def action_toggle_facets(self) -> None:
        self._key_is_mine(main_screen_only=True)
        self.panel.toggle_facets()

    async def action_close_panes(self) -> None:
        area = self.query_one("#panes", PaneArea)
        await area.close(area.panes())

    def action_cycle_pane(self, delta: int) -> None:
        self.query_one("#panes", PaneArea).cycle(delta)

    def action_toggle_sort(self) -> None:
        self.panel.toggle_sort()

    def action_search_as_typed(self) -> None:
        self.panel.search_as_typed()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_back_out(self) -> None:  # (not action_back: App has its own)
        """escape on the main screen, one level back (CONTRACT.md: close a dialog, leave a pane, return to the
        search box): from a pane to the results; from the results, the facets or the tray to the search box;
        in the box to the results, the query kept (a query with no results is cleared first, and an empty
        box is left for the results)."""
        if len(self.screen_stack) > 1:
            raise SkipAction()  # other screens and dialogs close themselves
        box, focused = self.panel.box, self.focused
        area = self.query_one("#panes", PaneArea)
        if focused is box:
            if box.value and not self.panel.results.option_count:
                box.value = ""  # no results: clear the box (the next escape leaves it)
            else:
                self.panel.enter_results()
        elif focused is not None and area in focused.ancestors:
            self.screen.set_focus(self.panel.results)
        else:
            self.panel.focus_box()


def make_app(library=None) -> NatoBriefApp:
    """The one factory the entry point and the tests use."""
    return NatoBriefApp(library)


def run_app() -> int:
    make_app().run()
    return 0
