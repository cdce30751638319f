"""Taking sources out of the library (`remove`, `restore`, the trash) and putting an edited file in the place of
the version added before (`add --replace`): what a user sees on the command line, and that the library left
behind is the one a rebuild from the remaining documents makes."""

from __future__ import annotations

import json
import shutil

from nato_brief.search.paths import seed_files

from .conftest import cli, search_json

ERBIL = """---
title: Trainers from London join the mission in Erbil
author: Ruth Okafor
date: 2026-04-02
outlet: The Harbour Gazette
---

A team of military trainers sent from London arrived in Erbil this week to work alongside the Kurdish units
that guard the northern approaches to the city.

"We will stay as long as the Peshmerga ask us to," Colonel Idris Marchetti told reporters at the airfield.
"""

SINJAR = """---
title: Sinjar wells reopen after the winter
author: Lena Vashti
date: 2026-03-11
---

Engineers reopened four wells outside Sinjar on Monday, and the district council said tankers would no
longer be needed in the villages by the end of the month.

Council member Hadiya Murad said the pumps had been bought with money from the reconstruction fund.
"""


def _json(*args: str) -> tuple[int, dict | list]:
    r = cli(*args, "--json")
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout)


def _add(path) -> str:
    code, got = _json("add", str(path))
    assert code == 0, got
    return got["added"][0]["id"]


def _view() -> dict:
    """What a user sees of the library: every source, a search, who said what, a person and a briefing."""
    _, sources = _json("sources")
    _, hits = search_json("Erbil trainers", "--limit", "30")
    _, said = _json("said", "Marchetti")
    _, who = _json("who", "Idris Marchetti")
    _, brief = _json("brief", "What did Marchetti say about the Peshmerga?")
    return {
        "sources": sources,
        "hits": [(h["passage_id"], h["title"], h["text"]) for h in hits.get("hits", [])],
        "said": [(s["source_id"], s["speaker"], s["text"]) for s in said["statements"]],
        "who": [(m["name"], m["mentions"]) for m in who["matches"] if "Marchetti" in m["name"]],
        "brief": [q["source_id"] for s in brief["sections"] for q in s["quotes"]],
    }


def test_a_removed_source_is_gone_everywhere_and_a_rebuild_agrees(seeded, tmp_path):
    erbil, sinjar = tmp_path / "erbil.md", tmp_path / "sinjar.md"
    erbil.write_text(ERBIL, encoding="utf-8")
    sinjar.write_text(SINJAR, encoding="utf-8")
    seeds_only = _view()
    gone, kept = _add(erbil), _add(sinjar)
    with_erbil = _view()
    assert any(h[1].startswith("Trainers from London") for h in with_erbil["hits"])
    assert with_erbil["said"] and with_erbil["who"] and gone in with_erbil["brief"]

    code, got = _json("remove", gone)
    assert code == 0
    assert [s["id"] for s in got["removed"]] == [gone] and got["errors"] == []
    after = _view()
    assert gone not in [s["id"] for s in after["sources"]] and kept in [s["id"] for s in after["sources"]]
    # Nothing of it is left in search, said, who or a briefing: the library is the seeds and Sinjar.
    assert {k: v for k, v in after.items() if k != "sources"} == {
        k: v for k, v in seeds_only.items() if k != "sources"
    }
    code, _ = search_json('"work alongside the Kurdish units"')
    assert code == 1
    code, got = _json("said", "--source", gone)
    assert got.get("statements", []) == []

    assert cli("index", "--rebuild").returncode == 0
    assert _view() == after


def test_the_library_left_is_the_one_built_from_the_remaining_files(seeded, tmp_path, monkeypatch):
    """remove and add --replace one at a time leave what a fresh library of the remaining files holds: the
    same sources, passages, names, statements and ranked results."""
    erbil, sinjar = tmp_path / "erbil.md", tmp_path / "sinjar.md"
    erbil.write_text(ERBIL, encoding="utf-8")
    sinjar.write_text(SINJAR, encoding="utf-8")
    fresh = tmp_path / "fresh-home"
    shutil.copytree(seeded, fresh)  # the seeds as shipped, before any add

    _add(erbil)
    _add(sinjar)
    assert _json("remove", str(erbil))[0] == 0  # by the path it was added from
    sinjar.write_text(SINJAR.replace("four wells", "five wells"), encoding="utf-8")
    code, got = _json("add", str(sinjar), "--replace")
    assert code == 0 and len(got["added"]) == 1
    kept = _view()

    monkeypatch.setenv("NATO_BRIEF_HOME", str(fresh))
    _add(sinjar)
    assert _view() == kept

    from nato_brief.search.library import Library

    def tables(home) -> dict:
        monkeypatch.setenv("NATO_BRIEF_HOME", str(home))
        st = Library().open().store()
        return {t: st.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()
                for t in ("sources", "passages", "names", "pairs", "quotes")} | {"words": sorted(st.vocabulary())}  # fmt: skip

    assert tables(seeded) == tables(fresh)


def test_add_replace_puts_an_edited_file_in_the_place_of_the_version_added_before(seeded, tmp_path):
    sinjar = tmp_path / "sinjar.md"
    sinjar.write_text(SINJAR, encoding="utf-8")
    old = _add(sinjar)
    count = len(_json("sources")[1])
    sinjar.write_text(SINJAR.replace("four wells", "five wells"), encoding="utf-8")

    code, got = _json("add", str(sinjar), "--replace")
    assert code == 0
    new = got["added"][0]["id"]
    assert new != old  # a source's id comes from its text
    assert got["replaced"] == [{"ids": [new], "was": [old]}]
    sources = _json("sources")[1]
    assert len(sources) == count and old not in [s["id"] for s in sources]
    assert search_json('"five wells"')[0] == 0 and search_json('"four wells"')[0] == 1
    r = cli("add", str(sinjar), "--replace")  # the same text again: nothing new, same id
    assert r.returncode == 0 and new in r.stdout
    assert len(_json("sources")[1]) == count
    assert len(list((seeded / "documents").glob("*.json"))) == 1  # the older copy left the documents folder
    before = _view()
    assert cli("index", "--rebuild").returncode == 0
    assert _view() == before


def test_without_replace_an_edited_file_is_added_beside_and_the_user_is_told(seeded, tmp_path):
    sinjar = tmp_path / "sinjar.md"
    sinjar.write_text(SINJAR, encoding="utf-8")
    old = _add(sinjar)
    sinjar.write_text(SINJAR.replace("four wells", "five wells"), encoding="utf-8")
    r = cli("add", str(sinjar))
    assert r.returncode == 0
    assert f"sinjar.md was added before as {old}" in r.stderr and "--replace" in r.stderr
    sinjar.write_text(SINJAR.replace("four wells", "six wells"), encoding="utf-8")
    code, got = _json("add", str(sinjar), "--replace")  # both versions added before give way
    assert code == 0 and len(got["replaced"][0]["was"]) == 2
    assert [s["id"] for s in _json("sources")[1] if s["title"].startswith("Sinjar")] == [
        got["added"][0]["id"]
    ]
    sinjar.write_text(SINJAR.replace("four wells", "seven wells"), encoding="utf-8")
    assert cli("add", str(sinjar)).returncode == 0  # beside the version added before
    code, got = _json("remove", str(sinjar))  # the path names every version added from it
    assert code == 0 and len(got["removed"]) == 2
    assert not [s for s in _json("sources")[1] if s["title"].startswith("Sinjar")]


def test_an_unknown_source_is_an_input_error_and_the_others_still_go(seeded, tmp_path):
    sinjar = tmp_path / "sinjar.md"
    sinjar.write_text(SINJAR, encoding="utf-8")
    sid = _add(sinjar)
    code, got = _json("remove", "0000000000", sid)
    assert code == 3
    assert [s["id"] for s in got["removed"]] == [sid]
    assert (
        got["errors"][0]["source"] == "0000000000" and "no source '0000000000'" in got["errors"][0]["error"]
    )
    r = cli("remove", "not-a-source")
    assert r.returncode == 3 and "not removed: no source 'not-a-source' in the library" in r.stderr
    r = cli("remove", "--json")
    assert r.returncode == 2 and json.loads(r.stdout)["error"]["code"] == 2


def test_restore_brings_a_removed_source_back_and_the_trash_can_be_emptied(seeded, tmp_path):
    erbil = tmp_path / "erbil.md"
    erbil.write_text(ERBIL, encoding="utf-8")
    sid = _add(erbil)
    before = _view()
    assert _json("remove", "erbil.md")[0] == 0  # by its origin as `sources` shows it
    code, trash = _json("restore")
    assert code == 0 and [s["id"] for t in trash["trash"] for s in t["sources"]] == [sid]
    code, got = _json("restore", sid)
    assert code == 0 and [s["id"] for s in got["restored"]] == [sid]
    assert _view() == before and _json("restore")[1] == {"trash": []}
    assert _json("restore", sid)[0] == 3  # no longer in the trash

    assert _json("remove", sid)[0] == 0
    code, got = _json("remove", "--empty-trash")
    assert code == 0 and got == {"emptied": 1}
    assert not any((seeded / "trash").iterdir())
    assert _json("restore", sid)[0] == 3


def test_a_seed_can_be_removed_and_restored_and_a_compilation_goes_as_a_whole(seeded):
    seed = seed_files()[4]
    sources = _json("sources")[1]
    ids = [s["id"] for s in sources if s["origin"] == f"seeds/{seed.name}"]
    assert len(ids) == 1
    code, got = _json("remove", ids[0])
    assert code == 0 and [s["id"] for s in got["removed"]] == ids
    assert cli("index", "--rebuild").returncode == 0
    assert ids[0] not in [s["id"] for s in _json("sources")[1]]  # a rebuild keeps it out
    assert _json("restore", ids[0])[0] == 0
    assert _json("sources")[1] == sources

    many = [s for s in sources if s["origin"].split("#")[0] == "seeds/" + seed_files()[2].name]
    assert len(many) > 1
    # One of a compilation's sources alone is refused, with the way to remove the document.
    code, got = _json("remove", many[1]["id"])
    assert code == 3 and got["removed"] == []
    assert f"nato-brief remove seeds/{seed_files()[2].name}" in got["errors"][0]["error"]
    code, got = _json("remove", f"seeds/{seed_files()[2].name}")
    assert code == 0 and len(got["removed"]) == len(many)


def test_remove_counts_the_marked_quotes_of_the_removed_source_and_the_app_leaves_them_out(seeded, tmp_path):
    from nato_brief.search.basket import QuoteBasket
    from nato_brief.search.library import Library
    from nato_brief.search.quotes import ref_for_passage

    erbil = tmp_path / "erbil.md"
    erbil.write_text(ERBIL, encoding="utf-8")
    sid = _add(erbil)
    lib = Library().open()
    basket = QuoteBasket()
    basket.mark(lib, ref_for_passage(lib, f"{sid}.1"))
    other = next(s.id for s in lib.sources() if s.id != sid)
    basket.mark(lib, ref_for_passage(lib, f"{other}.1"))
    assert len(basket) == 2
    basket.save(seeded / "tray.json")
    r = cli("remove", sid)
    assert (
        r.returncode == 0 and "1 quote(s) marked in the app's tray come from the removed source" in r.stderr
    )
    assert _json("restore", sid)[0] == 0
    code, got = _json("remove", sid)
    assert code == 0 and got["tray_quotes"] == 1
    kept = QuoteBasket()
    dropped = kept.load(Library().open(), seeded / "tray.json")
    assert len(dropped) == 1 and len(kept) == 1


def test_a_document_added_before_paths_were_recorded_is_replaced_by_its_file_name(seeded, tmp_path):
    sinjar = tmp_path / "sinjar.md"
    sinjar.write_text(SINJAR, encoding="utf-8")
    old = _add(sinjar)
    record = next((seeded / "documents").glob("*.json"))
    meta = json.loads(record.read_text(encoding="utf-8"))
    del meta["from"]  # as an older nato-brief wrote it
    record.write_text(json.dumps(meta), encoding="utf-8")
    sinjar.write_text(SINJAR.replace("four wells", "five wells"), encoding="utf-8")
    code, got = _json("add", str(sinjar), "--replace")
    assert code == 0 and got["replaced"] == [{"ids": [got["added"][0]["id"]], "was": [old]}]
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "sinjar.md").write_text(SINJAR.replace("four wells", "nine wells"), encoding="utf-8")
    code, got = _json("add", str(other / "sinjar.md"), "--replace")  # another file of the same name: its own
    assert code == 0 and got["replaced"] == [] and len(got["added"]) == 1


def test_a_page_added_from_an_address_is_replaced_and_removed_by_that_address(seeded, httpserver, capsys):
    """The address a page was fetched from is its origin (a local HTTP server, never the internet)."""
    from nato_brief.tui.cli import main

    from .test_web import PAGE

    def run(*args: str) -> tuple[int, dict]:
        code = main([*args, "--json"])
        return code, json.loads(capsys.readouterr().out)

    httpserver.expect_request("/2022/04/05/anbar").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/2022/04/05/anbar")
    code, got = run("add", url)
    assert code == 0
    old = got["added"][0]["id"]
    httpserver.clear()  # the page is corrected on the site
    httpserver.expect_request("/2022/04/05/anbar").respond_with_data(
        PAGE.replace("two-month pause", "three-month pause"), content_type="text/html"
    )
    code, got = run("add", url, "--replace")
    assert code == 0 and got["replaced"][0]["was"] == [old]
    new = got["added"][0]["id"]
    assert [s["id"] for s in run("sources")[1] if s["url"] == url] == [new]
    code, got = run("remove", url)
    assert code == 0 and [s["id"] for s in got["removed"]] == [new]
    assert not [s for s in run("sources")[1] if s["url"] == url]
