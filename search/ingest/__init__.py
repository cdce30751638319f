"""Reading documents into sources: one room per concern.

- ``documents``: files and bytes to sanitised text, front matter, user overrides, and text to sources (the one
  path the seeds and the user's documents share).
- ``html``: saved web pages (body text with trafilatura; metadata from the whole page, JSON-LD included).

The names below are the package's public API; import them from ``nato_brief.search.ingest``.
"""

from __future__ import annotations

from .documents import (
    MAX_BYTES,
    SUFFIXES,
    Overrides,
    decode_document,
    doc_key,
    ingest_file,
    ingest_text,
    normalise_date,
    read_text,
    source_id,
    split_front_matter,
)
from .html import html_to_text, strip_hidden

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Overrides",
    "decode_document",
    "doc_key",
    "html_to_text",
    "ingest_file",
    "ingest_text",
    "normalise_date",
    "read_text",
    "source_id",
    "split_front_matter",
    "strip_hidden",
]
