"""A text box whose own editing keys act in the order they were typed."""

from __future__ import annotations

from functools import cache

from textual import events
from textual.binding import BindingsMap
from textual.widgets import Input


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


def keys_waiting(widget) -> bool:
    """Whether keys sent to ``widget`` wait in its queue (the app sees a priority key before the box has
    handled the keys typed before it)."""
    queue = getattr(widget, "_message_queue", None)
    try:
        return queue is not None and not queue.empty()
    except Exception:  # another Textual: assume keys wait, so the / is typed rather than lost
        return True
