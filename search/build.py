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

from .engine.analysis import raw_words
from .engine.schema import passage_docs
from .errors import InputError
from .ingest import Overrides, document_key, ingest_document, read_document
from .mining import Mining, mine_source
from .model import Source
from .speech import speakers_by_passage
from .tables import document_rows

BATCH = 50
SEGMENT_POSTINGS = 2_500_000  # a worker starts a new segment after this many postings (bounds its memory)


class DuplicateText(Exception):
    """Two documents of a parallel build hold the same text (the caller builds in-process instead)."""


@dataclass
class Prepared:
    """One document, ready to store and index."""

    sources: list[Source]
    minings: list[Mining] = field(default_factory=list)
    speakers: list[dict[str, list[str]]] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)


def prepare(
    path: Path, origin: str, ov: Overrides, gaz_re: tuple, vocabulary: Counter[str] | None = None
) -> Prepared:
    """Read, ingest and mine one document. Raises InputError for files that are not documents.

    The completion vocabulary is counted into ``vocabulary`` when given (a build sums it once), else into
    the result's ``words``.
    """
    doc = read_document(path)
    sources = ingest_document(doc, origin, document_key(doc), ov)
    return mine_sources(sources, gaz_re, vocabulary)


def mine_sources(sources: list[Source], gaz_re: tuple, vocabulary: Counter[str] | None = None) -> Prepared:
    """Names, speakers and the completion vocabulary of ingested sources (the rest of :func:`prepare`;
    ``add`` ingests while it copies each file, before the write lock, and calls this then)."""
    out = Prepared(sources)
    words = out.words if vocabulary is None else vocabulary
    for src in sources:
        mining = mine_source(src, *gaz_re)
        out.minings.append(mining)
        out.speakers.append(speakers_by_passage(mining.quotes))
        for p in src.passages:
            words.update(raw_words(p.text))
    return out


def store_prepared(store, key: str, origin: str, path: str, ov_json: dict, prep: Prepared) -> None:
    """Write one prepared document and its vocabulary (the in-process path: ``add`` and small rebuilds)."""
    rows = document_rows(key, origin, path, ov_json, prep.sources, prep.minings)
    store.add_document(key, rows, words=prep.words)


def whoosh_docs(prep: Prepared):
    for src, speakers in zip(prep.sources, prep.speakers, strict=True):
        yield from passage_docs(src, speakers)


# -- the parallel rebuild --------------------------------------------------------------------------------
def _worker(
    wid: int, ix_dir: str, cache_dir: str, chunk: list, gaz_re: tuple, out: mp.Queue, parent: int
) -> None:
    """Prepare and index one run of documents into new segments; stream records and segments to ``out``."""
    try:
        from .engine.segments import WorkerSegments

        segs = WorkerSegments(ix_dir, SEGMENT_POSTINGS)
        batch: list = []
        vocabulary: Counter[str] = Counter()
        for key, origin, path, ov in chunk:
            if os.getppid() != parent:  # the parent was killed: stop rather than write on for nobody
                os._exit(1)
            try:
                prep = prepare(Path(path), origin, ov, gaz_re, vocabulary)
            except InputError as e:
                batch.append(("notice", origin, e.message))
                continue
            for doc in whoosh_docs(prep):
                segs.add(doc)
            # Table rows are made here, in parallel; the parent only inserts them.
            batch.append(
                (
                    "doc",
                    key,
                    origin,
                    document_rows(key, origin, str(path), ov.to_json(), prep.sources, prep.minings),
                )
            )
            if len(batch) >= BATCH:
                _put(out, ("batch", wid, batch), parent)
                batch = []
            segs.maybe_cut()
        if batch:
            _put(out, ("batch", wid, batch), parent)
        segments = segs.finish(Path(cache_dir))
        _put(out, ("done", wid, (segments, vocabulary)), parent)
    except OSError as e:
        out.put(("oserror", wid, (e.errno, e.strerror or str(e))))
    except BaseException:
        out.put(("error", wid, traceback.format_exc()))


def _put(out: mp.Queue, item: tuple, parent: int) -> None:
    """Send to the parent; give up (exit) if it is gone rather than wait on a full queue for ever."""
    while True:
        try:
            out.put(item, timeout=1.0)
            return
        except queue.Full:
            if os.getppid() != parent:
                os._exit(1)


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
                    _, key, origin, rows = item
                    if rows.sources and store.source_title(rows.sources[0][0]) is not None:
                        raise DuplicateText(origin)  # two documents, one text: decided in-process
                    store.add_document(key, rows, words=Counter())
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
    from .engine.segments import commit_segments

    store._add_words(vocabulary, 1)
    commit_segments(ix, [seg for w in range(len(workers)) for seg in segments[w]])
