"""The query cap comes first: whatever is typed, the work behind it sees at most the cap.

Times are not asserted (speed belongs to the benchmark): what the parser, the alias expansion, the sanitiser
and the fuzzy look-up are handed is, and the real CLI runs under a generous timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nato_brief.search import query as query_module
from nato_brief.search import query_service as query_service_module
from nato_brief.search.entities import EntityIndex
from nato_brief.search.query import MAX_QUERY_CHARS

MAX_EXPANDED_CHARS = getattr(query_module, "MAX_EXPANDED_CHARS", 2000)

ROOT = Path(__file__).resolve().parent.parent
# Entity names (each expands to its aliases), operators, quotes and long words: 100,000 characters.
LONG = ('ISIL NATO "Islamic State" Stoltenberg (Mosul OR Raqqa) -Daesh coalition ' * 1500)[:100_000]


@pytest.fixture
def seen(monkeypatch):
    """Lengths of the text each stage of query handling is given."""
    got: dict[str, list[int]] = {"in_query": [], "parse": [], "sanitize": [], "fuzzy": []}
    in_query = EntityIndex.in_query

    def spy_in_query(self, text):
        got["in_query"].append(len(text))
        return in_query(self, text)

    build = query_service_module.build_query

    def spy_build(schema, text, **kw):
        got["parse"].append(len(text))
        return build(schema, text, **kw)

    sanitize = query_module.sanitize

    def spy_sanitize(text):
        got["sanitize"].append(len(text))
        return sanitize(text)

    import rapidfuzz.process

    extract = rapidfuzz.process.extract

    def spy_extract(q, *a, **kw):
        got["fuzzy"].append(len(q))
        return extract(q, *a, **kw)

    monkeypatch.setattr(EntityIndex, "in_query", spy_in_query)
    monkeypatch.setattr(query_service_module, "build_query", spy_build)
    monkeypatch.setattr(query_module, "sanitize", spy_sanitize)
    monkeypatch.setattr(rapidfuzz.process, "extract", spy_extract)
    return got


def test_search_sees_at_most_the_cap(lib, seen):
    for prefix in (False, True):
        res = lib.search(LONG, prefix=prefix)
        assert len(res.query) <= MAX_QUERY_CHARS
        assert any("cut" in n for n in res.notices)
    res, _ents = lib.as_you_type(LONG)
    assert any("cut" in n for n in res.notices)
    assert seen["in_query"] and max(seen["in_query"]) <= MAX_QUERY_CHARS
    assert seen["sanitize"] and max(seen["sanitize"]) <= MAX_EXPANDED_CHARS
    assert seen["parse"] and max(seen["parse"]) <= MAX_EXPANDED_CHARS


def test_brief_compare_who_see_at_most_the_cap(lib, seen):
    from nato_brief.search.brief import brief, compare

    b = brief(lib, "What did Levitt say about " + LONG)
    assert len(b.question) <= MAX_QUERY_CHARS
    compare(lib, LONG)
    lib.entities().lookup("Stoltenburg " + LONG)
    assert max(seen["in_query"]) <= MAX_QUERY_CHARS
    assert max(seen["parse"]) <= MAX_EXPANDED_CHARS
    assert seen["fuzzy"] and max(seen["fuzzy"]) <= MAX_QUERY_CHARS


def test_an_expansion_is_never_cut_off(lib):
    """The user's text is capped, then names expand: the words after a name still count (the expanded text
    used to be cut at the cap, so passages without "Mosul" came back)."""
    q = "alliance " * 29 + "ISIL Mosul"
    assert len(q) <= MAX_QUERY_CHARS
    res = lib.search(q)
    names = [n for typed, ns in res.expansions if typed == "ISIL" for n in ns]
    assert names, res.expansions
    assert res.hits
    for h in res.hits:
        assert any(n.casefold() in h.text.casefold() for n in names), h.text
        assert "mosul" in h.text.casefold(), h.text


def test_an_expansion_that_finds_nothing_falls_back_and_says_so(lib, tmp_path):
    doc = tmp_path / "qayyarah.txt"
    doc.write_text(
        "Qayyarah Airfield Handed Back\n\nby Nadia Farouk\n\nMarch 3, 2022\n\n"
        "Coalition engineers handed the Qayyarah airfield back to Iraqi control on Thursday. Local officials "
        "said Daesh cells had not been seen near the runway for a year, and that the airfield would reopen "
        "to civilian cargo flights once the lighting was repaired.\n",
        encoding="utf-8",
    )
    assert not lib.add([doc]).errors
    res = lib.search("Qayyarah NOT ISIL")
    assert res.total >= 1
    assert any("as typed" in n for n in res.notices), res.notices


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "NATO_BRIEF_HOME": str(home)}, timeout=120, cwd=ROOT)  # fmt: skip


@pytest.mark.parametrize("command", ["search", "who", "brief", "compare"])
def test_cli_long_input_is_capped(seeded, command):
    r = _cli(command, LONG, "--json", home=seeded)
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    payload = json.loads(r.stdout)
    echoed = payload.get("query") or payload.get("question") or payload.get("topic")
    assert echoed is not None and len(echoed) <= MAX_QUERY_CHARS


async def test_tui_box_holds_at_most_the_cap(seeded):
    from nato_brief.tui.app import make_app
    from textual import events

    from .tui_helpers import wait_ready, wait_until

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        box = app.query_one("#search")
        box.focus()
        box.post_message(events.Paste("Stoltenberg " + LONG))
        await wait_until(pilot, lambda: app.last_result is not None)
        assert len(box.value) == MAX_QUERY_CHARS
        assert len(app.last_result.query) <= MAX_QUERY_CHARS


async def test_typing_past_the_cap_says_so_once_per_cut(seeded):
    """200 keys past the cap gave 74 "Query cut" notifications (one per key until they expired): now one,
    and one again for a new cut after the query went back under the cap."""
    from nato_brief.tui.app import make_app

    from .tui_helpers import notices_of, wait_ready

    def cut_notes() -> int:  # every notification said (the app's own list drops them when they expire: a
        # loaded machine took longer than their timeout to press the keys)
        return sum("Query cut" in str(n) for n in said)

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        said = notices_of(app)
        box = app.query_one("#search")
        box.focus()
        box.value = "a" * MAX_QUERY_CHARS
        await pilot.press(*(["b"] * 60))
        await pilot.pause()
        assert len(box.value) == MAX_QUERY_CHARS and cut_notes() == 1
        await pilot.press("backspace", "backspace", "c", "c", "c", "c")
        await pilot.pause()
        assert len(box.value) == MAX_QUERY_CHARS and cut_notes() == 2
