"""Removing the source shown in a pane from the library (``D`` in a source pane), after a confirmation: the
same as ``nato-brief remove ID`` (the document goes to the trash; ``nato-brief restore ID`` brings it back)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from .screens.dialogs import Confirm
from .widgets import PaneArea, SourceText


class ConfirmRemove(Confirm):
    """D in a source pane: remove its source from the library (enter, y) or cancel (escape, n)."""

    BINDINGS = [Binding("enter,y", "answer(True)", "Remove")]
    DEFAULT_CSS = "ConfirmRemove > Vertical { border: round $error; }"

    def __init__(self, source_id: str, title: str) -> None:
        super().__init__()
        self.source_id = source_id
        self.source_title = title

    def question(self) -> str:  # (the title is document metadata: shown as plain text)
        return (
            f"Remove {self.source_title} ({self.source_id}) from the library?\n\nIt leaves search, said, who "
            f"and briefings, and quotes marked from it leave the tray. It waits in the trash: "
            f"nato-brief restore {self.source_id} brings it back.\n\nenter: remove · escape: cancel"
        )


class SourceRemoving:
    """Mixed into the app (which has ``lib``, ``panel``, ``notify``, ``push_screen``, ``watch_library``)."""

    lib: Any

    def on_source_text_remove_requested(self, msg: SourceText.RemoveRequested) -> None:
        src = self.lib.source(msg.source_id) if self.lib is not None else None
        if src is None:
            return

        from nato_brief.search import removal

        _keys, why = removal.resolve(src.id, self.lib.store(), self.lib.paths)
        if why is not None:  # one source of a compilation: said before asking, not after
            self.notify(why, title="Not removed", severity="error", markup=False, timeout=10)  # type: ignore[attr-defined]
            return

        def answered(remove: bool | None) -> None:
            if remove:
                self._remove_source(src.id)

        self.push_screen(ConfirmRemove(src.id, src.title), answered)  # type: ignore[attr-defined]

    def _remove_source(self, source_id: str) -> None:
        from nato_brief.search.errors import BriefError

        try:
            rep = self.lib.remove([source_id])
        except BriefError as e:
            self.notify(e.message, title="Not removed", severity="error", markup=False)  # type: ignore[attr-defined]
            return
        for _target, why in rep.errors:
            self.notify(why, title="Not removed", severity="error", markup=False, timeout=10)  # type: ignore[attr-defined]
        if not rep.sources:
            return
        gone = {s.id for s in rep.sources}
        area = self.screen_stack[0].query_one("#panes", PaneArea)  # type: ignore[attr-defined]
        area.call_later(area.close, [p for p in area.panes() if p.source.id in gone])
        panel = self.panel  # type: ignore[attr-defined]
        panel._seen = None  # this process's own removal: the panel's watch must not call it another's
        if panel.text.strip():
            panel.schedule(panel.text)
        # The tray leaves out the quotes marked from it.
        self.watch_library()  # type: ignore[attr-defined]
        titles = ", ".join(f"{s.title} ({s.id})" for s in rep.sources)
        self.notify(f"Removed {titles} from the library; nato-brief restore {source_id} brings it back.",  # type: ignore[attr-defined]
                    title="Library", markup=False, timeout=10)  # fmt: skip
