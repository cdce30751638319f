"""``nato-brief said``: statements by speaker through the real entry point, on the seeds and on texts written
here; the contract's JSON shape; words given to two speakers flagged on both."""

from __future__ import annotations

import json

import pytest
from nato_brief.search.library import Library

from tests.test_cli import run

SHAPE = {"speaker", "speaker_entity", "role", "kind", "text", "source_id", "passage_id", "title", "authors",
         "outlet", "date"}  # fmt: skip


def said(*args: str) -> tuple[int, dict]:
    r = run("said", *args, "--json")
    return r.returncode, json.loads(r.stdout)


def test_said_help():
    r = run("said", "--help")
    assert r.returncode == 0 and "usage: nato-brief said" in r.stdout


def test_seed_statements_right_speakers_and_no_commentary(seeded):
    code, data = said()
    assert code == 0 and data["query"] is None
    stmts = data["statements"]
    assert len(stmts) >= 15
    lib = Library().open()
    for s in stmts:
        assert SHAPE <= set(s) and s["kind"] in ("direct", "reported")
        # Verbatim: an exact span of the passage's stored text.
        passage = lib.store().passages([s["passage_id"]])[s["passage_id"]]
        assert s["text"] in passage.text
        # The writers are never the speakers of their own prose.
        assert s["speaker"] not in s["authors"] and s["speaker_entity"] not in s["authors"]
    by = {(s["speaker_entity"] or s["speaker"], s["text"]) for s in stmts}
    # Seed 001: Stoltenberg's reported words stop where the authors' own judgement starts.
    stolt = [t for who, t in by if who == "Jens Stoltenberg"]
    assert "NATO will not engage in combat despite being a part of the anti-ISIS coalition" in stolt
    assert not any("in fact it appears" in t for _w, t in by)
    # Seed 004: Altun's words end with his quotation, not with Levitt's "so it is unclear ...".
    assert ("Fahrettin Altun", "nobody is dumping those [imprisoned] terrorists on Turkey") in by
    assert not any("it is unclear" in t for _w, t in by)
    # The Rudaw entry: Marotto's words, never the interviewer's nor the article author's.
    marotto = [t for who, t in by if who == "Wayne Marotto"]
    assert any(t.startswith("Daesh (ISIS) is resilient") for t in marotto)
    assert not any(who in ("Snur Majid", "Khazan Jangiz") for who, _t in by)


def test_said_name_is_fuzzy_and_source_filters(seeded):
    code, data = said("Stoltenburg")
    assert code == 0 and data["query"] == "Stoltenburg"
    assert data["statements"] and {s["speaker_entity"] for s in data["statements"]} == {"Jens Stoltenberg"}
    sid = data["statements"][0]["source_id"]
    code, data = said("--source", sid)
    assert code == 0 and {s["source_id"] for s in data["statements"]} == {sid}
    code, data = said("Nobody Atall Xyzzy")
    assert code == 1 and data["statements"] == []


def test_same_words_two_speakers_flagged_on_both(home, tmp_path):
    a = tmp_path / "a.md"
    a.write_text("---\ntitle: Report A\nauthor: Ann Writer\ndate: 2021-01-02\n---\n\n"
                 "“The mission will stay until the job is done,” Defence Minister Karl Brandt said on Monday.\n",
                 encoding="utf-8")  # fmt: skip
    b = tmp_path / "b.md"
    b.write_text("---\ntitle: Report B\nauthor: Bo Writer\ndate: 2021-01-03\n---\n\n"
                 "“The mission will stay until the job is done,” Foreign Minister Lena Ost told reporters.\n",
                 encoding="utf-8")  # fmt: skip
    lib = Library().open()
    lib.add([a, b])
    code, data = said("Brandt")
    assert code == 0
    (s,) = data["statements"]
    assert s["speaker_entity"] == "Karl Brandt"
    assert [t.get("speaker") for t in s["also_attributed"]] == ["Lena Ost"]
    code, data = said("Lena Ost")
    assert [t.get("speaker") for t in data["statements"][0]["also_attributed"]] == ["Karl Brandt"]
    r = run("said", "Brandt")
    assert "also given to Lena Ost" in r.stdout


@pytest.mark.parametrize("flag", ["--limit"])
def test_limit(seeded, flag):
    code, data = said(flag, "3")
    assert code == 0 and len(data["statements"]) == 3


def test_speaker_names_join_search(seeded):
    """speaker: filters by who speaks in a passage, by the name as resolved: seed 001 writes only
    'Stoltenberg', the filter finds it under his full name too."""
    r = run("search", 'speaker:"Jens Stoltenberg"', "--json")
    texts = [h["text"] for h in json.loads(r.stdout)["hits"]]
    assert r.returncode == 0 and any(t.startswith("Stoltenberg was quick to highlight") for t in texts)
    r = run("search", "speaker:Marotto", "--json")
    assert [h["passage_id"] for h in json.loads(r.stdout)["hits"]] and r.returncode == 0


def test_every_statement_has_the_same_keys_named_or_not(seeded):
    """An unnamed speaker ("a defense official") carries the same keys as a named one: ``named`` and ``head``
    (its head noun; null for a named speaker)."""
    code, data = said()
    assert code == 0
    keys = {frozenset(s) for s in data["statements"]}
    assert len(keys) == 1 and {"named", "head"} <= next(iter(keys))
    named = [s for s in data["statements"] if s["named"]]
    unnamed = [s for s in data["statements"] if not s["named"]]
    assert named and unnamed
    assert all(s["head"] is None for s in named)
    assert all(s["head"] and s["head"] == s["head"].lower() for s in unnamed)
    heads = {s["head"] for s in unnamed}
    assert "minister" in heads or "official" in heads, heads


def test_who_flags_the_same_words_given_to_someone_else(seeded, tmp_path):
    """`who` is the command line's entity card: words the library also gives to another speaker are flagged
    there too (JSON and text), as in `said`, briefs and the TUI card."""
    doc = tmp_path / "austin-erbil.md"
    doc.write_text(
        "---\ntitle: Austin visits Erbil\nauthor: Tessa Grove\noutlet: Harbor Post\ndate: 2021-02-02\n---\n\n"
        "Defense Secretary Lloyd Austin visited Erbil on Monday and met Kurdish commanders.\n\n"
        "“I don’t see any kind of resurgence of Daesh,” Austin told reporters at the airport.\n",
        encoding="utf-8",
    )
    assert run("add", str(doc)).returncode == 0
    words = "I don’t see any kind of resurgence of Daesh"
    r = run("who", "Wayne Marotto", "--json")
    (match, *_rest) = json.loads(r.stdout)["matches"]
    (quoted,) = [q for q in match["quoted"] if q["text"] == words]
    assert [t.get("speaker") for t in quoted["also_attributed"]] == ["Lloyd Austin"]
    text = run("who", "Lloyd Austin").stdout
    assert "the same words are also given to Wayne Marotto" in text


@pytest.mark.parametrize("name", ["?", "[/]", "🎉", ".", "!!"])
def test_a_name_with_no_letters_names_nobody(seeded, name):
    """`said '?'` raised IndexError (a traceback, no JSON): a name with no letter or digit names nobody."""
    r = run("said", name, "--json")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert json.loads(r.stdout)["statements"] == []
