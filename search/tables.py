"""The library's tables: the SQLite schema, and what one document becomes in it (:func:`document_rows`, made
where the document is prepared, a build worker included; :class:`.store.Store` inserts and reads them)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from .mining import Mining
from .model import Source
from .spellings import skeletons

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    doc_key TEXT PRIMARY KEY, origin TEXT NOT NULL, path TEXT NOT NULL, overrides TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, n INTEGER NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL,
    date TEXT, outlet TEXT, url TEXT, origin TEXT NOT NULL, text TEXT NOT NULL, notes TEXT NOT NULL,
    kind TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY, source_id TEXT NOT NULL, n INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, norm TEXT NOT NULL, page INTEGER
);
CREATE INDEX IF NOT EXISTS passages_source ON passages(source_id);
CREATE INDEX IF NOT EXISTS passages_norm ON passages(norm, source_id);  -- covers duplicates()
CREATE INDEX IF NOT EXISTS sources_doc ON sources(doc_key);
CREATE TABLE IF NOT EXISTS names (
    source_id TEXT NOT NULL, passage_id TEXT NOT NULL, start INTEGER, end INTEGER, surface TEXT, key TEXT, kind TEXT
);
CREATE INDEX IF NOT EXISTS names_source ON names(source_id);
CREATE TABLE IF NOT EXISTS pairs (source_id TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS pairs_source ON pairs(source_id);
CREATE TABLE IF NOT EXISTS quotes (
    source_id TEXT NOT NULL, passage_id TEXT NOT NULL, start INTEGER, end INTEGER, speaker TEXT,
    speaker_key TEXT, named INTEGER, direct INTEGER, entity TEXT, role TEXT, norm TEXT
);
CREATE INDEX IF NOT EXISTS quotes_source ON quotes(source_id);
CREATE INDEX IF NOT EXISTS quotes_norm ON quotes(norm);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spellings (skel TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (skel, key)) WITHOUT ROWID;
"""


def norm_key(text: str) -> str:
    """What makes two passages "the same text" (whitespace and case do not count), as a short digest: the
    normalised text itself, stored and indexed, doubled the library file."""
    return hashlib.blake2b(" ".join(text.casefold().split()).encode("utf-8"), digest_size=12).hexdigest()


def words_key(text: str) -> str:
    """What makes two statements "the same words": their words, whatever the case, quotation marks and
    punctuation (a digest, so identical or near-identical wording finds its twin through an index)."""
    words = re.findall(r"\w+", text.casefold())
    return (
        hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=10).hexdigest()
        if len(words) >= 4
        else ""
    )


@dataclass
class DocumentRows:
    """One document as table rows: computed where the document is prepared (a build worker), then inserted."""

    document: tuple
    sources: list[tuple] = field(default_factory=list)
    passages: list[tuple] = field(default_factory=list)
    names: list[tuple] = field(default_factory=list)
    pairs: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    spellings: set[tuple[str, str]] = field(default_factory=set)


def document_rows(
    doc_key: str, origin: str, path: str, overrides: dict, sources: list[Source], minings: list[Mining]
) -> DocumentRows:
    rows = DocumentRows((doc_key, origin, path, json.dumps(overrides)))
    for n, (s, m) in enumerate(zip(sources, minings, strict=True)):
        rows.sources.append(
            (s.id, doc_key, n, s.title, json.dumps(s.authors), s.date, s.outlet, s.url, s.origin, s.text,
             json.dumps(s.notes), s.kind, _extra_json(s))
        )  # fmt: skip
        rows.passages.extend(
            (p.id, s.id, k, p.start, p.end, p.text, norm_key(p.text), p.page) for k, p in enumerate(s.passages)
        )
        rows.names.extend(
            (x.source_id, x.passage_id, x.start, x.end, x.surface, x.key, x.kind) for x in m.names
        )
        rows.pairs.extend((s.id, a, b) for a, b in m.pairs)
        for x in m.names:
            rows.spellings.update((sk, x.key) for sk in skeletons(x.key, x.kind))
        rows.quotes.extend(
            (
                q.source_id,
                q.passage_id,
                q.start,
                q.end,
                q.speaker,
                q.speaker_key,
                int(q.named),
                int(q.direct),
                q.entity,
                q.role,
                words_key(s.text[q.start : q.end]),
            )
            for q in m.quotes
        )
    return rows


def _extra_json(s: Source) -> str:
    """A source's extra metadata (second outlets, left-out page chrome) as one JSON column."""
    extra: dict = {}
    if s.outlets_extra:
        extra["outlets_extra"] = s.outlets_extra
    if s.chrome:
        extra["chrome"] = s.chrome
    return json.dumps(extra)
