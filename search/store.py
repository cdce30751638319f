"""The library's records in SQLite: sources, their clean text, passages with offsets, and the documents.

Whoosh finds passages; this store holds what is shown and quoted, so every quote can be checked against the
exact text it came from. One file per index generation, next to the Whoosh files it matches.

Every SQL statement the library runs is here or, for the schema and the rows one document becomes, in
:mod:`.tables`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .model import Passage, Source
from .names import NameRow
from .speech import SpeakerQuote
from .tables import SCHEMA, DocumentRows
from .tables import words_key as words_key  # said.py compares statements' words with it

if TYPE_CHECKING:
    from .mentions import NameColumns


class Store:
    """A thin, typed layer over one SQLite file. Not shared across threads: open one per thread."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        if not create and not path.exists():
            raise FileNotFoundError(path)
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        if not create:
            try:
                self.db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            except sqlite3.OperationalError:
                # A folder that cannot be written (read-only, full): WAL needs its -shm file. Read the file
                # as it is; nobody can be writing it, since nothing can be written there.
                ro = sqlite3.connect(
                    f"file:{quote(str(path))}?immutable=1", uri=True, check_same_thread=False
                )
                try:
                    ro.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
                except sqlite3.Error:
                    ro.close()
                    raise
                self.db.close()
                self.db = ro
        self.db.execute("PRAGMA journal_mode=WAL") if create else None
        if create:
            self.db.executescript(SCHEMA)
        self._sources: dict[str, Source] | None = None
        self._dups: dict[str, list[str]] | None = None
        self._version: int | None = None  # PRAGMA data_version when the caches were built

    def close(self) -> None:
        self.db.close()

    def passes_quick_check(self) -> bool:
        """Whether SQLite's quick check finds the file sound."""
        ok = self.db.execute("PRAGMA quick_check").fetchone()
        return bool(ok) and ok[0] == "ok"

    # -- writing ------------------------------------------------------------------------------------
    def add_document(self, doc_key: str, rows: DocumentRows, words: Counter[str] | None = None) -> None:
        """Insert (or replace) a document's rows (see :func:`.tables.document_rows`), in the caller's transaction.

        ``words``: the completion vocabulary of its passages when the caller counted it already (an empty
        Counter when the caller writes the vocabulary itself).
        """
        self.remove_document(doc_key)
        db = self.db
        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?)", rows.document)
        db.executemany("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.sources)
        self._bump_passages(len(rows.passages))
        db.executemany("INSERT OR REPLACE INTO passages VALUES (?,?,?,?,?,?,?,?)", rows.passages)
        db.executemany("INSERT INTO names VALUES (?,?,?,?,?,?,?)", rows.names)
        db.executemany("INSERT INTO pairs VALUES (?,?,?)", rows.pairs)
        db.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows.quotes)
        # Kept when a document goes: a skeleton whose names are gone links nothing.
        db.executemany("INSERT OR IGNORE INTO spellings VALUES (?, ?)", sorted(rows.spellings))
        if words is None:
            self._count_words([r[5] for r in rows.passages], 1)
        elif words:
            self._add_words(words, 1)
        self._sources = None
        self._dups = None

    def _count_words(self, texts: list[str], sign: int) -> None:
        """Keep the unstemmed vocabulary (passages per word) that search-as-you-type completes from."""
        from .engine.analysis import raw_words

        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(raw_words(t))
        self._add_words(counts, sign)

    def _add_words(self, counts: Counter[str], sign: int) -> None:
        self.db.executemany(
            "INSERT INTO words VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET df = df + excluded.df",
            [(w, sign * c) for w, c in counts.items()],
        )
        if sign < 0:
            self.db.execute("DELETE FROM words WHERE df <= 0")

    def vocabulary(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT word, df FROM words")]

    def remove_document(self, doc_key: str) -> list[str]:
        ids = [r[0] for r in self.db.execute("SELECT id FROM sources WHERE doc_key=?", (doc_key,))]
        removed = self.db.execute(
            "SELECT COUNT(*) FROM passages WHERE source_id IN (SELECT id FROM sources WHERE doc_key=?)",
            (doc_key,),
        ).fetchone()[0]
        if removed:
            self._bump_passages(-removed)
        for sid in ids:
            self._count_words(
                [r[0] for r in self.db.execute("SELECT text FROM passages WHERE source_id=?", (sid,))], -1
            )
        for sid in ids:
            for table in ("passages", "names", "pairs", "quotes"):
                self.db.execute(f"DELETE FROM {table} WHERE source_id=?", (sid,))
        self.db.execute("DELETE FROM sources WHERE doc_key=?", (doc_key,))
        self.db.execute("DELETE FROM documents WHERE doc_key=?", (doc_key,))
        self._sources = None
        self._dups = None
        return ids

    def mining(self) -> tuple[NameColumns, list[tuple[str, str]], list[SpeakerQuote]]:
        # Hundreds of thousands of rows repeat a few thousand strings: kept as columns of ids (see .mentions).
        from .mentions import NameColumns

        names = NameColumns(self.db.execute("SELECT * FROM names"))
        pairs = self.alias_pairs()
        quotes = [
            SpeakerQuote(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), bool(r[7]), r[8], r[9])
            for r in self.db.execute("SELECT * FROM quotes")
        ]
        return names, pairs, quotes

    def alias_rows(self, extra_keys: set[str] | None = None) -> list[NameRow]:
        """One row per distinct surface of every name that takes part in an alias pair (for query expansion),
        and of the names in ``extra_keys`` (names linked by spelling)."""
        rows = self.db.execute(
            "SELECT source_id, passage_id, start, end, surface, key, kind FROM names WHERE key IN "
            "(SELECT a FROM pairs UNION SELECT b FROM pairs UNION SELECT value FROM json_each(?)) "
            "GROUP BY key, surface",
            (json.dumps(sorted(extra_keys or ())),),
        )
        return [NameRow(*r) for r in rows]

    def alias_pairs(self) -> list[tuple[str, str]]:
        """Every distinct (name key, name key) pair the mining said name one entity."""
        return [(r[0], r[1]) for r in self.db.execute("SELECT DISTINCT a, b FROM pairs")]

    def spelling_groups(self, also: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
        """Skeleton -> names, for the skeletons two names or more share (see :mod:`.spellings`); ``also``
        adds names from outside the store (the curated gazetteer) before counting."""
        also = also or {}
        groups: dict[str, list[str]] = defaultdict(list)
        for skel, key in self.db.execute(
            "SELECT skel, key FROM spellings WHERE skel IN "
            "(SELECT skel FROM spellings GROUP BY skel HAVING COUNT(*) > 1)"
        ):
            groups[skel].append(key)
        if also:
            marks = ",".join("?" * len(also))
            q = f"SELECT skel, key FROM spellings WHERE skel IN ({marks})"
            for skel, key in self.db.execute(q, list(also)):
                groups[skel].append(key)
            for skel, keys in also.items():
                groups[skel].extend(keys)
        return {k: sorted(set(v)) for k, v in groups.items() if len(set(v)) > 1}

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def forget_cached(self) -> None:
        """Drop the cached catalog and duplicates (another writer changed the file)."""
        self._sources = None
        self._dups = None

    def _forget_if_changed(self) -> None:
        """Drop the caches when another connection (another process's add, another thread) committed since they
        were built: SQLite's data_version changes then. A thread that never searched (the TUI's main thread, which
        marks and copies quotes) has no searcher whose refresh would tell it."""
        try:
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return
        if version != self._version:
            self._version = version
            self._sources = None
            self._dups = None

    # -- reading ------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def documents(self) -> dict[str, tuple[str, str, dict]]:
        return {
            r[0]: (r[1], r[2], json.loads(r[3]))
            for r in self.db.execute("SELECT doc_key, origin, path, overrides FROM documents")
        }

    def documents_named(self, origin: str) -> list[str]:
        """The keys of the documents added under this origin (a file name, an address, seeds/NAME)."""
        return [r[0] for r in self.db.execute("SELECT doc_key FROM documents WHERE origin=?", (origin,))]

    def document_keys(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT doc_key FROM documents")}

    # -- the speech index (statements; see speech.py and said.py) ------------------------------------
    _STATEMENT = "source_id, passage_id, start, end, speaker, speaker_key, named, direct, entity, role, norm"

    def statement_rows(self, names: list[str] | None = None, source_id: str | None = None) -> list[tuple]:
        """Stored statements: all, or those whose speaker (as written or resolved) is one of ``names``,
        or those inside one source."""
        where, args = [], []
        if names is not None:
            marks = ",".join("?" * len(names))
            where.append(f"(speaker IN ({marks}) OR entity IN ({marks}))")
            args += list(names) * 2
        if source_id is not None:
            where.append("source_id = ?")
            args.append(source_id)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        return self.db.execute(f"SELECT {self._STATEMENT} FROM quotes {clause}", args).fetchall()

    def statements_within(self, source_id: str, start: int, end: int, *, direct: bool = False) -> list[tuple]:
        """Named statements whose words lie inside ``[start, end)`` of a source, in text order."""
        cond = " AND direct=1" if direct else ""
        return self.db.execute(
            f"SELECT {self._STATEMENT} FROM quotes WHERE source_id=? AND named=1 AND start>=? AND end<=?{cond} "
            "ORDER BY start",
            (source_id, start, end),
        ).fetchall()

    def speaker_names(self) -> set[str]:
        """Every speaker name stored, as written and as resolved."""
        names: set[str] = set()
        for speaker, entity in self.db.execute("SELECT DISTINCT speaker, entity FROM quotes"):
            names.add(speaker)
            if entity:
                names.add(entity)
        return names

    def statements_with_words(self, norm: str) -> list[tuple[str, str, str | None]]:
        """(source_id, speaker, entity) of every statement with these words (``words_key``)."""
        return self.db.execute(
            "SELECT source_id, speaker, entity FROM quotes WHERE norm=?", (norm,)
        ).fetchall()

    def direct_quotes_of(self, source_id: str) -> list[tuple[int, int, str]]:
        """(start, end, speaker) of the named speakers' direct quotations in one source."""
        rows = self.db.execute(
            "SELECT start, end, speaker FROM quotes WHERE source_id=? AND named=1 AND direct=1", (source_id,)
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def catalog(self) -> dict[str, Source]:
        """Every source's metadata, cached; ``text`` is left empty here (see :meth:`source`)."""
        self._forget_if_changed()
        if self._sources is None:
            self._sources = self._catalog_rows("ORDER BY doc_key, n")
        return self._sources

    def catalog_of(self, ids: list[str]) -> dict[str, Source]:
        """The catalog entries of these sources only (those that exist), as :meth:`catalog` has them: what
        ``add`` reports, without loading every source's metadata (a tenth of a second per 3,000 sources)."""
        self._forget_if_changed()
        if self._sources is not None:
            return {sid: self._sources[sid] for sid in ids if sid in self._sources}
        out: dict[str, Source] = {}
        wanted = list(dict.fromkeys(ids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            out.update(self._catalog_rows(f"WHERE s.id IN ({','.join('?' * len(chunk))})", chunk))
        return {sid: out[sid] for sid in wanted if sid in out}

    def _catalog_rows(self, clause: str, args: list[str] | tuple = ()) -> dict[str, Source]:
        rows = self.db.execute(
            "SELECT id, title, authors, date, outlet, url, origin, kind, "
            "(SELECT COUNT(*) FROM passages p WHERE p.source_id = s.id), extra FROM sources s " + clause,
            args,
        )
        out = {}
        for r in rows:
            src = Source(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], "", [], r[7])
            src.passage_total = r[8]
            src.outlets_extra = list(json.loads(r[9]).get("outlets_extra") or [])
            out[r[0]] = src
        return out

    def chrome_lines(self) -> list[str]:
        """Every source's page chrome (menus, headers, footers left out of the text): words typo correction
        must not turn into other words ("Games" in a menu is not "James")."""
        rows = self.db.execute("SELECT extra FROM sources WHERE extra LIKE '%\"chrome\"%'")
        return [line for (extra,) in rows for line in json.loads(extra).get("chrome") or []]

    def source(self, source_id: str) -> Source | None:
        """One source with its clean text and notes (passages via :meth:`passages_of`)."""
        r = self.db.execute(
            "SELECT id, title, authors, date, outlet, url, origin, text, notes, kind, extra FROM sources WHERE id=?",
            (source_id,),
        ).fetchone()
        if r is None:
            return None
        src = Source(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], r[7], json.loads(r[8]), r[9])
        extra = json.loads(r[10])
        src.outlets_extra = list(extra.get("outlets_extra") or [])
        src.chrome = list(extra.get("chrome") or [])
        src.passages = self.passages_of(source_id)
        return src

    def source_title(self, source_id: str) -> str | None:
        """The title of a source, or None when the library has no source with that id."""
        r = self.db.execute("SELECT title FROM sources WHERE id=?", (source_id,)).fetchone()
        return r[0] if r else None

    def document_of(self, source_id: str) -> str | None:
        """The key of the document a source comes from."""
        r = self.db.execute("SELECT doc_key FROM sources WHERE id=?", (source_id,)).fetchone()
        return r[0] if r else None

    def add_document_record(self, doc_key: str, origin: str, path: str, overrides: dict) -> None:
        """Record a document that adds no source (its text is already another document's), so it is known."""
        self.remove_document(doc_key)
        self.db.execute("INSERT INTO documents VALUES (?, ?, ?, ?)", (doc_key, origin, path, json.dumps(overrides)))

    def sources_of(self, doc_key: str) -> list[str]:
        """The ids of one document's sources, in order."""
        return [
            r[0] for r in self.db.execute("SELECT id FROM sources WHERE doc_key=? ORDER BY n", (doc_key,))
        ]

    def passage_count(self) -> int:
        """Passages stored (kept in ``meta`` on every write: counting a large table on each open is slow)."""
        v = self.meta("passages")
        if v is None:
            return self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        return int(v)

    def _bump_passages(self, delta: int) -> None:
        cur = self.meta("passages")
        # Called before the rows change, so a first count is of the rows as they are now.
        n = int(cur) if cur is not None else self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        self.set_meta("passages", str(n + delta))

    def passages_of(self, source_id: str) -> list[Passage]:
        rows = self.db.execute(
            "SELECT id, source_id, start, end, text, page FROM passages WHERE source_id=? ORDER BY n",
            (source_id,),
        )
        dups = self.duplicates()
        return [Passage(r[0], r[1], r[2], r[3], r[4], dups.get(r[0], []), r[5]) for r in rows]

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        out: dict[str, Passage] = {}
        dups = self.duplicates()
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            q = "SELECT id, source_id, start, end, text, page FROM passages WHERE id IN ({})".format(
                ",".join("?" * len(chunk))
            )
            for r in self.db.execute(q, chunk):
                out[r[0]] = Passage(r[0], r[1], r[2], r[3], r[4], dups.get(r[0], []), r[5])
        return out

    def all_passages(self) -> list[Passage]:
        rows = self.db.execute(
            "SELECT id, source_id, start, end, text, page FROM passages ORDER BY source_id, n"
        )
        return [Passage(r[0], r[1], r[2], r[3], r[4], [], r[5]) for r in rows]

    def duplicates(self) -> dict[str, list[str]]:
        """passage id -> ids of passages with the same text under *other* sources."""
        self._forget_if_changed()
        if self._dups is None:
            groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
            rows = self.db.execute(
                "SELECT norm, id, source_id FROM passages WHERE norm IN "
                "(SELECT norm FROM passages GROUP BY norm HAVING COUNT(DISTINCT source_id) > 1)"
            )
            for norm, pid, sid in rows:
                groups[norm].append((pid, sid))
            dups: dict[str, list[str]] = {}
            for members in groups.values():
                for pid, sid in members:
                    dups[pid] = [p for p, s in members if s != sid]
            self._dups = dups
        return self._dups
