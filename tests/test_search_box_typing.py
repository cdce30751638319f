"""What the box shows while a word is being typed must be what the finished query means (fresh-user check):
an operator before the last word keeps its meaning, a one-letter word just begun does not empty the list, and
typographic quotes quote a phrase."""

from __future__ import annotations


def _box(lib, text):
    res, _ = lib.as_you_type(text)
    assert res is not None
    return res


def test_not_before_the_word_being_typed_excludes_it(lib):
    want = lib.search("nato NOT coalition").total
    assert 0 < want < lib.search("nato").total
    assert _box(lib, "nato NOT coalition").total == want  # was: the passages WITH coalition (10 vs 65)
    assert _box(lib, "nato NOT coalition ").total == want
    assert _box(lib, "isis AND NOT mosul").total == lib.search("isis AND NOT mosul").total
    box = _box(lib, "nato NOT coalition")
    assert not any("coalition" in h.text.lower() for h in box.hits)


def test_or_before_the_word_being_typed_keeps_either(lib):
    assert _box(lib, "isis OR daesh").total == lib.search("isis OR daesh").total >= lib.search("isis").total


def test_a_word_just_begun_does_not_empty_the_results(lib):
    nato = lib.search("nato").total
    for text in ("nato s", "nato t", "nato a"):
        assert _box(lib, text).total == nato, text  # was 0: "s" had to be a word of an author's name
        assert lib.search(text).total == nato, text
    assert _box(lib, "islamic s").total == _box(lib, "islamic").total


def test_typographic_quotes_quote_a_phrase(lib):
    straight = lib.search('"islamic state" mosul')
    curly = lib.search("“islamic state” mosul")
    assert curly.expansions == straight.expansions == []  # not expanded to ISIS, ISIL, Daesh
    assert [h.passage_id for h in curly.hits] == [h.passage_id for h in straight.hits]
    assert curly.total < lib.search("islamic state mosul").total


def test_a_corrected_name_shows_in_the_entity_strip(lib):
    _, typed = lib.as_you_type("Stoltenberg training")
    res, corrected = lib.as_you_type("Stoltenburg training")
    assert res is not None and res.corrected
    assert any(e.startswith("Jens Stoltenberg") for e in typed)
    assert corrected == typed  # was: no entity for the misspelt name
