"""What a search returns: hits (passages with their source's metadata and highlight offsets), the result
of one search, and the report of an ``add``. The JSON shapes are the outside contract (CONTRACT.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Source


@dataclass
class Hit:
    """One matching passage with its source's metadata; highlights are offsets into ``text``."""

    source_id: str
    passage_id: str
    title: str
    authors: list[str]
    date: str | None
    outlet: str | None
    score: float
    text: str
    highlights: list[list[int]]
    duplicate_of: list[str] = field(default_factory=list)
    url: str | None = None
    start: int = 0  # the passage's offsets in its source's clean text
    end: int = 0
    page: int | None = None  # the page the passage starts on (paged formats only)
    missing: list[str] = field(default_factory=list)  # query words this passage lacks (closest matches)
    highlighted: bool = True  # False: asked for the first rows only, ``highlights`` not computed yet

    def to_json(self) -> dict:
        return {
            "source_id": self.source_id,
            "passage_id": self.passage_id,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "score": round(self.score, 4),
            "text": self.text,
            "highlights": self.highlights,
            "duplicate_of": list(self.duplicate_of),
            "page": self.page,
            "missing": list(self.missing),
        }


@dataclass
class SearchResult:
    query: str
    expanded: str
    total: int
    hits: list[Hit]
    notices: list[str] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    literal: bool = False
    expansions: list[tuple[str, list[str]]] = field(default_factory=list)
    total_exact: bool = True  # False: ``total`` is an upper bound (phrase candidates not all checked)
    corrected: str | None = None  # the query searched after typo correction (None: nothing corrected)
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, searched)
    partial: bool = False  # no passage has every word: the hits are the closest matches
    unknown: list[str] = field(default_factory=list)  # words that occur nowhere in the library
    families: list[tuple[str, list[str]]] = field(default_factory=list)  # (word, other forms searched)
    sort: str = "relevance"  # or "date" (newest first, undated last)
    words: list[str] = field(default_factory=list)  # the query's words, as the closest matches count them
    why: str | None = None  # on an empty page, why nothing matched (search/empty.py)
    # The highlights of the hits not highlighted yet (search(..., first=K)): {passage id: highlights}
    rest: Callable[[], dict[str, list[list[int]]]] | None = field(default=None, repr=False, compare=False)

    def highlight_rest(self) -> dict[str, list[list[int]]]:
        """The highlights of the hits that were left for later ({} when every hit has its own)."""
        return self.rest() if self.rest is not None else {}

    def correction_line(self) -> str | None:
        """'Showing results for Levitt — search instead for Levit' when a word was corrected."""
        if not self.corrected:
            return None
        return f"Showing results for {self.corrected.strip()} — search instead for {self.query.strip()}"

    def partial_line(self) -> str | None:
        """The line above closest matches."""
        if not self.partial:
            return None
        return "No passage has all of: " + ", ".join(self.words) + " — closest matches"

    def unknown_line(self) -> str | None:
        """Why a page is empty when no word occurs in the library."""
        if self.hits or not self.unknown:
            return None
        s = "s" if len(self.unknown) > 1 else ""
        return f"Not in the library: {', '.join(self.unknown)} (no close word{s} either)"

    def notices_beside_why(self) -> list[str]:
        """The notices, less one the empty page's line already says ("Nothing to search for.")."""
        why = self.why or ""
        return [n for n in self.notices if not (why and why.startswith(n.rstrip(".")))]

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "expanded": self.expanded,
            "total": self.total,
            "total_exact": self.total_exact,
            "corrected": self.corrected,
            "corrections": [{"typed": t, "searched": c} for t, c in self.corrections],
            "partial": self.partial,
            "unknown": list(self.unknown),
            "why": self.why,
            "families": [{"word": w, "forms": f} for w, f in self.families],
            "sort": self.sort,
            "hits": [h.to_json() for h in self.hits],
            "notices": list(self.notices),
            "literal": self.literal,
            "expansions": [{"typed": t, "names": n} for t, n in self.expansions],
            "facets": {k: [[n, c] for n, c in v] for k, v in self.facets.items()},
        }


@dataclass
class AddReport:
    added: list[Source] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    already: list[tuple[str, Source]] = field(default_factory=list)  # (path, the source that has its text)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) files in a folder that are not documents
    replaced: list[str] = field(default_factory=list)  # ids of the added sources that replaced a copy (--replace)
    # doc key -> (the ids added, the ids they replaced): an edited file's new text has new ids
    was: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    # (path, ids of a version added before from the same path or address, kept beside it without --replace)
    earlier: list[tuple[str, list[str]]] = field(default_factory=list)
