"""Reading documents into sources: one room per concern.

- ``files``: which reader a file's suffix picks (``READERS``), reading a file once within the size cap, bytes
  to sanitised text.
- ``front_matter``: metadata a user states (front matter, ``add`` options) as ``Overrides``.
- ``documents``: a read document to sources (the one path the seeds and the user's documents share).
- ``base``: what a reader returns (``Document``: text, page metadata, left-out chrome).
- ``html``: saved web pages (body text with trafilatura; metadata from the whole page, JSON-LD included).
- ``metadata``: title, authors, outlet and date from the page's markup, its text and its URL, cleaned.
- ``bylines``: which strings are people's names (agencies, datelines, labels are not), recased.
- ``outlets``: the outlet from a site name, a known domain (``outlets.toml``) or the registrable domain.

The names below are the package's public API; import them from ``nato_brief.search.ingest``.
"""

from __future__ import annotations

from .base import Document, PageMeta
from .documents import doc_key, document_key, ingest_document, ingest_file, ingest_text, source_id
from .files import (
    MAX_BYTES,
    READERS,
    SUFFIXES,
    SUPPORTED,
    decode,
    decode_document,
    display_name,
    kind_of,
    read_document,
    read_file_bytes,
    read_text,
)
from .front_matter import Overrides, normalise_date, split_front_matter
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
