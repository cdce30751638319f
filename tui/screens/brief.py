"""The briefing chat: questions answered by verbatim cited quotes."""

from __future__ import annotations

from collections.abc import Container

from nato_brief.search.quotes import QuoteRef
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from ..messages import CompareRequested, EntityRequested, ExportRequested
from ..render import brief_citation, brief_heading
from ..widgets import InOrderInput, Item, PassageList
from .base import TypeAhead


class BriefScreen(TypeAhead):
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
        self.last = None  # the briefing shown last: what /export writes

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static(Text("Ask the library a question. Answers are verbatim quotes with citations. "
                                         "Slash commands: /compare TOPIC, /who NAME, /export (this answer), "
                                         "/export marked (the marked quotes)."), markup=False),
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
            elif cmd == "export" and arg.strip().lower() in ("marked", "marks", "tray", "quotes"):
                self.post_message(ExportRequested())  # the tray, as `e` does elsewhere
            elif cmd == "export" and not arg.strip():
                self.export_answer()
            else:
                self.notify(
                    f"Unknown command /{text[1:]}: use /compare TOPIC, /who NAME, /export (this answer) or "
                    "/export marked (the marked quotes).",
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

    def export_answer(self) -> None:
        """Write the answer shown last (its cited verbatim quotes, as `brief --markdown` prints them) under
        exports/, checked against the sources now."""
        from nato_brief.search.brief import export_briefing
        from nato_brief.search.errors import BriefError

        b = self.last
        if b is None or not b.answered:
            self.notify("Nothing to export: ask a question first (/export marked writes the marked quotes).",
                        markup=False)  # fmt: skip
            return
        try:
            path = export_briefing(self.lib, b)
        except BriefError as e:
            self.notify(e.message, title=e.title, severity="error", markup=False)
            return
        if path is None:
            self.notify("Could not write the export file.", severity="error", markup=False)
            return
        n = sum(len(s.quotes) for s in b.sections)
        self.notify(f"Wrote the answer ({n} quote(s)) to {path}", title="Exported", markup=False, timeout=10)

    def _show(self, b) -> None:
        self.last = b
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
