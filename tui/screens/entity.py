"""The entity card: fuzzy look-up, what the library knows of one entity, what it said."""

from __future__ import annotations

from collections.abc import Container

from nato_brief.search.quotes import QuoteRef, meta_line
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..messages import CompareRequested, SourceRequested
from ..render import entity_card_text
from ..widgets import InOrderInput, Item, PassageList
from .base import TypeAhead, statement_item


class EntityScreen(TypeAhead):
    """Fuzzy look-up and the entity card: kind, aliases, mentions by source, what the person said."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+o", "compare_all", "Compare sources"),
    ]
    DEFAULT_CSS = """
    EntityScreen > Vertical { border: round $accent; }
    EntityScreen #entity-matches { height: 6; }
    EntityScreen #entity-card { height: auto; max-height: 10; padding: 0 1; }
    """

    TYPE_INTO = "#entity-input"

    def __init__(self, lib, name: str = "", marks: Container[QuoteRef] = frozenset()) -> None:
        super().__init__()
        self.lib = lib
        self.marks = marks
        self.initial = name
        self.matches: list = []
        self.entity = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield InOrderInput(
                value=self.initial,
                placeholder="Who? (typos welcome: Stoltenburg, inherent resolv)",
                id="entity-input",
            )
            yield OptionList(id="entity-matches", markup=False)
            yield Static("", id="entity-card", markup=False)
            yield PassageList(id="entity-mentions", marks=self.marks)
            yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#entity-input", Input)
        box.cursor_blink = False
        self.set_focus(box)
        if self.initial:
            self.lookup(self.initial)

    @on(Input.Changed, "#entity-input")
    def _typed(self, event: Input.Changed) -> None:
        self.lookup(event.value)

    @on(Input.Submitted, "#entity-input")
    def _submitted(self) -> None:
        self.query_one("#entity-mentions", PassageList).focus()

    @work(exclusive=True, thread=True, group="entity")
    def lookup(self, text: str) -> None:
        if not text.strip():
            return
        matches = self.lib.entities().lookup(text, limit=6)
        self.app.call_from_thread(self._show_matches, matches)

    def _show_matches(self, matches: list) -> None:
        self.matches = matches
        ol = self.query_one("#entity-matches", OptionList)
        ol.set_options(
            [
                Option(
                    Text(
                        f"{m.entity.name}  ·  {m.entity.kind}  ·  {len(m.entity.mentions)} mentions  ·  match {m.score:.0f}"
                    )
                )
                for m in matches
            ]
        )
        if matches:
            ol.highlighted = 0
            self.show_entity(matches[0].entity)
        else:
            self.query_one("#entity-card", Static).update(Text("No entity close to that name."))
            self.query_one("#entity-mentions", PassageList).set_items([])

    @on(OptionList.OptionHighlighted, "#entity-matches")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.matches):
            self.show_entity(self.matches[event.option_index].entity)

    def show_entity(self, ent) -> None:
        from nato_brief.search.entity_card import entity_card, mention_passages

        self.entity = ent
        card = entity_card(self.lib, ent)
        self.query_one("#entity-card", Static).update(entity_card_text(card))
        items: list[Item] = []
        # What the person or body said, newest article first; enter opens it with the words highlighted.
        # Words the library also gives to someone else are flagged (issue 16 item 7), as in `said` and briefs.
        for q in sorted(card.quotes, key=lambda q: q.source.date or "", reverse=True):
            items.append(statement_item(q.ref, q.text, q.said.entity or q.said.speaker, q.said.role, q.said.kind,
                                        q.source, q.twins))  # fmt: skip
        for m in mention_passages(self.lib, ent):
            p, src = m.passage, m.source
            items.append(Item(QuoteRef(p.source_id, p.id, p.start, p.end), p.text, m.highlights,
                              note=f"mention — {meta_line(src.authors, src.outlet, src.date)}, {src.title}"))  # fmt: skip
        for src in card.authored:
            items.append(Item(QuoteRef(src.id, f"{src.id}.1", 0, 0), f"Wrote: {src.title}",
                              note=meta_line(src.authors, src.outlet, src.date)))  # fmt: skip
        self.query_one("#entity-mentions", PassageList).set_items(items)

    @on(PassageList.Opened, "#entity-mentions")
    def _open(self, event: PassageList.Opened) -> None:
        event.stop()
        ref = event.item.ref
        self.dismiss(None)
        span = (ref.start, ref.end) if event.item.speaker else None
        query = "" if span else (self.entity.name if self.entity else "")
        self.app.post_message(SourceRequested(ref.source_id, ref.passage_id, query=query, span=span))

    def action_compare_all(self) -> None:
        if self.entity is not None:
            name = self.entity.name
            self.dismiss(None)
            self.app.post_message(CompareRequested(name))

    def action_back(self) -> None:
        self.dismiss(None)
