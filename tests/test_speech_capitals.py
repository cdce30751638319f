"""Capital letters outside ASCII (Ö, É, Ç, Ş, İ, Ł, Ø …) start sentences, names and bylines like A–Z do.

Composed documents only. A sentence end missed before "Ömer" or "Élysée" ran a reported clause on into the
next sentence, which gave one party's words to another; an author spelled "Élise" was lost from a header.
"""

from __future__ import annotations

import pytest
from nato_brief.search.ingest import ingest_text
from nato_brief.search.mining import mine_source
from nato_brief.search.speech.sentences import sentences

BODY = (
    "Turkish officials say the base remains central to NATO planning. Ömer Çelik, the ruling party’s "
    "spokesman, met the coalition envoy on Tuesday and described the talks as routine. French diplomats said "
    "the mission would continue through the winter. Élysée advisers, however, told reporters that no decision "
    "had been taken on new trainers."
)


def statements(body: str) -> list[tuple[str, str]]:
    doc = f"---\ntitle: Base talks\nauthor: Selin Kaya\noutlet: Test Wire\ndate: 2021-03-01\n---\n\n{body}\n"
    out = []
    for src in ingest_text(doc, "t.md", "k"):
        for q in mine_source(src).quotes:
            out.append((q.entity or q.speaker, src.text[q.start : q.end]))
    return out


@pytest.mark.parametrize("cap", ["Ö", "É", "Ç", "Ş", "İ", "Ł", "Ø", "Ž", "Ά", "Д"])
def test_a_sentence_ends_before_any_capital_letter(cap):
    text = f"Officials said the base remains open. {cap}zkan met the envoy."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Officials said the base remains open.",
        f"{cap}zkan met the envoy.",
    ]


def test_a_sentence_does_not_end_before_a_lowercase_non_ascii_letter():
    text = "The base is near the approx. ömer road and stays open."
    assert len(sentences(text)) == 1


def test_reported_words_stop_at_the_sentence_end_before_a_non_ascii_capital():
    got = statements(BODY)
    by = {who: words for who, words in got}
    assert by.get("Turkish officials") == "the base remains central to NATO planning"
    assert by.get("French diplomats") == "the mission would continue through the winter"
    # Nobody's words run on into another person's sentence.
    for who, words in got:
        assert "Ömer" not in words and "Élysée" not in words, (who, words)


def test_the_same_text_spelled_in_ascii_reads_the_same():
    ascii_body = BODY.replace("Ömer Çelik", "Omer Celik").replace("Élysée", "Elysee")
    back = lambda t: t.replace("Omer Celik", "Ömer Çelik").replace("Elysee", "Élysée")  # noqa: E731
    assert sorted((back(w), back(t)) for w, t in statements(ascii_body)) == sorted(statements(BODY))


def test_a_non_ascii_capitalised_name_is_a_speaker():
    body = (
        "Łukasz Nowak, a defence ministry spokesman, said the brigade would stay in the north. "
        "“We are not leaving,” said Øystein Berg, a Norwegian officer."
    )
    got = statements(body)
    assert ("Łukasz Nowak", "the brigade would stay in the north") in got
    assert ("Øystein Berg", "We are not leaving,") in got or ("Øystein Berg", "We are not leaving") in got


# Plain-text headers: an author whose name starts with a capital outside A–Z is an author like any other.
HEAD_BODY = (
    "Iraqi forces pushed into the last districts held by the militants on Tuesday, officers said, as "
    "coalition aircraft struck positions on the western bank of the river for a third straight day.\n\n"
    "Troops were advancing slowly to protect civilians still trapped in the old city, officers said.\n"
)


@pytest.mark.parametrize(
    "head,authors",
    [
        ("Mosul push nears its end\n\nBy Élise Martin", ["Élise Martin"]),
        ("Mosul push nears its end\n\nBy Émile Zola and Øystein Berg", ["Émile Zola", "Øystein Berg"]),
        ("Mosul push nears its end\n\nBy Łukasz Żak", ["Łukasz Żak"]),
        ("Mosul push nears its end\n\nAuthor: Sinéad Byrne", ["Sinéad Byrne"]),
        ("Title: Mosul push nears its end\nAuthor: Deniz Şahin\nDate: 2021-06-05\nOutlet: Test Wire",
         ["Deniz Şahin"]),
        ("Mosul push nears its end\n\nBy Elise Martin", ["Elise Martin"]),  # the ASCII spelling, as before
    ],
)  # fmt: skip
def test_a_non_ascii_initial_capital_byline_names_its_author(head, authors):
    src = ingest_text(head + "\n\n" + HEAD_BODY, "page.txt", "k")[0]
    assert src.authors == authors
    assert src.title == "Mosul push nears its end"


def test_headline_author_and_date_lines_each_keep_their_meaning():
    for name in ("Élise Martin", "Sinéad Byrne", "Elise Martin"):
        src = ingest_text(f"Mosul push nears its end\nAuthor: {name}\n2021-06-05\n\n{HEAD_BODY}", "p.txt", "k")[0]
        assert (src.title, src.authors, src.date) == ("Mosul push nears its end", [name], "2021-06-05")
        assert "Mosul push nears its end" not in src.authors


def test_names_with_a_non_ascii_capital_are_in_the_name_index():
    doc = (
        "---\ntitle: Base talks\nauthor: Selin Kaya\n---\n\nİSTANBUL (Reuters) — Ömer Çelik, the ruling party’s "
        "spokesman, met Łukasz Nowak and Gen. Øystein Berg on Tuesday. Defence Minister Ömer Çelik later left.\n"
    )
    src = ingest_text(doc, "t.md", "k")[0]
    names = {n.surface for n in mine_source(src).names}
    assert {"Ömer Çelik", "Łukasz Nowak", "Øystein Berg"} <= names
    assert "Defence Minister" not in names  # the title alone was taken for a name while Ömer was not read
    assert not any("İSTANBUL" in n for n in names)  # a dateline's place names nobody


def test_a_brief_question_naming_a_non_ascii_speaker_gets_their_section(home, tmp_path):
    import json

    from nato_brief.search.library import Library

    from tests.test_cli import run

    a = tmp_path / "a.md"
    a.write_text(
        "---\ntitle: Base talks in Ankara\nauthor: Selin Kaya\noutlet: Test Wire\ndate: 2021-03-01\n---\n\n"
        "“The base is not negotiable,” said Ömer Çelik, the ruling party’s spokesman. French diplomats said the "
        "mission would continue through the winter.\n",
        encoding="utf-8",
    )
    Library().open().add([a])
    data = json.loads(run("brief", "What did Ömer Çelik say about the base?", "--json").stdout)
    quotes = [q for s in data["sections"] if s.get("speaker") == "Ömer Çelik" for q in s["quotes"]]
    assert [q["text"] for q in quotes] == ["The base is not negotiable"]
    assert all(s.get("speaker") != "French diplomats" for s in data["sections"])


def test_a_document_property_author_with_a_non_ascii_capital_is_kept():
    from nato_brief.search.formats import sane_authors

    assert sane_authors("Élise Martin; Øystein Berg") == ["Élise Martin", "Øystein Berg"]
    assert sane_authors("Deniz Şahin and Łukasz Żak") == ["Deniz Şahin", "Łukasz Żak"]
    assert sane_authors("Élise") == []  # one word is a user name, as for "Elise"


def test_passage_sentences_end_before_a_non_ascii_capital():
    from nato_brief.search.model import sentence_spans

    text = "French diplomats said the mission would continue. Élysée advisers disagreed. Gen. Ó Briain left."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "French diplomats said the mission would continue.",
        "Élysée advisers disagreed.",
        "Gen. Ó Briain left.",
    ]


def test_a_brief_never_quotes_the_next_persons_sentence_with_a_statement(home, tmp_path):
    from nato_brief.search.library import Library

    from tests.test_cli import run

    a = tmp_path / "a.md"
    a.write_text(
        f"---\ntitle: Base talks\nauthor: Selin Kaya\noutlet: Test Wire\ndate: 2021-03-01\n---\n\n{BODY}\n",
        encoding="utf-8",
    )
    Library().open().add([a])
    md = run("brief", "What did French diplomats say about trainers?", "--markdown").stdout
    assert "through the winter. Élysée" not in md  # one block quote held both parties' sentences
