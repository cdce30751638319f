"""`add FOLDER` adds the documents in it (the contract: "add documents (files, folders, http(s) addresses)")."""

from __future__ import annotations

import json
from pathlib import Path

from .test_cli import run

ARTICLE = """---
title: {title}
author: {author}
date: 2021-03-0{day}
outlet: The Brussels Ledger
---

{body}
"""

BODIES = {
    "mission.md": ("Allies weigh the Iraq mission", "Ana Ferreira", 1,
                   "Defence ministers meeting in Brussels agreed to keep advising Iraqi forces, and officials said "
                   "the training effort in Baghdad would grow over the coming year."),
    "sub/turkey.txt": ("Ankara and the alliance", "Tomas Brandt", 2,
                       "Turkey's position inside the alliance was the main topic of the ministers' dinner, with the "
                       "Aegean patrols and the border with Syria discussed at length."),
    "sub/deeper/drones.md": ("Counting the drones", "Mira Okafor", 3,
                             "Analysts compared the drone programmes of several members and found the procurement "
                             "plans for the eastern flank still far apart in scale and in timing."),
}


def make_folder(root: Path) -> Path:
    folder = root / "clippings"
    for rel, (title, author, day, body) in BODIES.items():
        f = folder / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(ARTICLE.format(title=title, author=author, day=day, body=body), encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    (folder / "sub" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    hidden = folder / ".drafts"
    hidden.mkdir()
    (hidden / "draft.txt").write_text(ARTICLE.format(title="A hidden draft", author="X Y", day=4,
                                                     body="Nothing in a hidden folder is added to the library."))
    (folder / "sub" / "loop").symlink_to(folder)  # a symlinked folder is not followed: no loop, no duplicates
    return folder


def test_add_folder_adds_every_document_in_it_and_its_subfolders(home, tmp_path):
    folder = make_folder(tmp_path)
    r = run("add", str(folder), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    titles = sorted(s["title"] for s in data["added"])
    assert titles == sorted(t for t, *_ in BODIES.values())
    by_title = {s["title"]: s for s in data["added"]}
    assert by_title["Ankara and the alliance"]["authors"] == ["Tomas Brandt"]
    assert by_title["Counting the drones"]["date"] == "2021-03-03"
    assert data["errors"] == []
    skipped = sorted(Path(s["path"]).name for s in data["skipped"])
    assert skipped == ["notes.csv", "picture.png"]
    # the documents are searchable by what they say
    found = json.loads(run("search", "Aegean patrols", "--json").stdout)
    assert found["hits"] and found["hits"][0]["title"] == "Ankara and the alliance"
    # nothing from the hidden folder
    sources = json.loads(run("sources", "--json").stdout)
    listed = sources["sources"] if isinstance(sources, dict) else sources
    assert "A hidden draft" not in {s["title"] for s in listed}


def test_add_folder_again_changes_nothing_and_says_so(home, tmp_path):
    folder = make_folder(tmp_path)
    assert run("add", str(folder)).returncode == 0
    r = run("add", str(folder))
    assert r.returncode == 0
    assert r.stdout.count("already in the library as") == 3
    assert "skipped 2 file(s)" in r.stderr


def test_an_empty_folder_is_an_error_naming_it(home, tmp_path):
    empty = tmp_path / "nothing-here"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "data.json").write_text("{}")
    r = run("add", str(empty), "--json")
    assert r.returncode == 3
    data = json.loads(r.stdout)
    assert data["added"] == []
    assert "nothing-here: no .txt" in data["errors"][0]["error"]
