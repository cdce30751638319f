"""Entities: typo-tolerant look-up, aliases, acronym mining, surname linking, who said what."""

from __future__ import annotations

import pytest
from nato_brief.search.entities import EntityIndex
from nato_brief.search.gazetteer import load_gazetteer
from nato_brief.search.ingest import ingest_text
from nato_brief.search.mining import mine_source


@pytest.mark.parametrize(
    "typed,name",
    [("Stoltenburg", "Jens Stoltenberg"), ("inherent resolv", "Operation Inherent Resolve"),
     ("bagdadi", "Abu Bakr al-Baghdadi"), ("Petreus", "David Petraeus"), ("Soby", "Kristian Søby Kristensen"),
     ("soleimani", "Qassim Suleimani"), ("Mathew Levit", "Matthew Levitt"), ("tsoltenberg", "Jens Stoltenberg"),
     ("stoltenberg jens", "Jens Stoltenberg"), ("ISIL", "Islamic State"), ("daesh", "Islamic State"),
     ("J. Stoltenberg", "Jens Stoltenberg"), ("marotto", "Wayne Marotto")],
)  # fmt: skip
def test_misspelt_lookup_finds_entity_first(lib, typed, name):
    matches = lib.entities().lookup(typed)
    assert matches and matches[0].entity.name == name


def test_stoltenberg_mentions_every_seed_source_that_names_him(lib):
    ent = lib.entities().lookup("Stoltenberg")[0].entity
    naming = {s.id for s in lib.sources() if "Stoltenberg" in lib.source(s.id).text}
    assert naming and set(ent.source_ids) == naming


def test_aliases_fold_into_one_entity(lib):
    isis = lib.entities().get("Daesh")
    assert isis is lib.entities().get("ISIL") is lib.entities().get("Islamic State")
    texts = {lib.source(m.source_id).text[m.start : m.end] for m in isis.mentions}
    assert {"ISIS", "ISIL", "Daesh", "Islamic State"} <= texts


def test_alias_expanded_search_finds_isis_detainees_for_isil(lib):
    res = lib.search("ISIL detainees")
    assert res.hits and "ISIS detainees" in res.hits[0].text and "ISIL" not in res.hits[0].text
    assert res.expansions and res.expansions[0][0] == "ISIL"
    # A quoted name (or --exact) is not expanded: no passage has ISIL and detainees, only closest matches
    for res in (lib.search('"ISIL" detainees'), lib.search("ISIL detainees", exact=True)):
        assert res.partial and res.words == ["ISIL", "detainees"] and all(h.missing for h in res.hits)


def test_nmi_finds_the_long_name(lib):
    res = lib.search("NMI", limit=50)
    assert any("NATO Mission in Iraq" in h.text and "NMI" not in h.text for h in res.hits) or any(
        "NATO Mission Iraq" in h.text for h in res.hits
    )


DOC = """The Kirkuk Compact

by Test Writer

May 2, 2022

The Joint Operations Command (JOC) met in Kirkuk. Brigadier Samir Haddad-Qasim told reporters the plan was ready.
Later the JOC said more. Haddad-Qasim warned that the Kirkuk Reconstruction Office had no funds for the winter.
“We will not leave Kirkuk before the spring,” Haddad-Qasim said on Tuesday. According to Secretary General
Jens Stoltenberg, the alliance is watching. Stoltenberg’s aides declined to comment on the Kirkuk Compact.
"""


@pytest.fixture
def mined():
    src = ingest_text(DOC.replace("\n", " ").replace("  ", "\n\n", 3), "kirkuk.txt", "k")[0]
    gaz = load_gazetteer()
    from nato_brief.search.gazetteer import gazetteer_matcher

    m = mine_source(src, *gazetteer_matcher(gaz))
    authors = {a: [src.id] for a in src.authors}
    return src, EntityIndex.build(gaz, m.names, m.pairs, m.quotes, authors)


def test_acronym_pair_mined_as_alias(mined):
    _src, ents = mined
    joc = ents.get("JOC")
    assert joc is not None and joc is ents.get("Joint Operations Command")
    assert len(joc.mentions) >= 3


def test_surname_linked_and_quote_attributed(mined):
    src, ents = mined
    p = ents.lookup("Hadad Qasim")[0].entity
    assert p.name == "Samir Haddad-Qasim"
    said = [src.text[q.start : q.end] for q in p.quotes if q.direct]
    assert said == ["We will not leave Kirkuk before the spring"]  # the comma is the writer's punctuation
    assert ents.get("Stoltenberg") is ents.get("Jens Stoltenberg")


def test_seed_speakers(lib):
    ents = lib.entities()
    marotto = ents.get("Wayne Marotto")
    said = [lib.source(q.source_id).text[q.start : q.end] for q in marotto.quotes]
    assert any(s.startswith("Daesh (ISIS) is resilient") for s in said)
    assert any(s.startswith("I don’t see any kind of resurgence") for s in said)
    mcnulty = ents.lookup("McNulty")[0].entity
    assert any(
        "force generation process" in lib.source(q.source_id).text[q.start : q.end] for q in mcnulty.quotes
    )
    # The article's author is not the speaker: Jangiz wrote it, Marotto said it.
    assert all(q.speaker != "Khazan Jangiz" for e in ents.entities for q in e.quotes)


def test_speaker_filter_in_search(lib):
    res = lib.search("speaker:marotto")
    assert res.hits and all(h.authors == ["Khazan Jangiz"] for h in res.hits)


def test_new_document_brings_new_entity(lib, tmp_path):
    f = tmp_path / "k.txt"
    f.write_text(DOC, encoding="utf-8")
    lib.add([f])
    m = lib.entities().lookup("Haddad Qasim")
    assert m and m[0].entity.name == "Samir Haddad-Qasim"


_MANY_NAMES = """
import random, sys
from nato_brief.search.entities import EntityIndex
from nato_brief.search.names import NameRow
rng = random.Random(11)
firsts = ["Lena", "Omar", "Sofia", "Daniel", "Amira", "Jonas", "Hassan", "Ingrid", "Tomas", "Farah", "Mikael",
          "Nadia", "Peter", "Layla", "Anna", "Yusuf", "Karin", "Samir", "Elena", "Marco"]
lasts = ["Berg", "Haddad", "Novak", "Rahman", "Lindqvist", "Costa", "Kowalski", "Aziz", "Moreau", "Jensen",
         "Petrov", "Nasser", "Olsen", "Romano", "Karimi", "Schmidt", "Farouk", "Dubois", "Hansen", "Saleh"]
names = [f"{f} {l}" for f in firsts for l in lasts]  # the library's own names first, then many more like them
names += [f"{rng.choice(firsts)} {rng.choice(lasts)}{rng.randint(1, 9999)}" for _ in range(9600)]
rows = [NameRow("x", "x.1", 0, 1, n, n.lower(), "person") for n in names]
idx = EntityIndex.build([], rows, [], [])
for q in sys.argv[1:]:
    print(q, [(m.entity.name, round(m.score, 1)) for m in idx.lookup(q)])
"""


def test_lookup_among_thousands_of_names_is_the_same_in_every_process():
    """Above 2,000 names a look-up first keeps the names sharing the most letter triples with the query. Ties at
    the edge of that shortlist were broken by the order of a set of strings, which Python changes from one
    process to the next: 'Novak Berg' found three people in one run of `who` and nobody in another."""
    import os
    import subprocess
    import sys

    queries = ["Novak Berg", "Haddad", "Lena Lindkvist", "Omar Rahmann", "Marko Kosta"]
    outs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        r = subprocess.run([sys.executable, "-c", _MANY_NAMES, *queries], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)  # fmt: skip
        assert r.returncode == 0, r.stderr
        outs.add(r.stdout)
    assert len(outs) == 1, outs
    assert "Novak Berg [('" in outs.pop()  # found in every run: the names the library has first
