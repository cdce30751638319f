"""A source pane's header counts what the search matched in that source, as the results do (a title match
brings every passage), and its border names every author (fresh-user check: results said 5 passages, the pane
'1 passage(s) match'; the border showed the first of two authors)."""

from __future__ import annotations

from nato_brief.search.library import Library
from nato_brief.tui.app import make_app
from nato_brief.tui.widgets import PaneArea, ResultList

from .tui_helpers import type_query, wait_ready, wait_until

PAGE = """---
title: Baltic air policing after the summit
author: [Marta Ilves, Jaan Kask]
date: 2021-05-04
outlet: Tallinn Review
---
Rotations of fighter jets continued through the spring, with four aircraft based at Ämari and four at Šiauliai.

Officials said the schedule for the next year would be set in the autumn, after the alliance reviewed costs.

Crews trained with ground controllers twice a week, and the exercises were reported as routine by the ministry.
"""


async def test_pane_counts_the_searchs_matches_and_names_every_author(seeded, tmp_path):
    doc = tmp_path / "baltic.md"
    doc.write_text(PAGE, encoding="utf-8")
    rep = Library().add([doc])
    assert rep.added and not rep.errors
    sid = rep.added[0].id
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Baltic policing")
        res = app.last_result
        matched = sum(1 for h in res.hits if h.source_id == sid)
        assert matched == 3  # the title matches: every passage, though none has the words in its text
        results = app.query_one("#results", ResultList)
        results.focus()
        results.highlighted = next(k for k, it in enumerate(results.items) if it.hit.source_id == sid)
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(app.query_one(PaneArea).panes()) == 1, 5)
        pane = app.query_one(PaneArea).panes()[0]
        header = pane.header.render()
        header = header.plain if hasattr(header, "plain") else str(header)
        assert f"{matched} passage(s) match" in header, header
        assert str(pane.border_title) == "Marta Ilves and Jaan Kask"
