"""The command line through its real entry point: JSON shapes, exit codes, clean output, --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nato_brief.search.text import is_clean

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ}, timeout=120, **kw)  # fmt: skip


@pytest.mark.parametrize("cmd", ["search", "who", "said", "compare", "brief", "quote", "sources", "add", "index"])
def test_every_command_has_help(cmd):
    r = run(cmd, "--help")
    assert r.returncode == 0 and "usage: nato-brief" in r.stdout


def test_usage_error_exit_2(seeded):
    assert run("search").returncode == 2
    assert run("frobnicate").returncode == 2


def test_sources_json_shape(seeded):
    r = run("sources", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == 0 and len(data) == 19
    for s in data:
        assert {"id", "title", "authors", "date", "outlet", "url", "origin", "passages"} <= set(s)


def test_search_json_shape_and_highlights(seeded):
    r = run("search", "Stoltenberg", "--json", "--limit", "3")
    data = json.loads(r.stdout)
    assert r.returncode == 0 and data["total"] >= 3 and data["query"] == "Stoltenberg"
    for h in data["hits"]:
        assert {
            "source_id",
            "passage_id",
            "title",
            "authors",
            "date",
            "outlet",
            "score",
            "text",
            "highlights",
        } <= set(h)
        assert any(h["text"][a:b] == "Stoltenberg" for a, b in h["highlights"])


def test_search_filters(seeded):
    r = run("search", "NATO", "--author", "Levitt", "--json", "--limit", "50")
    assert {tuple(h["authors"]) for h in json.loads(r.stdout)["hits"]} == {("Matthew Levitt",)}
    r = run("search", "NATO", "--year", "2020", "--json", "--limit", "50")
    assert {h["date"][:4] for h in json.loads(r.stdout)["hits"]} == {"2020"}
    r = run("search", 'outlet:"war on the rocks" NATO', "--json")
    assert {h["outlet"] for h in json.loads(r.stdout)["hits"]} == {"War on the Rocks"}


def test_nothing_found_exit_1_and_explain(seeded):
    r = run("search", "zzzyzzx")
    assert r.returncode == 1
    r = run("search", "ISIL detainees", "--explain", "--limit", "1")
    assert r.returncode == 0 and "alias: ISIL -> Islamic State | ISIS" in r.stderr and "query:" in r.stderr


def test_who_json(seeded):
    r = run("who", "Stoltenburg", "--json")
    data = json.loads(r.stdout)
    m = data["matches"][0]
    assert m["name"] == "Jens Stoltenberg" and m["kind"] == "person" and "Stoltenberg" in m["aliases"]
    assert m["mentions"] and {"source_id", "passage_id"} <= set(m["mentions"][0])


def test_add_then_who_finds_mined_entity(seeded, tmp_path):
    f = tmp_path / "n.md"
    f.write_text("---\ntitle: Ninewa Notes\nauthor: Field Writer\ndate: 2022-02-02\n---\n\n" +
                 "Governor Najim al-Jubouri of the Ninewa Provincial Council (NPC) met the council. " * 3, encoding="utf-8")  # fmt: skip
    r = run("add", str(f), "--outlet", "Ninewa Weekly", "--json")
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)["added"][0]
    assert added["authors"] == ["Field Writer"] and added["outlet"] == "Ninewa Weekly"
    r = run("who", "Ninewa Provincal Council", "--json")
    assert json.loads(r.stdout)["matches"][0]["name"] == "Ninewa Provincial Council"
    r = run("who", "NPC", "--json")
    assert json.loads(r.stdout)["matches"][0]["name"] == "Ninewa Provincial Council"


def test_add_bad_file_exit_3_others_kept(seeded, tmp_path):
    good = tmp_path / "g.txt"
    good.write_text(
        "Title\n\n" + "A sentence about the coalition in Raqqa and the winter. " * 3, encoding="utf-8"
    )
    r = run("add", str(tmp_path / "missing.txt"), str(good))
    assert r.returncode == 3 and "missing.txt" in r.stderr
    assert json.loads(run("search", "Raqqa winter", "--json").stdout)["total"] >= 1


def test_quote_markdown_and_plain(seeded):
    pid = json.loads(run("search", "ISIS detainees", "--json", "--limit", "1").stdout)["hits"][0][
        "passage_id"
    ]
    md = run("quote", pid, "--format", "markdown").stdout
    assert (
        md.startswith("> ")
        and "— Matthew Levitt, “The Counter-ISIS Coalition" in md
        and "7 November 2019" in md
    )
    plain = run("quote", pid, "--format", "plain").stdout
    assert plain.startswith("“") and "The Washington Institute" in plain
    assert run("quote", "nope.1").returncode == 3


def test_brief_off_topic_and_on_topic(seeded):
    r = run("brief", "What is the population of Brazil?", "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["answered"] is False
    r = run("brief", "What did Levitt say about detainees?", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == 0 and data["answered"]
    assert [s["authors"] for s in data["sections"]] == [["Matthew Levitt"]]


def test_compare_json(seeded):
    data = json.loads(run("compare", "training mission in Iraq", "--json").stdout)
    assert len(data["columns"]) >= 2
    for c in data["columns"]:
        assert all(h["authors"] == c["authors"] for h in c["passages"])


def test_output_never_carries_escapes(seeded, tmp_path):
    f = tmp_path / "evil.txt"
    f.write_text("Evil Title \x1b]0;pwned\x07\n\nby Eve Il\n\n" + "Mosul \x1b]52;c;aGk=\x07 report \u202e with [/] "
                 "and [@click=app.quit]x[/] and \x9b2J and more words about Mosul. " * 3, encoding="utf-8")  # fmt: skip
    assert run("add", str(f)).returncode == 0
    for args in (("search", "Mosul", "--json"), ("search", "Mosul"), ("sources",), ("sources", "--json"),
                 ("who", "Eve", "--json"), ("brief", "What about Mosul?"), ("compare", "Mosul")):  # fmt: skip
        r = run(*args)
        assert is_clean(r.stdout) and is_clean(r.stderr), args
    assert "[@click=app.quit]x[/]" in run("search", "Mosul").stdout


def test_add_saved_page_with_url_shows_the_wire_as_a_second_outlet(home):
    """A newspaper page carrying an AP story: the outlet is the paper, the agency a second outlet (sources)."""
    page = ROOT / "tests" / "labels" / "pages" / "003-courier-ap-caps-wire.html"
    url = "https://www.fairhavencourier.com/news/world/nato-chief-stays/article_7c1e2b90.html"
    r = run("add", str(page), "--url", url, "--json")
    assert r.returncode == 0, r.stderr
    (src,) = json.loads(r.stdout)["added"]
    assert src["outlet"] == "The Fairhaven Courier" and src["outlets_extra"] == ["Associated Press"]
    assert src["authors"] == ["Katja Morell", "Derya Soylu"] and src["url"] == url
    plain = run("sources").stdout
    assert "The Fairhaven Courier (+ Associated Press)" in plain
