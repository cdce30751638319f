"""Whoosh's query parser, as the search box and the command line use it, and the parts of texts it has parsed
(kept: parsing is milliseconds for a name expanded to all its aliases, and the box asks again at every
keystroke)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from whoosh import qparser
from whoosh import query as wq

_T = TypeVar("_T")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def make_parser(schema, group, weights: dict[str, float]) -> qparser.QueryParser:
    """Unfielded words search every field of ``weights`` (passage text, title, authors, outlet, speakers)."""
    w = {f: b for f, b in weights.items() if f in schema}
    p = qparser.MultifieldParser(list(w), schema, fieldboosts=w, group=group)
    p.remove_plugin_class(qparser.WildcardPlugin)  # "*" would expand every term in the index
    return p


_PARSED: dict[tuple, tuple[object, wq.Query]] = {}


# A plain word (apostrophes and hyphens inside it only: Whoosh reads 'single quotes' as one unit) or a
# phrase, with a boost only where Whoosh reads one: followed by a space, ")" or the end.
_PLAIN = r"[\w.]+(?:['’][\w.]+)*"
_WORD = rf"(?:{_PLAIN}(?:-{_PLAIN})*|\"[^\"()\[\]{{}}:^~*]*\")(?:\^\d+(?:\.\d+)?)?(?=[\s)]|$)"
_ATOM = re.compile(rf"\s*({_WORD}|\((?:\s*{_WORD}\s+OR)*\s*{_WORD}\s*\))\s*")


def parse_text(schema, group, weights: dict[str, float], body: str) -> wq.Query:
    """Whoosh's parse of ``body``. A text of plain words, phrases and (… OR …) groups (what the search box and
    the expansions make) is parsed a word or group at a time, each kept: the words typed before the last one
    and a name expanded to all its aliases (milliseconds of Whoosh's parser) are parsed once, and the AND
    of the parts is the parse of the whole (tested). Anything else is parsed whole. Either is kept: the same
    body gives the same object (what :func:`kept` keeps its work by)."""
    return _keep_parse((group, tuple(weights.items()), body, "whole"), schema,
                       lambda: _parse_atoms(schema, group, weights, body))  # fmt: skip


def _parse_atoms(schema, group, weights: dict[str, float], body: str) -> wq.Query:
    if group is qparser.AndGroup:
        atoms: list[str] = []
        pos = 0
        while pos < len(body):
            m = _ATOM.match(body, pos)
            if m is None or m.group(1) in _OPERATORS:
                atoms = []
                break
            atoms.append(m.group(1))
            pos = m.end()
        if len(atoms) > 1:
            parts = [_parse_kept(schema, group, weights, a) for a in atoms]
            parts = [q for q in parts if q is not wq.NullQuery]
            return wq.NullQuery if not parts else parts[0] if len(parts) == 1 else wq.And(parts).normalize()
    return _parse_kept(schema, group, weights, body)


def _parse_kept(schema, group, weights: dict[str, float], body: str) -> wq.Query:
    """Whoosh's parse of ``body``, kept for the last few hundred texts (queries are never changed after they
    are built, so one parse can serve every thread)."""
    return _keep_parse((group, tuple(weights.items()), body), schema,
                       lambda: make_parser(schema, group, weights).parse(body))  # fmt: skip


def _keep_parse(key: tuple, schema, parse: Callable[[], wq.Query]) -> wq.Query:
    """``parse()``, kept under ``key`` for the last few hundred texts and this schema."""
    got = _PARSED.get(key)
    if got is not None and got[0] is schema:
        return got[1]
    parsed = parse()
    if len(_PARSED) >= 256:
        _PARSED.clear()
    _PARSED[key] = (schema, parsed)
    return parsed


# Normalising a query walks all of it (a name's aliases are a large tree), and the words typed before the last
# one are the same kept parse at every keystroke: normalised once, kept by object.
FAST_NORMAL = True  # False: every query normalised whole by Whoosh (the tests compare the two)
_KEPT: dict[tuple[int, Callable], tuple[wq.Query, object]] = {}


def kept(q: wq.Query, fn: Callable[[wq.Query], _T]) -> _T:
    """``fn(q)``, kept per query object (queries are never changed once built; ``fn`` must return a value
    nobody changes either)."""
    key = (id(q), fn)
    got = _KEPT.get(key)
    if got is not None and got[0] is q:
        return got[1]  # type: ignore[return-value]
    out = fn(q)
    if len(_KEPT) >= 1024:  # a few per keystroke; kept small: each holds a query tree the collector walks
        _KEPT.clear()
    _KEPT[key] = (q, out)
    return out


def text_of(q: wq.Query) -> str:
    """``str(q)``, each child of an AND kept (Whoosh's text of a query walks all of it)."""
    if type(q) is wq.And:
        return "(" + q.JOINT.join([kept(c, str) for c in q.subqueries]) + ")"
    return str(q)


def normalize_and(children: list[wq.Query]) -> wq.Query:
    """``wq.And(children).normalize()`` for children that are normalised already: Whoosh's
    ``CompoundQuery.normalize`` step by step, less normalising each child again (tested equal)."""
    subqueries: list[wq.Query] = []
    for s in children:
        if isinstance(s, wq.And):
            # Whoosh's with_boost is a deep copy, of a name's whole alias tree: with the boost unchanged, the
            # copy equals the child itself (queries are never changed once built)
            subqueries += [ss if s.boost == 1.0 else ss.with_boost(ss.boost * s.boost) for ss in s]
        else:
            subqueries.append(s)
    if all(q is wq.NullQuery for q in subqueries):
        return wq.NullQuery
    if any(isinstance(q, wq.Every) and q.fieldname is None for q in subqueries):
        return wq.Every()
    if any(isinstance(q, (wq.Every, wq.TermRange, wq.NumericRange)) for q in subqueries):
        return wq.And(subqueries).normalize()  # ranges to merge: Whoosh's own way
    subqs: list[wq.Query] = []
    seen: dict[int, list[wq.Query]] = {}  # as a set of queries would: by hash, then equality
    for s in subqueries:
        same = seen.setdefault(hash_of(s), [])
        if not any(s is o or s == o for o in same):
            same.append(s)
            subqs.append(s)
    subqs = [q for q in subqs if q is not wq.NullQuery]
    if not subqs:
        return wq.NullQuery
    # (one left: Whoosh returns a copy of it with its own boost, equal to it)
    return subqs[0] if len(subqs) == 1 else wq.And(subqs)


def hash_of(q: wq.Query) -> int:
    """``hash(q)``, kept per query object: Whoosh hashes a compound query by walking all of it, each time."""
    return kept(q, hash)
