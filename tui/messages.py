"""App-wide messages (past tense: things that happened)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


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
    result: object  # search.library.SearchResult
    entities: list[str]


@dataclass
class QuotesCopied(Message):
    count: int
    summary: str
