"""The same paragraph printed under two attributions (a seed prints one passage under two entries) is flagged
in search results; it must be flagged wherever the words are cited too: in a brief (JSON, Markdown, the
terminal), in `quote`, and in what copying and exporting write (found by the fresh-user check: the brief
gave the sentence to Luke Coffey and to Michael Knights et al., each with no warning)."""

from __future__ import annotations

import json

from nato_brief.search.library import Library
from nato_brief.search.quotes import format_quotes, ref_for_passage, resolve

from tests.test_cli import run

SENTENCE = "Secondly, the alliance has accumulated a lot of experience in training security forces"


def _twin_pair(lib: Library) -> tuple[str, list[str]]:
    hits = lib.search(f'"{SENTENCE}"', limit=10).hits
    flagged = [h for h in hits if h.duplicate_of]
    assert flagged, "the seeds print this paragraph under two entries"
    return flagged[0].passage_id, flagged[0].duplicate_of


def test_brief_flags_words_printed_under_another_attribution(seeded):
    b = json.loads(run("brief", "What did Luke Coffey say about training?", "--json").stdout)
    quotes = [q for s in b["sections"] for q in s["quotes"] if SENTENCE in q["text"]]
    assert quotes
    for q in quotes:
        assert q["duplicate_of"] and any("Michael Knights" in t["author"] for t in q["also_attributed"])
    md = run("brief", "What did Luke Coffey say about training?", "--markdown").stdout
    assert "also given to Michael Knights, Pierre Morcos and Charles Thepaut" in md


def test_quote_copy_and_export_text_carry_the_flag(seeded):
    lib = Library()
    pid, _dups = _twin_pair(lib)
    r = run("quote", pid)
    assert r.returncode == 0 and "identical text also printed under" in r.stdout
    for fmt in ("markdown", "plain"):
        text = format_quotes([resolve(lib, ref_for_passage(lib, pid))], fmt)
        lines = text.splitlines()
        cite = next(i for i, ln in enumerate(lines) if ln.startswith("— "))
        assert lines[cite + 1].startswith("(identical text also printed under ")  # right under its citation


def test_add_says_replaced_and_hints_at_replace_when_fields_are_given(seeded, tmp_path):
    """`add memo.txt --outlet X` on a document already in the library changed nothing and said only that
    (fresh-user check): it now says how to change its fields, and `--replace` says "replaced", not "added"."""
    memo = tmp_path / "memo.txt"
    memo.write_text("Field memo\n\nBy Jan Kowalski\n\nThe convoy reached Erbil on Monday after a long delay at the "
                    "checkpoint near Makhmour, officials said.\n", encoding="utf-8")  # fmt: skip
    first = run("add", str(memo))
    assert first.returncode == 0 and first.stdout.startswith("added ")
    again = run("add", str(memo), "--outlet", "Field Dispatch")
    assert "nothing changed" in again.stdout and "add it again with --replace" in again.stderr
    replaced = run("add", str(memo), "--outlet", "Field Dispatch", "--replace")
    assert replaced.returncode == 0 and replaced.stdout.startswith("replaced ")
    assert any(s["outlet"] == "Field Dispatch" for s in json.loads(run("sources", "--json").stdout))
