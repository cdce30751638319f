"""App-wide messages (past tense: things that happened)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from nato_brief.search.results import SearchResult


@dataclass
class LibraryOpened(Message):
    sources: int
    passages: int
    notices: list[str]


@dataclass
class LibraryFailed(Message):
    title: str
    message: str


@dataclass
class IndexProgressed(Message):
    done: int
    total: int
    what: str


@dataclass
class SearchFinished(Message):
    seq: int
    result: SearchResult | None  # None when the box is empty
    entities: list[str]


@dataclass
class HighlightsFound(Message):
    """The highlights of the result rows below the first screen, found after the rows were shown."""

    seq: int
    found: dict[str, list[list[int]]]


@dataclass
class SourceRequested(Message):
    """Open a source in a pane, at a passage, with a query's hits highlighted."""

    source_id: str
    passage_id: str | None = None
    query: str = ""
    pin: bool = False
    span: tuple[int, int] | None = None  # offsets in the source to highlight (a statement's words)


@dataclass
class EntityRequested(Message):
    """Show the entity card for a name (empty: the entity the search box names)."""

    name: str


@dataclass
class CompareRequested(Message):
    """Compare by author on a topic."""

    topic: str
    authors: list[str] | None = None


@dataclass
class ExportRequested(Message):
    """Export the marked quotes as a Markdown brief."""
