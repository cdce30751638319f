"""The same question gets the same briefing in every process (found beside the long-question check: "What did
NATO say about training?" said "nothing from a NATO diplomat" in one run and "nothing from Several senior NATO
officials" in the next, the speaker picked from a set whose order follows the interpreter's hash seed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def _brief(seed: str, question: str) -> dict:
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "brief", question, "--json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120,
                       env={**os.environ, "PYTHONHASHSEED": seed})  # fmt: skip
    return json.loads(r.stdout)


def test_a_question_matching_two_speakers_equally_names_the_same_one_each_run(seeded):
    q = "What did NATO say about training?"
    runs = [_brief(seed, q) for seed in ("1", "2", "3", "4")]
    assert len({r["framing"] for r in runs}) == 1
    assert len({json.dumps(r["sections"]) for r in runs}) == 1
