"""Reading documents into sources: one room per concern.

- ``documents``: files and bytes to sanitised text, front matter, user overrides, and text to sources (the one
  path the seeds and the user's documents share).
- ``base``: what a reader returns (``Document``: text, page metadata, left-out chrome).
- ``html``: saved web pages (body text with trafilatura; metadata from the whole page, JSON-LD included).
- ``metadata``: title, authors, outlet and date from the page's markup, its text and its URL, cleaned.
- ``bylines``: which strings are people's names (agencies, datelines, labels are not), recased.
- ``outlets``: the outlet from a site name, a known domain (``outlets.toml``) or the registrable domain.

The names below are the package's public API; import them from ``nato_brief.search.ingest``.
"""

from __future__ import annotations

from .base import Document, PageMeta
from .documents import (
    MAX_BYTES,
    READERS,
    SUFFIXES,
    SUPPORTED,
    Overrides,
    decode,
    decode_document,
    display_name,
    doc_key,
    document_key,
    ingest_document,
    ingest_file,
    ingest_text,
    kind_of,
    normalise_date,
    read_document,
    read_file_bytes,
    read_text,
    source_id,
    split_front_matter,
)
from .html import html_to_text, read_html, strip_hidden

__all__ = [
    "MAX_BYTES",
    "READERS",
    "SUFFIXES",
    "SUPPORTED",
    "Document",
    "Overrides",
    "PageMeta",
    "decode",
    "decode_document",
    "display_name",
    "doc_key",
    "document_key",
    "html_to_text",
    "ingest_document",
    "ingest_file",
    "ingest_text",
    "kind_of",
    "read_document",
    "read_file_bytes",
    "read_html",
    "normalise_date",
    "read_text",
    "source_id",
    "split_front_matter",
    "strip_hidden",
]
