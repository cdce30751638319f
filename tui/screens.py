"""Screens: help, entity card, compare by author, the briefing chat, and the sentence picker."""

from __future__ import annotations

from collections.abc import Container

from nato_brief.search.quotes import QuoteRef, join_names, meta_line
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from .messages import CompareRequested, EntityRequested, ExportRequested, SourceRequested
from .render import brief_citation, brief_heading, entity_card_text
from .widgets import InOrderInput, Item, PassageList

HELP = [
    ("Anywhere", [("/", "focus the search box"), ("?", "this help"), ("ctrl+p", "command palette"),
                  ("w", "who: look up a person, organisation or operation"), ("c", "compare by author"),
                  ("b", "briefing chat"), ("s", "said: every statement, filtered as you type"), ("t", "show/hide the marked-quotes tray"), ("f", "show/hide facets"),
                  ("y", "copy marked quotes (or the highlighted one) with citations"),
                  ("e", "export the marked quotes as a Markdown brief"), ("ctrl+left/right", "previous/next pane"),
                  ("escape", "back out one level"), ("ctrl+t", "dark/light theme"),
                  ("ctrl+s", "sort results by date (newest first) / by relevance"),
                  ("ctrl+o", "search the words as typed (undo a typo correction)"), ("ctrl+q", "quit")]),
    ("Search box", [("type", "search as you type"), ("down", "enter the results"),
                    ("author:X outlet:X year:Y speaker:X", "filters"), ('"a phrase"', "exact phrase, no aliases"),
                    ("OR / NOT / -word", "operators"), ("date:2020-01..2021-06", "sources dated in a range"),
                    ("w:NAME", "entity card for NAME")]),
    ("Results", [("up/down", "move"), ("enter", "open in the source pane"), ("p", "open in a new pane"),
                 ("space", "mark / unmark as a quote"), ("v", "select sentences of the passage to mark"),
                 ("right / left", "show / fold the other passages of the source"),
                 ("g", "fold by source on / off"), ("o", "order by date / relevance")]),
    ("Source pane", [("n / N", "next / previous hit"), ("space", "mark passage"), ("v", "select sentences"),
                     ("P", "pin the pane (next open adds a pane)"), ("g", "show/fold the page chrome left out of the text"),
                     ("x", "close the pane"),
                     ("< / >", "move the pane left / right")]),
    ("Tray", [("delete / d", "remove the quote"), ("[ / ]", "move the quote up / down")]),
    ("Compare", [("a", "choose authors"), ("enter", "open the passage in a pane"), ("space", "mark")]),
    ("Briefing chat", [("enter", "ask"), ("/compare TOPIC", "compare by author"), ("/who NAME", "entity card"),
                       ("/export", "export marked quotes"), ("and what did X say?", "follow-up keeps the topic")]),
]  # fmt: skip


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 90%; border: round $accent; background: $panel; }
    """

    def compose(self) -> ComposeResult:
        t = Text()
        t.append("nato-brief — every key\n\n", style="bold")
        for area, keys in HELP:
            t.append(area + "\n", style="bold underline")
            for k, what in keys:
                t.append(f"  {k:<36}", style="bold cyan")
                t.append(what + "\n")
            t.append("\n")
        with VerticalScroll():
            yield Static(t, markup=False, id="help-text")


class SentencePicker(ModalScreen[QuoteRef | None]):
    """Pick a sentence range inside one passage: v or space sets the start, move, enter confirms."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("v,space", "anchor", "Set start"),
        Binding("enter", "confirm", "Mark range"),
    ]
    DEFAULT_CSS = """
    SentencePicker { align: center middle; }
    SentencePicker > Vertical { width: 100; max-width: 95%; height: 80%; border: round $accent; background: $panel; }
    """

    def __init__(self, source_text: str, ref: QuoteRef) -> None:
        super().__init__()
        from nato_brief.search.model import sentence_spans

        self.text = source_text
        self.ref = ref
        self.spans = sentence_spans(source_text, ref.start, ref.end) or [(ref.start, ref.end)]
        self.anchor: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "Select sentences: v/space sets the start, up/down extends, enter marks.", markup=False
            )
            yield OptionList(
                *[Option(Text(self.text[s:e])) for s, e in self.spans], id="sentences", markup=False
            )
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sentences", OptionList).focus()

    def _range(self) -> tuple[int, int]:
        cur = self.query_one("#sentences", OptionList).highlighted or 0
        a = cur if self.anchor is None else self.anchor
        return min(a, cur), max(a, cur)

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self._paint()

    def _paint(self) -> None:
        ol = self.query_one("#sentences", OptionList)
        lo, hi = self._range()
        for i, (s, e) in enumerate(self.spans):
            t = Text(self.text[s:e])
            if lo <= i <= hi and self.anchor is not None:
                t.stylize("reverse")
            ol.replace_option_prompt_at_index(i, t)

    def action_anchor(self) -> None:
        self.anchor = self.query_one("#sentences", OptionList).highlighted or 0
        self._paint()

    def action_confirm(self) -> None:
        lo, hi = self._range()
        self.dismiss(QuoteRef(self.ref.source_id, self.ref.passage_id, self.spans[lo][0], self.spans[hi][1]))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_confirm()

    def action_cancel(self) -> None:
        self.dismiss(None)


class TypeAhead:
    """For a screen opened to type in (w, b): keys typed before its box has focus still reach the box.

    The app sends keys to the focused widget, or to the screen while nothing has focus: the first letters of
    a name typed right after w arrived before the box was focused, and were lost.
    """

    TYPE_INTO = ""  # selector of the screen's text box

    async def on_key(self, event: events.Key) -> None:
        box = next(self.query(self.TYPE_INTO).results(InOrderInput), None)
        # A key reaches the screen itself only if no widget took it: nothing had focus yet, or the box got it
        # after the key was sent (the box consumes every printable key and the keys it binds).
        if box is None or self.focused not in (None, box):
            return
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.set_focus(box)
            box.insert_text_at_cursor(event.character)
        elif await box.run_own_binding(event.key):  # ctrl+u, backspace, enter...
            event.stop()
            event.prevent_default()
            self.set_focus(box)


class EntityScreen(TypeAhead, Screen[None]):
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
        from nato_brief.search.said import same_words_elsewhere

        for q in sorted(card.quotes, key=lambda q: q.source.date or "", reverse=True):
            twins = same_words_elsewhere(self.lib, q.ref.source_id, q.ref.start, q.ref.end)
            items.append(_statement_item(q.ref, q.text, q.said.entity or q.said.speaker, q.said.role, q.said.kind,
                                         q.source, twins))  # fmt: skip
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


def _statement_item(
    ref: QuoteRef, text: str, who: str, role: str | None, kind: str, src, twins: list[dict] | None = None
) -> Item:
    """A statement as a list row: its words, whose they are, and the article (the span is the quote); words the
    library also gives to another speaker or author say so."""
    from nato_brief.search.said import same_words_note

    role_s = f", {role}" if role else ""
    label = "said" if kind == "direct" else "reported"
    when = f", {src.date}" if src.date else ""
    note = f"{who}{role_s} {label} — in {join_names(src.authors)}, {src.title}{when}"
    if twins:
        note += "\n" + same_words_note(twins)
    return Item(ref, text, note=note, speaker=who)


class SaidScreen(TypeAhead, Screen[None]):
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
            _statement_item(
                QuoteRef(s.source_id, s.passage_id, s.start, s.end), s.text, s.who, s.role, s.kind, s
            )
            for s in shown
        ]
        self.query_one("#said-list", PassageList).set_items(items)
        self.query_one("#said-count", Static).update(
            Text(
                f"{len(shown)} of {len(self.all)} statements  (enter open · space mark · y copy with citation)"
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


class BriefScreen(TypeAhead, Screen[None]):
    """The briefing chat: ask a question, get verbatim cited quotes grouped by author."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    TYPE_INTO = "#chat-input"
    DEFAULT_CSS = """
    BriefScreen #chat-log { height: 1fr; }
    BriefScreen .framing { padding: 1 1 0 1; text-style: bold; }
    BriefScreen .question { padding: 1 1 0 1; color: $accent; text-style: bold; }
    BriefScreen .section-title { padding: 0 1; text-style: bold; color: $secondary; }
    BriefScreen PassageList { height: auto; max-height: 100%; }
    BriefScreen #chat-input { dock: bottom; }
    """

    def __init__(self, lib, marks: Container[QuoteRef] = frozenset()) -> None:
        super().__init__()
        from nato_brief.search.brief import BriefContext

        self.lib = lib
        self.marks = marks
        self.ctx = BriefContext()

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static(Text("Ask the library a question. Answers are verbatim quotes with citations. "
                                         "Slash commands: /compare TOPIC, /who NAME, /export."), markup=False),
                             id="chat-log")  # fmt: skip
        yield InOrderInput(
            placeholder="Ask a question, e.g. What did Levitt say about detainees?", id="chat-input"
        )
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#chat-input", Input)
        box.cursor_blink = False
        self.set_focus(box)

    @on(Input.Submitted, "#chat-input")
    def _ask(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        if text.startswith("/"):
            cmd, _, arg = text[1:].partition(" ")
            if cmd == "compare":
                self.post_message(CompareRequested(arg or self.ctx.topic))
            elif cmd == "who":
                self.post_message(EntityRequested(arg))
            elif cmd == "export":
                self.post_message(ExportRequested())
            else:
                self.notify(
                    f"Unknown command /{cmd}: use /compare, /who or /export.",
                    markup=False,
                    severity="warning",
                )
            return
        self.answer(text)

    @work(thread=True, exclusive=True, group="brief")
    def answer(self, question: str) -> None:
        from nato_brief.search.brief import brief

        b = brief(self.lib, question, self.ctx)
        self.app.call_from_thread(self._show, b)

    def _show(self, b) -> None:
        log = self.query_one("#chat-log", VerticalScroll)
        log.mount(Static(Text("› " + b.question), classes="question", markup=False))
        log.mount(Static(Text(b.framing), classes="framing", markup=False))
        for sec in b.sections:
            log.mount(Static(Text(brief_heading(sec)), classes="section-title", markup=False))
            plist = PassageList(classes="answer", marks=self.marks)
            log.mount(plist)
            plist.set_items([Item(QuoteRef(q.source_id, q.passage_id, q.start, q.end), q.text,
                                  note=brief_citation(sec, q)) for q in sec.quotes], highlight=None)  # fmt: skip
        log.scroll_end(animate=False)
