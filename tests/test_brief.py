"""Briefings and quotes: every quote verbatim and under its own source's authors; exports check it."""

from __future__ import annotations

import pytest
from nato_brief.search.brief import BriefContext, brief
from nato_brief.search.errors import VerbatimError
from nato_brief.search.quotes import format_brief, format_quotes, ref_for_passage, resolve, verify

QUESTIONS = ["What did Levitt say about detainees?", "training mission in Iraq", "Is ISIS resurging in Iraq?",
             "What do the sources say about NATO partnerships?", "Stoltenberg", "counterterrorism role of NATO"]  # fmt: skip


@pytest.mark.parametrize("q", QUESTIONS)
def test_every_briefing_quote_is_verbatim_under_its_authors(lib, q):
    b = brief(lib, q)
    assert b.answered, q
    for sec in b.sections:
        for quote in sec.quotes:
            src = lib.source(quote.source_id)
            assert src.text[quote.start : quote.end] == quote.text
            if sec.speaker:  # a speaker's statements: the articles' authors stay the source
                assert set(src.authors) <= set(sec.authors) and quote.speaker == sec.speaker
                assert quote.citation.startswith(sec.speaker + ",")
                assert " quoted in " in quote.citation or " reported in " in quote.citation
            else:
                assert src.authors == sec.authors
            assert quote.passage_id.startswith(src.id)


def test_briefing_diversity_and_framing(lib):
    b = brief(lib, "training mission in Iraq")
    assert b.framing.startswith("Coverage:") and "sources" in b.framing
    for sec in b.sections:
        assert len({q.text for q in sec.quotes}) == len(sec.quotes) <= 3


def test_off_topic_not_answered(lib):
    assert not brief(lib, "What is the population of Brazil?").answered
    assert not brief(lib, "recipe for banana bread").answered


def test_follow_up_keeps_topic(lib):
    ctx = BriefContext()
    first = brief(lib, "training mission in Iraq", ctx)
    follow = brief(lib, "and what did Kristensen say?", ctx)
    assert first.answered and follow.answered
    assert [s.authors for s in follow.sections] == [["Kristian Søby Kristensen", "Laura Schousboe"]]


def test_quote_formats_and_verbatim_check(lib):
    hits = lib.search("ISIS detainees", limit=2).hits
    quotes = [resolve(lib, ref_for_passage(lib, h.passage_id)) for h in hits]
    md = format_quotes(quotes, "markdown")
    assert md.count("> ") >= 2 and "## Sources" in md
    brief_md = format_brief(quotes)
    assert brief_md.startswith("# Brief") and "## Matthew Levitt" in brief_md
    quotes[0].text = quotes[0].text + " (edited)"
    with pytest.raises(VerbatimError):
        verify(lib, quotes[0])


def test_follow_up_with_its_own_topic_uses_it(lib):
    ctx = BriefContext()
    brief(lib, "What did Levitt say about detainees?", ctx)
    follow = brief(lib, "and what did Kristensen say about partnerships?", ctx)
    assert follow.answered and follow.topic == "partnerships"
    assert [s.authors for s in follow.sections] == [["Kristian Søby Kristensen", "Laura Schousboe"]]


def test_question_naming_a_speaker_answers_with_that_speaker_first(lib):
    b = brief(lib, "What did Stoltenberg say about the training mission?")
    assert b.answered
    first = b.sections[0]
    assert first.speaker == "Jens Stoltenberg" and first.to_json()["speaker"] == "Jens Stoltenberg"
    assert all(q.speaker == "Jens Stoltenberg" for q in first.quotes)
    assert first.quotes[0].citation.startswith(
        "Jens Stoltenberg, NATO secretary general, reported in Ron DePasquale"
    )
    # The other sections are the articles' own prose: no "According to them, …" lines about other people.
    assert not any(q.text.startswith("According to them") for s in b.sections for q in s.quotes)
    # His statement here is reported speech: the article's words, marked so, never a quotation of his.
    md_text = b.to_markdown()
    assert "## Jens Stoltenberg (as reported)" in md_text
    assert "(reported by Ron DePasquale: the training had been temporarily suspended)" in md_text
    assert "> the training had been temporarily suspended" not in md_text


def test_copied_statement_cites_its_speaker_and_passage_names_whom_it_quotes(lib):
    from nato_brief.search.quotes import QuoteRef
    from nato_brief.search.said import statements

    st = next(s for s in statements(lib, "Marotto") if s.kind == "direct")
    q = resolve(lib, QuoteRef(st.source_id, st.passage_id, st.start, st.end))
    assert q.citation.startswith("Wayne Marotto, Colonel, quoted in Khazan Jangiz, “ISIS is regrouping")
    assert "> " + q.text.split("\n")[0] in format_quotes([q], "markdown")
    whole = resolve(lib, ref_for_passage(lib, st.passage_id))
    assert (
        whole.citation.startswith("Khazan Jangiz, “ISIS is regrouping")
        and "(quoting Wayne Marotto)" in whole.citation
    )
