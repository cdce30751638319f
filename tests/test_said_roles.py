"""Roles read as words (fresh-user check: Trump's role showed as "presidential-candidate", the hyphen copied
from "then presidential-candidate Trump" in seed 000); hyphenated titles keep their hyphens."""

from __future__ import annotations

import json

from tests.conftest import cli


def test_a_slug_hyphen_in_a_role_reads_as_a_space(seeded):
    r = cli("said", "Trump", "--json")
    assert r.returncode == 0
    roles = {s["text"]: s["role"] for s in json.loads(r.stdout)["statements"]}
    assert roles["obsolete."] == "presidential candidate"
    assert "Donald Trump (presidential candidate): “obsolete.”" in cli("said", "Trump").stdout


def test_hyphenated_titles_keep_their_hyphens(home, tmp_path):
    doc = tmp_path / "titles.md"
    doc.write_text(
        "---\ntitle: Two titles\nauthor: Ann Writer\ndate: 2021-03-02\n---\n\n"
        "“We will keep the trainers,” said Karl Brandt, the president-elect.\n\n"
        "“The mission stays,” said Omar Saleh, the defence-ministry spokesman.\n",
        encoding="utf-8",
    )
    assert cli("add", str(doc)).returncode == 0
    stmts = json.loads(cli("said", "--json").stdout)["statements"]
    roles = {s["speaker_entity"]: s["role"] for s in stmts}
    assert roles["Karl Brandt"] == "president-elect"
    assert roles["Omar Saleh"] == "defence ministry spokesman"
