"""Why a search found nothing: the line an empty page shows instead of a bare "0 passages".

Only a query none of whose words occurs anywhere may come back empty, and the page must say why (issue 14):
the words the library does not have; else the filters or exclusions that removed the passages holding the
words (with how many those are); else the phrase whose words occur, but never together; else the words no
passage holds together. Costs one extra count, and only when the page is empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .correct import chrome_line
from .engine.analysis import _STOP
from .engine.parse import BuiltQuery, and_of, or_of
from .query import _EMPTY_FILTER
from .rewrite import OPERATORS

# What the user typed that keeps or removes passages without being a searched word.
_FILTER = re.compile(
    r'(?i)(?:^|(?<=[\s(]))-?(?:author|authors|by|outlet|source|year|date|title|speaker|said|who):(?:"[^"]*"?|\S+)'
)
_EXCLUDED = re.compile(r'(?:(?:^|(?<=\s))-|\bNOT\s+)("[^"]*"?|[^\s()]+)')
_PHRASE = re.compile(r'(?<![\w:])"([^"]+)"')


def filter_labels(text: str, author: str | None = None, outlet: str | None = None, year=None) -> list[str]:
    """The filters and exclusions of ``text`` as typed (``author:Levitt``, ``date:2020``, ``NOT coalition``),
    then the options' (``--author``, ``--outlet``, ``--year``) written the same way."""
    out = [m.group() for m in _FILTER.finditer(text)]
    rest = _FILTER.sub(" ", text)
    out += [f"NOT {m.group(1)}" for m in _EXCLUDED.finditer(rest)]
    for name, value in (("author", author), ("outlet", outlet), ("year", year)):
        if value:
            v = str(value)
            out.append(f'{name}:"{v}"' if " " in v else f"{name}:{v}")
    return out


def why_empty(
    bq: BuiltQuery,
    unknown_line: str | None,
    count: Callable[[object], int],
    options: dict | None = None,
) -> str:
    """The line for an empty page. ``count(query)``: how many passages a query matches."""
    if unknown_line:
        return unknown_line
    if bq.chrome_only:
        return chrome_line(bq.chrome_only)
    words = [lb for lb, _ in bq.clauses if lb]
    filters = filter_labels(bq.text, **(options or {}))
    if bq.clauses and filters:
        clauses = [c for _, c in bq.clauses]
        for joined, how in ((and_of, _and), (or_of, _or)):
            try:
                n = count(joined(clauses))
            except Exception:  # a query that cannot run alone: say what can be said without the count
                n = 0
            if n:
                have = "passages have" if n != 1 else "passage has"
                return f"{n} {have} {how(words)}, but none passes {_and(filters)}."
            if len(clauses) == 1:
                break
    if not bq.clauses and filters:
        return f"No passage passes {_and(filters)}."
    phrases = [m.group(1).strip() for m in _PHRASE.finditer(bq.text) if len(m.group(1).split()) > 1]
    if phrases and bq.phrases:
        return "No passage has the phrase " + ", ".join(f"“{p}”" for p in phrases) + " (its words never occur together)."
    if len(words) > 1:
        return f"No passage has any of: {', '.join(words)}."
    if words:
        return f"No passage has {words[0]}."
    return f"No passage matches {bq.text.strip()!r}."


def nothing_to_search(text: str) -> str | None:
    """Why a query searches nothing: words not in the library ("x"; what the command line says too), else the
    skipped words ("the", "of"), else the filters that were ignored ("date:2020-13..", "author:"). Operators
    and filters are not words."""
    filters = list(dict.fromkeys([m.group() for m in (*_FILTER.finditer(text), *_EMPTY_FILTER.finditer(text))]))
    rest = _EMPTY_FILTER.sub(" ", _FILTER.sub(" ", text))
    words = [w for w in re.findall(r"[^\W\d_][\w'’.]*", rest) if w not in OPERATORS]
    unknown = [w for w in words if w.lower() not in _STOP]
    if unknown:
        s = "s" if len(unknown) > 1 else ""
        return f"Not in the library: {', '.join(unknown)} (no close word{s} either)"
    if words:
        which = f"{', '.join(f'“{w}”' for w in words)} {'is a word' if len(words) == 1 else 'are words'}"
        return f"Nothing to search for: {which} the search skips (too common to tell passages apart)."
    if filters:
        were = "filter was" if len(filters) == 1 else "filters were"
        return f"Nothing to search for: the {were} ignored ({_and(filters)})."
    return None


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
