"""A chat follow-up whose pronoun is not the previous person's gender, as the library's own text gives it, is
not read as a question about that person (attacker check: "and him?" after a question on Karen Donfried, whom
seed 003 calls "she", was read as "What did Karen Donfried say about nato?"). Nobody else is put in her place;
a pronoun that agrees, or one for a person whose gender the text never gives, is carried as before."""

from __future__ import annotations

from nato_brief.search.brief import BriefContext, brief
from nato_brief.search.gender import text_gender
from nato_brief.tui.app import make_app

from .test_tui_chat import _ask, _last_answer, _open_chat


async def test_and_him_after_a_woman_is_not_read_as_her(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        box = await _open_chat(pilot)
        await _ask(pilot, box, "What did Karen Donfried say about NATO?")
        framing, heads, _items = _last_answer(app)
        assert heads  # she is answered
        await _ask(pilot, box, "and him?")
        framing, heads, items = _last_answer(app)
        assert framing.startswith("Follow-up not read: “him” cannot be Karen Donfried")
        assert "Ask again with the name" in framing
        assert heads == [] and items == []  # nothing of hers under "him"
        await _ask(pilot, box, "what did she say about NATO?")  # agrees: carried as before
        framing, heads, _items = _last_answer(app)
        assert framing.startswith("Follow-up, read as: What did Karen Donfried say about nato?")


def test_her_after_a_man_the_text_calls_he_is_not_read_as_him(lib):
    assert text_gender(lib, "Wayne Marotto") == "m" and text_gender(lib, "Karen Donfried") == "f"
    ctx = BriefContext()
    assert brief(lib, "What did Wayne Marotto say about ISIS?", ctx).answered
    b = brief(lib, "and what did she say?", ctx)
    assert not b.answered and b.read_as is None and b.sections == []
    assert b.framing.startswith("Follow-up not read: “she” cannot be Wayne Marotto")


def test_a_person_whose_gender_the_text_never_gives_is_carried_as_before(lib):
    assert text_gender(lib, "Jens Stoltenberg") is None  # no first name is evidence
    ctx = BriefContext()
    brief(lib, "What did Stoltenberg say about training?", ctx)
    b = brief(lib, "What did she say about Iraq?", ctx)
    assert b.read_as == "What did Jens Stoltenberg say about iraq?"
