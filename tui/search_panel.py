"""The search panel: the box, the status and entity lines, the facets and the results — search as you type.

Each keystroke (debounced) runs ``Library.as_you_type`` in a worker thread; a newer keystroke makes an older
one's results stale, and they are dropped. What the user picks goes up as messages (a result to open:
``PassageList.Opened``); the app calls the panel's methods for the keys it binds (``submit``,
``enter_results``, ``toggle_facets``, ``toggle_sort``, ``search_as_typed``), which move the focus at once.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import TYPE_CHECKING

from nato_brief.search.query import MAX_QUERY_CHARS
from nato_brief.search.quotes import QuoteRef
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from .messages import HighlightsFound, SearchFinished
from .render import who_preview
from .widgets import InOrderInput, PaneArea, ResultList

if TYPE_CHECKING:
    from nato_brief.search.library import Library
    from nato_brief.search.results import SearchResult

DEBOUNCE = 0.12
WATCH = 1.0  # seconds between the cheap checks for a library changed by another process
RESULT_LIMIT = 40


def first_rows(height: int) -> int:
    """How many result rows a list ``height`` lines high shows (a row: metadata, snippet, rule), and two more:
    highlighted before the results are shown, the others just after (most rows are below the screen)."""
    return max(8, height // 3 + 2) if height > 0 else 16
_WHO = re.compile(r"^(?:w|who):\s*(.*)$")
_FILTERS = re.compile(r"\b(author|outlet|year|date|speaker|title):(\"[^\"]*\"|\S+)")


class SearchBox(InOrderInput):
    """The search box: typing searches; down enters the results. Holds at most MAX_QUERY_CHARS characters."""

    _cut_told = False  # "Query cut" was said for the current cut

    def on_mount(self) -> None:
        self.cursor_blink = False  # a steady cursor: calmer, and screenshots are repeatable
        self.max_length = MAX_QUERY_CHARS
        # Coming back to the box (/, escape, a facet picked) keeps the query and the cursor at its end: with
        # Textual's select-on-focus the whole query was selected, and the next key replaced it.
        self.select_on_focus = False

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """? in the empty box is the app's help key ("Type to search; ? for help"); with text it is typed."""
        if key == "question_mark" and not self.value:
            return False
        return super().check_consume_key(key, character)

    def replace(self, text: str, start: int, end: int) -> None:
        """Typing or pasting past the cap keeps what fits (Input alone would refuse the whole paste)."""
        room = MAX_QUERY_CHARS - (len(self.value) - (max(start, end) - min(start, end)))
        if len(text) > room:
            text = text[: max(0, room)]
            if not self._cut_told:  # once per cut: every key past the cap said it again
                self._cut_told = True
                self.notify(f"Query cut to its first {MAX_QUERY_CHARS} characters.", markup=False)
        super().replace(text, start, end)

    def watch_value(self, value: str) -> None:
        if len(value) < MAX_QUERY_CHARS:  # back under the cap: the next cut is told again
            self._cut_told = False


class SearchPanel(Vertical):
    """Owns the search box and the results (and the lines about them); ``beside`` goes right of the results."""

    DEFAULT_CSS = "SearchPanel { height: 1fr; }"

    def __init__(
        self, beside: Widget | None = None, *, marks: Container[QuoteRef] = frozenset(), id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.beside = beside
        self.marks = marks  # the quote basket, for the result rows' marks
        self.lib: Library | None = None
        self.last_result: SearchResult | None = None  # the result on screen
        self.facets_open = False
        self.sort = "relevance"
        self._seq = 0
        self._timer: Timer | None = None
        self._wanted = ""  # the text the latest search was scheduled for (the box opens empty)
        self._seen: tuple | None = None  # the library as last looked at: (CURRENT, generation read, catalog)
        self._changed: tuple[int, int] | None = None  # (search seq, sources before) of a search run for a change

    def compose(self) -> ComposeResult:
        yield SearchBox(
            placeholder='Search (author:, outlet:, year:, date:, "phrase", OR, NOT) — w:NAME for an entity card',
            id="search",
        )
        yield Static("Opening the library…", id="status", markup=False)
        yield Static("", id="entities", markup=False)
        yield ProgressBar(id="progress", show_eta=False)
        with Horizontal(id="main"):
            yield OptionList(id="facets", markup=False)
            with Vertical(id="results-column"):
                yield Static("", id="search-note", markup=False)
                yield ResultList(id="results", marks=self.marks)
            if self.beside is not None:
                yield self.beside

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.set_interval(0.5, self._catch_up)
        self.set_interval(WATCH, self._watch_library)

    def _catch_up(self) -> None:
        """The last text in the box is always searched: should a burst of keys (a paste, keys sent at once) leave
        the box holding text no search was scheduled for, search it now."""
        text = self.text
        if self.lib is None or text == self._wanted or text.startswith(("w:", "who:")):
            return
        self.schedule(text)

    def _watch_library(self) -> None:
        """Another process added, replaced or removed documents (``nato-brief add`` in another shell): search
        the box again, through the usual worker (which reloads the library first), and say so when the results
        arrive. The check is cheap: the generation named in CURRENT and SQLite's data_version (the catalog is
        rebuilt only when another connection committed); nothing is searched unless the library changed."""
        lib = self.lib
        if lib is None:
            return
        try:
            current, cat = lib.generations.current(), lib.store().catalog()
        except Exception:  # a generation being replaced right now: look again at the next tick
            return
        seen, self._seen = self._seen, (current, lib.readers.gen, cat)
        if seen is None or (current == seen[0] and (cat is seen[2] or lib.readers.gen != seen[1])):
            return  # unchanged, or this process's own worker has just moved to the generation already seen
        text = self.text
        if not text.strip() or text.startswith(("w:", "who:")):
            self._say_changed(len(seen[2]), "")
            return
        self.schedule(text)
        self._changed = (self._seq, len(seen[2]))

    def _say_changed(self, before: int, done: str) -> None:
        """The notice that the library changed elsewhere: how many documents came or went, and ``done``."""
        st = self.lib.store() if self.lib is not None else None
        after = len(st.catalog()) if st is not None else before
        n = abs(after - before)
        if after != before:
            what = f"{n} document{'s' if n != 1 else ''} {'added' if after > before else 'removed'} elsewhere"
        else:
            what = "The library changed elsewhere"
        self.notify(what + done, title="Library", markup=False)
        if st is not None and not self.text.strip():
            self.query_one("#status", Static).update(
                Text(f"{after} sources, {st.passage_count()} passages. Type to search; ? for help.")
            )

    # -- what the app asks of the panel ----------------------------------------------------------------
    @property
    def box(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def results(self) -> ResultList:
        return self.query_one("#results", ResultList)

    @property
    def text(self) -> str:
        """What the box holds."""
        return self.box.value

    def named_entity(self) -> str:
        """The entity the box names (as corrected: 'Stoltenburg' -> Jens Stoltenberg), to pre-fill w and s; ''
        when it names none ("Levit detainees" is no name to look up)."""
        box = self.text
        res = self.last_result
        for typed, used in res.corrections if res is not None and res.query == box else []:
            box = box.replace(typed, used)
        ents = self.lib.entities().in_query(box) if box.strip() and self.lib is not None else []
        return ents[0][2].name if ents else ""

    def focus_box(self) -> None:
        # Focus now: Widget.focus() would wait its turn behind the keys already typed.
        self.screen.set_focus(self.box)

    def enter_results(self) -> None:
        """down in the box: into the results, the first one highlighted."""
        results = self.results
        self.screen.set_focus(results)
        if results.option_count and results.highlighted is None:
            results.highlighted = 0

    def submit(self) -> str | None:
        """enter in the box: the name typed after w: (the app opens its card), or None after entering the
        results (when there are any)."""
        if m := _WHO.match(self.text):
            return m.group(1)
        if self.results.option_count:
            self.screen.set_focus(self.results)
        return None

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
            self.screen.set_focus(f)
            self.schedule(self.text)

    def toggle_sort(self) -> None:
        """Results by relevance or by date (newest first, undated last)."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.notify(
            "Newest first (undated last)." if self.sort == "date" else "Best match first.", markup=False
        )
        self.schedule(self.text)

    def search_as_typed(self) -> None:
        """Undo the typo correction: the corrected words are quoted in the box (quoted words are never
        corrected), so the search runs on the words as typed."""
        res = self.last_result
        if res is None or not res.corrections:
            self.notify("No word was corrected.", markup=False)
            return
        value = self.text
        for typed, _used in res.corrections:
            value = re.sub(rf'(?<!["\w]){re.escape(typed)}(?![\w"])', f'"{typed}"', value, count=1)
        self.set_box(value)
        self.box.focus()

    def set_box(self, value: str) -> None:
        """Put ``value`` in the box with the cursor at its end (Input keeps the old cursor position: after
        ctrl+o quoted a word, the next keys landed two characters before the end)."""
        self.box.value = value
        self.box.cursor_position = len(self.box.value)

    # -- the layout: results beside the panes, or above them on a narrow terminal ------------------------
    def layout_for(self, width: int) -> None:
        narrow = width < 110
        self.query("#main").set_class(narrow, "-narrow")
        self.query("#panes").set_class(narrow, "-narrow")

    def set_pane_focus(self, in_pane: bool) -> None:
        """On a narrow terminal a focused pane takes the whole height; the results come back on escape."""
        self.query_one("#main").set_class(in_pane, "-pane-focus")

    @on(ResultList.Focused)
    def _results_focused(self) -> None:
        self.set_pane_focus(False)

    @on(PaneArea.Focused)
    def _pane_focused(self) -> None:
        self.set_pane_focus(True)

    @on(PaneArea.Changed)
    def _panes_changed(self, msg: PaneArea.Changed) -> None:
        self.query_one("#main").set_class(msg.count > 0, "-with-panes")
        if msg.count == 0:
            self.set_pane_focus(False)
            self.results.focus()

    @on(ResultList.SortToggled)
    def _sort_toggled(self, event: ResultList.SortToggled) -> None:
        event.stop()
        self.toggle_sort()

    # -- search as you type ----------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if bool(event.value) != bool(self._wanted):
            self.app.refresh_bindings()  # ? is help in the empty box, a character otherwise: the footer follows
        self.schedule(event.value)

    def schedule(self, text: str) -> None:
        """Search ``text`` once typing pauses (DEBOUNCE seconds); w:NAME looks the name up instead."""
        self._seq += 1
        seq = self._seq
        self._wanted = text
        if self._timer is not None:
            self._timer.stop()
        if m := _WHO.match(text):
            self._preview_who(seq, m.group(1).strip())
            return
        first = first_rows(self.results.size.height)
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(seq, text, first))

    def _preview_who(self, seq: int, name: str) -> None:
        """w:NAME: no passages (the letters are no query), but the entities enter would open, as typed."""
        self.last_result = None
        self.results.set_hits([])
        self.query_one("#entities", Static).update("")
        self.query_one("#status", Static).update(Text("Entity look-up (w:NAME)", style="bold"))
        self._show_who(seq, name, None)
        if name and self.lib is not None:
            self._timer = self.set_timer(DEBOUNCE, lambda: self._look_up(seq, name))

    @work(thread=True, exclusive=True, group="search")
    def _look_up(self, seq: int, name: str) -> None:
        if self.lib is not None and seq == self._seq:
            matches = self.lib.entities().lookup(name, limit=6)  # as the card enter opens looks it up
            self.app.call_from_thread(self._show_who, seq, name, matches)

    def _show_who(self, seq: int, name: str, matches: list | None) -> None:
        if seq == self._seq:
            note = self.query_one("#search-note", Static)
            note.update(who_preview(name, matches))
            note.display = True

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, seq: int, text: str, first: int | None = None) -> None:
        if self.lib is None:
            return
        try:
            if seq != self._seq:
                return  # a newer keystroke is already waiting
            # Counting every match for the facets costs; only when the facet list is shown. The rows a
            # screen shows are highlighted first, the others once those are on screen.
            res, ents = self.lib.as_you_type(
                text, limit=RESULT_LIMIT, facets=self.facets_open, sort=self.sort, first=first
            )
            if seq != self._seq:
                return
            self.post_message(SearchFinished(seq, res, ents))
            found = res.highlight_rest() if res is not None and seq == self._seq else {}
        except Exception as e:  # a search must never take the app down
            self.app.call_from_thread(
                self.notify, f"Search failed: {type(e).__name__}", severity="error", markup=False
            )
            return
        if found and seq == self._seq:
            self.post_message(HighlightsFound(seq, found))

    @on(HighlightsFound)
    def _show_highlights(self, msg: HighlightsFound) -> None:
        msg.stop()
        if msg.seq == self._seq:
            self.results.show_highlights(msg.found)

    @on(SearchFinished)
    def _show_results(self, msg: SearchFinished) -> None:
        msg.stop()
        if msg.seq != self._seq:
            return  # a newer keystroke already asked again
        res = msg.result
        changed, self._changed = self._changed, None
        keep = None
        if changed is not None and changed[0] == msg.seq:  # the same query again, the library having changed
            self._say_changed(changed[1], "; results updated")
            current = self.results.current()
            keep = current.ref.passage_id if current is not None else None
        self.last_result = res
        status = self.query_one("#status", Static)
        note = self.query_one("#search-note", Static)
        if res is None:
            self.results.set_hits([])
            status.update(Text("Type to search; ? for help."))
            self.query_one("#entities", Static).update("")
            note.update("")
            note.display = False
            return
        self.results.set_hits(res.hits, keep=keep, total=res.total, exact=res.total_exact)
        notes = _notes(res)
        note.update(notes)
        note.display = bool(notes.plain)
        status.update(self._status(res))
        self.query_one("#entities", Static).update(_entity_strip(res, msg.entities))
        facets = self.query_one("#facets", OptionList)
        opts = []
        for kind in ("author", "outlet", "year"):
            for name, count in res.facets.get(kind, [])[:12]:
                opts.append(Option(Text(f"{kind}: {name} ({count})"), id=f"{kind}\x00{name}"))
        facets.set_options(opts)

    def _status(self, res) -> Text:
        t = Text(f"{'' if res.total_exact else 'up to '}{res.total} passage(s)", style="bold")
        if res.hits:
            sources = len({h.source_id for h in res.hits})
            t.append(f" · showing {len(res.hits)} in {sources} source(s)")
        if self.sort == "date":
            t.append(" · newest first", style="cyan")
        if filters := _FILTERS.findall(res.query):
            t.append(" · filters: " + ", ".join(f"{k}={v}" for k, v in filters), style="cyan")
        for n in res.notices_beside_why():
            t.append(" · " + n, style="yellow")
        return t

    @on(OptionList.OptionSelected, "#facets")
    def _facet(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, name = (event.option.id or "").partition("\x00")
        if not name or name.startswith("("):
            return
        value = name if kind == "year" else f'"{name}"'
        self.set_box((self.box.value.rstrip() + f" {kind}:{value}").strip() + " ")
        self.screen.set_focus(self.box)


def _notes(res) -> Text:
    """The lines above the results: a typo correction, a partial result, unknown words."""
    lines = Text()
    if line := res.correction_line():
        lines.append(line, style="bold")
        lines.append("  (ctrl+o: search as typed)", style="dim")
    why = (res.why or res.unknown_line()) if not res.hits else None
    for line, style in ((res.partial_line(), "bold yellow"), (why, "bold red")):
        if line:
            lines.append(("\n" if lines.plain else "") + line, style=style)
    return lines


def _entity_strip(res, entities: list[str]) -> Text:
    """The names the query mentions, and the other names searched for them."""
    ent = Text()
    if entities:
        ent.append("Entities: ", style="bold")
        ent.append(" · ".join(entities))
    if res.expansions:
        ent.append("   also searching: " if entities else "Also searching: ", style="dim")
        ent.append("; ".join(" | ".join(n) for _, n in res.expansions), style="dim")
    return ent
