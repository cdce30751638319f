"""The search-box path, top to bottom: correct → expand (aliases, word families) → parse (every field) →
score (all words, else the closest matches) → highlight → rows.

:meth:`QueryService.search` is what ``nato-brief search`` and the TUI's box run; :meth:`as_you_type` adds the
entity strip for the box. Scoring runs in the Whoosh fence (search/engine/run.py): whole posting lists at
once where it can, Whoosh's own searcher for the rest. The methods below come in that order: the whole path
(:meth:`QueryService.search`), then each step.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .aliases import Aliases
from .correct import Corrector, max_edits
from .empty import nothing_to_search, why_empty
from .engine import run
from .engine.analysis import _forms, text_analyzer
from .engine.parse import BuiltQuery, SourceSet, build_query, literal_query
from .facets import count_facets
from .filter_values import FIELD_NAMES, NAME_FIELDS, complete_value, field_vocabulary, near_name, sharp_name
from .hit_rows import make_hits, rest_of
from .query import Completer, cap_query, clean_query_text, drop_empty_filters, strip_possessives
from .readers import ReaderPool, one_view
from .results import Hit, SearchResult
from .rewrite import family_forms, rewrite

Rows = run.Rows
_DOTTED_WORD = re.compile(r"^(?:[^\W\d_]\.){2,}$")


class QueryService:
    def __init__(self, readers: ReaderPool, aliases: Aliases) -> None:
        self.readers = readers
        self.aliases = aliases
        self._completer: Completer | None = None
        self._completer_key: object = None
        self._result_cache: dict[tuple, tuple[int, bool, Rows]] = {}
        self._corrector: Corrector | None = None
        self._corrector_key: object = None

    # -- the whole path -------------------------------------------------------------------------------

    @one_view
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
        aliases: bool = True,
        first: int | None = None,
    ) -> SearchResult:
        """Ranked passages (BM25F over every field) with highlight offsets. Never raises on a bad query.

        When no passage has every word (and ``closest``), the passages holding most of them, best first,
        each with the words it lacks (``partial``). ``sort="date"``: newest first, undated last. When names
        expanded to their aliases match nothing, the query is searched as typed, with a notice (an expansion
        must never make a search silently come back empty). ``first``: highlight only what a list of that
        many lines shows first; ``SearchResult.highlight_rest`` gives the others' highlights.
        """
        text, cut = cap_query(text)  # before anything else
        # correct → expand → parse
        bq = built or self.build(
            text, prefix=prefix, author=author, outlet=outlet, year=year, group_or=group_or, exact=exact,
            correct=correct, aliases=aliases,
        )  # fmt: skip
        bq.notices = cut + [n for n in bq.notices if n not in cut]
        if bq.query is None and bq.date_range is None:
            res = SearchResult(bq.text, "", 0, [], bq.notices)
            res.unknown = list(bq.unknown)
            res.why = res.unknown_line() or nothing_to_search(bq.text)
            if text.strip() and not (res.why and res.why.startswith("Not in the library")):
                res.notices.append("Nothing to search for.")  # (beside "Not in the library: x" it contradicted it)
            return res
        # score: every word; names expanded to nothing → the words as typed; no passage with every word →
        # the closest matches
        scored = self._score_or_literal(bq, limit, sort, group_or)
        if scored is None:
            return SearchResult(bq.text, "", 0, [], bq.notices)
        total, total_exact, rows = scored
        if total == 0 and bq.expansions and built is None:
            # Without the aliases, but with what else the words mean ("E.U." is still "EU")
            plain = self.search(text, limit=limit, author=author, outlet=outlet, year=year, prefix=prefix,
                                facets=facets, group_or=group_or, exact=exact, correct=correct, sort=sort,
                                closest=closest, aliases=False, first=first)  # fmt: skip
            said = []
            if plain.hits and not plain.partial:  # said only when the expansion is what made it empty
                names = ", ".join(typed for typed, _ in bq.expansions)
                said = [f"Nothing matched with {names} expanded to all their names; searched the words as typed."]
            plain.notices = cut + said + [n for n in plain.notices if n not in cut]
            return plain
        partial = False
        missing: dict[str, list[str]] = {}
        if total == 0 and closest and len(bq.clauses) >= 2:
            total, rows, missing = self._closest(bq, limit, sort)
            partial, total_exact = bool(rows), True
        # highlight → rows
        hits = self.hits(rows, bq, first)
        for h in hits:
            h.missing = missing.get(h.passage_id, [])
        result = SearchResult(bq.text, bq.expanded, total, hits, bq.notices, literal=bq.literal)
        result.total_exact = total_exact
        result.rest = rest_of(hits, bq) if first is not None else None
        result.expansions = bq.expansions
        result.corrected, result.corrections = bq.corrected, bq.corrections
        result.families, result.unknown = bq.families, self._matching_nothing(bq.unknown)
        result.partial, result.sort = partial, sort
        result.words = [lb for lb, _ in bq.clauses if lb]
        if not hits:
            result.why = why_empty(bq, result.unknown_line(), lambda q: self.score(bq, 1, q)[0],
                                   {"author": author, "outlet": outlet, "year": year})  # fmt: skip
        if facets:
            result.facets = self.facets(bq)
        return result

    def as_you_type(
        self, text: str, *, limit: int = 40, facets: bool = False, sort: str = "relevance", first: int | None = None
    ) -> tuple[SearchResult | None, list[str]]:
        """The ranked results (last word completed, unknown words corrected, closest matches when no passage
        has every word) and the entities the text names, for the strip above the results. The text is
        capped by the caller (Library.as_you_type) before anything else."""
        if not text.strip():
            return None, []
        res = self.search(text, prefix=True, limit=limit, facets=facets, sort=sort, first=first)
        # The names in the text as searched: "Stoltenburg" corrected to Stoltenberg names him too.
        ents = list(dict.fromkeys(f"{e.name} ({e.kind})" for *_, e in self.aliases.index().in_query(res.corrected or text)))
        return res, ents

    # -- correct → expand → parse ---------------------------------------------------------------------

    def build(
        self, text: str, *, exact: bool = False, correct: bool = True, aliases: bool = True, **kw
    ) -> BuiltQuery:
        """Parse ``text``: unknown words corrected (unless ``correct`` is False), entity names expanded to all
        their aliases and words widened to their families (unless ``exact``), every field searched.

        The text is cut to MAX_QUERY_CHARS before anything else; names are expanded after the cut, and the
        expanded text gets its own, larger cap so an expansion is never cut off half-way.
        """
        prefix = kw.pop("prefix", False)
        schema = self.readers.searcher().schema  # the index's own reads its table of contents from disk
        text, cut = cap_query(text)
        text, notices = clean_query_text(text)
        notices = cut + [n for n in notices if n not in cut]
        typed = text
        text, empty = drop_empty_filters(strip_possessives(text), typing=prefix)  # "author:" filters nothing
        # correct: words the library does not have → the closest ones it has (the last word, while typed, is
        # left open when it completes)
        completer = self.completer()
        voc = self.corrector()
        open_last = False
        if prefix and text and not text[-1].isspace():
            m = re.search(r"([^\W\d_]+)$", text)
            open_last = bool(m and completer.complete(m.group(1).lower()))
        fixed = rewrite(text, known=voc.known, correct=(lambda w: voc.correct_written(w, self._texts_with)) if correct else None,
                        has_word=completer.has, open_last=open_last, widen=False,
                        fix_field=self.fix_field, complete_field=self.complete_field if prefix else None,
                        undot=not exact, lone_letters=not exact, sharp_written=lambda w: "ß" in voc.written(w, self._texts_with))  # fmt: skip
        notices += [n for n in empty + fixed.notices if n not in notices]
        text = fixed.text
        # expand: entity names → all their names, then words → their families
        expanded_text, expansions, notes = (text, [], []) if exact or not aliases else self.aliases.expand(text)
        families: list = []
        if not exact:
            fam = rewrite(
                expanded_text, known=voc.known, has_word=completer.has, open_last=open_last, widen=True
            )
            expanded_text, families = fam.text, fam.families
        # parse: every field; a parser failure is a literal search (with the aliases still expanded)
        fam_of = None if exact else (lambda w: self._family_of(w, completer))
        bq = build_query(schema, expanded_text, completer=completer if prefix else None, prefix=prefix,
                         family_of=fam_of, cleaned=True, typed_text=fixed.shown, **kw)  # fmt: skip
        if bq.literal and expansions:
            # The parser failed on the user's syntax: search the plain words, still with aliases.
            plain = re.sub(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|[()\"*:^~\[\]{}]", " ", text)
            plain_expanded, expansions, notes = self.aliases.expand(plain)
            notices2 = bq.notices
            bq = build_query(schema, plain_expanded, completer=completer if prefix else None, prefix=prefix,
                             cleaned=True, **kw)  # fmt: skip
            bq.notices = notices2 + [n for n in bq.notices if n not in notices2]
            bq.literal = True
        bq.notices = notices + notes + [n for n in bq.notices if n not in notices and n not in notes]
        bq.expansions = expansions
        bq.families = families
        bq.corrections = fixed.corrections
        bq.unknown, bq.chrome_only, bq.notices = voc.split_chrome(fixed.unknown, bq.notices)
        bq.corrected = fixed.shown if fixed.corrections else None
        bq.text = typed
        return bq

    def completer(self) -> Completer:
        """Completions for the last word typed, from the current generation's vocabulary."""
        key = self.readers.key()
        if self._completer is None or self._completer_key != key:
            self._completer = Completer.from_store(self.readers.store())
            self._completer_key = key
        return self._completer

    def corrector(self) -> Corrector:
        """The library's words for typo correction (passages, titles, authors, outlets, entity names)."""
        key = self.readers.key()
        if self._corrector is None or self._corrector_key != key:
            st = self.readers.store()
            names: list[str] = []
            ents: list[str] = []
            people: list[str] = []
            for src in st.catalog().values():
                names += [src.title, src.outlet or ""]
                people += src.authors
            try:
                for e in self.aliases.index().entities:
                    ents += [e.name, *e.aliases]
                    if e.kind == "person":  # the name itself: aliases add titles ("Secretary General")
                        people.append(e.name)
            except Exception:  # entity data is an extra: correction still knows the text and metadata
                pass
            self._corrector = Corrector.build(st.vocabulary(), names, ents, people, st.chrome_lines())
            self._corrector_key = key
        return self._corrector

    def _texts_with(self, word: str) -> list[str]:
        """A few passage texts holding the folded ``word``: how it is written ("strase" as "Straße")."""
        bq = build_query(self.readers.searcher().schema, word, cleaned=True)  # a stop word ("that") has no query
        return self.texts_of([r[0] for r in self.score(bq, 3)[2]]) if bq.query is not None else []

    def correct_text(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with the words the library does not have replaced by the closest ones it has."""
        voc = self.corrector()
        text = strip_possessives(text)
        fixed = rewrite(
            text, known=voc.known, correct=voc.correct, has_word=self.completer().has, widen=False
        )
        return fixed.shown, fixed.corrections

    def field_words(self) -> dict[str, list[str]]:
        """The words each name field holds (authors, outlets, speakers as indexed; titles' words unstemmed)."""
        return self._field_vocabulary()[0]

    def _field_vocabulary(self) -> tuple[dict[str, list[str]], dict[str, dict[str, int]]]:
        """(words, how often each is used) per name field, once per index version (search/filter_values.py)."""
        key = self.readers.key()
        cached = self.__dict__.get("_field_vocab")
        if cached is None or cached[0] != key:
            titles = [s.title for s in self.readers.store().catalog().values()]
            cached = self._field_vocab = (key, *field_vocabulary(self.readers.searcher().reader(), titles))
        return cached[1], cached[2]

    def fix_field(self, fieldname: str, value: str, correct: bool) -> tuple[str | None, str | None]:
        """(corrected value or None, notice or None) for a ``field:value`` whose words the field lacks."""
        fieldname = {"authors": "author", "by": "author", "source": "outlet", "said": "speaker",
                     "who": "speaker"}.get(fieldname, fieldname)  # fmt: skip
        if fieldname not in ("author", "outlet", "title", "speaker"):
            return None, None
        words = self.field_words().get(fieldname) or []
        if not words:
            return None, None
        if alt := sharp_name(value, have := set(words)):  # "Weiss" is also the library's "Weiß"
            return f"({fieldname}:{value} OR {fieldname}:{alt})", None
        parts = re.split(r"([^\w]+)", value)
        changed, missing = False, []
        for i, part in enumerate(parts):
            low = _forms(part)[0] if part and part[0].isalnum() else ""
            if not low or low in have:
                continue
            k = max_edits(low)
            best = process.extractOne(low, words, scorer=OSA.distance, score_cutoff=k) if k and correct else None
            if best:
                parts[i] = best[0].capitalize() if any(ch.isupper() for ch in part) else best[0]
                changed = True
            else:
                missing.append(part)
        if missing:
            near = near_name(_forms(value)[0], words)
            hint = f"; did you mean {fieldname}:{near.capitalize()}?" if near else "."
            return None, f"No {fieldname} {value!r} in the library{hint}"
        return ("".join(parts) if changed else None), None

    def complete_field(self, fieldname: str, value: str) -> list[str]:
        """The words of a name field that complete a ``field:value`` still being typed, most used first."""
        fieldname = FIELD_NAMES.get(fieldname, fieldname)
        if fieldname not in NAME_FIELDS:
            return []
        words, counts = self._field_vocabulary()
        used = counts.get(fieldname, {})
        return complete_value(words.get(fieldname) or [], value, lambda w: used.get(w, 0))

    def _matching_nothing(self, words: list[str]) -> list[str]:
        """The words of ``words`` that match nothing in any searched field ("ISI" is not unknown: its stem is
        ISIS's; a word the analyzer drops is not a searched word at all)."""
        if not words:
            return []
        searcher = self.readers.searcher()
        fields = set(searcher.schema.names())
        an = text_analyzer()
        out = []
        for w in words:
            plain = w.replace(".", "") if _DOTTED_WORD.match(w) else ""  # "U.K." also matches as "UK"
            stems = [t.text for v in (w, plain) if v for t in an(v, mode="query")]
            low = _forms(plain or w)[0]
            if not stems:
                continue
            try:
                found = any(searcher.doc_frequency(f, st) for f in ("text", "title") if f in fields for st in stems)
                found = found or any(
                    searcher.doc_frequency(f, low) for f in ("author", "outlet", "speaker") if f in fields
                )
            except Exception:  # a damaged or odd index: keep the word listed rather than fail the search
                found = False
            if not found:
                out.append(w)
        return out

    @staticmethod
    def _family_of(word: str, c: Completer) -> list[str]:
        """Other forms of ``word`` in the library (search/families.py), cached with the completer."""
        cache = c.__dict__.setdefault("families", {})  # per completer: per index version
        if word not in cache:
            if len(cache) > 5000:
                cache.clear()
            cache[word] = family_forms(word, c.has)
        return cache[word]

    # -- score ----------------------------------------------------------------------------------------

    def _score_or_literal(
        self, bq: BuiltQuery, limit: int, sort: str, group_or: bool
    ) -> tuple[int, bool, Rows] | None:
        """:meth:`score` with the date filter; a query that cannot run (rare) falls back to the literal words,
        with a notice (None when there are none)."""
        query = self._with_date_filter(bq)
        try:
            return self.score(bq, limit, query, sort)
        except Exception:  # a query that cannot run (rare): fall back to the literal words
            q = literal_query(bq.text, group_or)
            bq.notices.append("That query could not run; searched the words literally.")
            if q is None:
                return None
            return run.literal_top(self.readers.searcher(), q, limit)

    def score(
        self, bq: BuiltQuery, limit: int, query=None, sort: str = "relevance"
    ) -> tuple[int, bool, Rows]:
        """(total, whether the total is exact, rows) of the best ``limit`` passages (or the newest), cached
        per reader: typing on inside a word whose completion has settled asks the same query again."""
        query = bq.query if query is None else query
        cache_key = (*self.readers.key(), repr(query), limit, sort)
        cached = self._result_cache.get(cache_key)
        if cached is not None:
            return cached
        got = self._run(query, limit, sort)
        if len(self._result_cache) > 256:
            self._result_cache.clear()
        self._result_cache[cache_key] = got
        return got

    def _with_date_filter(self, bq: BuiltQuery):
        """The query with ``date:FROM..TO`` as a filter on the sources dated in the range."""
        if bq.date_range is None:
            return bq.query
        lo, hi = bq.date_range
        cat = self.readers.store().catalog()
        f = SourceSet([s.id for s in cat.values() if s.date and lo <= s.date[:10] <= hi])
        bq.required.append(f)
        return f if bq.query is None else f.within(bq.query)  # a date alone lists what it filters

    def _run(self, q, limit: int, sort: str = "relevance") -> tuple[int, bool, Rows]:
        if sort != "date":
            return run.top(self.readers.searcher(), self.readers.dense(), q, limit, self.texts_of)
        total, exact, rows = run.top(self.readers.searcher(), self.readers.dense(), q, None, self.texts_of)
        return total, exact, self._by_date(rows, limit)

    def _closest(self, bq: BuiltQuery, limit: int, sort: str) -> tuple[int, Rows, dict[str, list[str]]]:
        """(total, rows, passage id -> words it lacks) for the passages holding most of the words."""
        clauses = [c for _, c in bq.clauses]
        labels = [lb for lb, _ in bq.clauses]
        total, best = run.closest(self.readers.searcher(), self.readers.dense(), list(bq.required), clauses,
                                  None if sort == "date" else limit, self.texts_of)  # fmt: skip
        if sort == "date":
            order = {r[:3]: r for r in best}
            best = [order[r] for r in self._by_date([r[:3] for r in best], limit)]
        rows: Rows = []
        missing: dict[str, list[str]] = {}
        for pid, sid, sc, ok in best[:limit]:
            rows.append((pid, sid, sc))
            missing[pid] = [lb for lb, m in zip(labels, ok, strict=True) if not m and lb]
        return total, rows, missing

    def _by_date(self, rows: Rows, limit: int) -> Rows:
        """Newest source first (undated last), then by score."""
        cat = self.readers.store().catalog()

        def key(r):
            src = cat.get(r[1])
            date = src.date if src and src.date else ""
            return (date == "", [-ord(ch) for ch in date], -r[2], r[0])

        return sorted(rows, key=key)[:limit]

    def texts_of(self, passage_ids: list[str]) -> list[str]:
        """Passage texts by passage id (for checking phrases)."""
        ps = self.readers.store().passages(passage_ids)
        return [ps[p].text if p in ps else "" for p in passage_ids]

    # -- highlight → rows -----------------------------------------------------------------------------

    def hits(self, rows: Rows, bq: BuiltQuery, first: int | None = None) -> list[Hit]:
        """Rows as hits: each passage's text, its source's metadata and highlight offsets (``first``: only
        the rows a list of that many lines shows first are highlighted now, search/hit_rows.py)."""
        return make_hits(self.readers.store(), rows, bq, first)

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

