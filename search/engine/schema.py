"""The index's fields, and the Whoosh documents made from a source's passages."""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import fields

from ..model import Source
from .analysis import name_analyzer, text_analyzer

SCHEMA_VERSION = "22"  # 22: the gazetteer names the United Kingdom (its mentions are mined at index time); 21: speech: "the Pentagon" is the body Pentagon, a role reads "presidential candidate" (not a slug); 20: a PDF line opening with a digit after a short line starts a block; 19: a plain-text first-line headline is the title; 18: a clear masthead names the outlet (any address); 17: PDF running heads found by position, kept as chrome; 16: hearsay ("reportedly said") is no statement; 15: folding drops the dot above of a lowercased İ, the sanitiser caps stacked marks (14: the sanitiser keeps text it used to drop; 13: pages, chrome, outlets_extra); a change means a rebuild


def make_schema() -> fields.Schema:
    return fields.Schema(
        passage_id=fields.ID(stored=True, unique=True),
        source_id=fields.ID(stored=True),
        # No positions: phrases are checked on the stored text (engine/dense.py, engine/run.py), which keeps the build lean.
        text=fields.TEXT(analyzer=text_analyzer(), phrase=False),
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
            "title": src.title,
            "author": " ; ".join(src.authors),
            "outlet": src.outlet or "",
            "year": src.date[:4] if src.date else "",
        }
        if speakers and speakers.get(p.id):
            doc["speaker"] = " ; ".join(speakers[p.id])
        yield doc
