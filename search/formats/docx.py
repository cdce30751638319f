"""Word documents (.docx) into paragraphs (python-docx): headings, paragraphs and table cells in document order,
core properties (title, author, created) as hints.

A .docx is a zip of XML parts. Before python-docx opens it, the zip is checked: it must be a zip holding
``word/document.xml``, with a bounded number of members, bounded uncompressed size and no member compressed
beyond any real document's ratio (a zip bomb is refused before anything is inflated). python-docx parses XML
without resolving entities.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError
from ..text import sanitize
from . import Document, sane_authors, sane_date, sane_title

MAX_MEMBERS = 5000
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together (images included)
MAX_XML = 40 * 1024 * 1024  # word/document.xml alone
MAX_RATIO = 150  # uncompressed / compressed, per member above 1 MB


def check_zip(data: bytes, name: str) -> None:
    """Refuse what is not a Word document, or a zip built to exhaust memory."""
    if not data.startswith(b"PK\x03\x04"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(f"{name}: this is an old binary Word file (.doc); save it as .docx and add that")
        raise InputError(f"{name}: this is not a Word .docx file (not a zip archive); nothing was added")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
        raise InputError(f"{name}: damaged .docx ({e}); nothing was added") from e
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name}: {len(infos):,} parts in the archive is over the {MAX_MEMBERS:,} limit")
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise InputError(f"{name}: a zip archive but not a Word document (no word/document.xml)")
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(
                f"{name}: {i.filename} inflates {i.file_size // max(i.compress_size, 1):,}-fold "
                "(a zip bomb?); nothing was added"
            )
        if i.filename == "word/document.xml" and i.file_size > MAX_XML:
            raise InputError(f"{name}: the document text is over {MAX_XML // 2**20} MB; nothing was added")
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"{name}: {total // 2**20:,} MB uncompressed is over the {MAX_UNCOMPRESSED // 2**20} MB limit"
        )


def read_docx(data: bytes, name: str = "document.docx") -> Document:
    """A .docx's text in paragraphs with core-property hints. Raises InputError."""
    check_zip(data, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError, SyntaxError) as e:
        raise InputError(f"{name}: not a readable Word document ({type(e).__name__})") from e
    paras = [p for p in (_clean(t) for t in _blocks(d)) if p]
    if not paras:
        raise InputError(f"{name}: no text in the Word document; nothing was added")
    return Document("\n\n".join(paras), "docx", hints=_hints(d, name))


def _clean(text: str) -> str:
    # A manual line break inside a paragraph is layout, not structure.
    return re.sub(r"[ \t]*\n[ \t]*", " ", sanitize(text)).strip()


def _blocks(d) -> list[str]:
    """Paragraph and table-cell texts in document order (python-docx lists them per kind)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(el, d).text)
        elif tag == "tbl":
            for row in Table(el, d).rows:
                prev = None
                for cell in row.cells:
                    texts = [p.text for p in cell.paragraphs]
                    if texts != prev:  # a merged cell is listed once per grid column it spans
                        out += texts
                    prev = texts
    return out


def _hints(d, name: str) -> dict:
    hints: dict = {}
    cp = d.core_properties
    if t := sane_title(cp.title, name):
        hints["title"] = t
    if a := sane_authors(cp.author):
        hints["authors"] = a
    created = cp.created
    if d_ := sane_date(created.date() if created else None):
        hints["date"] = d_
    return hints
