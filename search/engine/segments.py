"""Whoosh indexes and segments: opening and creating an index, the fast segment writer, and the parallel
build's hand-over (each worker writes its own segments; the parent commits them in one table of contents,
which is what Whoosh's own multi-process writer does). Uses Whoosh internals (README.md): without
``compat.FAST`` the indexer uses Whoosh's own writer in one process instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from whoosh import index as windex

from .postings import write_postings_cache
from .schema import make_schema


def open_index(path: Path):
    """The Whoosh index in ``path`` (raises what Whoosh raises on damaged files)."""
    return windex.open_dir(str(path))


def create_index(path: Path):
    """A new, empty index with our schema in ``path``."""
    return windex.create_in(str(path), make_schema())


class WorkerSegments:
    """One build worker's segments: documents are added in order; a new segment starts once the current one
    holds ``max_postings`` postings (bounds the worker's memory)."""

    def __init__(self, ix_dir: str, max_postings: int) -> None:
        self.ix = windex.open_dir(ix_dir)
        self.max_postings = max_postings
        self.segments: list = []
        self.writer = self._new()

    def _new(self):
        return FastSegmentWriter(self.ix, _lk=False, compound=False)

    def add(self, doc: dict) -> None:
        self.writer.add_document(**doc)

    def maybe_cut(self) -> None:
        """Close the current segment when it is full (call between documents)."""
        if self.writer.postings > self.max_postings:
            self.segments.append(self.writer._finalize_segment())
            self.writer = self._new()

    def finish(self, cache_dir: Path) -> list:
        """Close the last segment, write every segment's postings cache, and return the segments."""
        if self.writer._added:
            self.segments.append(self.writer._finalize_segment())
        else:
            self.writer.cancel()
        from whoosh.reading import SegmentReader

        for seg in self.segments:
            r = SegmentReader(self.ix.storage, self.ix.schema, seg)
            try:
                write_postings_cache(r, cache_dir)
            finally:
                r.close()
        return self.segments


def commit_segments(ix, ordered: list) -> None:
    """Make the workers' segments, in this order, the index's contents (one table of contents)."""
    writer = ix.writer(compound=False)
    writer._close_segment()
    writer._commit_toc(ordered)
    writer._finish()


@lru_cache(maxsize=1)
def _fast_writer_class():
    from array import array
    from collections import Counter

    from whoosh.codec.whoosh3 import _lenfield
    from whoosh.formats import Frequency
    from whoosh.system import pack_uint
    from whoosh.writing import SegmentWriter

    from .analysis import TextAnalyzer, stem_sequence

    class FastSegmentWriter(SegmentWriter):
        """Whoosh's segment writer with postings gathered per term instead of in its sorting pool.

        Whoosh puts one tuple per posting in a pool, sorts them all, then feeds them one call at a time to the
        codec. Here each term keeps arrays of document numbers, weights and values (in document order
        already), terms are sorted once, and the codec's blocks of 128 postings are filled a slice at a
        time: the same files, written in about half the time. Only what this schema uses is supported (no
        term vectors, spelling fields or boosts); stored fields, lengths and columns go through Whoosh.
        """

        def __init__(self, ix, **kw) -> None:
            super().__init__(ix, **kw)
            for name, f in self.schema.items():
                if f.vector or f.separate_spelling():
                    raise ValueError(f"field {name}: term vectors and spelling are not supported here")
            self._posts: dict[str, dict[bytes, tuple]] = {}
            self._vcache: dict[bytes, bytes] = {}
            self._last: dict[str, tuple] = {}
            self.postings = 0
            # Fields analysed by the one-pass text analyzer into frequencies (the passage text): their terms
            # are counted from the analyzer's term list directly. Whoosh's Frequency format sums a boost of
            # 1.0 per token, so a term's weight is its count times the field boost and its value the packed
            # count: the same postings, without a token object per word.
            self._counted = {
                name
                for name, f in self.schema.items()
                if type(f.format) is Frequency and type(f.analyzer) is TextAnalyzer
            }

        def add_document(self, **fields) -> None:
            perdoc = self.perdocwriter
            schema = self.schema
            docnum = self.docnum
            names = sorted(n for n in fields if not n.startswith("_"))
            self._check_fields(schema, names)
            vcache = self._vcache
            perdoc.start_doc(docnum)
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    posts = self._posts.get(name)
                    if posts is None:
                        posts = self._posts[name] = {}
                    scorable = field.scorable
                    # A source's passages repeat its title, authors, outlet and year: analyse each once.
                    last = self._last.get(name)
                    if last is not None and last[0] == value:
                        items = last[1]
                    elif name in self._counted and isinstance(value, str):
                        fb = field.format.field_boost
                        items = [
                            (w.encode("utf-8"), n, float(n) * fb, pack_uint(n))
                            for w, n in Counter(stem_sequence(value)).items()
                        ]
                    else:
                        items = list(field.index(value))
                        self._last[name] = (value, items)
                    if scorable:
                        length = sum([it[1] for it in items])
                    self.postings += len(items)
                    for tbytes, _freq, weight, vbytes in items:
                        p = posts.get(tbytes)
                        if p is None:
                            p = posts[tbytes] = (array("I"), array("d"), [])
                        p[0].append(docnum)
                        p[1].append(weight)
                        if vbytes:  # as Whoosh: empty values are not kept
                            p[2].append(vcache.setdefault(vbytes, vbytes))
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
            perdoc.finish_doc()
            self._added = True
            self.docnum += 1

        def _flush_segment(self) -> None:
            self.perdocwriter.close()
            pdr = self.per_document_reader()
            fw = self.fieldwriter
            for name in sorted(self._posts):
                terms = self._posts[name]
                field = self.schema[name]
                # Lengths as Whoosh's reader returns them (quantised), read once per field, not per posting;
                # a field without lengths (not scored) is 0 everywhere, as the reader says for each document.
                ndocs = pdr.doc_count_all()
                if pdr.has_column(_lenfield(name)):
                    lengths = [pdr.doc_field_length(d, name) for d in range(ndocs)]
                else:
                    lengths = [0] * ndocs
                fw.start_field(name, field)
                for btext in sorted(terms):
                    ids, ws, vs = terms[btext]
                    fw.start_term(btext)
                    pw = fw._postwriter
                    limit = pw._blocklimit
                    n = len(ids)
                    if len(vs) not in (0, n):
                        raise ValueError(f"{name}: some postings have values and some not")
                    for i in range(0, n, limit):
                        bid = ids[i : i + limit]
                        bw = ws[i : i + limit]
                        pw._ids = bid
                        pw._weights = array("f", bw)
                        pw._values = vs[i : i + limit]  # every posting has a value, or none has
                        pw._maxweight = max(0, max(bw))
                        lens = [x for x in map(lengths.__getitem__, bid) if x]
                        pw._minlength = min(lens) if lens else None
                        pw._maxlength = max(lens) if lens else 0
                        if i + limit < n:
                            pw._write_block()
                    fw.finish_term()
                fw.finish_field()
            self._posts = {}
            fw.close()
            pdr.close()

    return FastSegmentWriter


def FastSegmentWriter(ix, **kw):  # noqa: N802  (a factory, so Whoosh is imported only where it is used)
    return _fast_writer_class()(ix, **kw)
