"""Follow-ups keep the right person (attacker check): "what else?" answered with nothing more still carries
the person it asked about, so a later "and him?" is checked against her; "and Donfried?" asks for Donfried
(a speaker the gazetteer lacks), with the topic kept, instead of asking Stoltenberg about "donfried"."""

from __future__ import annotations


def _ask(lib, *questions):
    from nato_brief.search.brief import BriefContext, brief

    ctx = BriefContext()
    return [brief(lib, q, ctx) for q in questions]


def test_what_else_keeps_the_person_so_and_him_is_checked(lib):
    first, more, him = _ask(lib, "What did Karen Donfried say about NATO?", "what else?", "and him?")
    assert first.answered and more.read_as == "What did Karen Donfried say about nato?"
    assert not him.answered and him.framing.startswith("Follow-up not read: “him” cannot be Karen Donfried")


def test_and_a_name_asks_that_person_on_the_same_topic(lib):
    first, other = _ask(lib, "What did Stoltenberg say about training?", "and Donfried?")
    assert first.answered
    assert other.read_as == "What did Donfried say about training?"
    assert "Stoltenberg" not in other.framing
    assert all(sec.speaker != "Jens Stoltenberg" for sec in other.sections)
