"""A plain-text article whose first line is a headline of eight words or more: the headline is the title (not
the lede, not the file name), whether a blank line, a byline or nothing at all separates it from the first
paragraph, and whether or not it is written as a sentence with a full stop. No words are lost: a headline
written as a sentence stays searchable as the opening passage."""

from __future__ import annotations

import json

import pytest

from .test_cli import run

LEDE = (
    "Army engineers reopened the Qayyarah bridge over the Tigris on Sunday, three years after it was cut, and "
    "the first lorries of grain crossed before noon while farmers waited on both banks."
)
SECOND = (
    "The repairs were paid for by the provincial council, which says a second bridge further south will be "
    "finished before the spring floods if the ministry releases the money it promised last year."
)
HEAD = "Engineers reopen the Qayyarah bridge three years after fighters cut it"


@pytest.mark.parametrize(
    ("text", "title", "authors"),
    [
        (f"{HEAD}\n{LEDE}\n\n{SECOND}\n", HEAD, []),  # no blank line under the headline
        (f"{HEAD}.\n\n{LEDE}\n\n{SECOND}\n", f"{HEAD}.", []),  # a headline written as a sentence
        (f"{HEAD}.\nBy Samira Yousef\n\n{LEDE}\n\n{SECOND}\n", f"{HEAD}.", ["Samira Yousef"]),
        (f"{HEAD}.\n{LEDE}\n\n{SECOND}\n", f"{HEAD}.", []),
        (f"{HEAD}\n\n{LEDE}\n\n{SECOND}\n", HEAD, []),  # the plain case stays right
    ],
)
def test_txt_first_line_headline_is_the_title_not_the_lede(home, tmp_path, text, title, authors):
    doc = tmp_path / "qayyarah.txt"
    doc.write_text(text, encoding="utf-8")
    r = run("add", str(doc), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    src = json.loads(r.stdout)["added"][0]
    assert (src["title"], src["authors"]) == (title, authors)
    hits = json.loads(run("search", "lorries of grain crossed before noon", "--json").stdout)["hits"]
    assert hits and hits[0]["text"] == LEDE  # the lede is its own passage, without the headline glued on
    # Nothing of the headline's words is lost when it is a sentence of its own; a bare headline is the title.
    texts = [h["text"] for h in json.loads(run("search", "Engineers reopen Qayyarah", "--json").stdout)["hits"]]
    assert not any(t.startswith(HEAD) and LEDE in t for t in texts)
    if title.endswith(".") and not authors:
        assert f"{HEAD}." in texts  # a sentence on its own line: the title, and still a passage to quote
