"""The search box highlights the rows of the first screen before it shows a keystroke's results, and the rows
below it a moment later (highlighting is most of a keystroke's cost for rows nobody sees yet). Every row ends
with the highlights a full search gives, and the benchmark measures the keystroke as the TUI makes it."""

from __future__ import annotations

from nato_brief.search.hit_rows import shown_first
from nato_brief.tui.app import make_app
from nato_brief.tui.widgets import ResultList

from benchmarks.bench import FIRST_ROWS

from .tui_helpers import type_query, wait_ready, wait_until


def test_first_rows_then_the_rest_give_what_a_full_search_gives(lib):
    full, _ = lib.as_you_type("nato coal", limit=40)
    part, _ = lib.as_you_type("nato coal", limit=40, first=3)
    assert [h.passage_id for h in part.hits] == [h.passage_id for h in full.hits]
    assert len(full.hits) > 6 and all(h.highlighted for h in full.hits) and full.highlight_rest() == {}
    rows = [(h.passage_id, h.source_id, h.score) for h in part.hits]
    now = shown_first(rows, 3)
    assert {0, 1, 2} <= now and len(now) < len(part.hits)
    for i, (p, f) in enumerate(zip(part.hits, full.hits, strict=True)):
        assert p.highlighted == (i in now)
        if i in now:
            assert p.highlights == f.highlights and f.highlights
    rest = part.highlight_rest()
    assert set(rest) == {h.passage_id for i, h in enumerate(part.hits) if i not in now}
    assert all(rest[h.passage_id] == h.highlights for h in full.hits if h.passage_id in rest)


def test_shown_first_covers_the_first_rows_folded_or_not():
    rows = [("p1", "a", 9), ("p2", "a", 8), ("p3", "a", 7), ("p4", "b", 6), ("p5", "a", 5), ("p6", "c", 4)]
    # the first two rows, and the best row of each of the first two sources (folded under it)
    assert shown_first(rows, 2) == {0, 1, 3}
    assert shown_first(rows, 10) == set(range(6))


async def test_the_box_asks_for_a_screenful_and_every_row_ends_highlighted(lib):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        asked: list = []
        real = app.lib.as_you_type

        def spy(text, **kw):
            asked.append(kw.get("first"))
            return real(text, **kw)

        app.lib.as_you_type = spy
        await type_query(pilot, "nato")
        results = app.query_one("#results", ResultList)
        await wait_until(pilot, lambda: results.hits and all(h.highlighted for h in results.hits))
        # at 160x48 the TUI asks for at most the number the benchmark measures with (the list is a line or
        # two shorter while a note shows above it)
        assert asked and max(asked) == FIRST_ROWS and min(asked) >= FIRST_ROWS - 2
        full, _ = lib.as_you_type("nato", limit=40)
        want = {h.passage_id: h.highlights for h in full.hits}
        assert {h.passage_id: h.highlights for h in results.hits} == want
        results.focus()
        await pilot.pause(0.05)
        await pilot.press("g")  # every passage on its own row: the last rows are drawn with their highlights
        await pilot.pause(0.1)
        assert len(results.items) == len(want) > FIRST_ROWS
        last = results.items[-1]
        assert last.hit is not None and last.highlights == want[last.ref.passage_id] and last.highlights
