"""The Whoosh side: schema, analyzers, writing passages, and highlight offsets computed by us.

Whoosh's own highlighter returns HTML and nothing past 32,768 characters, so highlights here are character
offsets found by running the same analyzer over the passage text.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from .model import Source

SCHEMA_VERSION = "6"

TOKEN = r"(?:\w\.){2,}|\w+"


def text_analyzer():
    """Stemmed, accent-folded words; English stop words removed."""
    return (
        RegexTokenizer(TOKEN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter(cachesize=50000)
    )


def raw_analyzer():
    """Unstemmed lowercased words (for completing a half-typed word)."""
    return RegexTokenizer(TOKEN) | LowercaseFilter() | CharsetFilter(accent_map)


def name_analyzer():
    """People's and outlets' names: lowercase, accents folded, no stemming, no stop words except 'the'."""
    return RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(minsize=1)


def make_schema() -> fields.Schema:
    return fields.Schema(
        passage_id=fields.ID(stored=True, unique=True),
        source_id=fields.ID(stored=True),
        text=fields.TEXT(analyzer=text_analyzer()),
        raw=fields.TEXT(analyzer=raw_analyzer(), phrase=False),
        title=fields.TEXT(analyzer=text_analyzer(), field_boost=1.5),
        author=fields.TEXT(analyzer=name_analyzer()),
        outlet=fields.TEXT(analyzer=name_analyzer()),
        year=fields.ID(stored=True),
        speaker=fields.TEXT(analyzer=name_analyzer()),
        entity=fields.KEYWORD(lowercase=True, commas=True),
    )


def passage_docs(src: Source, speakers: dict[str, list[str]] | None = None) -> Iterable[dict]:
    """The Whoosh documents for one source's passages."""
    for p in src.passages:
        doc = {
            "passage_id": p.id,
            "source_id": src.id,
            "text": p.text,
            "raw": p.text,
            "title": src.title,
            "author": " ; ".join(src.authors),
            "outlet": src.outlet or "",
            "year": src.date[:4] if src.date else "",
        }
        if speakers and speakers.get(p.id):
            doc["speaker"] = " ; ".join(speakers[p.id])
        yield doc


_TEXT_AN = None
_RAW_AN = None


def highlight_spans(text: str, stems: set[str], raws: set[str], limit: int = 200) -> list[list[int]]:
    """Offsets of words in ``text`` whose stem is in ``stems`` or whose lowercase form is in ``raws``."""
    global _TEXT_AN, _RAW_AN
    if not stems and not raws:
        return []
    if _TEXT_AN is None:
        _TEXT_AN = text_analyzer()
        _RAW_AN = raw_analyzer()
    spans: list[list[int]] = []
    seen: set[tuple[int, int]] = set()
    if stems:
        for t in _TEXT_AN(text, chars=True, mode="query", removestops=False):
            if t.text in stems:
                seen.add((t.startchar, t.endchar))
                spans.append([t.startchar, t.endchar])
                if len(spans) >= limit:
                    break
    if raws and len(spans) < limit:
        for t in _RAW_AN(text, chars=True, mode="query"):
            if t.text in raws and (t.startchar, t.endchar) not in seen:
                spans.append([t.startchar, t.endchar])
                if len(spans) >= limit:
                    break
    spans.sort()
    return spans
