"""Building a Whoosh query from what the user typed, safely, and saying what it became.

Whoosh's parser raises on some inputs (``NOT NOT x``), recurses on deep parentheses and is quadratic on very
long tokens, so the text is capped first (``search/query.py``) and any parser failure falls back to a literal
search of the words, with a notice the user sees. The last word gets completed from the index (search as
you type).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import qparser
from whoosh import query as wq

from ..query import MAX_QUERY_CHARS, MIN_PREFIX, Completer, clean_query_text
from .analysis import name_analyzer, raw_analyzer, text_analyzer

MAX_PAREN_DEPTH = 12
FIELD_ALIASES = {"authors": "author", "by": "author", "source": "outlet", "said": "speaker", "who": "speaker"}
FIELDS = ("text", "title", "author", "outlet", "year", "speaker")


@dataclass
class BuiltQuery:
    """A parsed query plus what the user should be told about it."""

    text: str
    query: wq.Query | None
    expanded: str = ""
    notices: list[str] = field(default_factory=list)
    literal: bool = False
    stems: set[str] = field(default_factory=set)
    raws: set[str] = field(default_factory=set)
    expansions: list[tuple[str, list[str]]] = field(default_factory=list)


def _depth(text: str) -> int:
    d = best = 0
    for ch in text:
        if ch == "(":
            d += 1
            best = max(best, d)
        elif ch == ")":
            d = max(0, d - 1)
    return best


def make_parser(schema, group=qparser.AndGroup) -> qparser.QueryParser:
    # Words search the passage text; titles, authors and outlets through their fields (title:, author:, ...).
    # Spreading every word over several fields made each query an OR of large posting lists (3x slower).
    p = qparser.QueryParser("text", schema, group=group)
    p.remove_plugin_class(qparser.WildcardPlugin)  # "*" would expand every term in the index
    return p


_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


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
) -> BuiltQuery:
    """Parse ``text`` into a Whoosh query. Never raises on any input.

    ``max_chars``: the cap for this text (larger for a query whose entity names were already expanded, so
    the expansion is never cut off in the middle: the user's text was capped before it was expanded).
    """
    text, notices = clean_query_text(text, max_chars)
    for a, f in FIELD_ALIASES.items():
        text = re.sub(rf"(?i)\b{a}:", f"{f}:", text)
    bq = BuiltQuery(text=text, query=None, notices=notices)
    body = text
    last_word = None
    if prefix and completer is not None and text and not text[-1].isspace():
        m = re.search(r"(?:^|[\s(])([^\W\d_]\w*)$", text)
        if m and len(m.group(1)) >= MIN_PREFIX and m.group(1) not in _OPERATORS and text.count('"') % 2 == 0:
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
                parsed = make_parser(schema, group).parse(body)
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
        stems = dict.fromkeys(
            t.text for w in [*typed, *words] for t in an(w, mode="query", removestops=False)
        )
        alts: list[wq.Query] = [wq.Term("text", s) for s in stems]
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
    if not parts:
        # Filters alone (an AND with Every() would normalise to Every(), dropping them).
        q = filters[0] if len(filters) == 1 else wq.And(filters)
    else:
        q = parts[0] if len(parts) == 1 else (wq.Or(parts) if group_or and not filters else wq.And(parts))
        if filters:
            q = wq.And([q, *filters])
    bq.query = q.normalize()
    bq.expanded = str(bq.query)
    _collect_terms(bq.query, bq)
    return bq


def _name_filter(fieldname: str, value: str) -> wq.Query | None:
    # The field's own analyzer, so the words kept are those the index kept ("War on the Rocks": war, rocks).
    toks = [t.text for t in name_analyzer()(value, mode="query")]
    if not toks:
        return None
    return wq.And([wq.Term(fieldname, t) for t in toks]) if len(toks) > 1 else wq.Term(fieldname, toks[0])


def _collect_terms(q: wq.Query, bq: BuiltQuery) -> None:
    """Words to highlight: the stemmed ``text``/``title`` terms (completions' unstemmed forms are added to
    ``bq.raws`` where they are made)."""
    for node in q.leaves() if hasattr(q, "leaves") else [q]:
        if isinstance(node, (wq.Term, wq.Phrase)) and node.fieldname in ("text", "title"):
            words = node.words if isinstance(node, wq.Phrase) else [node.text]
            for w in words:
                bq.stems.add(w.decode() if isinstance(w, bytes) else str(w))
    # Words under a NOT are not highlighted.
    for node in _nots(q):
        for leaf in node.leaves() if hasattr(node, "leaves") else []:
            if isinstance(leaf, wq.Term):
                bq.stems.discard(leaf.text)


def _nots(q: wq.Query):
    if isinstance(q, wq.Not):
        yield q
        return
    for c in q.children() if hasattr(q, "children") else []:
        yield from _nots(c)
