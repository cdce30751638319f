"""Building a Whoosh query from what the user typed, safely, and saying what it became.

Whoosh's parser raises on some inputs (``NOT NOT x``), recurses on deep parentheses and is quadratic on very
long tokens, so the text is capped first (``search/query.py``) and any parser failure falls back to a literal
search of the words, with a notice the user sees. The last word is completed from the index (as you type).
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import qparser
from whoosh import query as wq

from ..query import MAX_QUERY_CHARS, MIN_PREFIX, Completer, clean_query_text
from . import parts as parts_
from .analysis import name_analyzer, raw_analyzer, text_analyzer
from .parts import _OPERATORS, parse_text

MAX_PAREN_DEPTH = 12
FIELD_ALIASES = {"authors": "author", "by": "author", "source": "outlet", "said": "speaker", "who": "speaker"}
# Every unfielded word is searched in these fields with these weights (BM25F: Whoosh sums each field's BM25
# score times its weight). Tuned on the judged set (tests/labels/queries, benchmarks/relevance.py); why
# each value is what it is: docs/search.md. "speaker" is filled by the speech index.
FIELD_WEIGHTS = {"text": 1.0, "title": 0.6, "author": 0.8, "outlet": 0.5, "speaker": 0.6}


@dataclass
class BuiltQuery:
    """A parsed query plus what the user should be told about it."""

    text: str
    query: wq.Query | None
    expanded: str = ""
    notices: list[str] = field(default_factory=list)
    literal: bool = False
    stems: set[str] = field(default_factory=set)  # words highlighted wherever they occur
    raws: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)  # highlighted only where the phrase occurs
    expansions: list[tuple[str, list[str]]] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, searched)
    corrected: str | None = None  # the query searched after typo correction, when a word was corrected
    families: list[tuple[str, list[str]]] = field(default_factory=list)  # (word, other forms searched)
    unknown: list[str] = field(default_factory=list)  # words the library does not have, even corrected
    chrome_only: list[str] = field(default_factory=list)  # words only page chrome (menus) has: not searched
    clauses: list[tuple[str, wq.Query]] = field(default_factory=list)  # (typed words, query): each must match
    required: list[wq.Query] = field(default_factory=list)  # filters and exclusions (never relaxed)
    date_range: tuple[str, str] | None = None  # date:FROM..TO, inclusive, as YYYY-MM-DD strings


def and_of(queries: list) -> wq.Query:
    """Every one of ``queries`` (the query itself when there is one)."""
    return queries[0] if len(queries) == 1 else wq.And(queries)


def or_of(queries: list) -> wq.Query:
    """Any of ``queries``."""
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def _depth(text: str) -> int:
    d = best = 0
    for ch in text:
        if ch == "(":
            d += 1
            best = max(best, d)
        elif ch == ")":
            d = max(0, d - 1)
    return best


def literal_query(text: str, group_or: bool = False) -> wq.Query | None:
    """The words of ``text`` with no operators, fields or syntax: each must occur (or any, when OR)."""
    an = text_analyzer()
    terms = [wq.Term("text", t.text) for t in an(text, mode="query")]
    if not terms:
        return None
    return (wq.Or if group_or else wq.And)(terms) if len(terms) > 1 else terms[0]


def build_query(
    schema,
    text: str,
    *,
    completer: Completer | None = None,
    prefix: bool = False,
    author: str | None = None,
    outlet: str | None = None,
    year: str | int | None = None,
    group_or: bool = False,
    max_chars: int = MAX_QUERY_CHARS,
    weights: dict[str, float] | None = None,
    family_of: Callable[[str], list[str]] | None = None,
    cleaned: bool = False,
    typed_text: str | None = None,
) -> BuiltQuery:
    """Parse ``text`` into a Whoosh query. Never raises on any input.

    ``max_chars``: the cap for this text (larger for a query whose entity names were already expanded, so
    the expansion is never cut off in the middle: the user's text was capped before it was expanded).
    ``cleaned``: the text was already sanitised and capped (Library.build_query does it before correcting).
    ``typed_text``: the words as the user typed them (corrected), which name the clauses (``text`` may carry
    alias and family expansions).
    """
    text, notices = (text, []) if cleaned else clean_query_text(text, max_chars)
    for a, f in FIELD_ALIASES.items():
        text = re.sub(rf"(?i)\b{a}:", f"{f}:", text)
    weights = {f: b for f, b in (weights or FIELD_WEIGHTS).items() if f in schema}
    bq = BuiltQuery(text=text, query=None, notices=notices)
    text, bq.date_range = _take_date(text, bq.notices)
    text = _drop_bad_years(text, bq.notices)
    body = text
    last_word = None
    if prefix and completer is not None and text and not text[-1].isspace():
        m = re.search(r"(?:^|[\s(])([^\W\d_]\w*)$", text)
        # After an operator ("nato NOT coal", "isis OR dae") the word is searched as typed: completing it
        # joined its completions to the rest with AND, which turned "NOT coalition" into "coalition".
        after_operator = bool(m and re.search(r"(?:^|\s)(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\s+$", text[: m.start(1)]))
        if (
            m
            and len(m.group(1)) >= MIN_PREFIX
            and m.group(1) not in _OPERATORS
            and text.count('"') % 2 == 0
            and not after_operator
        ):
            folded = [t.text for t in raw_analyzer()(m.group(1), mode="query")]
            if len(folded) == 1:
                last_word = folded[0]
                body = text[: m.start(1)]
    # "-nato" excludes, as users expect; "al-Baghdadi" stays one name (Whoosh's plugin would split it).
    body = re.sub(r"(?:(?<=\s)|^)-(?=[\w\"(])", "NOT ", body)
    parsed: wq.Query | None = None
    group = qparser.OrGroup if group_or else qparser.AndGroup
    if body.strip():
        if _depth(body) > MAX_PAREN_DEPTH:
            bq.notices.append("Too many nested parentheses: searched the words literally.")
            bq.literal = True
            parsed = literal_query(body, group_or)
        else:
            try:
                parsed = parse_text(schema, group, weights, body)
                if parsed is wq.NullQuery:
                    parsed = None
            except Exception:  # the parser raises IndexError, RecursionError and others on odd input
                bq.notices.append("Could not read that as a query: searched the words literally.")
                bq.literal = True
                parsed = literal_query(body, group_or)
    completion = None
    if last_word:
        an = text_analyzer()
        words = completer.complete(last_word) if completer else []
        # The typed prefix counts as a word only when it is one ("coal"), so that "coali", "coalit", ...
        # build the same query once the completion has settled (and hit the result cache).
        # A finished word nothing completes ("Stoltenburg") is searched as typed, not dropped.
        typed = [last_word] if completer is None or completer.has(last_word) or not words else []
        dotted = "".join(ch + "." for ch in last_word)  # "USA" is also "U.S.A." (search/rewrite.py, _dotted)
        if completer is not None and len(last_word) <= 5 and last_word.isalpha() and completer.has(dotted):
            words = [*words, dotted]
        stems = dict.fromkeys(
            t.text for w in [*typed, *words] for t in an(w, mode="query", removestops=False)
        )
        # A finished word ("withdrawal") also brings its family ("withdrawn"), at a lower weight.
        fam: dict[str, None] = {}
        if family_of is not None:  # the typed word as a whole word (family() keeps to long words)
            for f in family_of(last_word):
                for t in an(f, mode="query", removestops=False):
                    if t.text not in stems:
                        fam[t.text] = None
                        bq.raws.add(f)
        alts: list[wq.Query] = []
        for st in stems:
            alts += [wq.Term(f, st, boost=weights[f]) for f in ("text", "title") if f in weights]
        for st in fam:
            alts += [wq.Term(f, st, boost=weights[f] * 0.5) for f in ("text", "title") if f in weights]
        # Names are indexed unstemmed: the typed word and its completions as they are.
        for w in dict.fromkeys([*typed, *words]):
            alts += [wq.Term(f, w, boost=weights[f]) for f in ("author", "outlet", "speaker") if f in weights]
        bq.raws.update(words)
        if alts:
            completion = wq.Or(alts) if len(alts) > 1 else alts[0]
    parts = [q for q in (parsed, completion) if q is not None]
    filters = []
    if author:
        filters.append(_name_filter("author", author))
    if outlet:
        filters.append(_name_filter("outlet", outlet))
    if year:
        filters.append(wq.Term("year", str(year)))
    filters = [f for f in filters if f is not None]
    if not parts and not filters:
        bq.query = None
        return bq
    if parts and not (group_or and len(parts) > 1) and parts_.FAST_NORMAL:
        # The AND of the parts, each normalised (the words typed before the last one: once, kept), as
        # normalising the AND of them whole would give (tests/test_parse_kept.py)
        kids = [parts_.kept(parsed, _normal_form)] if parsed is not None else []
        kids += [_metadata_phrases_as_words(f).normalize() for f in [completion, *filters] if f is not None]
        normal = kids[0] if len(kids) == 1 else parts_.normalize_and(kids)
    else:
        if not parts:
            # Filters alone (an AND with Every() would normalise to Every(), dropping them).
            q = filters[0] if len(filters) == 1 else wq.And(filters)
        else:
            q = parts[0] if len(parts) == 1 else (wq.Or(parts) if group_or and not filters else wq.And(parts))
            if filters:
                q = wq.And([q, *filters])
        normal = _metadata_phrases_as_words(q).normalize()
    bq.query = _without_dropped_words(normal, filters)
    bq.expanded = parts_.text_of(bq.query) if parts_.FAST_NORMAL else str(bq.query)
    _collect_terms(bq.query, bq)
    _split_clauses(bq, completion, last_word, filters, group_or, typed_text)
    return bq


def _metadata_phrases_as_words(q: wq.Query) -> wq.Query:
    """A phrase in a title, author, outlet or speaker field becomes the AND of its words.

    Those fields hold a few words per source, so the words rarely match apart; as a phrase Whoosh would check
    positions one posting at a time (1.5 ms for every alias name in a query), as words the whole-list
    evaluator runs them. Passage text phrases stay phrases.
    """
    if isinstance(q, wq.Phrase) and q.fieldname != "text":
        return wq.And([wq.Term(q.fieldname, w, boost=q.boost) for w in q.words])
    # Copies, not changes: the parsed query may be a kept one (_parse) that other searches share.
    if isinstance(q, wq.CompoundQuery):
        q = copy.copy(q)
        q.subqueries = [_metadata_phrases_as_words(c) for c in q.subqueries]
    elif isinstance(q, (wq.Not,)):
        q = copy.copy(q)
        q.query = _metadata_phrases_as_words(q.query)
    elif isinstance(q, (wq.AndNot, wq.AndMaybe, wq.Require)):
        q = copy.copy(q)
        q.a, q.b = _metadata_phrases_as_words(q.a), _metadata_phrases_as_words(q.b)
    return q


_DATE = re.compile(r"(?i)(?:^|(?<=\s))date:(\S*)")


def _take_date(text: str, notices: list[str]) -> tuple[str, tuple[str, str] | None]:
    """Remove ``date:FROM..TO`` from the text; the range as inclusive YYYY-MM-DD bounds."""
    m = _DATE.search(text)
    if not m:
        return text, None
    rest = (text[: m.start()] + " " + text[m.end() :]).strip()
    rng = parse_date_range(m.group(1))
    if rng is None:
        notices.append(f"Not a date range: {m.group(1)!r} (use date:2020-01..2021-06); ignored it.")
    return rest, rng


_YEAR = re.compile(r"(?i)(?:^|(?<=[\s(]))year:(\S*)")


def _drop_bad_years(text: str, notices: list[str]) -> str:
    """Remove a ``year:`` that is not four digits (``year:21``), with a notice: it would match nothing."""

    def bad(m: re.Match) -> str:
        value = m.group(1).strip('"')
        if re.fullmatch(r"\d{4}", value):
            return m.group()
        notices.append(f"Not a year: {m.group(1)!r} (use four digits, e.g. year:2019); ignored it.")
        return " "

    return _YEAR.sub(bad, text).strip() if "year:" in text.lower() else text


def parse_date_range(value: str) -> tuple[str, str] | None:
    """``2020``, ``2020-01``, ``2020-01-15``, ``2020-01..2021-06``, ``..2019``, ``2021..``: inclusive bounds."""
    lo, sep, hi = value.partition("..")
    if not sep:
        hi = lo
    part = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")

    def bound(v: str, upper: bool) -> str | None:
        if not v:
            return "9999-12-31" if upper else "0000-01-01"
        m = part.match(v)
        if not m:
            return None
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if mo is not None and not 1 <= int(mo) <= 12:
            return None
        if mo is None:
            return f"{y}-12-31" if upper else f"{y}-01-01"
        if d is None:
            return f"{y}-{int(mo):02d}-31" if upper else f"{y}-{int(mo):02d}-01"
        try:  # a real calendar day: 2019-12-45, 2019-02-31 and 2021-02-29 are not
            _dt.date(int(y), int(mo), int(d))
        except ValueError:
            return None
        return f"{y}-{int(mo):02d}-{int(d):02d}"

    a, b = bound(lo, False), bound(hi, True)
    if a is None or b is None or (not lo and not hi):
        return None
    return (a, b) if a <= b else None


_NAME_FIELDS = {"author", "outlet", "speaker"}


def _without_dropped_words(q: wq.Query, filters: list) -> wq.Query:
    """``q`` without the parts made of a word the passage text's analyzer drops (one letter: "nato s" while
    the next word is being typed). Unfielded, such a word still reached the name fields, whose analyzer keeps
    one letter, and became a part every passage had to match ("s" as an author's word): nothing did."""
    if type(q) is not wq.And:
        return q
    keep = []
    for part in q.subqueries:
        leaves = list(part.leaves()) if type(part) is wq.Or else []
        fields = {getattr(lf, "fieldname", None) for lf in leaves}
        dropped = (
            len(fields) >= 2
            and fields <= _NAME_FIELDS
            and all(type(lf) is wq.Term and len(str(lf.text)) == 1 for lf in leaves)
            and not any(part is f for f in filters)
        )
        if not dropped:
            keep.append(part)
    if len(keep) == len(q.subqueries) or not keep:
        return q
    return keep[0] if len(keep) == 1 else wq.And(keep, boost=q.boost)


def _split_clauses(
    bq: BuiltQuery, completion, last_word: str | None, filters: list, group_or: bool, typed_text: str | None
) -> None:
    """The query's parts that each must match, labelled with the words typed, and what is always required.

    A clause with a word in the passage text can be relaxed (closest matches); exclusions, explicit fields
    (``author:``, ``year:``, ...) and the options' filters cannot.
    """
    q = bq.query
    if q is None or group_or:
        return
    parts = list(q.subqueries) if type(q) is wq.And else [q]
    typed = _typed_words(typed_text if typed_text is not None else bq.text)
    for part in parts:
        if part is completion or (completion is not None and part == completion):
            bq.clauses.append((last_word or "", part))
            continue
        leaves = [lf for lf in (part.leaves() if hasattr(part, "leaves") else [part])]
        text_words: set[str] = set()
        for lf in leaves:
            if isinstance(lf, wq.Term) and lf.fieldname == "text":
                text_words.add(str(lf.text))
            elif isinstance(lf, wq.Phrase) and lf.fieldname == "text":
                text_words.update(str(w) for w in lf.words)
        if isinstance(part, wq.Not) or not text_words or any(part is f for f in filters):
            bq.required.append(part)
            continue
        label = " ".join(dict.fromkeys(w for w, st in typed if st in text_words)) or " ".join(sorted(text_words))
        bq.clauses.append((label, part))


def _typed_words(text: str) -> list[tuple[str, str]]:
    """(word as typed, its stem) for the words of ``text``."""
    an = text_analyzer()
    out = []
    for m in re.finditer(r"(?:[^\W\d_]\.){2,}|[^\W_][\w'’]*", text):  # "U.K." is one word
        toks = [t.text for t in an(m.group(), mode="query")]
        if len(toks) == 1 and m.group() not in _OPERATORS:
            out.append((m.group(), toks[0]))
            if "." in toks[0]:  # "E.U." is searched as "EU" too (search/rewrite.py)
                out += [(m.group(), t.text) for t in an(m.group().replace(".", ""), mode="query")]
    return out


class SourceSet(wq.Or):
    """Passages of these sources only (a date range, say); a filter that adds nothing to the score.

    Whoosh runs it as an OR of ``source_id`` terms; the whole-list evaluator as one mask (search/dense.py).
    """

    def __init__(self, source_ids, boost: float = 1.0) -> None:
        ids = sorted(set(source_ids))
        self.source_ids = ids
        super().__init__([wq.Term("source_id", s) for s in ids] or [wq.NullQuery], boost=0.0)

    def normalize(self):
        return self

    def within(self, q: wq.Query) -> wq.Query:
        """``q`` limited to these sources."""
        return wq.And([q, self])

    def __repr__(self) -> str:
        return f"SourceSet({len(self.source_ids)} sources)"


def _name_filter(fieldname: str, value: str) -> wq.Query | None:
    # The field's own analyzer, so the words kept are those the index kept ("War on the Rocks": war, rocks).
    toks = [t.text for t in name_analyzer()(value, mode="query")]
    if not toks:
        return None
    return wq.And([wq.Term(fieldname, t) for t in toks]) if len(toks) > 1 else wq.Term(fieldname, toks[0])


def _collect_terms(q: wq.Query, bq: BuiltQuery) -> None:
    """What to highlight in passage text: the stemmed ``text`` terms, and each ``text`` phrase as a whole
    (highlighted only where the phrase occurs: "islamic state" must not light up every "state"). Words of
    the name fields and of ``title:`` are not looked for in the passage text, so they are not highlighted in
    it (``author:Levitt`` keeps Levitt's passages, it does not ask for the word "Levitt"); an unfielded word
    is searched in the text too, so it is. Completions' unstemmed forms are added to ``bq.raws`` where made.
    An AND's children one at a time, each kept (the words typed before the last one come back)."""
    for c in q.subqueries if type(q) is wq.And and parts_.FAST_NORMAL else [q]:
        stems, phrases = parts_.kept(c, _text_terms) if parts_.FAST_NORMAL else _text_terms(c)
        bq.stems.update(stems)
        bq.phrases += [p for p in phrases if p not in bq.phrases]


def _text_terms(q: wq.Query) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(stems, phrases) of ``q`` to highlight, in order (see _collect_terms)."""
    stems: list[str] = []
    phrases: list[tuple[str, ...]] = []
    nots = {id(leaf) for node in _nots(q) for leaf in (node.leaves() if hasattr(node, "leaves") else [node])}
    for node in q.leaves() if hasattr(q, "leaves") else [q]:
        if id(node) in nots or getattr(node, "fieldname", None) != "text":
            continue  # words under a NOT are not highlighted
        if isinstance(node, wq.Term):
            stems.append(_word(node.text))
        elif isinstance(node, wq.Phrase):
            words = tuple(_word(w) for w in node.words)
            if len(words) > 1 and node.slop <= 1:
                if words not in phrases:
                    phrases.append(words)
            else:
                stems += words
    return tuple(stems), tuple(phrases)


def _normal_form(q: wq.Query) -> wq.Query:
    return _metadata_phrases_as_words(q).normalize()


def _word(w) -> str:
    return w.decode() if isinstance(w, bytes) else str(w)


def _nots(q: wq.Query):
    if isinstance(q, wq.Not):
        yield q
        return
    for c in q.children() if hasattr(q, "children") else []:
        yield from _nots(c)
