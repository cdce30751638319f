"""Who said what, measured on the independent labelled set (tests/labels/speech/, the judge's scoring rule).

Prints precision and recall per kind, every wrong speaker and every miss (``pytest -s`` shows the report;
``python tests/speech_report.py`` prints it alone). Targets from issue 16: direct quotes recall >= 95% with no
wrong speaker; reported speech recall >= 60% at precision >= 98%; none of the writers' own commentary (the
labelled negatives, seeds included) attributed to anyone.
"""

from __future__ import annotations

import pytest

from tests import speech_report


@pytest.fixture(scope="module")
def report() -> dict:
    out = speech_report.run()
    print("\n" + speech_report.format_report(out))
    return out


def test_report_prints_per_kind(report):
    assert {"direct", "reported"} <= set(report["per_kind"])
    assert report["labels"] >= 160


def test_no_wrong_speaker(report):
    assert report["wrong_speaker"] == 0, report["wrong_speaker_cases"]


def test_direct_recall(report):
    assert report["per_kind"]["direct"]["recall"] >= 0.95


def test_reported_recall_and_precision(report):
    k = report["per_kind"]["reported"]
    assert k["recall"] >= 0.60
    assert k["precision"] >= 0.98


def test_no_commentary_attributed(report):
    """The labelled negatives (scare quotes, titles, the writers' own commentary) are nobody's statement."""
    assert report["negative_hits"] == 0, report["negative_hit_cases"]
