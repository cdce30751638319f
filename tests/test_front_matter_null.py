"""Front matter that states nothing: YAML null or empty is no value, and what is not a string is no name."""

from __future__ import annotations

import json

import pytest

from .conftest import cli

BODY = (
    "A second patrol boat left Souda Bay on Monday for a training exercise near Rhodes, the navy said, "
    "the third such exercise this spring.\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "---\ntitle: null\nauthor: null\n---\n",
        "---\ntitle: ~\nauthor: ~\n---\n",
        "---\ntitle:\nauthor:\n---\n",
        "---\nauthors:\n  - null\n---\n",
        "---\nauthor: [null, ~]\n---\n",
        "+++\nauthor = {name = 1}\ntitle = [1, 2]\n+++\n",
        "+++\nauthors = [1, true, {name = 1}]\n+++\n",
    ],
)
def test_null_or_non_string_front_matter_names_nobody(home, tmp_path, head):
    (tmp_path / "patrol.md").write_text(head + "\n" + BODY, encoding="utf-8")
    r = cli("add", str(tmp_path / "patrol.md"), "--json")
    assert r.returncode == 0, r.stderr
    (src,) = json.loads(r.stdout)["added"]
    assert src["authors"] == []
    assert src["title"] not in ("null", "~", "[1, 2]", "None", "")


def test_a_list_keeps_its_names_and_drops_nulls(home, tmp_path):
    (tmp_path / "patrol.md").write_text("---\nauthors:\n  - null\n  - Dana Holm\n---\n\n" + BODY, encoding="utf-8")
    r = cli("add", str(tmp_path / "patrol.md"), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["added"][0]["authors"] == ["Dana Holm"]
