"""The United Kingdom is one place with its usual names, as other countries are in the gazetteer (fresh-user
check: `who U.K.` offered an author, Vance Serchuk, and `who Britain` another, though seed 004 names Britain)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import cli

NAMES = ["United Kingdom", "U.K.", "UK", "Britain", "Great Britain"]


@pytest.mark.parametrize("typed", NAMES + ["U.K", "united kingdon"])
def test_every_name_of_the_uk_finds_one_place(seeded, typed):
    r = cli("who", typed, "--json")
    assert r.returncode == 0
    first = json.loads(r.stdout)["matches"][0]
    assert first["name"] == "United Kingdom" and first["kind"] == "place"
    assert set(NAMES[1:]) <= set(first["aliases"])
    # Seed 004 (Levitt) names Britain twice: the place's mentions.
    assert {m["passage_id"].split(".")[0] for m in first["mentions"]} == {"af5a72d223"}
    assert len(first["mentions"]) == 2


def test_searching_u_k_finds_the_passages_that_say_britain(seeded):
    r = cli("search", "U.K.", "--json")
    assert r.returncode == 0
    hits = json.loads(r.stdout)["hits"]
    assert len(hits) == 2
    assert all({h["text"][a:b] for a, b in h["highlights"]} == {"Britain"} for h in hits)
