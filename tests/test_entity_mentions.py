"""An entity's mentions kept as columns (search/mentions.py) are the rows the store gave, grouped exactly as a
list of NameRow objects per entity was: the same surfaces and kinds counted, one mention per span (the last row
of a repeated span), by source then offset, spans tied on both in the order first seen."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from nato_brief.search.mentions import NameColumns
from nato_brief.search.names import NameRow

SOURCES = ["b7", "a1", "c0", "a10"]
SURFACES = ["Stoltenberg", "Jens Stoltenberg", "NATO", "Daesh", "ISIS", "Haddad"]
KEYS = ["jens stoltenberg", "nato", "isis", "haddad", "omar haddad"]
KINDS = ["gazetteer", "person", "name", "organisation"]

rows_strategy = st.lists(
    st.builds(
        lambda s, p, a, n, f, k, kind: NameRow(s, p.format(s=s), a, a + n, f, k, kind),
        st.sampled_from(SOURCES),
        st.sampled_from(["{s}.1", "{s}.2", "{s}.10", "{s}.02", "{s}.", "other", "{s}.3.b"]),
        st.integers(0, 12),
        st.integers(1, 3),
        st.sampled_from(SURFACES),
        st.sampled_from(KEYS),
        st.sampled_from(KINDS),
    ),
    max_size=60,
)


def as_lists(rows, group_of_key):
    """The grouping as it was done with a list of rows per group (the reference)."""
    groups: dict[int, list[NameRow]] = {}
    for r in rows:
        groups.setdefault(group_of_key[r.key], []).append(r)
    out = {}
    for g, rs in groups.items():
        dedup = sorted({(r.source_id, r.start, r.end): r for r in rs}.values(), key=lambda r: (r.source_id, r.start))
        out[g] = (list(Counter(r.surface for r in rs).items()), list(Counter(r.kind for r in rs).items()), dedup)
    return out


@settings(max_examples=300, deadline=None)
@given(rows=rows_strategy, groups=st.lists(st.integers(0, 2), min_size=len(KEYS), max_size=len(KEYS)))
def test_grouped_columns_match_lists_of_rows(rows, groups):
    group_of_key = dict(zip(KEYS, groups, strict=True))
    cols = NameColumns.from_rows(rows)
    grouped = cols.group(group_of_key, 3)
    want = as_lists(rows, group_of_key)
    for g in range(3):
        surfaces, kinds, mentions = want.get(g, ([], [], []))
        assert list(grouped.surfaces(g).items()) == surfaces
        assert list(grouped.kinds(g).items()) == kinds
        got = grouped.mentions(g)
        assert len(got) == len(mentions) and list(got) == mentions and got == mentions
        assert got.source_ids() == [m.source_id for m in mentions]
        if mentions:
            assert got[-1] == mentions[-1] and got[1:] == mentions[1:]


def test_library_mentions_are_the_stored_rows(lib):
    """Every mention of every entity is a row of the store's names table, and no row is shown twice."""
    stored = {tuple(r) for r in lib.store().db.execute("SELECT * FROM names")}
    shown = [
        (m.source_id, m.passage_id, m.start, m.end, m.surface, m.key, m.kind)
        for e in lib.entities().entities
        for m in e.mentions
    ]
    assert shown and set(shown) <= stored and len(set(shown)) == len(shown)
    isis = lib.entities().get("ISIS")
    assert isis.source_ids == list(dict.fromkeys(m.source_id for m in isis.mentions))
    assert sum(isis.mention_counts().values()) == len(isis.mentions)
