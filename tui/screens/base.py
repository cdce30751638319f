"""What several screens share: keys typed before a box has focus, and a statement as a list row."""

from __future__ import annotations

from nato_brief.search.quotes import QuoteRef, join_names
from textual import events
from textual.screen import Screen

from ..widgets import InOrderInput, Item


class TypeAhead(Screen[None]):
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


def statement_item(
    ref: QuoteRef, text: str, who: str, role: str | None, kind: str, src, twins: list[dict] | None = None
) -> Item:
    """A statement as a list row: its words, whose they are, and the article (the span is the quote); words the
    library also gives to another speaker or author say so."""
    from nato_brief.search.said import same_words_note

    role_s = f", {role}," if role else ""  # 'Jens Stoltenberg, NATO Secretary General, said'
    label = "said" if kind == "direct" else "reported"
    when = f", {src.date}" if src.date else ""
    note = f"{who}{role_s} {label} — in {join_names(src.authors)}, {src.title}{when}"
    if twins:
        note += "\n" + same_words_note(twins)
    return Item(ref, text, note=note, speaker=who)
