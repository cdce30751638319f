"""The briefing chat as a user drives it: `/export` writes the answer on screen, `/export marked` the tray, and a
new question stands alone while only a real follow-up carries the previous question's person or topic."""

from __future__ import annotations

import pytest
from nato_brief.tui.app import make_app
from nato_brief.tui.screens import BriefScreen
from nato_brief.tui.widgets import PassageList, ResultList
from textual.widgets import Input, Static

from .tui_helpers import notices_of, wait_ready

pytestmark = pytest.mark.usefixtures("seeded")


async def _open_chat(pilot) -> Input:
    app = pilot.app
    await wait_ready(pilot)
    app.query_one("#results", ResultList).focus()
    await pilot.press("b")
    await pilot.pause(0.1)
    assert isinstance(app.screen, BriefScreen)
    return app.screen.query_one("#chat-input", Input)


async def _ask(pilot, box: Input, text: str) -> None:
    box.focus()
    box.value = text
    await pilot.press("enter")
    await pilot.pause(0.2)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


def _last_answer(app) -> tuple[str, list[str], list]:
    """The last answer on screen: its framing line, its section headings and its quotes (PassageList items)."""
    log = app.screen.query_one("#chat-log")
    kids = list(log.children)
    start = max(i for i, w in enumerate(kids) if w.has_class("question"))
    framing, heads, items = "", [], []
    for w in kids[start + 1 :]:
        if w.has_class("framing"):
            framing = w.render().plain
        elif w.has_class("section-title"):
            heads.append(w.render().plain)
        elif isinstance(w, PassageList):
            items += w.items
    return framing, heads, items


async def test_chat_export_writes_the_answer_shown_and_export_marked_the_tray(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        said = notices_of(app)
        box = await _open_chat(pilot)
        await _ask(pilot, box, "What did Levitt say about detainees?")
        _, heads, items = _last_answer(app)
        assert heads and items
        # Mark one quote of the answer: the tray now differs from the answer (one quote against several).
        app.screen.query(PassageList).last().focus()
        await pilot.press("down", "space")
        assert len(app.marks) == 1
        await _ask(pilot, box, "/export")
        files = list((seeded / "exports").glob("briefing-*.md"))
        assert len(files) == 1, said
        text = files[0].read_text(encoding="utf-8")
        assert text.startswith("# What did Levitt say about detainees?")
        assert "## Matthew Levitt" in text
        for it in items:  # every quote of the answer, verbatim, with its citation
            assert f"> {it.text}" in text
        assert text.count("\n> ") >= len(items) > 1
        assert "Exported" in " ".join(said) or any("Wrote the answer" in s for s in said)
        assert not list((seeded / "exports").glob("brief-*.md"))  # the tray was not exported
        # The tray export is still there, under its own command.
        await _ask(pilot, box, "/export marked")
        tray = list((seeded / "exports").glob("brief-*.md"))
        assert len(tray) == 1 and tray[0].read_text(encoding="utf-8").count("\n> ") == 1


async def test_chat_export_before_any_answer_says_so(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        said = notices_of(app)
        box = await _open_chat(pilot)
        await _ask(pilot, box, "/export")
        assert any(s.startswith("Nothing to export: ask a question first") for s in said)
        assert not (seeded / "exports").exists() or not list((seeded / "exports").iterdir())


async def test_chat_new_question_stands_alone_and_follow_ups_carry_what_they_omit(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        box = await _open_chat(pilot)
        await _ask(pilot, box, "What did Stoltenberg say about training?")
        _, heads, _ = _last_answer(app)
        assert heads[0].startswith("Jens Stoltenberg")
        # A new subject: Levitt's words on detainees only, no Stoltenberg, nothing read as a follow-up.
        await _ask(pilot, box, "What did Levitt say about detainees?")
        framing, heads, items = _last_answer(app)
        assert heads == ["Matthew Levitt"] and "Follow-up" not in framing
        assert all("detainee" in it.text.lower() for it in items)
        # A person with no topic is a new question too: everything Kristensen wrote, not "Kristensen on
        # detainees" (which the library does not cover).
        await _ask(pilot, box, "What did Kristensen say?")
        framing, heads, items = _last_answer(app)
        assert "Follow-up" not in framing and items
        assert all(h.startswith("Kristian Søby Kristensen") for h in heads)
        # A pronoun subject is a follow-up: the same person, the new topic.
        await _ask(pilot, box, "What did they say about terrorism?")
        framing, heads, items = _last_answer(app)
        assert framing.startswith("Follow-up, read as: What did Kristian Søby Kristensen say about terrorism?")
        assert items and all(h.startswith("Kristian Søby Kristensen") for h in heads)
        shown = {(it.ref.source_id, it.ref.start) for it in items}
        # "what else?" keeps person and topic and shows other quotes than those already shown.
        await _ask(pilot, box, "what else?")
        framing, heads, items = _last_answer(app)
        assert framing.startswith("Follow-up, read as:")
        assert all(h.startswith("Kristian Søby Kristensen") for h in heads)
        assert items and not shown & {(it.ref.source_id, it.ref.start) for it in items}
        # "and X?" keeps the topic, with the new person.
        await _ask(pilot, box, "and Levitt?")
        framing, heads, _ = _last_answer(app)
        assert framing.startswith("Follow-up, read as: What did Matthew Levitt say about terrorism?")
        assert heads and all(h == "Matthew Levitt" for h in heads)
        texts = [s.render().plain for s in app.screen.query(".question")]
        assert texts[-1] == "› and Levitt?"  # the question as typed stays on screen
        assert isinstance(app.screen.query_one("#chat-log").children[0], Static)


async def test_chat_gives_a_group_its_own_words_only_and_says_whose_they_are_not(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        box = await _open_chat(pilot)
        await _ask(pilot, box, "What did French diplomats say about the commitment?")
        _, heads, items = _last_answer(app)
        assert heads[0] == "French and German leaders and diplomats (as reported)"
        first = items[0]
        assert first.text == "the commitment is ”just a symbolic gesture to the United States.”"
        assert first.note.startswith("— reported by Kristian Søby Kristensen and Laura Schousboe, not French and "
                                     "German leaders and diplomats' own words")  # fmt: skip
        assert sum("symbolic gesture" in it.text for it in items) == 1  # not again under the authors
