"""A saved page that is only navigation is refused as having no article text (exit 3, a clear message), never
added as one passage of menu words under "Unknown author"; text inside tables nested deeper than the HTML
parser reads is kept. Pages written for this test."""

from __future__ import annotations

import json

from tests.test_cli import run


def _menu_page() -> str:
    items = "".join(f'<li><a href="/topics/{k}">Region {k}</a></li>' for k in range(60))
    return (
        "<html><head><title>All regions</title></head><body><header><a href='/'>Gulf Ledger</a></header>"
        f"<nav><ul>{items}</ul></nav><footer><a href='/about'>About us</a> <a href='/jobs'>Jobs</a></footer>"
        "</body></html>"
    )


def test_a_page_of_navigation_only_is_refused(home, tmp_path):
    page = tmp_path / "regions.html"
    page.write_text(_menu_page(), encoding="utf-8")
    r = run("add", str(page), "--json")
    assert r.returncode == 3, r.stdout
    (err,) = json.loads(r.stdout)["errors"]
    assert "no article text" in err["error"]
    sources = json.loads(run("sources", "--json").stdout)
    assert not any(s["origin"].endswith("regions.html") for s in sources)


def test_text_in_deeply_nested_tables_is_kept(home, tmp_path):
    depth = 280
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><head><title>Irrigation works resume</title></head><body>"
        "<p>Work on the irrigation canals near Samarra resumed on Sunday after the spring floods receded.</p>"
        + "<table><tr><td>" * depth
        + "Engineers in Tuz Khurmatu reported that the new sluice gates held through the night."
        + "</td></tr></table>" * depth
        + "</body></html>",
        encoding="utf-8",
    )
    assert run("add", str(page)).returncode == 0
    hits = json.loads(run("search", "sluice Khurmatu", "--json").stdout)["hits"]
    assert any("the new sluice gates held" in h["text"] for h in hits), hits
