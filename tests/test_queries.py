"""Hostile and fuzzed queries: no exception, results or a clear notice, bounded work."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KNOWN = [
    "NOT NOT x", "a AND NOT NOT b", "NOT AND x", "(" * 600 + "nato" + ")" * 600, "x" * 100_000, "nato " * 5000,
    "*", "*ato", "nato~2", "-nato", "author:", ":::", '"', '"unclosed phrase', "year:[2019 TO", "field:value",
    "\x1b]52;c;aGk=\x07nato", "[/] [@click=app.quit]", "\u202eisis", "\x00", "", "   ", "OR", "AND AND", "st", "s",
    "title:(", "speaker:stoltenberg", "ISIL OR", "NATO^5", "{}", "[a TO b]", "'", "`rm -rf`", "ه‍ا",
]  # fmt: skip


@pytest.mark.parametrize("q", KNOWN)
@pytest.mark.parametrize("prefix", [False, True])
def test_known_hostile_queries(lib, q, prefix):
    res = lib.search(q, prefix=prefix, facets=True)
    assert res.total >= 0
    for h in res.hits:
        for a, b in h.highlights:
            assert 0 <= a < b <= len(h.text)


def test_parser_failure_says_so(lib):
    res = lib.search("NOT NOT isis")
    assert any("literally" in n for n in res.notices)
    assert res.total > 0


def test_long_query_is_cut_and_said(lib):
    res = lib.search("nato " * 5000)
    assert any("cut" in n for n in res.notices)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
    | st.text(alphabet='abcNOTANDOR()"*:-^~[]{} \\/', max_size=80)
)
def test_fuzzed_queries_never_raise(lib, q):
    res = lib.search(q, prefix=True)
    assert isinstance(res.total, int)


def test_author_and_outlet_options_match_names_with_stop_words(lib):
    """`--outlet "War on the Rocks"` keeps the words the index keeps; alone it still filters."""
    for outlet in ("War on the Rocks", "Washington Institute for Near East Policy", "The Hill"):
        via_option = lib.search("nato", outlet=outlet)
        via_query = lib.search(f'nato outlet:"{outlet}"')
        assert via_option.total == via_query.total > 0, outlet
        assert {h.outlet for h in via_option.hits} == {outlet}
    only = lib.search("", outlet="RUSI")
    everything = lib.store().passage_count()
    assert 0 < only.total < everything and {h.outlet for h in only.hits} == {"RUSI"}
    by_author = lib.search("", author="Matthew Levitt")
    assert by_author.total > 0 and all("Matthew Levitt" in h.authors for h in by_author.hits)


def test_a_word_nothing_completes_is_searched_not_dropped(lib):
    """A word nothing completes is searched (corrected when the library has a close word), never dropped."""
    res = lib.search("Stoltenburg", prefix=True)
    assert res.total > 0 and res.corrected == "Stoltenberg" and "Nothing to search for." not in res.notices
    none = lib.search("Qwxzvb", prefix=True)
    assert none.total == 0 and none.expanded and none.unknown == ["Qwxzvb"]
    assert "Nothing to search for." not in none.notices
    assert lib.search("Stoltenberg", prefix=True).total > 0
