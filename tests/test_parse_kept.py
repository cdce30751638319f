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


def test_normalising_part_by_part_is_normalising_the_whole(lib, monkeypatch):
    """The words typed before the last one are normalised once and kept; the AND with the completion and the
    filters is then built as Whoosh's normalising of the whole query would build it: the same query, shown
    the same, for every judged query, odd input and half-typed text, with and without the filters."""
    from nato_brief.search.engine import parts

    judged = tomllib.loads((ROOT / "tests/labels/queries/judged_queries.toml").read_text(encoding="utf-8"))
    texts = [q["q"] for q in judged["query"]] + ODD + ["(nato iraq)^2", "(nato iraq)^2 mosul", "(a OR b)^2"]
    texts += [t[:n] for t in texts for n in range(2, len(t), 3)]  # typed a letter at a time
    kinds = [{}, {"prefix": True}, {"prefix": True, "author": "Levitt"}, {"outlet": "Lawfare", "year": 2019},
             {"group_or": True}]  # fmt: skip
    compared = 0
    for text in texts:
        for kw in kinds:
            monkeypatch.setattr(parts, "FAST_NORMAL", True)
            fast = lib.queries.build(text, **kw)
            fast_again = lib.queries.build(text, **kw)  # the kept normal form
            monkeypatch.setattr(parts, "FAST_NORMAL", False)
            slow = lib.queries.build(text, **kw)
            assert fast.query == slow.query == fast_again.query, (text, kw)
            assert fast.expanded == slow.expanded, (text, kw)
            assert (fast.stems, fast.raws, fast.phrases) == (slow.stems, slow.raws, slow.phrases), (text, kw)
            assert [str(c) for _, c in fast.clauses] == [str(c) for _, c in slow.clauses], (text, kw)
            compared += fast.query is not None
    assert compared > 1000
