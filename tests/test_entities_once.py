"""Entities a question or a query names are listed once each, however often it names them (attacker check: a
10,000-character question listed the same entity twelve times in the briefing's "entities")."""

from __future__ import annotations

import json

from nato_brief.tui.app import make_app

from tests.conftest import cli

from .tui_helpers import type_query, wait_ready

LONG = ("What did NATO say about ISIS training in Iraq and about Stoltenberg's visit to Baghdad? " * 120)[:10_000]


def test_a_long_question_lists_each_entity_once(seeded):
    r = cli("brief", LONG, "--json")
    assert r.returncode in (0, 1)
    ents = json.loads(r.stdout)["entities"]
    assert ents and len(ents) == len(set(ents))  # was NATO, Islamic State, Iraq, … again and again
    assert {"NATO", "Islamic State", "Iraq"} <= set(ents)


def test_a_follow_up_naming_a_person_twice_reads_him_once(lib):
    from nato_brief.search.brief import BriefContext, brief

    ctx = BriefContext()
    brief(lib, "What did Levitt say about detainees?", ctx)
    b = brief(lib, "and Stoltenberg, Stoltenberg?", ctx)
    assert b.read_as is not None and b.read_as.count("Jens Stoltenberg") == 1


async def test_the_search_box_names_each_entity_once(seeded):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        await type_query(pilot, "NATO Iraq NATO training NATO ")
        strip = app.query_one("#entities").render().plain
        assert strip.count("NATO (organisation)") == 1 and strip.count("Iraq (place)") == 1
