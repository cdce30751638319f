"""Source panes: one source's text beside the results, up to four side by side."""

from __future__ import annotations

from collections.abc import Container

from nato_brief.search.quotes import QuoteRef, join_names, meta_line
from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Collapsible, Static

from ..render import duplicate_note
from .passages import Item, PassageList

PANE_WINDOW = 400  # passages of one source shown around the hit


class SourceText(PassageList):
    """A source's passages, the hits highlighted; n/N jump between hits."""

    BINDINGS = [
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "prev_hit", "Prev hit", key_display="N", show=False),
        Binding("x", "close", "Close pane"),
        Binding("D", "remove_source", "Remove from library", key_display="D", show=False),
        Binding("P", "toggle_pin", "Pin", show=False),  # (in the help: the footer keeps the main keys)
        Binding("g", "toggle_chrome", "Page chrome", show=False),
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

    class RemoveRequested(Message):
        """D: the user asks to remove the pane's source from the library (the app confirms first)."""

        def __init__(self, source_id: str) -> None:
            super().__init__()
            self.source_id = source_id

    def action_remove_source(self) -> None:
        pane = self.parent
        if isinstance(pane, SourcePane):
            self.post_message(self.RemoveRequested(pane.source.id))

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
        matched: int | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.items = items
        self.matched = matched  # how many of the source's passages the query matches (the search's own count)
        self.focus_index = focus_index
        self.search_text = query  # (not ``query``: that is every widget's DOM query method)
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
        # The search's count (a title or author match brings every passage of the source), as the results say;
        # counting the highlighted rows said "1 passage(s) match" beside results saying 5.
        hits = self.matched if self.matched is not None else len([i for i in self.items if i.highlights])
        t.append(f"\n{hits} passage(s) match {self.search_text!r}" if self.search_text else "", style="dim")
        if s.url:
            t.append("\n" + s.url, style="dim")
        self.header.update(t)
        self.border_title = Text(join_names(s.authors) if s.authors else "Unknown author")  # every author

    def close(self) -> None:
        area = self.parent
        if isinstance(area, PaneArea):
            # In the area's queue, not this pane's: the pane's own key handler cannot wait for its removal.
            area.call_later(area.close, [self])
        else:
            self.remove()


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

    async def close(self, panes: list[SourcePane]) -> None:
        """Close ``panes``. The focus leaves them first (to another pane, or to nobody until the results take
        it): a focused widget removed keeps the focus, and every key after it, even ctrl+q, went nowhere."""
        rest = [p for p in self.panes() if p not in panes]
        if rest:
            self.set_active(rest[-1])
        elif self.screen.focused is not None and self in self.screen.focused.ancestors:
            self.screen.set_focus(None)
        for p in panes:
            await p.remove()
        self.after_change(rest[-1] if rest else None)

    def move(self, pane: SourcePane, delta: int) -> None:
        panes = self.panes()
        i = panes.index(pane)
        j = i + delta
        if 0 <= j < len(panes):
            if delta < 0:
                self.move_child(pane, before=panes[j])
            else:
                self.move_child(pane, after=panes[j])
            self.set_active(pane)  # "pane 2 of 3" follows the order

    def after_change(self, active: SourcePane | None = None) -> None:
        panes = self.panes()
        self.display = bool(panes)
        if active is None and panes:
            active = panes[-1]
        self.set_active(active)
        self.post_message(self.Changed(len(panes)))

    def set_active(self, active: SourcePane | None) -> None:
        panes = self.panes()
        for i, p in enumerate(panes):
            p.set_class(p is active, "-active")
            p.border_subtitle = f"pane {i + 1} of {len(panes)}" if len(panes) > 1 else ""
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


def source_pane(
    lib,
    source_id: str,
    passage_id: str | None = None,
    query: str = "",
    span: tuple[int, int] | None = None,
    *,
    marks: Container[QuoteRef] = frozenset(),
) -> SourcePane | None:
    """A pane for one source (None when it is no longer in the library), at ``passage_id``: the passages the
    query matches highlighted, or ``span`` (offsets in the source: a statement's words) alone."""
    from nato_brief.search.highlights import query_highlights

    src = lib.source(source_id)
    if src is None:
        return None
    bq = None
    matching: set[str] = set()
    if query.strip():
        bq = lib.build_query(query, prefix=True)
        matching = lib.matching_passages(bq, source_id)
        query = bq.corrected or query  # the header names what was searched: 'Stoltenberg', not 'Stoltenburg'
    passages = src.passages
    focus = next((i for i, p in enumerate(passages) if p.id == passage_id), 0)
    lo = max(0, focus - PANE_WINDOW // 2)
    window = passages[lo : lo + PANE_WINDOW]
    items = [
        Item(QuoteRef(src.id, p.id, p.start, p.end), p.text,
             query_highlights(p.text, bq) if bq is not None and p.id in matching else [], note=duplicate_note(lib, p))
        for p in window
    ]  # fmt: skip
    if span is not None:
        for it, p in zip(items, window, strict=True):
            if p.start <= span[0] < p.end:
                it.highlights = [[span[0] - p.start, min(span[1], p.end) - p.start]]
    return SourcePane(src, items, focus - lo, query, marks=marks, matched=len(matching) if bq is not None else None)
