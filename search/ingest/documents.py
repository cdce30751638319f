"""Reading documents into sources: decode, sanitise, strip scrape furniture, detect metadata, split passages.

The same path serves the shipped seeds and the user's documents. Metadata comes from the text, then from the
document's own front matter, then from what the user says on the command line (each overriding the last).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..articles import parse_article
from ..compilation import parse_compilation
from ..dates import parse_date
from ..errors import InputError
from ..model import Source, assign_pages, split_passages
from ..paragraphs import split_names
from ..text import clean_line, decode_bytes, looks_binary, looks_like_text, sanitize
from .base import Document
from .html import read_html
from .metadata import resolve
from .outlets import strip_genre

MAX_BYTES = 20 * 1024 * 1024  # one document; documented in README.md, docs/cli.md and SECURITY.md
MAX_NESTING = 32  # brackets in front matter (tomllib recurses once per level)


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


@dataclass
class Overrides:
    """Metadata a user states (front matter or ``nato-brief add`` options); wins over detection."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    url: str | None = None

    def apply(self, src: Source) -> None:
        if self.title:
            src.title = self.title
        if self.authors:
            src.authors = list(self.authors)
        if self.date:
            src.date = self.date
        if self.outlet:
            src.outlet = self.outlet
        if self.url:
            src.url = self.url

    def merged(self, other: Overrides) -> Overrides:
        """``other`` wins field by field."""
        return Overrides(
            title=other.title or self.title,
            authors=other.authors or self.authors,
            date=other.date or self.date,
            outlet=other.outlet or self.outlet,
            url=other.url or self.url,
        )

    def cleaned(self) -> Overrides:
        """The same values as safe single lines (what a user types is as untrusted as a document)."""
        return Overrides(
            title=_clean_opt(self.title),
            authors=[a for a in map(clean_line, self.authors) if a],
            date=_clean_opt(self.date),
            outlet=_clean_opt(self.outlet),
            url=_clean_opt(self.url),
        )

    def to_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}

    @classmethod
    def from_json(cls, d: dict) -> Overrides:
        return cls(
            title=d.get("title"),
            authors=list(d.get("authors") or []),
            date=d.get("date"),
            outlet=d.get("outlet"),
            url=d.get("url"),
        )


def _clean_opt(value: object) -> str | None:
    return (clean_line(value) or None) if value is not None else None


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
        raise InputError(f"{name}: no readable text in the file")
    return doc


def _clean_page_meta(doc: Document) -> None:
    """What a reader found besides the text (markup metadata, left-out page lines) as safe single lines."""
    m = doc.meta
    m.title, m.page_title, m.date = _clean_opt(m.title), _clean_opt(m.page_title), _clean_opt(m.date)
    m.outlet, m.url = _clean_opt(m.outlet), _clean_opt(m.url)
    m.authors = [a for a in map(clean_line, m.authors) if a]
    m.bylines = [b for b in map(clean_line, m.bylines) if b]
    doc.chrome = [c for c in map(clean_line, doc.chrome) if c]
    doc.notes = [sanitize(n) for n in doc.notes]


def decode_document(data: bytes, kind: str, name: str = "document") -> tuple[str, str]:
    """Bytes to sanitised text and kind (``kind``: text, markdown or html)."""
    suffix = next(s for s, (k, _r) in READERS.items() if k == kind)
    doc = decode(data, suffix, name)
    return doc.text, doc.kind


_FM_YAML = re.compile(r"\A\s*---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FM_TOML = re.compile(r"\A\s*\+\+\+[ \t]*\n(?P<body>.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.S)
_KEYS = {
    "title": "title", "author": "authors", "authors": "authors", "by": "authors", "date": "date",
    "published": "date", "outlet": "outlet", "publication": "outlet", "site": "outlet", "sitename": "outlet",
    "source": "url", "url": "url", "link": "url",
}  # fmt: skip


def split_front_matter(text: str) -> tuple[Overrides, str]:
    """Front matter (``---`` YAML-style key: value, or TOML in ``---``/``+++``) and the rest of the text."""
    m = _FM_TOML.match(text) or _FM_YAML.match(text)
    if not m:
        return Overrides(), text
    body = m.group("body")
    data: dict = {}
    if re.search(r"^[ \t]*\w+[ \t]*=", body, re.M) and not re.search(r"^[ \t]*\w+[ \t]*:", body, re.M):
        depth = _nesting(body)
        if depth > MAX_NESTING:
            raise InputError(
                f"front matter nested {depth} levels deep (at most {MAX_NESTING}); not read as a document"
            )
        try:
            data = tomllib.loads(body)
        except (tomllib.TOMLDecodeError, RecursionError):
            return Overrides(), text
    else:
        data = _simple_yaml(body)
        if not data:
            return Overrides(), text
    ov = Overrides()
    for key, value in data.items():
        field_name = _KEYS.get(str(key).lower())
        if field_name is None or value in (None, ""):
            continue
        if field_name == "authors":
            ov.authors = [str(v) for v in value] if isinstance(value, list) else split_names(str(value))
        elif field_name == "date":
            ov.date = normalise_date(str(value))
        elif field_name == "url" and not re.match(r"(?:https?://|www\.)", str(value).strip(), re.I):
            ov.outlet = ov.outlet or str(value).strip()  # "source: Baltic Policy Review" names the outlet
        else:
            setattr(ov, field_name, str(value).strip())
    # TOML escapes ("\u001b", "\n") make controls and newlines after the text was sanitised.
    return ov.cleaned(), text[m.end() :]


def _nesting(body: str) -> int:
    """How deep brackets and braces nest in ``body`` (quotes ignored: an over-estimate is harmless)."""
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", body):
        depth = depth + 1 if ch in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def _simple_yaml(body: str) -> dict:
    """Flat ``key: value`` pairs, ``[a, b]`` lists and ``- item`` lists: all front matter needs."""
    data: dict = {}
    last = None
    for line in body.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if (m := re.match(r"^\s*-\s+(.*)$", line)) and last:
            if not isinstance(data.get(last), list):
                data[last] = []
            data[last].append(_unquote(m.group(1)))
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not m:
            return {}
        last = m.group(1)
        v = m.group(2).strip()
        if v.startswith("[") and v.endswith("]"):
            data[last] = [_unquote(x) for x in v[1:-1].split(",") if x.strip()]
        else:
            data[last] = _unquote(v)
    return data


def _unquote(v: str) -> str:
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    return v


def normalise_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO date/datetime or a written date; None when it is not a date."""
    value = value.strip()
    if m := re.match(r"^(\d{4}-\d{2}-\d{2})", value):
        return parse_date(m.group(1))
    return parse_date(value)


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
                sid, entry.title, entry.authors, entry.date, entry.outlet, None, f"{origin}#{n}", entry.text,
                kind="excerpt",
            )
            # Front matter and options describe the whole file; for a compilation only outlet/url apply.
            if ov.url:
                src.url = ov.url
            _clean_metadata(src)
            src.passages = split_passages(sid, src.text)
            sources.append(src)
        return sources
    art = parse_article(body)
    if ov.title and art.title and art.title != ov.title and re.search(r"[.!?:][”\"’]?$", art.title):
        # The title is stated, so the first paragraph the parser took for a headline is the lede (it ends
        # like a sentence): keep it in the text, where its statements are.
        art.body.insert(0, art.title)
        art.title = None
    sid = source_id(key, 0)
    meta = resolve(art, doc.meta, ov.url, origin, doc.chrome)
    hints = doc.hints
    if hints.get("title") and not (doc.meta.title or art.title):
        meta.title = hints["title"]
    if hints.get("authors") and not meta.authors:
        meta.authors = list(hints["authors"])
    if hints.get("date") and not meta.date:
        meta.date = hints["date"]
    src = Source(
        sid, meta.title, meta.authors, meta.date, meta.outlet, meta.url, origin, art.text, notes=art.notes
    )
    src.outlets_extra = meta.outlets_extra
    src.chrome = doc.chrome + [p for _reason, p in art.dropped]
    ov.apply(src)
    _clean_metadata(src)
    src.passages = split_passages(sid, src.text)
    if not src.passages:
        raise InputError(f"{Path(origin).name}: no passages of text left after removing site furniture")
    return [src]


def _clean_metadata(src: Source) -> None:
    """Every metadata value as a safe single line, whatever it came from (text, markup, front matter, a file's
    properties, its name, the options): nothing in it can act on a terminal or forge a row or a field."""
    src.title = clean_line(src.title) or "(untitled)"
    src.authors = [a for a in map(clean_line, src.authors) if a]
    src.date = _clean_opt(src.date)
    src.outlet = _clean_opt(src.outlet)
    src.url = _clean_opt(src.url)
    src.notes = [sanitize(n) for n in src.notes]
    src.outlets_extra = [o for o in map(clean_line, src.outlets_extra) if o]


def ingest_file(path: Path, origin: str | None = None, overrides: Overrides | None = None) -> list[Source]:
    """Read one document from disk into sources. Raises InputError with a clear message."""
    doc = read_document(path)
    return ingest_document(doc, origin or str(path), document_key(doc), overrides)


def document_key(doc: Document) -> str:
    """The key a document's source ids derive from (its text)."""
    return doc_key(doc.text.encode("utf-8", "replace"))
