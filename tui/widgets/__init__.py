"""The app's widgets: passage lists (results, panes, columns, briefings), source panes, the quote tray.

They show what they are given and say what happened by messages (nested in each widget class); they never
call the app."""

from .panes import PaneArea, SourcePane, SourceText, source_pane
from .passages import Item, PassageList, ResultList
from .text_input import InOrderInput
from .tray import Tray, TrayList

__all__ = [
    "InOrderInput",
    "Item",
    "PaneArea",
    "PassageList",
    "ResultList",
    "SourcePane",
    "SourceText",
    "Tray",
    "TrayList",
    "source_pane",
]
