"""What the search box and the results do without being asked (Pilot): ctrl+o leaves the cursor at the end of
the box, results follow a document added by another process, and the result rows' counts are true."""

from __future__ import annotations

from .tui_helpers import type_query, wait_ready, wait_until


async def test_ctrl_o_leaves_the_cursor_at_the_end_so_the_next_keys_follow_the_text(seeded):
    from nato_brief.tui.app import make_app

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Levit detainees")
        assert app.last_result is not None and app.last_result.corrections
        await pilot.press("ctrl+o")
        await pilot.pause(0.1)
        box = app.query_one("#search")
        assert box.value == '"Levit" detainees'
        assert box.cursor_position == len(box.value)
        for ch in " syria":
            await pilot.press(ch if ch != " " else "space")
        assert box.value == '"Levit" detainees syria'
        await pilot.press("ctrl+u")  # clears what is left of the cursor: everything
        assert box.value == ""


DOC = """---
title: Trainers from London join the mission in Erbil
author: Ruth Okafor
date: 2026-04-02
outlet: The Harbour Gazette
---

A team of military trainers sent from London arrived in Erbil this week to work alongside the Kurdish units
that guard the northern approaches to the city.

The trainers will stay for six months, officials said, and their numbers could grow if the alliance agrees
to widen the mission.
"""


async def test_results_follow_a_document_added_by_another_process_without_a_keystroke(seeded, tmp_path):
    import asyncio

    from nato_brief.search.library import Library
    from nato_brief.tui.app import make_app

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "trainers london")
        titles = {h.title for h in app.last_result.hits}
        assert "Trainers from London join the mission in Erbil" not in titles
        before = app.last_result
        doc = tmp_path / "erbil.md"
        doc.write_text(DOC, encoding="utf-8")
        report = await asyncio.to_thread(lambda: Library().open().add([doc]))  # `nato-brief add` elsewhere
        assert report.added
        await wait_until(pilot, lambda: app.last_result is not before, timeout=6)  # no key pressed
        res = app.last_result
        assert res.query == "trainers london"
        assert res.hits[0].title == "Trainers from London join the mission in Erbil"
        rows = [it.hit.title for it in app.query_one("#results").items]
        assert "Trainers from London join the mission in Erbil" in rows
        notices = [n.message for n in app._notifications]
        assert "1 document added elsewhere; results updated" in notices
