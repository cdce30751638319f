"""A read document to sources: front matter, the article or compilation parsed, metadata merged and cleaned,
passages split, ids from the text (reading the file: :mod:`.files`; front matter: :mod:`.front_matter`).

The same path serves the shipped seeds and the user's documents. Metadata comes from the text, then from the
document's own front matter, then from what the user says on the command line (each overriding the last).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..articles import ParsedArticle, parse_article
from ..compilation import parse_compilation
from ..errors import InputError
from ..model import Source, assign_pages, split_passages
from ..paragraphs import reads_like_lede
from ..text import clean_line, clean_opt, fold, sanitize
from .base import Document
from .files import read_document
from .front_matter import Overrides, split_front_matter
from .metadata import resolve
from .outlets import strip_genre


def doc_key(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def source_id(key: str, n: int) -> str:
    return hashlib.sha1(f"{key}#{n}".encode()).hexdigest()[:10]


def ingest_text(
    text: str, origin: str, key: str, overrides: Overrides | None = None, *, hints: dict | None = None
) -> list[Source]:
    """Sanitised document text to sources (several for a compilation)."""
    return ingest_document(Document(text, "text", hints=dict(hints or {})), origin, key, overrides)


def ingest_document(doc: Document, origin: str, key: str, overrides: Overrides | None = None) -> list[Source]:
    """A read document to sources: its text parsed (:func:`_parse`), then the container's share.

    Passages take the page they start on; footnotes lifted off the pages become the source's notes.
    """
    sources = _parse(doc, origin, key, overrides)
    for src in sources:
        if doc.pages:
            assign_pages(src.passages, doc.text, doc.pages)
        if doc.notes and len(sources) == 1:
            src.notes = list(src.notes) + list(doc.notes)
    return sources


def _parse(doc: Document, origin: str, key: str, overrides: Overrides | None = None) -> list[Source]:
    """A read document's text to sources (several for a compilation).

    Metadata: what the page's markup and text say (cleaned and merged in ``metadata.resolve``), then the
    file's own properties (``doc.hints``, PDF/Word) only where those left a field empty, then the
    document's front matter, then the user's options, each overriding the last.
    """
    origin = clean_line(origin) or "document"
    try:
        fm, body = split_front_matter(doc.text)
    except InputError as e:
        raise InputError(f"{Path(origin).name}: {e.message}") from None
    if fm.title:
        fm.title = strip_genre(fm.title)
    ov = fm.merged((overrides or Overrides()).cleaned())
    sources: list[Source] = []
    entries = parse_compilation(body)
    if entries:
        for n, entry in enumerate(entries, 1):
            sid = source_id(key, n)
            src = Source(
                sid,
                entry.title,
                entry.authors,
                entry.date,
                entry.outlet,
                None,
                f"{origin}#{n}",
                entry.text,
                kind="excerpt",
            )
            # Front matter and options describe the whole file; for a compilation only outlet/url apply.
            if ov.url:
                src.url = ov.url
            _clean_metadata(src)
            src.passages = split_passages(sid, src.text)
            sources.append(src)
        return sources
    art = parse_article(body, ov.title or doc.meta.title)
    sid = source_id(key, 0)
    meta = resolve(art, doc.meta, ov.url, origin, doc.chrome)
    _keep_unused_headline(art, ov.title or meta.title)
    hints = doc.hints
    if hints.get("title") and not (doc.meta.title or art.title):
        meta.title = hints["title"]
    if hints.get("authors") and not meta.authors:
        meta.authors = list(hints["authors"])
    if hints.get("date") and not meta.date:
        meta.date = hints["date"]
    if hints.get("outlet") and not meta.outlet:  # a PDF's running head, the same on every page
        meta.outlet = hints["outlet"]
    src = Source(
        sid, meta.title, meta.authors, meta.date, meta.outlet, meta.url, origin, art.text, notes=art.notes
    )
    src.outlets_extra = meta.outlets_extra
    src.chrome = list(dict.fromkeys(doc.chrome + [p for _reason, p in art.dropped]))
    ov.apply(src)
    _clean_metadata(src)
    src.passages = split_passages(sid, src.text)
    if not src.passages:
        raise InputError(f"{Path(origin).name}: no passages of text left after removing site furniture")
    return [src]


def _keep_unused_headline(art: ParsedArticle, title: str | None) -> None:
    """No paragraph disappears: when the paragraph the parser took for the headline is not the title after all
    (the page or the user states another), it goes back into the text if it reads like the story's first
    sentence (a lede is a passage, so it can be quoted), else into the page chrome."""
    if not (art.title and art.title_from_text):
        return
    head, final = fold(art.title), fold(title or "")
    if final and (head == final or head in final or final in head):
        return
    if art.title_in_text:
        pass  # the opening line is a passage already
    elif re.search(r"[.!?:][”\"’]?$", art.title) or reads_like_lede(art.title):
        art.body.insert(0, art.title)
    else:
        art.dropped.insert(0, ("headline", art.title))
    art.title = None


def _clean_metadata(src: Source) -> None:
    """Every metadata value as a safe single line, whatever it came from (text, markup, front matter, a file's
    properties, its name, the options): nothing in it can act on a terminal or forge a row or a field."""
    src.title = clean_line(src.title) or "(untitled)"
    src.authors = [a for a in map(clean_line, src.authors) if a]
    src.date = clean_opt(src.date)
    src.outlet = clean_opt(src.outlet)
    src.url = clean_opt(src.url)
    src.notes = [sanitize(n) for n in src.notes]
    src.outlets_extra = [o for o in map(clean_line, src.outlets_extra) if o]


def ingest_file(path: Path, origin: str | None = None, overrides: Overrides | None = None) -> list[Source]:
    """Read one document from disk into sources. Raises InputError with a clear message."""
    doc = read_document(path)
    return ingest_document(doc, origin or str(path), document_key(doc), overrides)


def document_key(doc: Document) -> str:
    """The key a document's source ids derive from (its text)."""
    return doc_key(doc.text.encode("utf-8", "replace"))
