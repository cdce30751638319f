"""restore after the same text was added again: refused (exit 3, in errors), the trash keeps its copy, and
the library keeps the live copy's metadata through a rebuild."""

from __future__ import annotations

import json

from .conftest import cli

MEMO = (
    "# Kestrel brigade rotates out of Erbil\n\nBy Dana Whitfield\n\n"
    "The Kestrel brigade handed its base near Erbil to a relief battalion on Tuesday, officers said, after nine "
    "months of training Kurdish and Iraqi units on the plains south of the city.\n\n"
    "The relief battalion will keep the same training programme, its commander said.\n"
)


def run_json(*args: str) -> tuple[int, dict | list]:
    r = cli(*args, "--json")
    return r.returncode, json.loads(r.stdout)


def test_restore_refuses_a_document_whose_text_was_added_again(home, tmp_path):
    memo = tmp_path / "kestrel.md"
    memo.write_text(MEMO, encoding="utf-8")
    rc, out = run_json("add", str(memo), "--author", "Other Person", "--title", "Edited title")
    assert rc == 0
    sid = out["added"][0]["id"]
    assert run_json("remove", str(memo))[0] == 0
    rc, out = run_json("add", str(memo))
    assert rc == 0 and out["added"][0]["authors"] == ["Dana Whitfield"]
    trash = sorted(p.name for p in (home / "trash").iterdir())
    documents = sorted(p.name for p in (home / "documents").iterdir())

    rc, out = run_json("restore", "kestrel.md")
    assert rc == 3
    assert out["restored"] == []
    assert [e["source"] for e in out["errors"]] == ["kestrel.md"]
    assert f"already in the library as {sid}" in out["errors"][0]["error"]
    assert sorted(p.name for p in (home / "trash").iterdir()) == trash  # the trash is left as it was
    assert sorted(p.name for p in (home / "documents").iterdir()) == documents

    assert cli("index", "--rebuild").returncode == 0
    rc, out = run_json("sources")
    (row,) = [s for s in out if s["id"] == sid]
    assert row["authors"] == ["Dana Whitfield"] and row["title"] == "Kestrel brigade rotates out of Erbil"
