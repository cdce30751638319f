"""The judged-set evaluation (benchmarks/relevance.py) scores as the judge's README says."""

from __future__ import annotations

from types import SimpleNamespace

from benchmarks.relevance import gains, load_queries, ndcg

LABELS = [
    {"source": "A Title’s", "snippet": "alpha  beta\u00a0gamma", "grade": 3},
    {"source": "A Title’s", "snippet": "delta epsilon", "grade": 2},
    {"source": "Other", "snippet": "alpha beta gamma", "grade": 1},
]


def hit(title: str, text: str):
    return SimpleNamespace(title=title, text=text)


def test_gain_needs_snippet_after_whitespace_normalisation_and_the_title():
    g = gains([hit("a title's", "x alpha beta\ngamma y"), hit("Nope", "delta epsilon")], LABELS)
    assert g == [3, 0]


def test_each_label_is_credited_once():
    g = gains(
        [hit("A Title’s", "alpha beta gamma"), hit("A Title’s", "alpha beta gamma delta epsilon")], LABELS
    )
    assert g == [3, 2]


def test_ndcg_is_one_for_the_ideal_order_and_zero_for_nothing():
    ideal = gains([hit("A Title’s", "alpha beta gamma"), hit("A Title’s", "delta epsilon"),
                   hit("Other", "alpha beta gamma")], LABELS)  # fmt: skip
    assert ndcg(ideal, LABELS) == 1.0
    assert ndcg([], LABELS) == 0.0


def test_the_judged_set_loads():
    qs = load_queries()
    assert len(qs) >= 30 and all(q["relevant"] for q in qs)
