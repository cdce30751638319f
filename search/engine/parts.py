"""Whoosh's query parser, as the search box and the command line use it, and the parts of texts it has parsed
(kept: parsing is milliseconds for a name expanded to all its aliases, and the box asks again at every
keystroke)."""

from __future__ import annotations

import re

from whoosh import qparser
from whoosh import query as wq

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
    of the parts is the parse of the whole (tested). Anything else is parsed whole, and kept too."""
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
    key = (group, tuple(weights.items()), body)
    got = _PARSED.get(key)
    if got is not None and got[0] is schema:
        return got[1]
    parsed = make_parser(schema, group, weights).parse(body)
    if len(_PARSED) >= 256:
        _PARSED.clear()
    _PARSED[key] = (schema, parsed)
    return parsed
