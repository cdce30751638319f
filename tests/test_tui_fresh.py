"""The TUI open while another shell adds documents: who said what stays right (the speaker is cited, the export's
section is headed by the speaker, the entity card lists the new sources), as in a TUI started after the add."""

from __future__ import annotations

from nato_brief.tui.app import make_app

from .tui_helpers import screen_lines, type_query, wait_ready, wait_until

DOC = """---
title: Allies weigh a longer training mission on the Tigris
author: Helen Marsh
date: 2026-03-14
outlet: The Northern Ledger
---

Defence ministers meeting in Brussels on Thursday discussed whether the alliance's advisers should stay in
Baghdad beyond the summer, as the Iraqi government has asked.

"We will keep training the Iraqi forces for as long as the government in Baghdad asks us to," said Jens
Stoltenberg, NATO Secretary General.

Officials said the mission would keep its headquarters near the airport, and that no decision on numbers
had been taken.
"""


def _add(tmp_path) -> None:
    from nato_brief.search.library import Library

    doc = tmp_path / "tigris.md"
    doc.write_text(DOC, encoding="utf-8")
    report = Library().open().add([doc])  # as `nato-brief add` in another shell
    assert report.added


async def test_quotes_added_while_open_cite_their_speaker(seeded, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "detainees")  # the TUI has searched and read the catalogue before the add
        app.lib.store().catalog()  # the main thread's copy too (the entity card, marking)
        _add(tmp_path)
        await type_query(pilot, "Tigris training Baghdad asks")
        lib = app.lib
        [st] = [s for s in lib.store().statement_rows() if "Iraqi forces" in lib.source(s[0]).text[s[2]:s[3]]]
        from nato_brief.search.quotes import QuoteRef

        app.toggle_mark(QuoteRef(st[0], st[1], st[2], st[3]))
        [q] = list(app.basket)
        assert q.citation.startswith("Jens Stoltenberg, NATO Secretary General, quoted in Helen Marsh")
        app.copy_quotes()  # y
        assert "— Jens Stoltenberg, NATO Secretary General, quoted in Helen Marsh" in app.clipboard
        from nato_brief.search.quotes import format_brief

        brief = format_brief(app.basket.to_copy(lib))
        assert "## Jens Stoltenberg (as quoted)" in brief
        assert "## Helen Marsh" not in brief


async def test_entity_card_lists_sources_added_while_open(seeded, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "Stoltenberg")
        app.open_entity("Jens Stoltenberg")
        await wait_until(pilot, lambda: "mention" in "\n".join(screen_lines(app)))
        await pilot.press("escape")
        await pilot.pause(0.2)
        _add(tmp_path)
        app.open_entity("Jens Stoltenberg")
        await wait_until(pilot, lambda: "Tigris" in "\n".join(screen_lines(app)))
