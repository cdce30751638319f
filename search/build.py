"""Preparing documents for the library, and building a whole generation on every core.

One document goes through the same steps wherever it is indexed (a rebuild, ``add``, a worker process):
read and decode, ingest (metadata, passages), mine names and speakers, count the completion vocabulary.
:func:`prepare` does those steps; the caller stores the result in SQLite and gives the passages to Whoosh.

For a big rebuild the documents are split into one contiguous run per core. Each worker process prepares its
run, writes its own Whoosh segments (starting a new segment before Whoosh's pool would spill to temporary
files) and their postings caches, and streams the records back; the parent writes SQLite meanwhile and, at the
end, commits the workers' segments in order in one table of contents (what Whoosh's own multi-process writer
does, without pickling every passage through a job file).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .entities import Mining, mine_source
from .errors import InputError
from .index import passage_docs, raw_words
from .ingest import Overrides, doc_key, ingest_text, read_text
from .model import Source

BATCH = 50
POOL_MB = 160  # per segment writer; a new segment starts before the pool would spill to disk


@dataclass
class Prepared:
    """One document, ready to store and index."""

    sources: list[Source]
    minings: list[Mining] = field(default_factory=list)
    speakers: list[dict[str, list[str]]] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)


def prepare(path: Path, origin: str, ov: Overrides, gaz_re: tuple) -> Prepared:
    """Read, ingest and mine one document. Raises InputError for files that are not documents."""
    text, _kind = read_text(path)
    sources = ingest_text(text, origin, doc_key(text.encode("utf-8", "replace")), ov)
    out = Prepared(sources)
    for src in sources:
        mining = mine_source(src, *gaz_re)
        speakers: dict[str, list[str]] = {}
        for q in mining.quotes:
            if q.named:
                speakers.setdefault(q.passage_id, []).append(q.speaker)
        out.minings.append(mining)
        out.speakers.append(speakers)
        for p in src.passages:
            out.words.update(raw_words(p.text))
    return out


def store_prepared(
    store, key: str, origin: str, path: str, ov_json: dict, prep: Prepared, *, words: bool = True
) -> None:
    """Write one prepared document (``words=False``: the caller writes the vocabulary counts in one go)."""
    store.add_document(key, origin, path, ov_json, prep.sources, words=prep.words if words else Counter())
    for src, mining in zip(prep.sources, prep.minings, strict=True):
        store.add_mining(src.id, mining)


def whoosh_docs(prep: Prepared):
    for src, speakers in zip(prep.sources, prep.speakers, strict=True):
        yield from passage_docs(src, speakers)


class _Lengths:
    """A per-document reader's field lengths, read once per field."""

    def __init__(self, pdr) -> None:
        self.pdr = pdr
        self.cols: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        col = self.cols.get(fieldname)
        if col is None:
            n = self.pdr.doc_count_all()
            dfl = self.pdr.doc_field_length
            col = self.cols[fieldname] = [dfl(d, fieldname, default) for d in range(n)]
        return col[docnum]

    def close(self) -> None:
        self.pdr.close()


# -- the parallel rebuild --------------------------------------------------------------------------------
def _worker(
    wid: int, ix_dir: str, cache_dir: str, chunk: list, gaz_re: tuple, out: mp.Queue, parent: int
) -> None:
    """Prepare and index one run of documents into new segments; stream records and segments to ``out``."""
    try:
        from whoosh import index as windex
        from whoosh.reading import SegmentReader
        from whoosh.writing import SegmentWriter

        from .dense import write_postings_cache

        ix = windex.open_dir(ix_dir)

        class Writer(SegmentWriter):
            def _flush_segment(self):
                # As Whoosh's, but field lengths come from one array per field instead of a file read per
                # posting (a tenth of the indexing time).
                self.perdocwriter.close()
                pdr = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
                self.fieldwriter.add_postings(self.schema, pdr, self.pool.iter_postings())
                self.fieldwriter.close()
                if pdr:
                    pdr.close()

        def new_writer():
            return Writer(ix, _lk=False, limitmb=POOL_MB, compound=False)

        writer = new_writer()
        segments = []
        batch: list = []
        vocabulary: Counter[str] = Counter()
        for key, origin, path, ov in chunk:
            if os.getppid() != parent:  # the parent was killed: stop rather than write on for nobody
                os._exit(1)
            try:
                prep = prepare(Path(path), origin, ov, gaz_re)
            except InputError as e:
                batch.append(("notice", origin, e.message))
                continue
            for doc in whoosh_docs(prep):
                writer.add_document(**doc)
            vocabulary.update(prep.words)
            prep.words = Counter()  # sent once, summed, at the end
            batch.append(("doc", key, origin, str(path), ov.to_json(), prep))
            if len(batch) >= BATCH:
                out.put(("batch", wid, batch))
                batch = []
            if writer.pool.currentsize > 0.85 * writer.pool.limit:
                segments.append(writer._finalize_segment())
                writer = new_writer()
        if batch:
            out.put(("batch", wid, batch))
        if writer._added:
            segments.append(writer._finalize_segment())
        else:
            writer.cancel()
        for seg in segments:
            r = SegmentReader(ix.storage, ix.schema, seg)
            try:
                write_postings_cache(r, Path(cache_dir))
            finally:
                r.close()
        out.put(("done", wid, (segments, vocabulary)))
    except OSError as e:
        out.put(("oserror", wid, (e.errno, e.strerror or str(e))))
    except BaseException:
        out.put(("error", wid, traceback.format_exc()))


def parallel_build(
    ix, store, specs: list, cache_dir: Path, gaz_re: tuple, procs: int, progress, notices
) -> None:
    """Index ``specs`` [(key, origin, path, overrides)] into the empty index ``ix`` and ``store``."""
    ctx = mp.get_context("fork")
    out: mp.Queue = ctx.Queue(maxsize=8 * procs)
    size = -(-len(specs) // procs)
    chunks = [specs[i * size : (i + 1) * size] for i in range(procs)]
    workers = [
        ctx.Process(
            target=_worker,
            args=(w, ix.storage.folder, str(cache_dir), chunk, gaz_re, out, os.getpid()),
            daemon=True,
        )
        for w, chunk in enumerate(chunks)
    ]
    for p in workers:
        p.start()
    segments: dict[int, list] = {}
    vocabulary: Counter[str] = Counter()
    done = 0
    try:
        while len(segments) < len(workers):
            try:
                kind, wid, payload = out.get(timeout=1.0)
            except queue.Empty:
                dead = [p for w, p in enumerate(workers) if w not in segments and not p.is_alive()]
                if dead and out.empty():
                    raise RuntimeError(f"an index worker stopped (exit code {dead[0].exitcode})") from None
                continue
            if kind == "batch":
                for item in payload:
                    done += 1
                    if item[0] == "notice":
                        notices.append(item[2])
                        continue
                    _, key, origin, path, ov_json, prep = item
                    store_prepared(store, key, origin, path, ov_json, prep, words=False)
                    if progress:
                        progress(done, len(specs), origin)
            elif kind == "done":
                segments[wid] = payload[0]
                vocabulary.update(payload[1])
            elif kind == "oserror":
                raise OSError(payload[0], payload[1])
            else:
                raise RuntimeError(f"an index worker failed:\n{payload}")
    finally:
        for p in workers:
            if p.is_alive() and len(segments) < len(workers):
                p.terminate()
        for p in workers:
            p.join(timeout=30)
    store._add_words(vocabulary, 1)
    ordered = [seg for w in range(len(workers)) for seg in segments[w]]
    writer = ix.writer(compound=False)
    writer._close_segment()
    writer._commit_toc(ordered)
    writer._finish()
