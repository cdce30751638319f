"""What the search says about odd queries, found by the attacker: a filter that was ignored is not "a word the
search skips"; the box and the command line say the same about NOT NOT q; an empty field filter says it is
empty and is ignored (it searched the field's own name as a word); a filter value that names nobody suggests
a real name or nothing (not "speaker:L"); ``who``/``said`` take a name starting with "-" as ``search`` does.
Each test failed on the old code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _cli(home: Path, *args: str) -> tuple[int, dict]:
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args, "--json"], capture_output=True,
                       text=True, env={**os.environ, "NATO_BRIEF_HOME": str(home)}, timeout=120, cwd=ROOT)  # fmt: skip
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout)


@pytest.mark.parametrize("query, field", [("date:2020-13..", "date"), ("year:99999", "year")])
def test_an_ignored_filter_is_not_a_skipped_word(seeded, query, field):
    code, data = _cli(seeded, "search", query)
    assert code == 1 and not data["hits"]
    assert "skips" not in data["why"] and f"“{field}”" not in data["why"], data["why"]
    assert query in data["why"] and "ignored" in data["why"]
    assert any("ignored it" in n for n in data["notices"])


@pytest.mark.parametrize("field", ["author", "speaker", "outlet", "title", "year", "date", "by", "who"])
def test_an_empty_field_filter_says_so_and_is_ignored(seeded, field):
    code, data = _cli(seeded, "search", f"{field}:")
    assert code == 1 and not data["hits"] and data["total"] == 0
    assert f"{field}: is empty (nothing after the colon); ignored it." in data["notices"]
    assert "Not in the library" not in (data["why"] or "")
    code, with_word = _cli(seeded, "search", f"NATO {field}:")
    _, plain = _cli(seeded, "search", "NATO")
    assert code == 0 and with_word["total"] == plain["total"] > 0  # the word "author" is not searched
    assert [h["passage_id"] for h in with_word["hits"]] == [h["passage_id"] for h in plain["hits"]]


def test_a_filter_naming_nobody_suggests_a_real_name_or_nothing(seeded):
    code, data = _cli(seeded, "search", "Stoltenberg speaker:Levitt")
    notes = " ".join(data["notices"])
    assert "No speaker 'Levitt' in the library" in notes
    assert "speaker:L?" not in notes and "did you mean speaker:L" not in notes, notes
    _, data = _cli(seeded, "search", "NATO author:Levi")
    assert "did you mean author:Levitt?" in " ".join(data["notices"])  # a real near name is still offered


@pytest.mark.parametrize("command", ["who", "said"])
def test_who_and_said_take_a_name_starting_with_a_dash(seeded, command):
    code, data = _cli(seeded, command, '-"x"')
    assert code in (0, 1) and "error" not in data, data
    assert data["query"] == '-"x"'


async def test_the_box_and_the_command_line_agree_on_not_not_x(seeded):
    """A one-letter last word that starts library words ("q") is still being typed in the box, so it was not
    checked, and the box listed the operators and it as skipped words."""
    from nato_brief.tui.app import make_app

    from .tui_helpers import screen_lines, type_query, wait_ready

    _, data = _cli(seeded, "search", "NOT NOT q")
    assert data["why"].startswith("Not in the library: q")
    assert "Nothing to search for." not in data["notices"]  # beside "Not in the library: q" it contradicted it
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "NOT NOT q")
        screen = "\n".join(screen_lines(app))
        assert "Not in the library: q" in screen, screen
        assert "the search skips" not in screen
