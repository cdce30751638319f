"""The app's widgets: passage lists (results, panes, columns, briefings), source panes, the quote tray."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from functools import cache

from nato_brief.search.quotes import QuoteRef, meta_line
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Collapsible, Input, OptionList, Static
from textual.widgets.option_list import Option

from .render import group_hits, hit_prompt, passage_prompt


@dataclass
class Item:
    """One row of a passage list: what it quotes (``ref``) and how it is shown."""

    ref: QuoteRef
    text: str
    highlights: list[list[int]] = field(default_factory=list)
    hit: object | None = None  # a search Hit for result rows
    note: str = ""
    speaker: str | None = None
    more: int = 0  # result rows: passages of the same source folded under this one
    expanded: bool = False
    member: bool = False  # a result row shown under its source's best passage


class InOrderInput(Input):
    """A text box whose editing keys (backspace, ctrl+u, arrows, ...) act in the order they were typed.

    Textual inserts a printable key as soon as the box receives it but runs the box's own key bindings only
    once the key has bubbled up to the app: ctrl+u or backspace followed quickly by letters ran after them and
    deleted what had just been typed (Textual issue #6605). Here the box runs its own bindings on arrival.
    """

    async def on_key(self, event: events.Key) -> None:
        if await self.run_own_binding(event.key):
            event.stop()
            event.prevent_default()  # Input's own handler and the app's binding check are skipped

    async def run_own_binding(self, key: str) -> bool:
        """Run this box's own binding for ``key`` now; False when the box binds nothing to it."""
        for binding in _own_bindings(type(self)).key_to_bindings.get(key, ()):
            if not binding.priority:
                await self.run_action(binding.action)
                return True
        return False


@cache
def _own_bindings(cls: type) -> BindingsMap:
    """The key bindings a widget class declares (its own and its bases')."""
    return BindingsMap(b for klass in reversed(cls.__mro__) for b in vars(klass).get("BINDINGS", ()))


class PassageList(OptionList):
    """A list of passages that can be marked (space) and copied (y) as quotes.

    No text may be hidden, so the list's content width must change only with its size: OptionList wraps each
    passage once for the content width and re-wraps only on a resize. Its own ``:focus`` rule adds a border
    and a scrollbar appears when the passages overflow; both made the list narrower without a resize, and
    passages kept the line count of the wider width, losing their last line. Here the border stays off when
    focused (the pane or column around the list shows focus) and the scrollbar's gutter is always kept.
    Passages are separated by a rule (OptionList counts no vertical padding in an option's height). After a
    resize the highlighted passage stays in view, at the top when it was put there (opening a hit, n, N).

    ``marks`` is the quote basket (any container of marked references), read to show marks;
    ``refresh_marks`` redraws the rows whose mark changed. What a key asks for goes up as a message
    (``MarkToggled``, ``CopyRequested``, ``SentencesRequested``, ``Opened``), and the app decides.
    """

    DEFAULT_CSS = """
    PassageList { height: 1fr; border: none; scrollbar-gutter: stable; }
    PassageList:focus { border: none; }
    PassageList > .option-list--option { padding: 0 1; }
    """
    BINDINGS = [
        Binding("space", "toggle_mark", "Mark"),
        Binding("y", "copy", "Copy"),
        Binding("v", "select_sentences", "Select sentences"),
    ]

    class Opened(Message):
        """Enter (or p) on a passage: open it in a source pane."""

        def __init__(self, plist: PassageList, item: Item, pin: bool = False) -> None:
            super().__init__()
            self.plist = plist
            self.item = item
            self.pin = pin

        @property
        def control(self) -> PassageList:
            return self.plist

    class MarkToggled(Message):
        """Space (or delete in the tray) on a passage: mark it as a quote, or unmark it."""

        def __init__(self, ref: QuoteRef) -> None:
            super().__init__()
            self.ref = ref

    class CopyRequested(Message):
        """y: copy the marked quotes, or ``ref`` (the highlighted passage) when none is marked."""

        def __init__(self, ref: QuoteRef | None) -> None:
            super().__init__()
            self.ref = ref

    class SentencesRequested(Message):
        """v: choose sentences of the passage at ``ref`` to mark."""

        def __init__(self, ref: QuoteRef) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, *args, marks: Container[QuoteRef] = frozenset(), **kwargs) -> None:
        super().__init__(*args, markup=False, **kwargs)
        self.items: list[Item] = []
        self.marks = marks
        self._drawn_marked: set[QuoteRef] = set()  # rows last drawn with a mark
        self._at_top = False  # the highlighted passage was put at the top of the view (reveal)

    def set_items(self, items: list[Item], highlight: int | None = 0) -> None:
        self.items = items
        options: list[Option | None] = []
        for it in items:
            if options:
                options.append(None)  # a rule between passages
            options.append(Option(self.render_item(it)))
        self.set_options(options)
        self._at_top = False
        if items and highlight is not None:
            self.highlighted = max(0, min(highlight, len(items) - 1))

    def reveal(self, index: int) -> None:
        """Highlight passage ``index`` and show it at the top of the view, now and after any resize."""
        if not self.items:
            return
        self.highlighted = max(0, min(index, len(self.items) - 1))
        self._at_top = True
        self.call_after_refresh(self._keep_highlight_in_view)

    def on_resize(self) -> None:
        # Lines were wrapped for the old width; once re-wrapped, bring the highlighted passage back in view.
        self.call_after_refresh(self._keep_highlight_in_view)

    def _keep_highlight_in_view(self) -> None:
        self.scroll_to_highlight(top=self._at_top)

    def action_cursor_up(self) -> None:
        self._at_top = False
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        self._at_top = False
        super().action_cursor_down()

    def render_item(self, item: Item) -> Text:
        marked = item.ref in self.marks
        if marked:
            self._drawn_marked.add(item.ref)
        else:
            self._drawn_marked.discard(item.ref)
        if item.hit is not None:
            row = hit_prompt(item.hit, marked, more=item.more, expanded=item.expanded)
            return Text("↳ ", style="dim") + row if item.member else row
        return passage_prompt(item.text, item.highlights, marked, item.note)

    def current(self) -> Item | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.items)):
            return None
        return self.items[self.highlighted]

    def refresh_marks(self) -> None:
        """Draw again the rows whose mark changed since they were drawn."""
        for i, it in enumerate(self.items):
            if (it.ref in self.marks) != (it.ref in self._drawn_marked):
                self.replace_option_prompt_at_index(i, self.render_item(it))

    def action_toggle_mark(self) -> None:
        it = self.current()
        if it is not None:
            self.post_message(self.MarkToggled(it.ref))

    def action_copy(self) -> None:
        it = self.current()
        self.post_message(self.CopyRequested(it.ref if it else None))

    def action_select_sentences(self) -> None:
        it = self.current()
        if it is not None:
            self.post_message(self.SentencesRequested(it.ref))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        it = self.current()
        if it is not None:
            self.post_message(self.Opened(self, it))


class ResultList(PassageList):
    """Search results: enter opens the highlighted passage in a source pane, p opens it in a new pane.

    Passages of one source are folded under the best one ("+2 more in this source"): right shows them,
    left folds them again, g turns folding off (or on) for every source; o orders by date or relevance.
    """

    BINDINGS = [
        Binding("p", "open_pinned", "Open in new pane"),
        Binding("right", "unfold", "Show more", show=False),
        Binding("left", "fold", "Fold", show=False),
        Binding("g", "toggle_grouping", "Group by source"),
        Binding("o", "toggle_sort", "Order by date"),
    ]

    class Focused(Message):
        """The results took the focus (on a narrow terminal they come back into view)."""

    class SortToggled(Message):
        """o: order the results by date, or back by relevance."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.hits: list = []
        self.grouping = True
        self.unfolded: set[str] = set()

    def set_hits(self, hits: list) -> None:
        """Show search hits, folded by source unless grouping is off."""
        self.hits = list(hits)
        self.unfolded = set()
        self._rebuild(0)

    def _rebuild(self, highlight: int | None = None, keep: str | None = None) -> None:
        items: list[Item] = []
        if not self.grouping:
            items = [_hit_item(h) for h in self.hits]
        else:
            for best, others in group_hits(self.hits):
                shown = best.source_id in self.unfolded
                items.append(_hit_item(best, more=len(others), expanded=shown))
                if shown:
                    items += [_hit_item(h, member=True) for h in others]
        if keep is not None:
            highlight = next((i for i, it in enumerate(items) if it.ref.passage_id == keep), highlight or 0)
        self.set_items(items, highlight=highlight)

    def _current_source(self) -> tuple[str | None, str | None]:
        it = self.current()
        return (it.ref.source_id, it.ref.passage_id) if it is not None else (None, None)

    def action_unfold(self) -> None:
        sid, pid = self._current_source()
        if sid is not None and self.grouping and sid not in self.unfolded:
            self.unfolded.add(sid)
            self._rebuild(keep=pid)

    def action_fold(self) -> None:
        sid, _pid = self._current_source()
        if sid is not None and sid in self.unfolded:
            self.unfolded.discard(sid)
            best = next((h.passage_id for h in self.hits if h.source_id == sid), None)
            self._rebuild(keep=best)

    def action_toggle_grouping(self) -> None:
        _sid, pid = self._current_source()
        self.grouping = not self.grouping
        self._rebuild(keep=pid)
        self.notify("Results grouped by source." if self.grouping else "Every passage on its own row.",
                        markup=False)  # fmt: skip

    def action_toggle_sort(self) -> None:
        self.post_message(self.SortToggled())

    def on_focus(self) -> None:
        self.post_message(self.Focused())

    def action_open_pinned(self) -> None:
        it = self.current()
        if it is not None:
            self.post_message(self.Opened(self, it, pin=True))


class SourceText(PassageList):
    """A source's passages, the hits highlighted; n/N jump between hits."""

    BINDINGS = [
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "prev_hit", "Prev hit", key_display="N"),
        Binding("x", "close", "Close pane"),
        Binding("P", "toggle_pin", "Pin"),
        Binding("g", "toggle_chrome", "Page chrome"),
        Binding("less_than_sign", "move(-1)", "Move left", show=False),
        Binding("greater_than_sign", "move(1)", "Move right", show=False),
    ]

    def hit_indexes(self) -> list[int]:
        return [i for i, it in enumerate(self.items) if it.highlights]

    def action_next_hit(self) -> None:
        hits = self.hit_indexes()
        cur = self.highlighted or 0
        nxt = next((i for i in hits if i > cur), hits[0] if hits else None)
        if nxt is not None:
            self.reveal(nxt)  # scrolls even when the only hit is already highlighted

    def action_prev_hit(self) -> None:
        hits = self.hit_indexes()
        cur = self.highlighted or 0
        prv = next((i for i in reversed(hits) if i < cur), hits[-1] if hits else None)
        if prv is not None:
            self.reveal(prv)

    def action_close(self) -> None:
        pane = self.parent
        if isinstance(pane, SourcePane):
            pane.close()

    def action_toggle_pin(self) -> None:
        pane = self.parent
        if isinstance(pane, SourcePane):
            pane.pinned = not pane.pinned
            pane.refresh_header()

    def action_toggle_chrome(self) -> None:
        pane = self.parent
        if isinstance(pane, SourcePane):
            pane.toggle_chrome()

    def action_move(self, delta: int) -> None:
        pane = self.parent
        if isinstance(pane, SourcePane) and isinstance(pane.parent, PaneArea):
            pane.parent.move(pane, delta)


class SourcePane(Vertical):
    """One source: a metadata header over its clean text."""

    DEFAULT_CSS = """
    SourcePane { border: round $primary 40%; width: 1fr; height: 1fr; }
    SourcePane:focus-within { border: round $accent; }
    SourcePane > .pane-header { height: auto; padding: 0 1; background: $boost; }
    SourcePane > Collapsible { height: auto; max-height: 50%; overflow-y: auto; padding: 0; border: none; }
    SourcePane > Collapsible .page-chrome { color: $text-muted; padding: 0 1; }
    """

    def __init__(
        self,
        source,
        items: list[Item],
        focus_index: int,
        query: str,
        marks: Container[QuoteRef] = frozenset(),
    ) -> None:
        super().__init__()
        self.source = source
        self.items = items
        self.focus_index = focus_index
        self.query = query
        self.pinned = False
        self.header = Static(classes="pane-header", markup=False)
        self.body = SourceText(marks=marks)
        chrome = list(getattr(source, "chrome", None) or [])
        # What ingestion left out of the text (menus, banners, credits), folded: shown only on request, so a
        # reader can check that nothing of the article was lost. Plain Text: document text is never markup.
        self.chrome = (
            Collapsible(
                Static(Text("\n".join(chrome)), classes="page-chrome"),
                title=f"Page chrome: {len(chrome)} line(s) left out of the text (g)",
                collapsed=True,
            )
            if chrome
            else None
        )

    def compose(self):
        yield self.header
        yield self.body
        if self.chrome is not None:
            yield self.chrome

    def toggle_chrome(self) -> None:
        if self.chrome is None:
            self.notify("Nothing was left out of this source's text.", markup=False)
            return
        self.chrome.collapsed = not self.chrome.collapsed

    def on_mount(self) -> None:
        self.refresh_header()
        self.body.set_items(self.items, None)
        self.body.reveal(self.focus_index)

    def refresh_header(self) -> None:
        s = self.source
        t = Text()
        if self.pinned:
            t.append("📌 ", style="bold")
        t.append(s.title, style="bold")
        t.append("\n" + meta_line(s.authors, s.outlet, s.date), style="italic")
        hits = len([i for i in self.items if i.highlights])
        t.append(f"\n{hits} passage(s) match {self.query!r}" if self.query else "", style="dim")
        if s.url:
            t.append("\n" + s.url, style="dim")
        self.header.update(t)
        self.border_title = Text(s.authors[0] if s.authors else "Unknown author")

    def close(self) -> None:
        area = self.parent
        self.remove()
        if isinstance(area, PaneArea):
            area.call_after_refresh(area.after_change)


class PaneArea(Horizontal):
    """Up to four source panes side by side; on a narrow terminal one at a time, as tabs."""

    MAX = 4

    class Changed(Message):
        """Panes were opened, closed or moved; ``count`` are open now."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    class Focused(Message):
        """A pane took the focus (on a narrow terminal it takes the whole height)."""

    DEFAULT_CSS = """
    PaneArea { width: 1fr; height: 1fr; }
    PaneArea.-narrow > SourcePane { display: none; }
    PaneArea.-narrow > SourcePane.-active { display: block; }
    """

    def panes(self) -> list[SourcePane]:
        return list(self.query(SourcePane))

    async def open(self, pane: SourcePane, pin: bool) -> SourcePane:
        """Show ``pane`` (replacing the last unpinned one unless ``pin``) and focus it once it is mounted.

        The caller awaits this in the app's queue, so keys typed meanwhile (escape, down) wait and then act on
        the open pane, as the user saw it: a focus taken later would undo what they did in between.
        """
        panes = self.panes()
        unpinned = [p for p in panes if not p.pinned]
        if not pin and unpinned:
            old = unpinned[-1]
            await self.mount(pane, before=old)
            await old.remove()
        else:
            if len(panes) >= self.MAX:
                victim = unpinned[0] if unpinned else panes[0]
                await victim.remove()
                self.notify("Four panes is the limit: closed the oldest unpinned pane.", markup=False)
            await self.mount(pane)
        self.after_change(pane)
        return pane

    def move(self, pane: SourcePane, delta: int) -> None:
        panes = self.panes()
        i = panes.index(pane)
        j = i + delta
        if 0 <= j < len(panes):
            if delta < 0:
                self.move_child(pane, before=panes[j])
            else:
                self.move_child(pane, after=panes[j])

    def after_change(self, active: SourcePane | None = None) -> None:
        panes = self.panes()
        self.display = bool(panes)
        if active is None and panes:
            active = panes[-1]
        self.set_active(active)
        self.post_message(self.Changed(len(panes)))

    def set_active(self, active: SourcePane | None) -> None:
        for p in self.panes():
            p.set_class(p is active, "-active")
        if active is not None:
            active.screen.set_focus(active.body)  # now: keys typed next belong to this pane

    def cycle(self, delta: int) -> None:
        panes = self.panes()
        if not panes:
            return
        cur = next((i for i, p in enumerate(panes) if p.has_class("-active")), 0)
        self.set_active(panes[(cur + delta) % len(panes)])

    def on_descendant_focus(self, event) -> None:
        self.post_message(self.Focused())
        for p in self.panes():
            if p is event.widget or p in event.widget.ancestors:
                for q in self.panes():
                    q.set_class(q is p, "-active")


class Tray(Vertical):
    """The marked quotes: remove with delete, reorder with [ and ]."""

    DEFAULT_CSS = """
    Tray { height: 12; border-top: heavy $accent; display: none; }
    Tray.-open { display: block; }
    Tray > .tray-title { height: 1; padding: 0 1; background: $boost; }
    """

    def __init__(self, marks: Container[QuoteRef] = frozenset(), **kwargs) -> None:
        super().__init__(**kwargs)
        self.marks = marks

    def compose(self):
        yield Static("Marked quotes", classes="tray-title", markup=False)
        yield TrayList(marks=self.marks)


class TrayList(PassageList):
    BINDINGS = [
        Binding("delete,backspace,d", "remove", "Remove"),
        Binding("left_square_bracket", "reorder(-1)", "Move up"),
        Binding("right_square_bracket", "reorder(1)", "Move down"),
    ]

    class QuoteMoved(Message):
        """[ or ]: move the marked quote at ``ref`` up (-1) or down (1)."""

        def __init__(self, ref: QuoteRef, delta: int) -> None:
            super().__init__()
            self.ref = ref
            self.delta = delta

    def action_remove(self) -> None:
        it = self.current()
        if it is not None:
            self.post_message(self.MarkToggled(it.ref))

    def action_reorder(self, delta: int) -> None:
        it = self.current()
        if it is not None:
            self.post_message(self.QuoteMoved(it.ref, delta))


def _hit_item(hit, more: int = 0, expanded: bool = False, member: bool = False) -> Item:
    return Item(QuoteRef(hit.source_id, hit.passage_id, hit.start, hit.end), hit.text, hit.highlights, hit=hit,
                more=more, expanded=expanded, member=member)  # fmt: skip
