"""A filter value still being typed completes like the last word does: ``author:Levi`` in the box (on the
way to ``author:Levitt``) shows Levitt's passages with no "No author 'Levi'" notice; a finished wrong value
(a space or more words after it, or the command line, which does not search as you type) still gets the
notice. The tests on the box failed before the fix (0 hits and the notice while typing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "No author 'Levi' in the library; did you mean author:Levitt?"


@pytest.mark.parametrize("typed", ["author:Levi", "author:Levit", "by:Lev", "detainees author:Levi"])
def test_the_filter_value_being_typed_completes(lib, typed):
    res, _ = lib.as_you_type(typed)
    assert res.hits and not res.notices, res.notices
    assert res.corrected is None  # completing is not correcting: no "Showing results for"
    assert all("Matthew Levitt" in h.authors for h in res.hits)


def test_an_excluded_filter_value_being_typed_completes(lib):
    res, _ = lib.as_you_type("NATO -author:Levi")
    assert res.hits and not res.notices
    assert not any("Matthew Levitt" in h.authors for h in res.hits)
    assert res.total == lib.as_you_type("NATO -author:Levitt")[0].total


def test_a_title_value_being_typed_completes(lib):
    res, _ = lib.as_you_type("title:Coali")
    assert res.hits and not res.notices
    assert all("coalition" in h.title.lower() for h in res.hits)


@pytest.mark.parametrize("typed", ["author:Levi ", "author:Levi detainees", "author:Levi detai"])
def test_a_finished_filter_value_naming_nobody_still_says_so(lib, typed):
    res, _ = lib.as_you_type(typed)
    assert NOTICE in res.notices and not res.hits


def test_the_command_line_does_not_complete_a_filter_value(seeded):
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", "author:Levi"], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ}, timeout=120)  # fmt: skip
    assert r.returncode == 1 and NOTICE in r.stderr


async def test_the_box_completes_the_filter_being_typed_and_not_a_finished_one(seeded):
    from nato_brief.tui.app import make_app
    from nato_brief.tui.widgets import ResultList
    from textual.widgets import Input

    from .tui_helpers import type_query, wait_ready, wait_until

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "author:Levi")
        results = app.query_one("#results", ResultList)
        status = app.query_one("#status").render().plain
        assert results.hits and all("Matthew Levitt" in h.authors for h in results.hits)
        assert "No author" not in status and "did you mean" not in status, status
        await pilot.press("space")  # the value is finished: now it is a wrong one, and the box says so
        await wait_until(pilot, lambda: app.last_result is not None and app.last_result.query == "author:Levi ")
        assert app.query_one("#search", Input).value == "author:Levi "
        assert NOTICE in app.query_one("#status").render().plain
        assert not results.hits
