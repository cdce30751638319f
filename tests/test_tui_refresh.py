"""What the search box and the results do without being asked (Pilot): ctrl+o leaves the cursor at the end of
the box, results follow a document added by another process, and the result rows' counts are true."""

from __future__ import annotations

from .tui_helpers import notices_of, screen_lines, type_query, wait_ready, wait_until


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
    said = notices_of(app)
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
        assert "1 document added elsewhere; results updated" in said


async def test_folded_counts_say_what_is_loaded_and_a_last_line_counts_the_passages_not_listed(seeded):
    from nato_brief.tui.app import make_app
    from nato_brief.tui.search_panel import RESULT_LIMIT

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "nato all")
        res = app.last_result
        assert res.total > RESULT_LIMIT == len(res.hits)  # more passages match than are loaded
        results = app.query_one("#results")
        folded = [it for it in results.items if it.more]
        assert folded
        for it in folded:  # only the loaded passages are counted: the row must not say that is all the source has
            row = results.render_item(it).plain
            assert f"+{it.more} more loaded from this source" in row and "more in this source" not in row
        unlisted = res.total - len(res.hits)
        last = results.get_option_at_index(results.option_count - 1)
        assert last.disabled
        assert last.prompt.plain.startswith(f"{unlisted} more passages not listed")
        results.focus()
        await pilot.press("end")  # the last line is not a passage: it cannot be highlighted or opened
        assert results.current() is results.items[-1]
        await pilot.pause(0.3)
        assert any(f"{unlisted} more passages not listed" in line for line in screen_lines(app))  # scrolled into view

        await type_query(pilot, "Levit detainees ")  # every match loaded: the fold counts the whole source
        res = app.last_result
        assert res.total == len(res.hits)
        results = app.query_one("#results")
        [row] = results.items
        assert row.more == res.total - 1
        assert f"+{row.more} more in this source" in results.render_item(row).plain
        assert not results.get_option_at_index(results.option_count - 1).disabled
