"""The library: one object the TUI, the CLI and the benchmark talk to. It owns nothing itself; each part
lives in its own module (see docs/architecture.md):

- documents.py     which documents the library holds (seeds + copies of what the user added)
- generations.py   index generations on disk, the atomic switch, the write lock
- indexer.py       building a generation, adding and removing documents
- readers.py       per-thread searcher / store / evaluator slots over the current generation
- query_service.py the search path: parse → expand → score → highlight → rows
- aliases.py       entity names in a query expanded to their other names
- facets.py        counts by author, outlet and year
- store.py         every SQL statement (sources, passages, names, quotes)
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from . import manifest, removal
from .aliases import Aliases
from .documents import Documents, Specs
from .engine import compat
from .engine.parse import BuiltQuery
from .entities import EntityIndex
from .errors import CannotWrite, IndexProblem, LibraryBusy, cannot_write
from .gazetteer import Gazetteer
from .generations import Generations, check_store, write_lock
from .heap import release_free_heap
from .indexer import Indexer, Progress
from .ingest import Overrides
from .ingest.files import expand_folders
from .manifest import Damaged
from .model import Source
from .paths import Paths, get_paths
from .query import Completer, cap_query
from .query_service import QueryService
from .readers import ReaderPool
from .removal import RemoveReport
from .results import AddReport, Hit, SearchResult
from .spellings import library_links
from .store import Store

__all__ = ["AddReport", "Hit", "Library", "RemoveReport", "SearchResult", "write_lock"]


class Library:
    """The user's library. Thread-safe for reading; writes take the process-wide lock."""

    def __init__(self, paths: Paths | None = None, *, include_seeds: bool = True) -> None:
        self.paths = paths or get_paths()
        self.include_seeds = include_seeds
        self.notices: list[str] = []  # what the user should be told (shared by every part)
        self._cannot_write: CannotWrite | None = None  # set when the home cannot be written
        if compat.WARNING:  # another Whoosh than the pinned one: plain scoring, said once
            self.notices.append(compat.WARNING)
        self._open_lock = threading.RLock()
        self.gazetteer = Gazetteer()
        self.documents = Documents(self.paths, include_seeds, self.notices)
        self.generations = Generations(self.paths)
        self.indexer = Indexer(self.generations, self.gazetteer, self.notices)
        self.readers = ReaderPool(self.generations, self.open)
        self.aliases = Aliases(self.readers, self.gazetteer, self.notices)
        self.queries = QueryService(self.readers, self.aliases)
        self._entities: EntityIndex | None = None
        self._entities_key: object = None

    # -- opening and writing ------------------------------------------------------------------------
    def open(self, progress: Progress | None = None) -> Library:
        """Open the current index, building or repairing it when needed, and index new documents.

        A home that cannot be written still opens for reading: new documents wait (with a notice), and an
        index that must be built is built in a temporary folder for this session.
        """
        with self._open_lock:
            self.generations.remove_leftovers()  # what a killed run left behind
            gen = self.generations.current()
            if gen is not None:
                try:
                    ix, store = self._open_checked(gen)
                    self.readers.set(ix, gen, store)
                except Damaged as e:
                    self.notices.append(f"The index was damaged ({e}); rebuilt it from the documents.")
                    gen = None
                except IndexProblem as e:
                    self.notices.append(f"The index needs a rebuild ({e}); rebuilding.")
                    gen = None
                except Exception as e:  # the index is a cache of the documents: any damage means a rebuild
                    self.notices.append(
                        f"The index was damaged ({type(e).__name__}); rebuilt it from the documents."
                    )
                    gen = None
            if gen is None:
                try:
                    self.rebuild(progress)
                except CannotWrite as e:
                    self._rebuild_elsewhere(progress, e)
            else:
                try:
                    self.sync(progress)
                except CannotWrite as e:
                    self.notices.append(f"New documents are not indexed yet: {e.message}")
        return self

    def _open_checked(self, gen: str, full: bool | None = None):
        """Open ``gen``; a file that disagrees with the manifest is checked again under the write lock, since
        an add may have been between writing it and its manifest."""
        try:
            return self.generations.open(gen, full=full)
        except Damaged as first:
            try:
                with write_lock(self.paths):
                    return self.generations.open(gen, full=full)
            except (CannotWrite, LibraryBusy):  # no lock to be had: the first answer stands
                raise first from None

    def _rebuild_elsewhere(self, progress: Progress | None, why: CannotWrite) -> None:
        """Build the index in a temporary folder (removed at exit) when the home cannot be written."""
        import atexit
        import dataclasses
        import shutil
        import tempfile

        try:
            tmp = Path(tempfile.mkdtemp(prefix="nato-brief-"))
        except OSError:
            raise why from None
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
        p = self.paths
        self.paths = dataclasses.replace(
            p, home=tmp, index=tmp / "index", exports=tmp / "exports", lock=tmp / "write.lock",
            documents=p.documents if p.documents.is_dir() else tmp / "documents",
        )  # fmt: skip
        self.documents.paths = self.generations.paths = self.paths
        self.notices.append(f"{why.message} The index for this session is in {tmp}.")
        self._cannot_write = why
        try:
            self.rebuild(progress)
        except IndexProblem as e:
            raise IndexProblem(f"{why.message} Building a temporary index failed too: {e.message}") from e

    def reload_if_changed(self) -> bool:
        """Pick up another process's rebuild or add. Returns True when something changed."""
        gen = self.generations.current()
        if gen and gen != self.readers.gen:
            with self._open_lock:
                try:
                    ix, _store = self.generations.open(gen)
                    _store.close()
                except Exception:  # a generation being replaced right now; keep the one we have
                    return False
                self.readers.set(ix, gen)
            return True
        return self.readers.refresh_if_stale()

    def rebuild(self, progress: Progress | None = None) -> None:
        """Build a complete new generation from the documents and switch to it atomically."""
        with write_lock(self.paths):
            gen = self.indexer.build_generation(self.documents.specs(), progress)
            ix, store = self.generations.open(gen)
            self.readers.set(ix, gen, store)
            self.generations.collect_garbage(keep={gen})

    def sync(self, progress: Progress | None = None) -> list[Source]:
        """Index documents that appeared since the last build; drop ones that vanished."""
        keys = self.documents.keys()
        have = self.store().document_keys()
        gone = [k for k in have if k not in keys]
        if not (keys - have) and not gone:
            return []
        return self._write(self.documents.specs(only=keys - have), gone, progress)

    def add(
        self,
        files: list[Path | str],
        overrides: Overrides | None = None,
        *,
        origin_names: list[str] | None = None,
        replace: bool = False,
    ) -> AddReport:
        """Copy documents (paths, or http(s) addresses as strings, fetched) into the library and index them;
        bad ones are reported, the rest kept. A folder stands for the documents in it, subfolders included
        (files of other types are listed in ``skipped``).

        One source, one identity: a document whose text is already in the library (a seed, or added before
        under any file name, with any options) is not added again and changes nothing; it is reported in
        ``already``. With ``replace`` it takes the place of the added copy that has its text (file name and
        metadata; the source ids stay) and of the versions added before from the same path or address (an
        edited file: its new text gets new ids). Shipped seeds are never replaced.
        """
        self.ix  # noqa: B018  (make sure an index exists first)
        if self._cannot_write is not None:  # what is added to a session's temporary index would be lost
            raise CannotWrite(self._cannot_write.message)
        report = AddReport()
        if origin_names is None:  # a folder stands for the documents in it (names given per file: files only)
            files = expand_folders(files, report.errors, report.skipped)
        st = self.store()
        from .build import mine_sources

        gaz_re = self.gazetteer.matcher
        # Reading, parsing and mining happen in stage(), before the write lock: searches and other writers
        # wait only while the prepared documents are stored and indexed.
        done = self.documents.stage(files, overrides or Overrides(), origin_names, report.errors,
                                    owner_of=st.document_of, named=st.documents_named, replace=replace,
                                    mine=lambda sources: mine_sources(sources, gaz_re))  # fmt: skip
        staged = done.staged
        was = {new: [sid for k in old for sid in st.sources_of(k)] for new, old in done.gone.items()}
        report.earlier = [(path, st.sources_of(k)) for path, k in done.earlier]
        if staged:
            self._write(
                staged, sorted({k for old in done.gone.values() for k in old}), prepared=done.prepared
            )
            for new, old in done.gone.items():
                for k in old:
                    if k != new:  # the replaced copy leaves the documents folder
                        self.documents.forget(k)
            # Every staged document, whoever indexed it: another nato-brief opening meanwhile indexes
            # documents it finds copied but not yet indexed, and this add still put them there.
            st = self.store()
            for key in staged:
                report.added += (got := list(st.catalog_of(st.sources_of(key)).values()))
                if key in done.gone:  # it took the place of the copy that had its text (or an older version)
                    report.replaced += [src.id for src in got]
                    report.was[key] = (
                        [src.id for src in got],
                        [i for i in was[key] if i not in st.catalog()],
                    )
        cat = self.store().catalog_of([sid for _path, sid in done.already])
        report.already = [(path, cat[sid]) for path, sid in done.already if sid in cat]
        return report

    def _write(
        self, new: Specs, gone: list[str], progress: Progress | None = None, prepared: dict | None = None
    ) -> list[Source]:
        with write_lock(self.paths):
            self.reload_if_changed()
            assert self.readers.gen is not None
            added = self.indexer.update(self.ix, self.readers.gen, new, gone, progress, prepared)
        self.readers.reset()
        return added

    # -- removing and restoring (search/removal.py) -------------------------------------------------
    def remove(self, targets: list[str]) -> RemoveReport:
        """Take the documents ``targets`` name (a source id, the path or address one was added from, or its
        origin as ``sources`` shows it) out of the library, into the trash; what names nothing is reported in
        ``errors`` and the rest still goes."""
        report = RemoveReport()
        self._trash_write(lambda st: ({}, removal.to_trash(self.paths, st, targets, report)))
        report.tray_quotes = removal.tray_quotes_from(self.paths, {s.id for s in report.sources})
        return report

    def restore(self, targets: list[str]) -> RemoveReport:
        """Bring documents back from the trash (named by a source id they held, or where they came from)."""
        report = RemoveReport()
        keys: list[str] = []

        def back(st: Store) -> tuple[Specs, list[str]]:
            keys.extend(removal.from_trash(self.paths, targets, report, st))
            return self.documents.specs(only=set(keys)), []

        self._trash_write(back)
        st = self.store()
        report.sources = [s for k in keys for s in st.catalog_of(st.sources_of(k)).values()]
        return report

    def trash(self) -> dict[str, dict]:
        """The documents in the trash (key -> origin, the sources they held, when removed)."""
        return removal.trash_records(self.paths)

    def empty_trash(self) -> int:
        """Delete the trash's copies for good; how many documents it held."""
        with write_lock(self.paths):
            return removal.empty_trash(self.paths)

    def _trash_write(self, move) -> None:
        """Under the write lock: ``move(store)`` moves documents in or out of the trash and says what to index
        and drop; the index follows at once."""
        self.ix  # noqa: B018  (make sure an index exists first)
        if self._cannot_write is not None:
            raise CannotWrite(self._cannot_write.message)
        with write_lock(self.paths):
            self.reload_if_changed()
            try:
                new, gone = move(self.store())
            except OSError as e:
                raise CannotWrite(cannot_write(self.paths.home, e)) from e
            if new or gone:
                assert self.readers.gen is not None
                self.indexer.update(self.ix, self.readers.gen, new, gone)
        self.readers.reset()

    # -- documents ----------------------------------------------------------------------------------
    def document_keys(self) -> set[str]:
        return self.documents.keys()

    # -- readers ------------------------------------------------------------------------------------
    @property
    def ix(self):
        return self.readers.ix

    def store(self) -> Store:
        """This thread's connection to the current generation's records."""
        return self.readers.store()

    def searcher(self):
        """This thread's Whoosh searcher, refreshed when the index changed."""
        return self.readers.searcher()

    def dense(self):
        """This thread's whole-posting-list evaluator, or None when it cannot be used."""
        return self.readers.dense()

    def sources(self) -> list[Source]:
        return list(self.store().catalog().values())

    def source(self, source_id: str) -> Source | None:
        return self.store().source(source_id)

    def warm(self) -> None:
        """Load what the first search would otherwise wait for (the TUI calls this while it opens), and check
        the big index files' checksums when opening did not (a damaged one: rebuilt, with a notice)."""
        gen = self.readers.gen
        d = self.generations.dir(gen) if gen else None
        if d and not self._cannot_write and not manifest.checked_in_full(d, d / "library.sqlite"):
            try:
                manifest.check(d, full=True)
                check_store(self.store())
            except Damaged as e:
                with self._open_lock:
                    self.notices.append(f"The index was damaged ({e}); rebuilt it from the documents.")
                    self.rebuild()
        self.store().catalog()
        self.store().duplicates()
        self.aliases.index()
        self.queries.completer()
        self.queries.corrector()
        dense = self.dense()  # imports numpy
        if dense is not None:
            dense.terms.prepare()  # field lengths, the small fields' terms
        for ss, _off in self.searcher().leaf_searchers():
            if ss.doc_count_all():
                ss.stored_fields(0)  # reads each segment's table of stored records (20-40 ms at 10k)
        # What was built above lives as long as the library: out of the garbage collector's view, a full
        # collection no longer walks it (one walk of the catalog and caches is a 20-60 ms pause mid-keystroke).
        gc.freeze()

    # -- searching ----------------------------------------------------------------------------------
    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        author: str | None = None,
        outlet: str | None = None,
        year: str | int | None = None,
        prefix: bool = False,
        facets: bool = False,
        group_or: bool = False,
        built: BuiltQuery | None = None,
        exact: bool = False,
        correct: bool = True,
        sort: str = "relevance",
        closest: bool = True,
    ) -> SearchResult:
        """Ranked passages (BM25F over every field) with highlight offsets; closest matches when no passage
        has every word; unknown words corrected unless ``correct`` is False; ``sort`` "relevance" or "date".
        Never raises on a bad query."""
        return self.queries.search(text, limit=limit, author=author, outlet=outlet, year=year, prefix=prefix,
                                   facets=facets, group_or=group_or, built=built, exact=exact, correct=correct,
                                   sort=sort, closest=closest)  # fmt: skip

    def as_you_type(
        self,
        text: str,
        *,
        limit: int = 40,
        facets: bool = False,
        sort: str = "relevance",
        first: int | None = None,
    ) -> tuple[SearchResult | None, list[str]]:
        """What the TUI runs on each keystroke: the ranked results (last word completed, typos corrected,
        closest matches) and the entities the text names, for the strip above the results. ``first``: only
        the rows a list of that many lines shows first are highlighted (the TUI passes its height, and
        shows the others' highlights from ``SearchResult.highlight_rest`` a moment later). The benchmark
        measures this call, as the TUI makes it, and the rest separately."""
        text, cut = cap_query(text)  # before anything else
        self.reload_if_changed()  # another nato-brief may have added documents meanwhile
        with self.readers.pinned(checked=True):  # that was this keystroke's one look at the index
            res, ents = self.queries.as_you_type(text, limit=limit, facets=facets, sort=sort, first=first)
        if res is not None:
            res.notices[:0] = [n for n in cut if n not in res.notices]
        return res, ents

    def correct_text(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with the words the library does not have replaced by the closest ones it has."""
        return self.queries.correct_text(text)

    def build_query(self, text: str, *, exact: bool = False, **kw) -> BuiltQuery:
        """Parse ``text`` (typos corrected, entity names and word families expanded unless ``exact``)."""
        return self.queries.build(text, exact=exact, **kw)

    def matching_passages(self, bq: BuiltQuery, source_id: str) -> set[str]:
        """Ids of the passages of one source that the query matches (a pane's "hits")."""
        return self.queries.matching_passages(bq, source_id)

    def facets(self, bq: BuiltQuery, cap: int = 5000) -> dict[str, list[tuple[str, int]]]:
        return self.queries.facets(bq, cap)

    def completer(self) -> Completer:
        return self.queries.completer()

    # -- entities -----------------------------------------------------------------------------------
    def alias_index(self) -> EntityIndex:
        return self.aliases.index()

    def entities(self) -> EntityIndex:
        """The merged entity index for the current library (cached until the library changes)."""
        st = self.store()
        key = self.readers.key()
        if self._entities is None or self._entities_key != key:
            # Built once, after queries freed memory: their free heap goes back first so the build's
            # temporaries (about 20 MB at 10,000 articles) do not come on top of it, then the build's own.
            release_free_heap()
            names, pairs, quotes = st.mining()
            authors: dict[str, list[str]] = {}
            for src in st.catalog().values():
                for a in src.authors:
                    authors.setdefault(a, []).append(src.id)
            pairs = pairs + library_links(st, self.gazetteer.entries)
            self._entities = EntityIndex.build(self.gazetteer.entries, names, pairs, quotes, authors)
            self._entities_key = key
            release_free_heap()
        return self._entities
