"""The app's screens, one module each: dialogs (help, sentence picker), the entity card, the Said view,
compare by author and the briefing chat. Each is given the library and the quote basket; what it cannot do
itself it asks for by a message (``SourceRequested``, ``EntityRequested``, ...)."""

from .brief import BriefScreen
from .compare import CompareScreen
from .dialogs import HELP, HelpScreen, SentencePicker
from .entity import EntityScreen
from .said import SaidScreen

__all__ = [
    "HELP",
    "BriefScreen",
    "CompareScreen",
    "EntityScreen",
    "HelpScreen",
    "SaidScreen",
    "SentencePicker",
]
