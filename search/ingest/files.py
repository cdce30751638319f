"""Files and bytes to a :class:`.base.Document`: which reader a file's suffix picks (``READERS``), reading a
regular file once within the size cap, decoding and sanitising its text and the page metadata its reader found.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..text import clean_line, clean_opt, decode_bytes, looks_binary, looks_like_text, sanitize
from .base import Document
from .html import read_html

MAX_BYTES = 20 * 1024 * 1024  # one document; documented in README.md, docs/cli.md and SECURITY.md


def _text_of(data: bytes, name: str) -> str:
    """Bytes of a text format (plain, Markdown, HTML) decoded; binary files are refused."""
    if looks_binary(data):
        raise InputError(f"{name}: this looks like a binary file, not text")
    text = decode_bytes(data)[0]
    if not looks_like_text(text):  # e.g. a binary that passed for UTF-16
        raise InputError(f"{name}: this looks like a binary file, not text (it decodes to no script)")
    return text


def _read_plain(kind: str) -> Callable[[bytes, str], Document]:
    return lambda data, name: Document(_text_of(data, name), kind)


def _read_html(data: bytes, name: str) -> Document:
    return read_html(_text_of(data, name))


def _read_pdf(data: bytes, name: str) -> Document:
    from ..formats.pdf import read_pdf  # pypdf loads only when a PDF is read

    return read_pdf(data, name)


def _read_docx(data: bytes, name: str) -> Document:
    from ..formats.docx import read_docx

    return read_docx(data, name)


# Readers by file suffix: (kind, reader). A reader takes the file's bytes and its name (for messages) and
# returns a Document; it raises InputError for a file it cannot read. A reader for another format (PDF, Word)
# registers here; its text is sanitised by ``decode`` like every other.
Reader = Callable[[bytes, str], Document]
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text", _read_plain("text")),
    ".md": ("markdown", _read_plain("markdown")),
    ".markdown": ("markdown", _read_plain("markdown")),
    ".html": ("html", _read_html),
    ".htm": ("html", _read_html),
    ".pdf": ("pdf", _read_pdf),
    ".docx": ("docx", _read_docx),
}
SUFFIXES = {suffix: kind for suffix, (kind, _reader) in READERS.items()}
SUPPORTED = ".txt, .md, .html, .pdf or .docx"


def display_name(path: Path) -> str:
    """A file as it may appear in a message: the path as the user gave it (or as found in a folder they gave),
    one line, nothing a terminal would act on."""
    return clean_line(str(path)) or "(unnamed)"


MAX_FOLDER_FILES = 10_000  # documents taken from one folder given to ``add``; documented in docs/cli.md


def expand_folders(
    items: list[Path | str], errors: list[tuple[str, str]], skipped: list[tuple[str, str]]
) -> list[Path | str]:
    """``items`` with every folder replaced by the documents in it, its subfolders included, in name order.

    Inside a folder, hidden entries (a name starting with a dot) are left out, symlinked folders are not
    followed (no loops, nothing outside the folder by surprise), and files of a type the library cannot read go
    to ``skipped`` with the reason; a folder with no document at all, or more than MAX_FOLDER_FILES of them,
    is an error. Files and addresses given one by one pass through unchanged.
    """
    out: list[Path | str] = []
    for item in items:
        if not isinstance(item, Path) or not item.is_dir():
            out.append(item)
            continue
        name = display_name(item)
        found: list[Path] = []
        too_many = False
        for root, dirs, files in os.walk(item, followlinks=False, onerror=None):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for fname in sorted(files):
                if fname.startswith("."):
                    continue
                f = Path(root) / fname
                if f.suffix.lower() in SUFFIXES:
                    found.append(f)
                else:
                    skipped.append((str(f), f"{display_name(f)}: not a document type the library reads ({SUPPORTED})"))
            if len(found) > MAX_FOLDER_FILES:
                too_many = True
                break
        if too_many:
            errors.append((str(item), f"{name}: more than {MAX_FOLDER_FILES:,} documents in this folder; "
                                      "add its subfolders one at a time"))  # fmt: skip
        elif not found:
            errors.append((str(item), f"{name}: no {SUPPORTED} file in this folder"))
        else:
            out.extend(found)
    return out


def kind_of(path: Path) -> str:
    """The reader for ``path`` by its suffix. Raises InputError for a type the library cannot read."""
    if path.is_dir():
        raise InputError(f"{display_name(path)}: is a folder, not a document; give the files in it")
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"{display_name(path)}: unsupported file type {clean_line(path.suffix) or '(none)'}; use {SUPPORTED}"
        )
    return kind


def read_document(path: Path) -> Document:
    """Read ``path`` with the reader for its suffix: sanitised text, page metadata, left-out chrome.

    Raises InputError with a clear message for files that cannot be documents.
    """
    kind_of(path)
    return decode(read_file_bytes(path), path.suffix.lower(), display_name(path))


def read_file_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, read once. Raises InputError.

    Pipes, sockets and devices (a symlink to /dev/zero) are refused before anything is read; opening never
    blocks (``O_NONBLOCK``), and the file actually opened is checked again, so a file swapped for a pipe
    meanwhile is refused too. Reading stops one byte past the limit.
    """
    name = display_name(path)
    special = f"{name}: not a regular file (a pipe, socket or device); nothing was read"
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a folder, not a document; give the files in it")
        if not stat.S_ISREG(mode):
            raise InputError(special)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError(special)
            if st.st_size > limit:
                raise InputError(_too_big(name, st.st_size, limit))
            chunks = []
            got = 0
            while got <= limit:
                chunk = os.read(fd, min(1 << 20, limit + 1 - got))
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
            if got > limit:  # it grew while we read
                raise InputError(_too_big(name, got, limit))
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from e


def _too_big(name: str, size: int, limit: int) -> str:
    mb = 1024 * 1024
    return (
        f"{name}: {size / mb:.1f} MB is over the {limit // mb} MB limit for one document; "
        "split it into smaller files"
    )


def read_text(path: Path) -> tuple[str, str]:
    """Decoded, sanitised text of ``path`` and its kind (text/markdown/html). Raises InputError."""
    doc = read_document(path)
    return doc.text, doc.kind


def decode(data: bytes, suffix: str, name: str = "document") -> Document:
    """Bytes of a file with this suffix to a Document (sanitised text)."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    _kind, reader = READERS[suffix]
    doc = reader(data, name)
    doc.text = sanitize(doc.text)
    _clean_page_meta(doc)
    if not doc.text.strip():
        if doc.kind == "html" and doc.chrome:  # a page of menus and links only
            raise InputError(f"{name}: no article text in the page (only navigation, menus or links)")
        raise InputError(f"{name}: no readable text in the file")
    return doc


def _clean_page_meta(doc: Document) -> None:
    """What a reader found besides the text (markup metadata, left-out page lines) as safe single lines."""
    m = doc.meta
    m.title, m.page_title, m.date = clean_opt(m.title), clean_opt(m.page_title), clean_opt(m.date)
    m.outlet, m.url = clean_opt(m.outlet), clean_opt(m.url)
    m.authors = [a for a in map(clean_line, m.authors) if a]
    m.bylines = [b for b in map(clean_line, m.bylines) if b]
    doc.chrome = [c for c in map(clean_line, doc.chrome) if c]
    doc.notes = [sanitize(n) for n in doc.notes]


def decode_document(data: bytes, kind: str, name: str = "document") -> tuple[str, str]:
    """Bytes to sanitised text and kind (``kind``: text, markdown or html)."""
    suffix = next(s for s, (k, _r) in READERS.items() if k == kind)
    doc = decode(data, suffix, name)
    return doc.text, doc.kind
