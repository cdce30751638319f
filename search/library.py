"""The library: documents on disk, an index built from them, and searching it.

The index is a cache of the documents (the shipped seeds plus copies of what the user added), so any damage
can be repaired by rebuilding. Layout under ``NATO_BRIEF_HOME``::

    documents/<sha1>.<ext> + <sha1>.json   copies of added documents and the metadata the user gave
    index/CURRENT                          name of the generation that answers queries
    index/gen-*/whoosh/, index/gen-*/library.sqlite, index/gen-*/stamp.json

A full build writes a new generation beside the old one and switches ``CURRENT`` with an atomic rename, so a
crash or kill mid-build leaves the previous index answering. Adding a document writes into the current
generation under an exclusive lock; a second writer waits for the lock, then goes on.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from .entities import EntityIndex
from .errors import IndexProblem, InputError, LibraryBusy
from .gazetteer import gazetteer_matcher, load_gazetteer
from .index import SCHEMA_VERSION, highlight_spans, make_schema
from .ingest import SUFFIXES, Overrides, doc_key, ingest_text, read_text
from .model import Source
from .paths import Paths, get_paths, seed_files
from .query import MAX_EXPANDED_CHARS, MAX_QUERY_CHARS, BuiltQuery, Completer, build_query, cap_query
from .store import Store

Progress = Callable[[int, int, str], None]
LOCK_TIMEOUT = float(os.environ.get("NATO_BRIEF_LOCK_TIMEOUT", "60"))
PARALLEL_MIN_DOCS = 200  # bigger rebuilds use one worker process per core (search/build.py)


@dataclass
class Hit:
    """One matching passage with its source's metadata; highlights are offsets into ``text``."""

    source_id: str
    passage_id: str
    title: str
    authors: list[str]
    date: str | None
    outlet: str | None
    score: float
    text: str
    highlights: list[list[int]]
    duplicate_of: list[str] = field(default_factory=list)
    url: str | None = None
    start: int = 0  # the passage's offsets in its source's clean text
    end: int = 0

    def to_json(self) -> dict:
        return {
            "source_id": self.source_id,
            "passage_id": self.passage_id,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "score": round(self.score, 4),
            "text": self.text,
            "highlights": self.highlights,
            "duplicate_of": list(self.duplicate_of),
        }


@dataclass
class SearchResult:
    query: str
    expanded: str
    total: int
    hits: list[Hit]
    notices: list[str] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    literal: bool = False
    expansions: list[tuple[str, list[str]]] = field(default_factory=list)
    total_exact: bool = True  # False: ``total`` is an upper bound (phrase candidates not all checked)

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "expanded": self.expanded,
            "total": self.total,
            "total_exact": self.total_exact,
            "hits": [h.to_json() for h in self.hits],
            "notices": list(self.notices),
            "literal": self.literal,
            "expansions": [{"typed": t, "names": n} for t, n in self.expansions],
            "facets": {k: [[n, c] for n, c in v] for k, v in self.facets.items()},
        }


@dataclass
class AddReport:
    added: list[Source] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


@contextlib.contextmanager
def write_lock(paths: Paths, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Exclusive, process-wide write lock; waits up to ``timeout`` seconds, then raises LibraryBusy."""
    paths.ensure()
    fd = os.open(paths.lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LibraryBusy(
                        "Another nato-brief is still writing to the library; nothing was changed. Try again."
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


class Library:
    """The user's library. Thread-safe for reading; writes take the process-wide lock."""

    def __init__(self, paths: Paths | None = None, *, include_seeds: bool = True) -> None:
        self.paths = paths or get_paths()
        self.include_seeds = include_seeds
        self.notices: list[str] = []
        self._ix = None
        self._gen: str | None = None
        self._reset_slots()
        self._open_lock = threading.RLock()
        self._completer: Completer | None = None
        self._completer_gen: object = None
        self._gaz: list | None = None
        self._gaz_re: tuple = (None, None)
        self._entities: EntityIndex | None = None
        self._entities_key: object = None
        self._result_cache: dict[tuple, tuple[int, list]] = {}
        self._aliases: EntityIndex | None = None
        self._aliases_key: object = None

    # -- documents ----------------------------------------------------------------------------------
    def document_keys(self) -> set[str]:
        """The keys of every document the library should contain, from file names alone (cheap)."""
        keys = {"seed:" + p.name for p in seed_files()} if self.include_seeds else set()
        docs = self.paths.documents
        if docs.is_dir():
            keys |= {"doc:" + p.stem for p in docs.glob("*.json")}
        return keys

    def document_specs(self, only: set[str] | None = None) -> dict[str, tuple[str, Path, Overrides]]:
        """doc_key -> (origin, path, overrides) for the library's documents (or just the keys in ``only``)."""
        specs: dict[str, tuple[str, Path, Overrides]] = {}
        if self.include_seeds:
            for p in seed_files():
                if only is None or "seed:" + p.name in only:
                    specs["seed:" + p.name] = (f"seeds/{p.name}", p, Overrides())
        docs = self.paths.documents
        if docs.is_dir():
            for meta_path in sorted(docs.glob("*.json")):
                if only is not None and "doc:" + meta_path.stem not in only:
                    continue
                try:
                    meta = json.loads(meta_path.read_text(encoding="utf-8"))
                    path = docs / meta["file"]
                    if path.is_file():
                        specs["doc:" + meta_path.stem] = (
                            meta["origin"],
                            path,
                            Overrides.from_json(meta["overrides"]),
                        )
                except (OSError, ValueError, KeyError, TypeError):
                    self.notices.append(f"Skipped an unreadable document record: {meta_path.name}")
        return specs

    # -- generations ------------------------------------------------------------------------------
    def _current_gen(self) -> str | None:
        try:
            name = (self.paths.index / "CURRENT").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        if not name.startswith("gen-") or "/" in name or not (self.paths.index / name).is_dir():
            return None
        return name

    def _gen_dir(self, gen: str) -> Path:
        return self.paths.index / gen

    def _open_gen(self, gen: str):
        from whoosh import index as windex

        d = self._gen_dir(gen)
        stamp = json.loads((d / "stamp.json").read_text(encoding="utf-8"))
        if stamp.get("schema") != SCHEMA_VERSION:
            raise IndexProblem("index schema changed")
        ix = windex.open_dir(str(d / "whoosh"))
        store = Store(d / "library.sqlite")
        with ix.searcher() as s:
            n = s.doc_count()
        stored = store.passage_count()
        if n != stored:
            store.close()
            raise IndexProblem(f"index holds {n} passages, library {stored}")
        return ix, store

    def open(self, progress: Progress | None = None) -> Library:
        """Open the current index, building or repairing it when needed, and index new documents."""
        with self._open_lock:
            gen = self._current_gen()
            if gen is not None:
                try:
                    ix, store = self._open_gen(gen)
                    self._set(ix, gen, store)
                except IndexProblem as e:
                    self.notices.append(f"The index needs a rebuild ({e}); rebuilding.")
                    gen = None
                except Exception as e:  # the index is a cache of the documents: any damage means a rebuild
                    self.notices.append(
                        f"The index was damaged ({type(e).__name__}); rebuilt it from the documents."
                    )
                    gen = None
            if gen is None:
                self.rebuild(progress)
            else:
                self.sync(progress)
        return self

    def _set(self, ix, gen: str, store: Store | None = None) -> None:
        self._ix = ix
        self._gen = gen
        self._reset_slots()
        if store is not None:
            self._local.store = store
            self._local.gen = gen

    # -- per-thread readers -------------------------------------------------------------------------
    def _reset_slots(self) -> None:
        self._tls = threading.local()
        self._slots: list[SimpleNamespace] = []
        self._slots_lock = threading.Lock()

    @property
    def _local(self) -> SimpleNamespace:
        """This thread's searcher, store connection and caches.

        A thread that finished leaves its slot for the next one: the TUI runs each search in a new worker
        thread, and opening a searcher and loading the catalog again for every keystroke would cost more
        than the search itself.
        """
        slot = getattr(self._tls, "slot", None)
        if slot is None:
            with self._slots_lock:
                for cand in self._slots:
                    if not cand.thread.is_alive():
                        slot = cand
                        break
                else:
                    slot = SimpleNamespace()
                    self._slots.append(slot)
                slot.thread = threading.current_thread()
            self._tls.slot = slot
        return slot

    @property
    def ix(self):
        if self._ix is None:
            self.open()
        return self._ix

    def store(self) -> Store:
        """This thread's connection to the current generation's records."""
        ix = self.ix  # noqa: F841  (opens when needed)
        st = getattr(self._local, "store", None)
        if st is None or getattr(self._local, "gen", None) != self._gen:
            st = Store(self._gen_dir(self._gen) / "library.sqlite")
            self._local.store = st
            self._local.gen = self._gen
        return st

    def searcher(self):
        """This thread's Whoosh searcher, refreshed when the index changed."""
        ix = self.ix
        s = getattr(self._local, "searcher", None)
        if s is None or getattr(self._local, "searcher_gen", None) != self._gen:
            s = ix.searcher()
            self._local.searcher = s
            self._local.searcher_gen = self._gen
        elif not s.up_to_date():
            s = s.refresh()
            self._local.searcher = s
        return s

    def _reader_key(self) -> tuple:
        """What the caches built from the index are valid for: a new reader means the index changed."""
        return (self._gen, id(self.searcher().reader()))

    def completer(self) -> Completer:
        key = self._reader_key()
        if self._completer is None or self._completer_gen != key:
            self._completer = Completer.from_store(self.store())
            self._completer_gen = key
        return self._completer

    def reload_if_changed(self) -> bool:
        """Pick up another process's rebuild or add. Returns True when something changed."""
        gen = self._current_gen()
        if gen and gen != self._gen:
            with self._open_lock:
                try:
                    ix, _store = self._open_gen(gen)
                    _store.close()
                except Exception:  # a generation being replaced right now; keep the one we have
                    return False
                self._set(ix, gen)
            return True
        s = getattr(self._local, "searcher", None)
        if s is not None and not s.up_to_date():
            self._local.searcher = s.refresh()
            st = getattr(self._local, "store", None)
            if st is not None:
                st._sources = None
                st._dups = None
            return True
        return False

    # -- building ---------------------------------------------------------------------------------
    def rebuild(self, progress: Progress | None = None) -> None:
        """Build a complete new generation from the documents and switch to it atomically."""
        from whoosh import index as windex

        with write_lock(self.paths):
            specs = self.document_specs()
            gen = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{int(time.time() * 1000) % 100000}"
            tmp = self.paths.index / f"tmp-{gen}"
            shutil.rmtree(tmp, ignore_errors=True)
            (tmp / "whoosh").mkdir(parents=True, mode=0o700)
            try:
                ix = windex.create_in(str(tmp / "whoosh"), make_schema())
                store = Store(tmp / "library.sqlite", create=True)
                total = len(specs)
                procs = min(os.cpu_count() or 1, 4)
                import multiprocessing

                forks = "fork" in multiprocessing.get_all_start_methods()  # workers inherit the loaded code
                if total > PARALLEL_MIN_DOCS and procs > 1 and forks:
                    from .build import parallel_build

                    self._gazetteer()
                    ordered = [(k, *v) for k, v in sorted(specs.items())]
                    parallel_build(
                        ix, store, ordered, tmp / "postings", self._gaz_re, procs, progress, self.notices
                    )
                else:
                    writer = ix.writer(limitmb=64, compound=False)
                    self._index_documents(store, writer, specs, progress, replace=False)
                    writer.commit()
                    self._write_postings_caches(ix, tmp / "postings")
                store.set_meta("schema", SCHEMA_VERSION)
                store.commit()
                store.close()
                (tmp / "stamp.json").write_text(
                    json.dumps({"schema": SCHEMA_VERSION, "built": time.time()}), encoding="utf-8"
                )
                os.replace(tmp, self._gen_dir(gen))
                cur_tmp = self.paths.index / f"CURRENT.{os.getpid()}"
                cur_tmp.write_text(gen, encoding="utf-8")
                os.replace(cur_tmp, self.paths.index / "CURRENT")
                if progress:
                    progress(total, total, "done")
            except OSError as e:
                shutil.rmtree(tmp, ignore_errors=True)
                raise IndexProblem(
                    f"Could not write the index under {self.paths.index}: {e.strerror or e}"
                ) from e
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            ix, store = self._open_gen(gen)
            self._set(ix, gen, store)
            self._collect_garbage(keep={gen})

    @staticmethod
    def _write_postings_caches(ix, dest: Path, min_docs: int = 0) -> None:
        """Postings caches (search/dense.py) for segments that lack one; drop those of merged-away segments."""
        from .dense import write_postings_cache

        dest.mkdir(parents=True, exist_ok=True, mode=0o700)
        with ix.searcher() as s:
            live = set()
            for ss, _off in s.leaf_searchers():
                r = ss.reader()
                segid = r.segment().segment_id()
                live.add(segid)
                if r.doc_count_all() >= min_docs and not (dest / f"{segid}.json").is_file():
                    write_postings_cache(r, dest)
        for f in dest.iterdir():
            if f.name.split(".")[0] not in live:
                f.unlink(missing_ok=True)

    def _collect_garbage(self, keep: set[str]) -> None:
        """Remove old generations (keeping the newest one before ``keep`` for open readers) and dead temps."""
        gens = sorted(p.name for p in self.paths.index.glob("gen-*") if p.is_dir())
        older = [g for g in gens if g not in keep]
        for g in older[:-1]:
            shutil.rmtree(self.paths.index / g, ignore_errors=True)
        for t in self.paths.index.glob("tmp-gen-*"):
            pid = t.name.split("-")[3] if t.name.count("-") >= 3 else ""
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(t, ignore_errors=True)

    def _index_documents(
        self, store: Store, writer, specs: dict, progress: Progress | None, *, replace: bool
    ) -> list[Source]:
        """Prepare, store and index each document; unreadable ones become notices. ``replace`` for adds."""
        from .build import prepare, store_prepared, whoosh_docs

        self._gazetteer()
        added: list[Source] = []
        for n, (key, (origin, path, ov)) in enumerate(sorted(specs.items()), 1):
            if progress:
                progress(n - 1, len(specs), origin)
            try:
                prep = prepare(path, origin, ov, self._gaz_re)
            except InputError as e:
                self.notices.append(e.message)
                continue
            store_prepared(store, key, origin, str(path), ov.to_json(), prep)
            if replace:
                for src in prep.sources:
                    writer.delete_by_term("source_id", src.id)
            for doc in whoosh_docs(prep):
                (writer.update_document if replace else writer.add_document)(**doc)
            added.extend(prep.sources)
        return added

    def entities(self) -> EntityIndex:
        """The merged entity index for the current library (cached until the library changes)."""
        st = self.store()
        key = self._reader_key()
        if self._entities is None or self._entities_key != key:
            self._gazetteer()
            names, pairs, quotes = st.mining()
            authors: dict[str, list[str]] = {}
            for src in st.catalog().values():
                for a in src.authors:
                    authors.setdefault(a, []).append(src.id)
            self._entities = EntityIndex.build(self._gaz, names, pairs, quotes, authors)
            self._entities_key = key
        return self._entities

    def alias_index(self) -> EntityIndex:
        """Entities with their names only (no mentions): enough to expand a query, and quick to load."""
        key = self._reader_key()
        if self._aliases is None or self._aliases_key != key:
            self._gazetteer()
            st = self.store()
            pairs = [(r[0], r[1]) for r in st.db.execute("SELECT DISTINCT a, b FROM pairs")]
            self._aliases = EntityIndex.build(self._gaz, st.alias_rows(), pairs, [])
            self._aliases_key = key
        return self._aliases

    def _gazetteer(self) -> list:
        """The curated entities and their matcher, loaded once."""
        if self._gaz is None:
            self._gaz = load_gazetteer()
            self._gaz_re = gazetteer_matcher(self._gaz) if self._gaz else (None, None)
        return self._gaz

    def sync(self, progress: Progress | None = None) -> list[Source]:
        """Index documents that appeared since the last build; drop ones that vanished."""
        keys = self.document_keys()
        have = {r[0] for r in self.store().db.execute("SELECT doc_key FROM documents")}
        gone = [k for k in have if k not in keys]
        if not (keys - have) and not gone:
            return []
        new = self.document_specs(only=keys - have)
        return self._write(new, gone, progress)

    def _write(self, new: dict, gone: list[str], progress: Progress | None = None) -> list[Source]:
        with write_lock(self.paths):
            self.reload_if_changed()
            store = Store(self._gen_dir(self._gen) / "library.sqlite")
            have = store.documents()
            new = {k: v for k, v in new.items() if k not in have}
            writer = self.ix.writer(timeout=LOCK_TIMEOUT, compound=False)
            try:
                for k in gone:
                    for sid in store.remove_document(k):
                        writer.delete_by_term("source_id", sid)
                added = self._index_documents(store, writer, new, progress, replace=True)
                writer.commit()
            except BaseException:
                writer.cancel()
                store.db.rollback()
                store.close()
                raise
            store.commit()
            store.close()
            # Small segments are read from Whoosh directly; a merge that made a big one gets a cache.
            with contextlib.suppress(OSError):
                self._write_postings_caches(self.ix, self._gen_dir(self._gen) / "postings", min_docs=2000)
        self._reset_slots()
        return added

    def add(
        self, files: list[Path], overrides: Overrides | None = None, *, origin_names: list[str] | None = None
    ) -> AddReport:
        """Copy documents into the library and index them; bad files are reported, the rest kept."""
        self.ix  # noqa: B018  (make sure an index exists first)
        report = AddReport()
        ov = overrides or Overrides()
        staged: dict[str, tuple[str, Path, Overrides]] = {}
        self.paths.ensure()
        for n, f in enumerate(files):
            f = Path(f)
            origin = origin_names[n] if origin_names else f.name
            try:
                if f.suffix.lower() not in SUFFIXES:
                    raise InputError(
                        f"{f.name}: unsupported file type {f.suffix or '(none)'}; use .txt, .md or .html"
                    )
                text, _ = read_text(f)
                ingest_text(text, origin, "check", ov)  # refuse documents with nothing usable before copying
                data = f.read_bytes()
            except InputError as e:
                report.errors.append((str(f), e.message))
                continue
            except OSError as e:
                report.errors.append((str(f), f"cannot read: {e.strerror or e}"))
                continue
            key = doc_key(data + json.dumps(ov.to_json(), sort_keys=True).encode())
            dest = self.paths.documents / f"{key}{f.suffix.lower()}"
            try:
                tmp = dest.with_suffix(dest.suffix + f".tmp{os.getpid()}")
                tmp.write_bytes(data)
                os.replace(tmp, dest)
                meta = {"file": dest.name, "origin": origin, "overrides": ov.to_json()}
                mtmp = self.paths.documents / f"{key}.json.tmp{os.getpid()}"
                mtmp.write_text(json.dumps(meta), encoding="utf-8")
                os.replace(mtmp, self.paths.documents / f"{key}.json")
            except OSError as e:
                report.errors.append((str(f), f"cannot store it in the library: {e.strerror or e}"))
                continue
            staged["doc:" + key] = (origin, dest, ov)
        if staged:
            report.added = self._write(staged, [])
            if not report.added:
                # Already in the library (same bytes, same options): report the existing sources.
                st = self.store()
                for key in staged:
                    report.added += [s for s in st.catalog().values() if self._doc_of(st, s.id) == key]
        return report

    @staticmethod
    def _doc_of(st: Store, sid: str) -> str | None:
        r = st.db.execute("SELECT doc_key FROM sources WHERE id=?", (sid,)).fetchone()
        return r[0] if r else None

    # -- reading ----------------------------------------------------------------------------------
    def sources(self) -> list[Source]:
        return list(self.store().catalog().values())

    def source(self, source_id: str) -> Source | None:
        return self.store().source(source_id)

    def build_query(self, text: str, *, exact: bool = False, **kw) -> BuiltQuery:
        """Parse ``text``, expanding entity names to all their aliases unless ``exact``.

        The text is cut to MAX_QUERY_CHARS before anything else; names are expanded after the cut, and the
        expanded text gets its own, larger cap so an expansion is never cut off half-way.
        """
        prefix = kw.pop("prefix", False)
        text, cut = cap_query(text)
        expanded_text, expansions, notes = (text, [], []) if exact else self._expand_aliases(text)
        bq = build_query(
            self.ix.schema, expanded_text, completer=self.completer() if prefix else None, prefix=prefix,
            max_chars=MAX_EXPANDED_CHARS if expansions else MAX_QUERY_CHARS, **kw,
        )  # fmt: skip
        if bq.literal and expansions:
            # The parser failed on the user's syntax: search the plain words, still with aliases.
            plain = re.sub(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|[()\"*:^~\[\]{}]", " ", text)
            plain_expanded, expansions, notes = self._expand_aliases(plain)
            notices = bq.notices
            bq = build_query(
                self.ix.schema,
                plain_expanded,
                completer=self.completer() if prefix else None,
                prefix=prefix,
                max_chars=MAX_EXPANDED_CHARS,
                **kw,
            )
            bq.notices = notices + [n for n in bq.notices if n not in notices]
            bq.literal = True
        bq.notices = cut + notes + [n for n in bq.notices if n not in cut]
        bq.expansions = expansions
        if expansions:
            bq.text = text
        return bq

    def expand_aliases(self, text: str) -> tuple[str, list[tuple[str, list[str]]]]:
        """Replace entity names outside quotes and fields by an OR of all their names.

        Returns the new query text and, for ``--explain``, each (name as typed, names searched).
        """
        expanded, expansions, _notes = self._expand_aliases(text)
        return expanded, expansions

    def _expand_aliases(self, text: str) -> tuple[str, list[tuple[str, list[str]]], list[str]]:
        """:meth:`expand_aliases` plus notices; the input is capped first and the output stays within
        MAX_EXPANDED_CHARS (names past that are searched as typed, and the notice says so)."""
        text, _cut = cap_query(text)
        try:
            ents = self.alias_index()
        except Exception as e:  # entity data is an extra: a failure must not stop searching
            self.notices.append(f"Alias expansion is off ({type(e).__name__}).")
            return text, [], []
        from .names import name_key

        out: list[str] = []
        expansions: list[tuple[str, list[str]]] = []
        notes: list[str] = []
        room = MAX_EXPANDED_CHARS - len(text)
        # Leave quoted phrases, field:value pairs and operators alone.
        for seg in re.split(r'("[^"]*"|\S+:(?:"[^"]*"|\S+))', text):
            if not seg or seg.startswith('"') or re.match(r"^\S+:", seg):
                out.append(seg)
                continue
            pos = 0
            for s, e, ent in ents.in_query(seg):
                phrase = seg[s:e]
                names = _alias_names(ent)
                if phrase in ("AND", "OR", "NOT") or not names:
                    continue
                if len(names) == 1 and name_key(names[0]) == name_key(phrase):
                    continue  # the entity's only search name, typed as is
                alt = "(" + " OR ".join(f'"{n}"' if not n.isalnum() else n for n in names) + ")"
                if len(alt) - len(phrase) > room:
                    if not notes:
                        notes.append("Too many names to expand them all: the rest were searched as typed.")
                    continue
                room -= len(alt) - len(phrase)
                out.append(seg[pos:s])
                out.append(alt)
                expansions.append((phrase, names))
                pos = e
            out.append(seg[pos:])
        return "".join(out), expansions, notes

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
    ) -> SearchResult:
        """Ranked passages (BM25F) with highlight offsets. Never raises on a bad query.

        When names expanded to their aliases match nothing, the query is searched as typed, with a notice
        (an expansion must never make a search silently come back empty).
        """
        text, cut = cap_query(text)  # before anything else
        bq = built or self.build_query(
            text, prefix=prefix, author=author, outlet=outlet, year=year, group_or=group_or, exact=exact
        )
        bq.notices = cut + [n for n in bq.notices if n not in cut]
        if bq.query is None:
            return SearchResult(
                bq.text, "", 0, [], bq.notices + (["Nothing to search for."] if text.strip() else [])
            )
        s = self.searcher()
        cache_key = (*self._reader_key(), repr(bq.query), limit)
        cached = self._result_cache.get(cache_key)
        total_exact = True
        try:
            if cached is not None:
                total, total_exact, rows = cached  # typing on inside a word whose completion is settled
            else:
                total, total_exact, rows = self._run(bq.query, limit)
                if len(self._result_cache) > 256:
                    self._result_cache.clear()
                self._result_cache[cache_key] = (total, total_exact, rows)
        except Exception:  # a query that cannot run (rare): fall back to the literal words
            from .query import literal_query

            q = literal_query(bq.text, group_or)
            bq.notices.append("That query could not run; searched the words literally.")
            if q is None:
                return SearchResult(bq.text, "", 0, [], bq.notices)
            res = s.search(q, limit=limit)
            total = len(res)
            rows = _rows(res)
        if total == 0 and bq.expansions and built is None:
            plain = self.search(text, limit=limit, author=author, outlet=outlet, year=year, prefix=prefix,
                                facets=facets, group_or=group_or, exact=True)  # fmt: skip
            names = ", ".join(typed for typed, _ in bq.expansions)
            said = f"Nothing matched with {names} expanded to all their names; searched the words as typed."
            plain.notices = cut + [said] + plain.notices
            return plain
        hits = self._hits(rows, bq)
        result = SearchResult(bq.text, bq.expanded, total, hits, bq.notices, literal=bq.literal)
        result.total_exact = total_exact
        result.expansions = bq.expansions
        if facets:
            result.facets = self.facets(bq)
        return result

    def warm(self) -> None:
        """Load what the first search would otherwise wait for (the TUI calls this while it opens)."""
        self.store().catalog()
        self.store().duplicates()
        self.alias_index()
        self.completer()
        self.dense()  # imports numpy, reads the field lengths

    def as_you_type(
        self, text: str, *, limit: int = 40, facets: bool = False
    ) -> tuple[SearchResult | None, list[str]]:
        """What the TUI runs on each keystroke: the ranked results (last word completed) and the entities the
        text names, for the strip above the results. The benchmark measures this call."""
        text, cut = cap_query(text)  # before anything else
        self.reload_if_changed()  # another nato-brief may have added documents meanwhile
        if not text.strip():
            return None, []
        res = self.search(text, prefix=True, limit=limit, facets=facets)
        res.notices[:0] = cut
        ents = [f"{e.name} ({e.kind})" for _, _, e in self.alias_index().in_query(text)]
        return res, ents

    def matching_passages(self, bq: BuiltQuery, source_id: str) -> set[str]:
        """Ids of the passages of one source that the query matches (a pane's "hits")."""
        from whoosh import query as wq

        if bq.query is None:
            return set()
        q = wq.And([bq.query, wq.Term("source_id", source_id)])
        try:
            s = self.searcher()
            ds = self.dense()
            if ds is not None:
                docs, _ = ds.docs(q, self._texts_of, cap=100_000)
                return {s.stored_fields(int(d))["passage_id"] for d in docs}
            return {r["passage_id"] for r in s.search(q, limit=None)}
        except Exception:  # the same fallbacks as search(): no hits rather than a crash
            return set()

    # -- running queries --------------------------------------------------------------------------
    def dense(self):
        """This thread's whole-posting-list evaluator (search/dense.py), or None when it cannot be used."""
        s = self.searcher()
        loc = self._local
        if getattr(loc, "dense_for", None) is not s:
            from .dense import DenseSearcher, Unsupported

            try:
                loc.dense = DenseSearcher(s, self._gen_dir(self._gen) / "postings")
            except Unsupported:
                loc.dense = None
            loc.dense_for = s
        return loc.dense

    def _texts_of(self, docnums: list[int]) -> list[str]:
        """Passage texts by Whoosh document number (for checking phrases)."""
        s = self.searcher()
        pids = [s.stored_fields(d)["passage_id"] for d in docnums]
        ps = self.store().passages(pids)
        return [ps[p].text if p in ps else "" for p in pids]

    def _run(self, q, limit: int) -> tuple[int, bool, list[tuple[str, str, float]]]:
        """(total, whether the total is exact, [(passage id, source id, score)]) best first."""
        from .dense import Unsupported

        s = self.searcher()
        ds = self.dense()
        if ds is not None:
            try:
                total, exact, top = ds.run(q, limit, self._texts_of)
            except Unsupported:
                pass
            else:
                rows = []
                for d, score in top:
                    f = s.stored_fields(d)
                    rows.append((f["passage_id"], f["source_id"], score))
                return total, exact, rows
        res = s.search(q, limit=limit)
        total = _total(res, limit)
        return total, res.has_exact_length(), _rows(res)

    def _hits(self, rows: list[tuple[str, str, float]], bq: BuiltQuery) -> list[Hit]:
        st = self.store()
        cat = st.catalog()
        ps = st.passages([r[0] for r in rows])
        hits = []
        for pid, sid, score in rows:
            p = ps.get(pid)
            src = cat.get(sid)
            if p is None or src is None:
                continue
            hits.append(
                Hit(sid, pid, src.title, src.authors, src.date, src.outlet, score, p.text,
                    highlight_spans(p.text, bq.stems, bq.raws), p.duplicate_of, src.url, p.start, p.end)
            )  # fmt: skip
        return hits

    def facets(self, bq: BuiltQuery, cap: int = 5000) -> dict[str, list[tuple[str, int]]]:
        """Counts of matching passages by author, outlet and year.

        Over every match (phrases checked for the first ``cap``), counted per source at once; without the
        whole-list evaluator, over the first ``cap`` matches.
        """
        s = self.searcher()
        if bq.query is None:
            return {}
        per_source: Counter[str] = Counter()
        ds = self.dense()
        if ds is not None:
            import numpy as np

            docs, _ = ds.docs(bq.query, self._texts_of, cap=cap)
            src_of, names = ds.source_index()
            counts = np.bincount(src_of[docs], minlength=len(names)) if len(docs) else []
            for k in np.flatnonzero(counts):
                per_source[names[k]] = int(counts[k])
        else:
            per_source.update(r["source_id"] for r in s.search(bq.query, limit=cap, scored=False))
        cat = self.store().catalog()
        authors: Counter[str] = Counter()
        outlets: Counter[str] = Counter()
        years: Counter[str] = Counter()
        for sid, n in per_source.items():
            src = cat.get(sid)
            if src is None:
                continue
            for a in src.authors or ["(unknown)"]:
                authors[a] += n
            outlets[src.outlet or "(unknown)"] += n
            years[src.date[:4] if src.date else "(undated)"] += n
        return {
            "author": authors.most_common(),
            "outlet": outlets.most_common(),
            "year": sorted(years.items(), reverse=True),
        }


def _rows(res) -> list[tuple[str, str, float]]:
    """(passage id, source id, score) of Whoosh results."""
    return [(r["passage_id"], r["source_id"], r.score) for r in res]


def _total(res, limit: int) -> int:
    """Exact count when the results fit the limit; Whoosh's estimate (an upper bound) otherwise."""
    if res.has_exact_length():
        return len(res)
    scored = res.scored_length()
    return scored if scored < limit else max(scored, res.estimated_length())


def _alias_names(ent) -> list[str]:
    """An entity's names for searching: canonical name first, distinct, at most eight, no one-letter ones.

    A name that contains another of the names ("Kurdish Peshmerga" and "Peshmerga") adds no passage to the
    OR, only a second helping of score and a phrase to check, so it is left out.
    """
    from .index import contains_phrase, stem_sequence
    from .names import name_key

    seen: set[str] = set()
    cands: list[tuple[str, tuple[str, ...]]] = []
    for n in [ent.name, *ent.aliases]:
        k = name_key(n)
        if len(k) < 2 or k in seen or '"' in n:
            continue
        seen.add(k)
        cands.append((n, tuple(stem_sequence(n))))
    names = []
    for n, seq in cands:
        if seq and any(other and other != seq and contains_phrase(seq, other) for _, other in cands):
            continue
        names.append(n)
    return names[:8]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
