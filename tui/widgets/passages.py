"""Passage lists: the rows of results, panes, columns and briefings, which can be marked and copied."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from nato_brief.search.quotes import QuoteRef
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..render import group_hits, hit_prompt, passage_prompt


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
    all_loaded: bool = True  # result rows: every match is loaded, so ``more`` is all the source has


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
        Binding("v", "select_sentences", "Select sentences", show=False),  # (the footer keeps the main keys)
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
        """y: copy the marked quotes, or ``ref`` (the highlighted passage) when none is marked; with ``alone``
        only ``ref`` (a view where nothing is marked: the Said view)."""

        def __init__(self, ref: QuoteRef | None, alone: bool = False) -> None:
            super().__init__()
            self.ref = ref
            self.alone = alone

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

    def set_items(self, items: list[Item], highlight: int | None = 0, last_line: Text | None = None) -> None:
        """Show ``items``; ``last_line`` (when given) is a line after them that cannot be highlighted."""
        self.items = items
        options: list[Option | None] = []
        for it in items:
            if options:
                options.append(None)  # a rule between passages
            options.append(Option(self.render_item(it)))
        if last_line is not None:
            if options:
                options.append(None)
            options.append(Option(last_line, disabled=True))
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
            row = hit_prompt(
                item.hit, marked, more=item.more, expanded=item.expanded, all_loaded=item.all_loaded
            )
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

    Passages of one source are folded under the best one: right shows them, left folds them again, g turns
    folding off (or on) for every source; o orders by date or relevance. Only the first rows of a search are
    loaded: the fold says "+2 more in this source" when every match is loaded, else "+2 more loaded from this
    source" (the source may have more), and a last line says how many passages are not listed.
    """

    BINDINGS = [
        Binding("p", "open_pinned", "Open in new pane"),
        Binding("right", "unfold", "Show more", show=False),
        Binding("left", "fold", "Fold", show=False),
        Binding("g", "toggle_grouping", "Group by source", show=False),
        Binding("o", "toggle_sort", "Order by date", show=False),
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
        self.unlisted = 0  # matching passages not loaded
        self.unlisted_exact = True  # False: ``unlisted`` is an upper bound

    def set_hits(
        self, hits: list, keep: str | None = None, total: int | None = None, exact: bool = True
    ) -> None:
        """Show search hits, folded by source unless grouping is off; ``total`` is how many passages match
        (``exact`` False: at most that many). With ``keep`` (the same search again, the library having
        changed) passage ``keep`` stays highlighted and unfolded sources stay unfolded."""
        self.hits = list(hits)
        self.unlisted = max(0, (len(self.hits) if total is None else total) - len(self.hits))
        self.unlisted_exact = exact
        if keep is None:
            self.unfolded = set()
        self._rebuild(0, keep=keep)

    def _rebuild(self, highlight: int | None = None, keep: str | None = None) -> None:
        items: list[Item] = []
        if not self.grouping:
            items = [_hit_item(h) for h in self.hits]
        else:
            for best, others in group_hits(self.hits):
                shown = best.source_id in self.unfolded
                items.append(_hit_item(best, more=len(others), expanded=shown, all_loaded=not self.unlisted))
                if shown:
                    items += [_hit_item(h, member=True) for h in others]
        if keep is not None:
            highlight = next((i for i, it in enumerate(items) if it.ref.passage_id == keep), highlight or 0)
        self.set_items(items, highlight=highlight, last_line=self._unlisted_line())

    def show_highlights(self, found: dict[str, list[list[int]]]) -> None:
        """Highlights computed after the rows were shown (those below the first screen): drawn again in place,
        the cursor and the scroll where they are."""
        for h in self.hits:
            if not h.highlighted and h.passage_id in found:
                h.highlights, h.highlighted = found[h.passage_id], True
        for i, it in enumerate(self.items):
            if it.hit is not None and it.ref.passage_id in found:
                it.highlights = found[it.ref.passage_id]
                self.replace_option_prompt_at_index(i, self.render_item(it))

    def _unlisted_line(self) -> Text | None:
        """The line after the rows when some matching passages are not loaded."""
        if not self.unlisted or not self.hits:
            return None
        n = f"{self.unlisted}" if self.unlisted_exact else f"Up to {self.unlisted}"
        return Text(f"{n} more passage{'s' if self.unlisted != 1 else ''} not listed — refine the query to see "
                    "them", style="dim italic")  # fmt: skip

    def _show_last_line(self) -> None:
        """On the last passage, scroll to the end so the line after it (passages not listed) is in view."""
        if self.unlisted and self.items and self.highlighted == len(self.items) - 1:
            self.call_after_refresh(self.scroll_end, animate=False)

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self._show_last_line()

    def action_last(self) -> None:
        super().action_last()
        self._show_last_line()

    def action_page_down(self) -> None:
        super().action_page_down()
        self._show_last_line()

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


def _hit_item(
    hit, more: int = 0, expanded: bool = False, member: bool = False, all_loaded: bool = True
) -> Item:
    return Item(QuoteRef(hit.source_id, hit.passage_id, hit.start, hit.end), hit.text, hit.highlights, hit=hit,
                more=more, expanded=expanded, member=member, all_loaded=all_loaded)  # fmt: skip
