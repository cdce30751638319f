"""A briefing never shows reported speech as the speaker's quotation: the reported clause is the article's
words about what someone said, marked as reported (by whom) in Markdown, the terminal, JSON and the TUI chat.
Articles written for this test."""

from __future__ import annotations

import json

from nato_brief.search.library import Library

from tests.test_cli import run

ARTICLE = (
    "---\ntitle: Bridge works in Tarsk\nauthor: Ann Writer\noutlet: Test Wire\ndate: 2022-05-02\n---\n\n"
    "Defence Minister Halvard Brenn said on Monday that the bridge works in Tarsk had been suspended for a "
    "month.\n\n"
    "“The bridge in Tarsk will reopen when the engineers return,” Brenn told reporters in Tarsk.\n"
)
QUESTION = "What did Halvard Brenn say about the bridge in Tarsk?"
REPORTED = "the bridge works in Tarsk had been suspended for a month"


def _add(tmp_path) -> None:
    a = tmp_path / "a.md"
    a.write_text(ARTICLE, encoding="utf-8")
    Library().open().add([a])


def test_brief_marks_reported_speech_as_reported(home, tmp_path):
    _add(tmp_path)
    data = json.loads(run("brief", QUESTION, "--json").stdout)
    quotes = [q for s in data["sections"] if s.get("speaker") == "Halvard Brenn" for q in s["quotes"]]
    kinds = {q["text"]: q["kind"] for q in quotes}
    assert kinds.get(REPORTED) == "reported"
    assert kinds.get("The bridge in Tarsk will reopen when the engineers return") == "direct"

    md = run("brief", QUESTION, "--markdown").stdout
    assert f"> {REPORTED}" not in md and f"> “{REPORTED}" not in md  # never a block quote of his words
    assert f"(reported by Ann Writer: {REPORTED})" in md
    assert "> The bridge in Tarsk will reopen" in md

    term = run("brief", QUESTION).stdout
    assert f"“{REPORTED}”" not in term
    assert f"(reported by Ann Writer: {REPORTED})" in term


async def test_tui_chat_marks_reported_speech(home, tmp_path):
    from nato_brief.search.brief import brief
    from nato_brief.tui.render import brief_citation

    _add(tmp_path)
    b = brief(Library().open(), QUESTION)
    ((sec, q),) = [(s, q) for s in b.sections for q in s.quotes if q.text == REPORTED]
    assert brief_citation(sec, q).startswith("— reported by Ann Writer")


def test_copied_reported_statement_is_marked_as_reported(home, tmp_path):
    from nato_brief.search.quotes import QuoteRef, format_brief, format_quotes, resolve

    _add(tmp_path)
    lib = Library().open()
    (src,) = [sid for sid in lib.store().catalog() if REPORTED in lib.store().source(sid).text]
    text = lib.store().source(src).text
    start = text.index(REPORTED)
    pid = next(p.id for p in lib.store().source(src).passages if p.start <= start < p.end)
    q = resolve(lib, QuoteRef(src, pid, start, start + len(REPORTED)))
    md_text = format_quotes([q], "markdown")
    assert f"> {REPORTED}" not in md_text
    assert f"(reported by Ann Writer: {REPORTED})" in md_text
    assert f"“{REPORTED}”" not in format_quotes([q], "plain")
    brief_md = format_brief([q])
    assert "## Halvard Brenn (as reported)" in brief_md and "(as quoted)" not in brief_md
