"""The app's part for the tray that outlives a key: removing with undo, keeping the tray across restarts
(``NATO_BRIEF_HOME/tray.json``, 0600) and asking before a quit would leave quotes neither copied nor exported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nato_brief.search.quotes import Quote
from textual.binding import Binding

from .screens.dialogs import Confirm
from .widgets import TrayList

if TYPE_CHECKING:
    from pathlib import Path

    from nato_brief.search.basket import QuoteBasket


class ConfirmQuit(Confirm):
    """ctrl+q with quotes neither copied nor exported: quit anyway (enter, q) or cancel (escape, n)."""

    BINDINGS = [Binding("enter,q,ctrl+q", "answer(True)", "Quit anyway")]
    DEFAULT_CSS = "ConfirmQuit > Vertical { width: 70; }"

    def __init__(self, count: int, kept: bool) -> None:
        super().__init__()
        self.count = count
        self.kept = kept

    def question(self) -> str:
        kept = (
            "They stay in the tray for next time."
            if self.kept
            else "The tray could not be saved: they will be lost."
        )
        what = (
            f"{self.count} marked quote(s) not copied (y) or exported (e) yet."
            if self.count
            else "The marked quotes were moved or removed since they were last copied (y) or exported (e)."
        )
        return f"{what} {kept}\n\nenter: quit anyway · escape: cancel"


def _meta(src) -> tuple:
    return (src.title, tuple(src.authors), src.outlet, src.date)


class TrayKeeping:
    """Mixed into the app (which has ``basket``, ``lib``, ``notify``, ``push_screen``, ``exit``)."""

    basket: QuoteBasket
    lib: Any
    _removed: tuple[Quote, int] | None = None
    _stale: dict = {}  # noqa: RUF012  (replaced, never changed in place)
    _tray_saved = True

    def _tray_file(self) -> Path | None:
        paths = getattr(self.lib, "paths", None)
        return paths.home / "tray.json" if paths is not None else None

    def load_tray(self) -> None:
        """Mark again the quotes kept from the last session (those whose text or citation changed are left
        out, and the user is told)."""
        path = self._tray_file()
        if path is None or not path.exists():
            return
        dropped = self.basket.load(self.lib, path)
        if dropped:
            self.notify(  # type: ignore[attr-defined]
                f"{len(dropped)} quote(s) kept from last time were left out: their source changed or was removed "
                "since. "
                "Mark them again.", title="Tray", severity="warning", markup=False, timeout=10,
            )  # fmt: skip
        self._marks_changed()  # type: ignore[attr-defined]

    def save_tray(self) -> None:
        path = self._tray_file()
        if path is None:
            return
        try:
            self.basket.save(path)
            self._tray_saved = True
        except OSError as e:
            if self._tray_saved:
                self.notify(f"Could not keep the tray in {path}: {e.strerror or e}", severity="warning",  # type: ignore[attr-defined]
                            markup=False)  # fmt: skip
            self._tray_saved = False

    def squeeze_tray(self) -> None:
        """On a small terminal (under 32 rows) an open source pane gets the rows: the tray hides while a pane is
        open (t shows it again), and comes back when the last pane closes."""
        from .widgets import PaneArea, Tray

        areas = self.screen_stack[0].query("#panes").results(PaneArea)  # type: ignore[attr-defined]
        area = next(areas, None)
        trays = list(self.screen_stack[0].query(Tray))  # type: ignore[attr-defined]
        if area is None or not trays:  # (the screen is still being composed)
            return
        trays[0].set_class(bool(area.panes()) and self.size.height < 32, "-squeezed")  # type: ignore[attr-defined]

    def on_pane_area_changed(self, _msg: object) -> None:
        self.squeeze_tray()

    def watch_library(self) -> None:
        """Another process changed the library (add --replace, remove): open panes show their source as it is
        now, the tray flags each quote whose source's title or authors changed since it was marked, and leaves out
        (saying so) each quote whose source left the library: it can no longer be checked, copied or exported."""
        from .widgets import PaneArea

        if self.lib is None:
            return
        cat = self.lib.store().catalog()
        if cat is getattr(self, "_seen_catalog", None):
            return  # (rebuilt only when the library changed)
        self._seen_catalog = cat
        for pane in self.screen_stack[0].query_one("#panes", PaneArea).panes():  # type: ignore[attr-defined]
            now = cat.get(pane.source.id)
            if now is not None and _meta(now) != _meta(pane.source):
                pane.source = self.lib.source(pane.source.id) or pane.source
                pane.refresh_header()
        gone = [q for q in self.basket if q.source.id not in cat]
        for q in gone:
            self.basket.unmark(q.ref)
        if gone:
            self.notify(  # type: ignore[attr-defined]
                f"{len(gone)} marked quote(s) left the tray: their source was removed from the library or "
                "replaced by another version.", title="Tray", severity="warning", markup=False, timeout=10,
            )  # fmt: skip
            self.save_tray()
        stale = {q.ref: cat[q.source.id].title for q in self.basket
                 if q.source.id in cat and _meta(cat[q.source.id]) != _meta(q.source)}  # fmt: skip
        if gone or stale != self._stale:
            self._stale = stale
            # the tray, the rows' marks and the title's count ("2 marked" stayed after a removal); only when
            # they changed: this runs on a timer, which also fired while a closing app took its widgets down
            self._marks_changed()  # type: ignore[attr-defined]

    def on_tray_list_quote_removed(self, msg: TrayList.QuoteRemoved) -> None:
        if msg.ref not in self.basket:
            return
        index = self.basket.index(msg.ref)
        quote = self.basket.unmark(msg.ref)
        if quote is not None:
            self._removed = (quote, index)
            self._marks_changed()  # type: ignore[attr-defined]
            self.notify("Removed from the tray — u to undo.", markup=False)  # type: ignore[attr-defined]

    def on_tray_list_undo_requested(self, _msg: TrayList.UndoRequested) -> None:
        if self._removed is None:
            self.notify("Nothing to undo.", markup=False)  # type: ignore[attr-defined]
            return
        quote, index = self._removed
        self._removed = None
        self.basket.restore(quote, index)
        self._marks_changed(keep=quote.ref)  # type: ignore[attr-defined]
        self.notify("Put back in the tray.", markup=False)  # type: ignore[attr-defined]

    async def action_quit(self) -> None:
        """ctrl+q: quit, asking first when the tray holds quotes neither copied nor exported since marked."""
        if not (len(self.basket) and self.basket.unsent) or isinstance(self.screen, ConfirmQuit):  # type: ignore[attr-defined]
            self.exit()  # type: ignore[attr-defined]
            return

        def answered(quit_: bool | None) -> None:
            if quit_:
                self.exit()  # type: ignore[attr-defined]

        self.push_screen(ConfirmQuit(self.basket.unsent_count(), self._tray_saved), answered)  # type: ignore[attr-defined]
