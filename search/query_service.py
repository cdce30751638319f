"""The search-box path, top to bottom: parse (with aliases expanded) → score → highlight → rows.

:meth:`QueryService.search` is what ``nato-brief search`` and the TUI's box run; :meth:`as_you_type` adds the
entity strip for the box. Scoring runs in the Whoosh fence (search/engine/run.py): whole posting lists at
once where it can, Whoosh's own searcher for the rest.
"""

from __future__ import annotations

import re

from .aliases import Aliases
from .engine import run
from .engine.analysis import highlight_spans
from .engine.parse import BuiltQuery, build_query, literal_query
from .facets import count_facets
from .query import MAX_EXPANDED_CHARS, MAX_QUERY_CHARS, Completer, cap_query
from .readers import ReaderPool
from .results import Hit, SearchResult

Rows = run.Rows


class QueryService:
    def __init__(self, readers: ReaderPool, aliases: Aliases) -> None:
        self.readers = readers
        self.aliases = aliases
        self._completer: Completer | None = None
        self._completer_key: object = None
        self._result_cache: dict[tuple, tuple[int, bool, Rows]] = {}

    def completer(self) -> Completer:
        """Completions for the last word typed, from the current generation's vocabulary."""
        key = self.readers.key()
        if self._completer is None or self._completer_key != key:
            self._completer = Completer.from_store(self.readers.store())
            self._completer_key = key
        return self._completer

    # -- parse ----------------------------------------------------------------------------------------
    def build(self, text: str, *, exact: bool = False, **kw) -> BuiltQuery:
        """Parse ``text``, expanding entity names to all their aliases unless ``exact``.

        The text is cut to MAX_QUERY_CHARS before anything else; names are expanded after the cut, and the
        expanded text gets its own, larger cap so an expansion is never cut off half-way.
        """
        prefix = kw.pop("prefix", False)
        schema = self.readers.ix.schema
        completer = self.completer() if prefix else None
        text, cut = cap_query(text)
        expanded_text, expansions, notes = (text, [], []) if exact else self.aliases.expand(text)
        bq = build_query(schema, expanded_text, completer=completer, prefix=prefix,
                         max_chars=MAX_EXPANDED_CHARS if expansions else MAX_QUERY_CHARS, **kw)  # fmt: skip
        if bq.literal and expansions:
            # The parser failed on the user's syntax: search the plain words, still with aliases.
            plain = re.sub(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|[()\"*:^~\[\]{}]", " ", text)
            plain_expanded, expansions, notes = self.aliases.expand(plain)
            notices = bq.notices
            bq = build_query(schema, plain_expanded, completer=completer, prefix=prefix,
                             max_chars=MAX_EXPANDED_CHARS, **kw)  # fmt: skip
            bq.notices = notices + [n for n in bq.notices if n not in notices]
            bq.literal = True
        bq.notices = cut + notes + [n for n in bq.notices if n not in cut]
        bq.expansions = expansions
        if expansions:
            bq.text = text
        return bq

    # -- the whole path -------------------------------------------------------------------------------
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
        bq = built or self.build(
            text, prefix=prefix, author=author, outlet=outlet, year=year, group_or=group_or, exact=exact
        )
        bq.notices = cut + [n for n in bq.notices if n not in cut]
        if bq.query is None:
            return SearchResult(
                bq.text, "", 0, [], bq.notices + (["Nothing to search for."] if text.strip() else [])
            )
        try:
            total, total_exact, rows = self.score(bq, limit)
        except Exception:  # a query that cannot run (rare): fall back to the literal words
            q = literal_query(bq.text, group_or)
            bq.notices.append("That query could not run; searched the words literally.")
            if q is None:
                return SearchResult(bq.text, "", 0, [], bq.notices)
            total, total_exact, rows = run.literal_top(self.readers.searcher(), q, limit)
        if total == 0 and bq.expansions and built is None:
            plain = self.search(text, limit=limit, author=author, outlet=outlet, year=year, prefix=prefix,
                                facets=facets, group_or=group_or, exact=True)  # fmt: skip
            names = ", ".join(typed for typed, _ in bq.expansions)
            said = f"Nothing matched with {names} expanded to all their names; searched the words as typed."
            plain.notices = cut + [said] + plain.notices
            return plain
        hits = self.hits(rows, bq)
        result = SearchResult(bq.text, bq.expanded, total, hits, bq.notices, literal=bq.literal)
        result.total_exact = total_exact
        result.expansions = bq.expansions
        if facets:
            result.facets = self.facets(bq)
        return result

    def as_you_type(
        self, text: str, *, limit: int = 40, facets: bool = False
    ) -> tuple[SearchResult | None, list[str]]:
        """The ranked results (last word completed) and the entities the text names, for the strip above
        the results. The text is capped by the caller (Library.as_you_type) before anything else."""
        if not text.strip():
            return None, []
        res = self.search(text, prefix=True, limit=limit, facets=facets)
        ents = [f"{e.name} ({e.kind})" for _, _, e in self.aliases.index().in_query(text)]
        return res, ents

    # -- score ----------------------------------------------------------------------------------------
    def score(self, bq: BuiltQuery, limit: int) -> tuple[int, bool, Rows]:
        """(total, whether the total is exact, rows) of the best ``limit`` passages, cached per reader:
        typing on inside a word whose completion has settled asks the same query again."""
        cache_key = (*self.readers.key(), repr(bq.query), limit)
        cached = self._result_cache.get(cache_key)
        if cached is not None:
            return cached
        got = self._run(bq.query, limit)
        if len(self._result_cache) > 256:
            self._result_cache.clear()
        self._result_cache[cache_key] = got
        return got

    def _run(self, q, limit: int) -> tuple[int, bool, Rows]:
        return run.top(self.readers.searcher(), self.readers.dense(), q, limit, self.texts_of)

    def texts_of(self, passage_ids: list[str]) -> list[str]:
        """Passage texts by passage id (for checking phrases)."""
        ps = self.readers.store().passages(passage_ids)
        return [ps[p].text if p in ps else "" for p in passage_ids]

    # -- highlight → rows -----------------------------------------------------------------------------
    def hits(self, rows: Rows, bq: BuiltQuery) -> list[Hit]:
        """Rows as hits: each passage's text, its source's metadata and highlight offsets."""
        st = self.readers.store()
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
                    highlight_spans(p.text, bq.stems, bq.raws), p.duplicate_of, src.url, p.start, p.end,
                    p.page)
            )  # fmt: skip
        return hits

    # -- beside the results ---------------------------------------------------------------------------
    def facets(self, bq: BuiltQuery, cap: int = 5000) -> dict[str, list[tuple[str, int]]]:
        return count_facets(self.readers, bq, self.texts_of, cap)

    def matching_passages(self, bq: BuiltQuery, source_id: str) -> set[str]:
        """Ids of the passages of one source that the query matches (a pane's "hits")."""
        if bq.query is None:
            return set()
        try:
            return run.matching_in_source(
                self.readers.searcher(), self.readers.dense(), bq.query, source_id, self.texts_of
            )
        except Exception:  # the same fallbacks as search(): no hits rather than a crash
            return set()
