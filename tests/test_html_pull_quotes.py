"""Saved pages as the CLI reads them: a pull quote or an embedded tweet is page chrome, never a passage under
the article's author; a "By NAME" paragraph names the author with or without an <article> element."""

from __future__ import annotations

import json

import pytest

from .conftest import cli

LEDE = (
    "The training mission in Baghdad has cost little and achieved a great deal, and leaving now would waste the "
    "patient work of the last five years in the ministries and the schools."
)
REST = (
    "<p>Iraqi officers say the courses have changed how their staff plan operations, and several of them said in "
    "interviews that the advisers should stay for at least two more years.</p>\n"
    "<p>The alliance's defence ministers meet next month to decide whether to extend the mission, and the signs "
    "are that most governments favour a longer commitment.</p>\n"
)
PULL = "Leaving now would waste the patient work of the last five years."
TWEET = (
    '<blockquote class="twitter-tweet"><p>Pull every trainer out of Iraq now, the whole mission is wasted money.'
    "</p>&mdash; Some Account (@someaccount) <a href='https://example.org/x'>March 1, 2021</a></blockquote>"
)


def page(pull: str, wrap: bool = True) -> str:
    body = f"<h1>Why the alliance should stay in Iraq</h1>\n<p>By Hanna Vetter</p>\n<p>{LEDE}</p>\n{pull}\n{REST}{TWEET}"
    body = f"<article>{body}</article>" if wrap else body
    return f"<html><head><title>Why the alliance should stay in Iraq</title></head><body>{body}</body></html>"


def added(tmp_path, name: str, html: str) -> dict:
    (tmp_path / name).write_text(html, encoding="utf-8")
    r = cli("add", str(tmp_path / name), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["added"][0]


def texts(query: str) -> list[str]:
    r = cli("search", query, "--json")
    assert r.returncode in (0, 1), r.stderr  # 1: no hits
    return [h["text"] for h in json.loads(r.stdout)["hits"]]


@pytest.mark.parametrize(
    "pull",
    [
        f'<blockquote class="pullquote">{PULL}</blockquote>',
        f'<aside class="pull-quote">{PULL}</aside>',
        f'<figure class="wp-block-pullquote"><blockquote><p>{PULL}</p></blockquote></figure>',
        f'<div class="story__pull_quote"><p>{PULL}</p></div>',
    ],
)
def test_a_pull_quote_is_no_passage_of_the_author(home, tmp_path, pull):
    src = added(tmp_path, "opinion.html", page(pull))
    assert src["authors"] == ["Hanna Vetter"]
    assert texts('"patient work"') == [LEDE]  # the article's sentence once, not the pull quote beside it
    assert texts('"wasted money"') == []  # an embedded tweet is not the author's words


@pytest.mark.parametrize("wrap", [True, False])
def test_a_by_line_names_the_author_with_or_without_article(home, tmp_path, wrap):
    src = added(tmp_path, "v.html", page("", wrap))
    assert src["authors"] == ["Hanna Vetter"]
    assert src["title"] == "Why the alliance should stay in Iraq"


def test_a_by_line_first_in_a_bare_page_names_both_authors(home, tmp_path):
    html = (
        "<html><head><title>Turkey and Iraq agree border patrol plan</title></head><body>"
        "<p>By Samir Ahlund and Lena Hovik</p>"
        "<p>Turkey and Iraq agreed on Monday to coordinate patrols along their mountain border, the two "
        "governments said in a joint note.</p></body></html>"
    )
    src = added(tmp_path, "wire.html", html)
    assert src["authors"] == ["Samir Ahlund", "Lena Hovik"]
    assert not [t for t in texts('"Samir Ahlund"') if "By Samir" in t]  # the byline is not a passage either
