"""A page whose only outlet clue is its masthead (the site's name in its header: a home link, a site title, a
logo's alt text), served from a local address where the domain says nothing: the masthead is the outlet. A
header that names no site clearly (navigation only, two different names) gives none."""

from __future__ import annotations

import json

import pytest
from nato_brief.tui.cli import main

BODY = """<article><h1>Engineers reopen the Qayyarah bridge</h1>
<p class="byline">By Samira Yousef</p>
<p>Army engineers reopened the Qayyarah bridge over the Tigris on Sunday, three years after it was cut, and
the first lorries of grain crossed before noon while farmers waited on both banks.</p>
<p>The repairs were paid for by the provincial council, which says a second bridge further south will be
finished before the spring floods if the ministry releases the money it promised last year.</p></article>"""


def page(header: str) -> str:
    return (
        "<!doctype html><html><head><title>Engineers reopen the Qayyarah bridge</title></head><body>"
        f"{header}{BODY}<footer><a href='/'>Home</a> · <a href='/about'>About us</a></footer></body></html>"
    )


def add_url(httpserver, capsys, path: str, html: str) -> dict:
    httpserver.expect_request(path).respond_with_data(html, content_type="text/html; charset=utf-8")
    code = main(["add", httpserver.url_for(path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out
    return out["added"][0]


@pytest.mark.parametrize(
    "header",
    [
        '<header class="site-header"><a href="/" class="home">Nineveh Courier</a>'
        '<nav><a href="/">Home</a><a href="/iraq">Iraq</a><a href="/opinion">Opinion</a></nav></header>',
        '<div id="top"><p class="site-title"><a href="http://127.0.0.1/">Nineveh Courier</a></p>'
        '<p class="site-description">News from the north</p></div>',
        '<header><a class="logo" href="/"><img src="/logo.png" alt="Nineveh Courier"></a>'
        "<nav><a href='/world'>World</a></nav></header>",
    ],
)
def test_local_page_takes_its_masthead_as_the_outlet(home, httpserver, capsys, header):
    src = add_url(httpserver, capsys, "/2021/05/02/qayyarah", page(header))
    assert src["outlet"] == "Nineveh Courier"
    assert src["title"] == "Engineers reopen the Qayyarah bridge"
    assert src["authors"] == ["Samira Yousef"]


@pytest.mark.parametrize(
    "header",
    [
        "<header><nav><a href='/world'>World</a><a href='/opinion'>Opinion</a><a href='/'>Home</a></nav></header>",
        '<header><a class="logo" href="/">Nineveh Courier</a><a class="brand" href="/partner">Mosul Gazette</a>'
        "</header>",
        "",
    ],
)
def test_no_clear_masthead_gives_no_outlet(home, httpserver, capsys, header):
    src = add_url(httpserver, capsys, "/2021/05/02/qayyarah", page(header))
    assert src["outlet"] is None
