"""Dialogs: the help screen (every key) and the sentence picker."""

from __future__ import annotations

from nato_brief.search.quotes import QuoteRef
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

HELP = [
    ("Anywhere", [("/", "focus the search box"), ("?", "this help"), ("ctrl+p", "command palette"),
                  ("w", "who: look up a person, organisation or operation"), ("c", "compare by author"),
                  ("b", "briefing chat"), ("s", "said: every statement, filtered as you type"), ("t", "show/hide the marked-quotes tray"), ("f", "show/hide facets"),
                  ("y", "copy marked quotes (or the highlighted one) with citations"),
                  ("e", "export the marked quotes as a Markdown brief"), ("ctrl+left/right", "previous/next pane"),
                  ("escape", "back out one level (a pane to the results, the results to the search box)"), ("ctrl+t", "dark/light theme"),
                  ("ctrl+s", "sort results by date (newest first) / by relevance"),
                  ("ctrl+o", "search the words as typed (undo a typo correction)"), ("ctrl+q", "quit (asks first when marked quotes were neither copied nor exported)")]),
    ("Search box", [("type", "search as you type"), ("down", "enter the results"),
                    ("escape", "go to the results, the query kept (with no results: clear the box first)"),
                    ("? (empty box)", "this help (in a box holding text, ? is typed)"),
                    ("author:X outlet:X speaker:X", "filters: who wrote, published, spoke"),
                    ("year:Y date:RANGE title:X", "filters: when, title words"), ('"a phrase"', "exact phrase, no aliases"),
                    ("OR / NOT / -word", "operators"), ("date:2020-01..2021-06", "a date RANGE (also 2020, ..2019, 2021..)"),
                    ("w:NAME", "entity look-up as you type; enter: its card")]),
    ("Results", [("up/down", "move"), ("enter", "open in the source pane"), ("p", "open in a new pane"),
                 ("space", "mark / unmark as a quote"), ("v", "select sentences of the passage to mark"),
                 ("right / left", "show / fold the other passages of the source"),
                 ("g", "fold by source on / off"), ("o", "order by date / relevance")]),
    ("Source pane", [("n / N", "next / previous hit"), ("space", "mark passage"), ("v", "select sentences"),
                     ("P", "pin the pane (next open adds a pane)"), ("g", "show/fold the page chrome left out of the text"),
                     ("x", "close the pane"), ("D", "remove its source from the library (asks first; to the trash)"),
                     ("< / >", "move the pane left / right")]),
    ("Tray", [("space / delete / d", "remove the quote (the notification says so)"), ("u", "put back the quote removed last"),
              ("[ / ]", "move the quote up / down")]),
    ("Said", [("down", "from the filter box into the list"), ("enter", "open the statement in a pane"),
              ("space", "mark"), ("y", "copy the highlighted statement with its citation (the marked quotes "
                                      "when one in the view is marked)")]),
    ("Compare", [("a", "choose authors"), ("enter", "open the passage in a pane"), ("space", "mark")]),
    ("Briefing chat", [("enter", "ask"), ("/compare TOPIC", "compare by author"), ("/who NAME", "entity card"),
                       ("/export", "export the answer shown (Markdown, cited quotes)"),
                       ("/export marked", "export the marked quotes (as e)"),
                       ("and X? / did he…? / what else?",
                        "follow-up: keeps the topic / the person / both; other questions stand alone")]),
]  # fmt: skip


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 90%; border: round $accent; background: $panel; }
    """

    def compose(self) -> ComposeResult:
        import textwrap

        # What a key does wraps under its own column, never back under the keys (the box is 90 columns, at
        # most 95% of the screen; 2 for the border, 2 for the scrollbar, 38 for the keys).
        room = max(20, min(90, int(self.app.size.width * 0.95)) - 4 - 38)
        t = Text()
        t.append("nato-brief — every key\n\n", style="bold")
        for area, keys in HELP:
            t.append(area + "\n", style="bold underline")
            for k, what in keys:
                t.append(f"  {k:<36}", style="bold cyan")
                t.append(("\n" + " " * 38).join(textwrap.wrap(what, room)) + "\n")
            t.append("\n")
        with VerticalScroll():
            yield Static(t, markup=False, id="help-text")


class SentencePicker(ModalScreen[QuoteRef | None]):
    """Pick a sentence range inside one passage: v or space sets the start, move, enter confirms."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("v,space", "set_start", "Set start"),
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
        self.start: int | None = None  # the sentence the range starts at (not ``anchor``: a Widget method)

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
        a = cur if self.start is None else self.start
        return min(a, cur), max(a, cur)

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self._paint()

    def _paint(self) -> None:
        ol = self.query_one("#sentences", OptionList)
        lo, hi = self._range()
        for i, (s, e) in enumerate(self.spans):
            t = Text(self.text[s:e])
            if lo <= i <= hi and self.start is not None:
                t.stylize("reverse")
            ol.replace_option_prompt_at_index(i, t)

    def action_set_start(self) -> None:
        self.start = self.query_one("#sentences", OptionList).highlighted or 0
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


class Confirm(ModalScreen[bool]):
    """A yes/no question: escape or n answers no; a subclass binds its yes keys to ``answer(True)`` and gives
    the text. The text is plain (it may hold document metadata: never markup)."""

    BINDINGS = [Binding("escape,n", "answer(False)", "Cancel")]
    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical { width: 76; max-width: 95%; height: auto; border: round $warning; background: $panel;
                         padding: 1 2; }
    """

    def question(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question(), markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
