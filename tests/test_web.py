"""``nato-brief add https://...`` against a local HTTP server (pytest-httpserver): never the internet."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from nato_brief.tui.cli import main

PAGES = Path(__file__).resolve().parent / "labels" / "pages"
PAGE = """<!doctype html><html><head><title>Coalition advisers return to Anbar | The Euphrates Ledger</title>
<meta property="og:site_name" content="The Euphrates Ledger">
<meta property="article:published_time" content="2022-04-05T09:00:00+03:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", "name": "Layla Haddad"}}
</script></head><body><nav>Home | World | Iraq | Opinion</nav>
<article><h1>Coalition advisers return to Anbar</h1>
<p>Coalition advisers returned to Ain al-Asad air base this week after a two-month pause, Iraqi officers said,
resuming training for units that patrol the desert along the Syrian border.</p>
<p>The advisers will focus on intelligence sharing and on the maintenance of surveillance drones, which Iraqi
commanders say have been grounded for weeks for lack of spare parts.</p></article>
<footer>Subscribe to our newsletter</footer></body></html>"""


def add_json(*args: str, capsys) -> tuple[int, dict]:
    code = main(["add", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_add_url_fetches_and_ingests_like_a_saved_page(home, httpserver, capsys):
    httpserver.expect_request("/2022/04/05/anbar").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/2022/04/05/anbar")
    code, out = add_json(url, capsys=capsys)
    assert code == 0, out
    (src,) = out["added"]
    assert src["title"] == "Coalition advisers return to Anbar"
    assert src["authors"] == ["Layla Haddad"]  # from JSON-LD only
    assert src["outlet"] == "The Euphrates Ledger"
    assert src["date"] == "2022-04-05"
    assert src["url"] == url and src["origin"] == url
    ua = httpserver.log[0][0].headers["User-Agent"]
    assert ua.startswith("nato-brief/") and "(+http" in ua


def test_add_url_follows_redirects_and_keeps_the_final_address(home, httpserver, capsys):
    page = (PAGES / "013-gsr-jsonld-only.html").read_bytes()
    httpserver.expect_request("/short").respond_with_data(
        "", status=301, headers={"Location": "/article/nato"}
    )
    httpserver.expect_request("/article/nato").respond_with_data(page, content_type="text/html")
    code, out = add_json(httpserver.url_for("/short"), capsys=capsys)
    assert code == 0, out
    (src,) = out["added"]
    assert src["url"] == httpserver.url_for("/article/nato")
    assert src["authors"] == ["Farah Nadeem"] and src["outlet"] == "Gulf Strategic Review"


@pytest.mark.parametrize(
    "respond,message",
    [
        (dict(response_data="no", status=404), "404"),
        (dict(response_data=b"\x89PNG\r\n", content_type="image/png"), "image/png"),
        (dict(response_data="x" * 5000, content_type="text/html"), "limit"),
    ],
)
def test_add_url_refuses_what_it_cannot_read(home, httpserver, capsys, monkeypatch, respond, message):
    import nato_brief.search.ingest.web as web

    monkeypatch.setattr(web, "MAX_BYTES", 4096)
    httpserver.expect_request("/p").respond_with_data(**respond)
    code, out = add_json(httpserver.url_for("/p"), capsys=capsys)
    assert code == 3
    assert out["added"] == [] and message in out["errors"][0]["error"]


def test_add_url_times_out(home, httpserver, capsys, monkeypatch):
    import nato_brief.search.ingest.web as web

    monkeypatch.setattr(web, "TIMEOUT_S", 0.5)

    def slow(_request):
        time.sleep(2)
        from werkzeug import Response

        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    code, out = add_json(httpserver.url_for("/slow"), capsys=capsys)
    assert code == 3 and "within" in out["errors"][0]["error"] or "timed out" in out["errors"][0]["error"]


def test_url_in_the_library_reads_back_after_a_rebuild(home, httpserver, capsys):
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    add_json(httpserver.url_for("/a"), capsys=capsys)
    httpserver.clear()  # the library keeps its own copy: no second fetch
    assert main(["index", "--rebuild", "--json"]) == 0
    capsys.readouterr()
    assert main(["sources", "--json"]) == 0
    rows = [s for s in json.loads(capsys.readouterr().out) if s["url"] == httpserver.url_for("/a")]
    assert rows and rows[0]["authors"] == ["Layla Haddad"]
