"""Pilot: who said what in the TUI. The Said view filters as you type; a statement opens in a pane with its
words highlighted and is marked and copied with a citation naming its speaker; the entity card lists what the
person said, newest first."""

from __future__ import annotations

import pytest
from nato_brief.tui.app import make_app
from nato_brief.tui.screens import EntityScreen, SaidScreen
from nato_brief.tui.widgets import PaneArea, PassageList, ResultList

from .tui_helpers import wait_ready, wait_until

pytestmark = pytest.mark.usefixtures("seeded")


async def _said_screen(pilot):
    app = pilot.app
    await wait_ready(pilot)
    app.query_one("#results", ResultList).focus()
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(app.screen, SaidScreen) and app.screen.all)
    return app.screen


async def test_said_view_filters_as_you_type_and_opens_the_span_highlighted():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _said_screen(pilot)
        plist = screen.query_one("#said-list", PassageList)
        everyone = len(plist.items)
        assert everyone >= 15
        for ch in "Marroto":  # a typo still finds him
            await pilot.press(ch)
        await pilot.pause(0.3)
        assert 0 < len(plist.items) < everyone
        assert all(it.speaker == "Wayne Marotto" for it in plist.items)
        first = plist.items[0]
        await pilot.press("enter")  # from the box to the list
        await pilot.press("enter")  # open it
        await pilot.pause(0.3)
        panes = app.query_one(PaneArea).panes()
        assert len(panes) == 1
        body = panes[0].body
        cur = body.current()
        assert cur.ref.passage_id == first.ref.passage_id
        (start, end), = cur.highlights
        assert cur.text[start:end] == first.text  # exactly the statement's words are highlighted


async def test_statement_marked_and_copied_names_its_speaker():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _said_screen(pilot)
        for ch in "Altun":
            await pilot.press(ch)
        await pilot.pause(0.3)
        plist = screen.query_one("#said-list", PassageList)
        plist.focus()
        await pilot.press("space")
        assert len(app.marks) == 1
        await pilot.press("y")
        await pilot.pause(0.2)
        clip = app.clipboard
        assert "nobody is dumping those [imprisoned] terrorists on Turkey" in clip
        assert "— Fahrettin Altun, Turkish presidential spokesman, quoted in Matthew Levitt" in clip


async def test_entity_card_lists_statements_newest_first_and_opens_them():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        app.query_one("#results", ResultList).focus()
        await pilot.press("w")
        assert isinstance(app.screen, EntityScreen)
        for ch in "Marotto":
            await pilot.press(ch)
        await wait_until(pilot, lambda: app.screen.entity is not None)
        mentions = app.screen.query_one("#entity-mentions", PassageList)
        said = [it for it in mentions.items if it.speaker]
        # Two statements: "denies that ISIS is resurging" is a denial, never his statement (issue 16).
        assert len(said) >= 2 and mentions.items[: len(said)] == said  # what he said comes first
        dates = [it.note.rsplit(", ", 1)[-1] for it in said]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("enter")
        await pilot.press("enter")
        await pilot.pause(0.3)
        cur = app.query_one(PaneArea).panes()[0].body.current()
        (start, end), = cur.highlights
        assert cur.text[start:end] == said[0].text


async def test_entity_card_flags_the_same_words_given_to_someone_else(seeded, tmp_path):
    """Words the library gives to two speakers are flagged on both entity cards, as `said` and briefs do."""
    from nato_brief.search.library import Library

    doc = tmp_path / "austin-erbil.md"
    doc.write_text(
        "---\ntitle: Austin visits Erbil\nauthor: Tessa Grove\noutlet: Harbor Post\ndate: 2021-02-02\n---\n\n"
        "Defense Secretary Lloyd Austin visited Erbil on Monday and met Kurdish commanders.\n\n"
        "“I don’t see any kind of resurgence of Daesh,” Austin told reporters at the airport.\n",
        encoding="utf-8",
    )
    report = Library().open().add([doc])
    assert not report.errors
    words = "I don’t see any kind of resurgence of Daesh"
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        for name, other in (("Marotto", "Lloyd Austin"), ("Lloyd Austin", "Wayne Marotto")):
            app.query_one("#results", ResultList).focus()
            await pilot.press("w")
            assert isinstance(app.screen, EntityScreen)
            for ch in name:
                await pilot.press(ch)
            await wait_until(pilot, lambda: app.screen.entity is not None and app.screen.entity.quotes)
            mentions = app.screen.query_one("#entity-mentions", PassageList)
            (item,) = [it for it in mentions.items if it.speaker and it.text == words]
            assert f"the same words are also given to {other}" in item.note
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, EntityScreen))


async def test_a_filter_with_no_letters_names_nobody_and_the_app_stays_up():
    """Typing "?" (or an emoji, "[/]") in the Said view's filter crashed the app (IndexError in the speaker
    match): it names nobody, so the list is empty, and clearing it brings everyone back."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _said_screen(pilot)
        plist = screen.query_one("#said-list", PassageList)
        everyone = len(plist.items)
        for ch in "?🎉":
            await pilot.press(ch)
        await pilot.pause(0.3)
        assert app.is_running and isinstance(app.screen, SaidScreen)
        assert plist.items == []
        await pilot.press("backspace", "backspace")
        await pilot.pause(0.3)
        assert len(plist.items) == everyone
