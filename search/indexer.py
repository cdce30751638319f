"""Writing the index: build a whole new generation from the documents, or add and remove documents in the
current one. Each document goes through :mod:`.build` (read, ingest, mine) into the store and Whoosh; the
caller holds the write lock (search/generations.py)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
from collections.abc import Callable

from . import manifest
from .documents import Specs
from .engine import compat
from .engine.postings import write_postings_caches
from .engine.schema import SCHEMA_VERSION
from .engine.segments import create_index
from .errors import CannotWrite, IndexProblem, InputError, cannot_write, is_place_error
from .gazetteer import Gazetteer
from .generations import LOCK_TIMEOUT, Generations
from .model import Source
from .store import Store

Progress = Callable[[int, int, str], None]
PARALLEL_MIN_DOCS = 200  # bigger rebuilds use one worker process per core (search/build.py)


class Indexer:
    def __init__(self, generations: Generations, gazetteer: Gazetteer, notices: list[str]) -> None:
        self.generations = generations
        self.gazetteer = gazetteer
        self.notices = notices

    def build_generation(self, specs: Specs, progress: Progress | None = None) -> str:
        """Index every document of ``specs`` into a new generation, publish it and return its name."""
        gens = self.generations
        gen = gens.new_name()
        tmp = gens.staging_dir(gen)
        try:
            ix = create_index(tmp / "whoosh")
            store = Store(tmp / "library.sqlite", create=True)
            total = len(specs)
            procs = min(os.cpu_count() or 1, 4)
            forks = "fork" in multiprocessing.get_all_start_methods()  # workers inherit the loaded code
            # Workers hand their segments over through Whoosh internals: only on the pinned Whoosh.
            parallel = total > PARALLEL_MIN_DOCS and procs > 1 and forks and compat.FAST
            if parallel:
                from .build import DuplicateText, parallel_build

                ordered = [(k, *v) for k, v in build_order(specs)]
                try:
                    parallel_build(
                        ix, store, ordered, tmp / "postings", self.gazetteer.matcher, procs, progress, self.notices
                    )  # fmt: skip
                except DuplicateText:
                    # Two documents hold the same text: the in-process build decides which one keeps it.
                    store.close()
                    tmp = gens.staging_dir(gen)
                    ix = create_index(tmp / "whoosh")
                    store = Store(tmp / "library.sqlite", create=True)
                    parallel = False
            if not parallel:
                writer = ix.writer(limitmb=64, compound=False)
                self.index_documents(store, writer, specs, progress, replace=False)
                writer.commit()
                if compat.FAST:
                    write_postings_caches(ix, tmp / "postings")
            store.set_meta("schema", SCHEMA_VERSION)
            store.commit()
            store.close()
            gens.publish(tmp, gen)
            if progress:
                progress(total, total, "done")
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            if is_place_error(e):
                raise CannotWrite(cannot_write(gens.paths.index, e)) from e
            raise IndexProblem(
                f"Could not write the index under {gens.paths.index}: {e.strerror or e}"
            ) from e
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return gen

    def update(
        self,
        ix,
        gen: str,
        new: Specs,
        gone: list[str],
        progress: Progress | None = None,
        prepared: dict | None = None,
    ) -> list[Source]:
        """Remove the documents ``gone`` and index ``new`` (those not already there) in generation ``gen``.

        ``prepared`` holds documents already read and parsed (by key), so the caller's lock is not held
        while that happens."""
        store = Store(self.generations.dir(gen) / "library.sqlite")
        have = store.document_keys()
        new = {k: v for k, v in new.items() if k not in have or k in gone}  # a replaced copy: re-indexed
        writer = ix.writer(timeout=LOCK_TIMEOUT, compound=False)
        try:
            for k in gone:
                for sid in store.remove_document(k):
                    writer.delete_by_term("source_id", sid)
            added = self.index_documents(store, writer, new, progress, replace=True, prepared=prepared)
            writer.commit()
        except BaseException as e:
            writer.cancel()
            store.rollback()
            store.close()
            if is_place_error(e):
                raise CannotWrite(cannot_write(self.generations.paths.index, str(e))) from e
            raise
        try:
            store.commit()
        except Exception as e:
            if is_place_error(e):
                raise CannotWrite(cannot_write(self.generations.paths.index, str(e))) from e
            raise
        finally:
            store.close()
        manifest.write(self.generations.dir(gen))  # the files it vouches for changed
        # Small segments are read from Whoosh directly; a merge that made a big one gets a cache.
        with contextlib.suppress(OSError):
            if compat.FAST:
                write_postings_caches(ix, self.generations.dir(gen) / "postings", min_docs=2000)
        return added

    def index_documents(
        self,
        store: Store,
        writer,
        specs: Specs,
        progress: Progress | None,
        *,
        replace: bool,
        prepared: dict | None = None,
    ) -> list[Source]:
        """Prepare, store and index each document; unreadable ones become notices. ``replace`` for adds."""
        from .build import prepare, store_prepared, whoosh_docs

        gaz_re = self.gazetteer.matcher
        added: list[Source] = []
        for n, (key, (origin, path, ov)) in enumerate(build_order(specs), 1):
            if progress:
                progress(n - 1, len(specs), origin)
            try:
                prep = (prepared or {}).get(key) or prepare(path, origin, ov, gaz_re)
            except InputError as e:
                self.notices.append(e.message)
                continue
            sid = prep.sources[0].id if prep.sources else ""
            title = store.source_title(sid)
            if title is not None:
                # Its text is already a source of the library: that source keeps its identity and metadata.
                self.notices.append(
                    f"{origin}: the same text is already in the library as {sid} {title}; not indexed again."
                )
                store.add_document_record(key, origin, str(path), ov.to_json())  # known: not read again
                continue
            store_prepared(store, key, origin, str(path), ov.to_json(), prep)
            if replace:
                for src in prep.sources:
                    writer.delete_by_term("source_id", src.id)
            for doc in whoosh_docs(prep):
                (writer.update_document if replace else writer.add_document)(**doc)
            added.extend(prep.sources)
        return added


def build_order(specs: Specs) -> list:
    """Documents in the order they are indexed: the shipped seeds first, then the added ones by key. When two
    hold the same text (one source, one identity), the first keeps it and the other is not indexed."""
    return sorted(specs.items(), key=lambda kv: (not kv[0].startswith("seed:"), kv[0]))
