"""Wrong speakers found by an attacker and a fresh user, each shape on text written for these tests: a second
quotation that belongs to someone the sentence names in another clause, passive "was told by", pronouns of
the wrong gender, "the spokesman" for the principal, a spokesman's name taken for his role, and roles that are
not roles."""

from __future__ import annotations

from tests.test_speech import said, who_said


def roles(body: str) -> list[tuple[str, str | None]]:
    from nato_brief.search.ingest import ingest_text
    from nato_brief.search.mining import mine_source

    doc = (
        f"---\ntitle: A test article\nauthor: Nora Vale\noutlet: Test Wire\ndate: 2021-03-01\n---\n\n{body}\n"
    )
    return [
        (q.entity or q.speaker, q.role)
        for src in ingest_text(doc, "t.md", "k")
        for q in mine_source(src).quotes
    ]


# --- 1. a quotation inside a clause that belongs to another named person ---------------------------------
def test_second_quotation_called_by_another_person_is_not_the_first_speakers():
    body = "“The bridge is finished,” Halvard Brenn said in March, a claim Ilse Marr called “a plain lie.”"
    assert who_said(body, "The bridge is finished") == ["Halvard Brenn"]
    assert "Halvard Brenn" not in who_said(body, "a plain lie")


def test_quotation_in_another_persons_warning_or_demand():
    body = (
        "“The valley is quiet,” said Ilse Marr, rejecting Halvard Brenn's warning that “the valley could burn "
        "by August.”\n\n"
        "“Tarsk belongs to us,” Oskar Veld said, dismissing Petra Lind's demand that “the militia quit Tarsk "
        "within a week.”"
    )
    assert who_said(body, "The valley is quiet") == ["Ilse Marr"]
    assert "Ilse Marr" not in who_said(body, "the valley could burn")
    assert who_said(body, "Tarsk belongs to us") == ["Oskar Veld"]
    assert "Oskar Veld" not in who_said(body, "the militia quit Tarsk")


def test_quotation_described_or_mocked_by_another_person():
    body = (
        "“We will strike first if we have to,” Petra Lind warned, a threat Oskar Veld described as “reckless "
        "and unlawful.”\n\n"
        "“The port is secure,” Halvard Brenn said in 2018 — words Ilse Marr mocked on Friday as “a bedtime "
        "story.”"
    )
    assert who_said(body, "We will strike first") == ["Petra Lind"]
    assert "Petra Lind" not in who_said(body, "reckless and unlawful")
    assert who_said(body, "The port is secure") == ["Halvard Brenn"]
    assert "Halvard Brenn" not in who_said(body, "a bedtime story")


def test_two_quotations_of_one_speaker_still_both_his():
    body = "“We are ready,” Halvard Brenn said on Monday, “and the engineers are ready too.”"
    assert who_said(body, "We are ready") == ["Halvard Brenn"]
    assert who_said(body, "the engineers are ready too") == ["Halvard Brenn"]


def test_words_another_person_had_promised_are_not_the_relayers():
    body = "“Tarsk must be rebuilt,” Oskar Veld said Petra Lind had promised him in June."
    assert "Oskar Veld" not in who_said(body, "Tarsk must be rebuilt")


# --- 2. passive: "X was told by Y" ---------------------------------------------------------------------
def test_was_told_by_is_never_the_listener():
    body = (
        "“The convoy has been lost,” Halvard Brenn was told by a provincial lawmaker.\n\n"
        "“The depot is short of fuel,” Oskar Veld was told by his logistics officer, Karl Dunn.\n\n"
        "Petra Lind was told that the talks had collapsed overnight."
    )
    assert "Halvard Brenn" not in who_said(body, "The convoy has been lost")
    assert "Oskar Veld" not in who_said(body, "The depot is short of fuel")
    assert "Petra Lind" not in who_said(body, "the talks had collapsed")


def test_was_told_by_a_named_person_is_that_persons():
    body = "“The depot is short of fuel,” Oskar Veld was told by his logistics officer, Karl Dunn."
    assert who_said(body, "The depot is short of fuel") in ([], ["Karl Dunn"])


# --- 3. pronouns and "the spokesman" ----------------------------------------------------------------------
def test_she_never_resolves_to_a_man_the_text_calls_he():
    body = (
        "Ilse Marr landed on Tuesday. Halvard Brenn spoke first, and he thanked the hosts. "
        "“Nobody asked us,” she said."
    )
    assert who_said(body, "Nobody asked us") in ([], ["Ilse Marr"])


def test_she_with_two_people_of_unknown_gender_is_unattributed():
    body = "Ilse Marr landed on Tuesday. Halvard Brenn spoke first. “Nobody asked us,” she said."
    assert "Halvard Brenn" not in who_said(body, "Nobody asked us")


def test_she_after_ms_title_resolves_to_her():
    body = "Ms. Marr landed on Tuesday with Halvard Brenn. Brenn spoke first. “Nobody asked us,” she said."
    assert "Halvard Brenn" not in who_said(body, "Nobody asked us")


def test_he_still_resolves_to_the_only_person():
    body = "Halvard Brenn toured the depot on Monday. “The stocks are low,” he said."
    assert who_said(body, "The stocks are low") == ["Halvard Brenn"]


def test_the_spokesman_is_not_the_principal():
    body = "Halvard Brenn landed in Tarsk on Monday. “The trip was planned for months,” the spokesman said."
    assert "Halvard Brenn" not in who_said(body, "The trip was planned")


def test_the_spokesman_the_text_named_is_him():
    body = (
        "Alliance spokesman Tomas Ruud met reporters in Tarsk on Monday.\n\n"
        "“The trip was planned for months,” the spokesman said."
    )
    assert who_said(body, "The trip was planned") == ["Tomas Ruud"]


# --- 4. a spokesman's name is the speaker, "X's spokesman" is his role --------------------------------------
def test_inverted_spokesman_of_someone_is_the_named_spokesman():
    body = "“Every foreign soldier must go,” said senator Oskar Veld's spokesman, Karl Dunn."
    got = said(body)
    assert [(s, e) for s, e, _k, t in got if "Every foreign soldier" in t] == [("Karl Dunn", "Karl Dunn")]
    assert ("Karl Dunn", "spokesman of senator Oskar Veld") in roles(body) or (
        "Karl Dunn",
        "senator Oskar Veld's spokesman",
    ) in roles(body)


# --- 5. a role is a title or office, or nothing -----------------------------------------------------------
def test_roles_are_titles_or_nothing():
    body = (
        "“The valley is quiet,” said Ilse Marr, rejecting Halvard Brenn's warning.\n\n"
        "Marr's remarks came a day after Halvard Brenn said: “I trust the governor completely.”\n\n"
        "“Supplies are late,” Fleet spokesperson Cmdr. Ada Q. Novak told the Wire.\n\n"
        "“We hold the ridge,” said Karl Dunn, defence minister, on Sunday."
    )
    got = dict(roles(body))
    assert got.get("Ilse Marr") is None
    assert got.get("Halvard Brenn") is None
    assert got.get("Ada Q. Novak") == "Fleet spokesperson"
    assert got.get("Karl Dunn") == "defence minister"


def test_she_after_a_name_that_ends_its_sentence_is_not_the_other_person():
    # "Ilse Marr." at a sentence's end is a person too (the full stop hid her from "she").
    body = "Halvard Brenn met Ilse Marr. She said that the valley had never been consulted about the dam."
    assert "Halvard Brenn" not in who_said(body, "the valley had never been consulted")


def test_she_after_a_reported_statement_by_a_man_of_unknown_gender():
    body = "Ilse Marr landed. Halvard Brenn said the talks were useful. “Nobody asked us,” she said."
    assert "Halvard Brenn" not in who_said(body, "Nobody asked us")


def test_she_two_paragraphs_after_the_other_person_is_unattributed():
    body = (
        "The ministers met in Tarsk for a second day of talks on the dam.\n\n"
        "Ilse Marr landed on Tuesday.\n\nHalvard Brenn spoke first.\n\n“Nobody asked us,” she said."
    )
    assert "Halvard Brenn" not in who_said(body, "Nobody asked us")


def test_a_quotation_going_on_keeps_its_speaker():
    body = "Ilse Marr landed. “The talks were useful,” Halvard Brenn said. “We will talk again,” he added."
    assert who_said(body, "We will talk again") == ["Halvard Brenn"]
    body = (
        "“The dam is safe,” Halvard Brenn said.\n\nHe stated that the engineers had checked every gate twice."
    )
    assert who_said(body, "the engineers had checked every gate") == ["Halvard Brenn"]


def test_quotation_in_a_relative_clause_about_another_person():
    body = "“The bridge is safe,” Halvard Brenn said, responding to Ilse Marr, who had called the plan “reckless.”"
    assert who_said(body, "The bridge is safe") == ["Halvard Brenn"]
    assert "Halvard Brenn" not in who_said(body, "reckless")


def test_the_minister_is_only_someone_the_text_called_minister():
    body = "Halvard Brenn arrived in Tarsk on Monday. “The visit went well,” the minister said."
    assert "Halvard Brenn" not in who_said(body, "The visit went well")
    body = (
        "Defence Minister Halvard Brenn arrived in Tarsk on Monday. “The visit went well,” the minister said."
    )
    assert who_said(body, "The visit went well") == ["Halvard Brenn"]
