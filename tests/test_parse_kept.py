"""The search box's text is parsed a word or (… OR …) group at a time, each part kept for the next keystrokes
(search/engine/parse.py, _parse): the AND of the parts must be exactly Whoosh's parse of the whole text."""

from __future__ import annotations

import tomllib

import pytest

from .conftest import ROOT

ODD = [
    "withdrawal troops", "Levitt's detainees", "U.K. forces", "nato -coalition", '"islamic state" mosul',
    "deploy deployment", "al-Baghdadi ISIS", "a OR b", "(x OR y) z", "title:nato iraq", "nato^2 iraq",
    '"a b"^3 c', "isis OR daesh mosul", "Stoltenburg training", "US troops", "it's NATO’s call",
    "e.g. U.S.-led", "x NOT y", "(a b) c", "NOT NOT x", "((((a))))", '"unclosed phrase', "a AND", "OR b",
    "author:Levitt detainees", "date:2020..2021 nato", "inherent resolv", "Daesh -\"islamic state\" (mosul",
    "'Levitt detainees'", "'islamic state' mosul", "nato' iraq", "nato^0iraq", 'nato^10"islamic state"',
    "iraq^2. syria", "mosul^1.5 iraq", "word^2^3 x", "a'b'c d",
]  # fmt: skip


def test_parsing_part_by_part_is_parsing_the_whole(lib, monkeypatch):
    from nato_brief.search.engine import parse as P
    from nato_brief.search.engine import parts

    bodies = []
    real = parts.parse_text

    def spy(schema, group, weights, body):
        bodies.append((schema, group, weights, body))
        return real(schema, group, weights, body)

    monkeypatch.setattr(P, "parse_text", spy)
    judged = tomllib.loads((ROOT / "tests/labels/queries/judged_queries.toml").read_text(encoding="utf-8"))
    queries = [q["q"] for q in judged["query"]] + ODD
    for q in queries:
        lib.build_query(q)
        lib.queries.build(q, prefix=True)
        lib.queries.build(q[: len(q) // 2], prefix=True)  # half-typed
    split = 0
    for schema, group, weights, body in bodies:
        parts._PARSED.clear()
        try:
            whole = parts.make_parser(schema, group, weights).parse(body)
        except Exception as e:  # Whoosh's parser raises on some input: so must the kept path (then literal)
            with pytest.raises(type(e)):
                real(schema, group, weights, body)
            continue
        got = real(schema, group, weights, body)
        assert repr(got.normalize()) == repr(whole.normalize()), body
        split += bool(parts._ATOM.match(body)) and len(body.split()) > 1
    assert len({b[3] for b in bodies}) > 100 and split > 50  # the part-by-part path was exercised
