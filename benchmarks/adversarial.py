"""Adversarial documents of any size: the shapes that made a regex or a loop scan the text again from every
position (issue 12: a 100 KB file of brackets took 133 s to ingest).

Each pattern is a function of a size in bytes (UTF-8, roughly) that returns the text of a document (``.html``
for the names starting with "html-", else ``.txt``): a short ordinary head (so the document has a title, a
byline and a first passage) with the pattern repeated up to the size. Used by the benchmark's ingestion series
and by the hostile-input tests.
"""

from __future__ import annotations

HEAD = (
    "Adversarial Sample\n\nby Ada Versarial\n\n"
    "The coalition's report on Kirkuk is an ordinary first paragraph, written to be found by a search.\n\n"
)


def _fill(unit: str, size: int) -> str:
    return unit * max(1, (size - len(HEAD)) // max(1, len(unit.encode("utf-8"))))


PATTERNS: dict[str, object] = {
    # link syntax (search/link_syntax.py)
    "brackets": lambda n: HEAD + _fill("[", n),
    "link-openers": lambda n: HEAD + _fill("[a](", n),
    "nested-parens": lambda n: HEAD + _fill("(", n // 2) + _fill(")", n // 2),
    "paren-urls": lambda n: HEAD + _fill("(/", n),
    "blanks-then-paren": lambda n: HEAD + "(" + _fill(" ", n) + "x",
    "autolink-blanks": lambda n: HEAD + "(<" + _fill(" ", n) + "x",
    "autolink-newlines": lambda n: HEAD + "x (<https://example.org/a" + _fill("\n", n) + "x",
    "asterisks": lambda n: HEAD + _fill("*", n),
    "bold-openers": lambda n: HEAD + _fill("**a ", n),
    "italic-openers": lambda n: HEAD + _fill("*a ", n),
    "backslashes": lambda n: HEAD + _fill("\\", n),
    "dingbats": lambda n: HEAD + _fill("\u2022", n // 2) + "x" + _fill(" ", n // 2) + "\u2022x",
    # one huge word, and the query-like shapes a field token takes
    "long-token": lambda n: HEAD + _fill("a", n),
    "field-token": lambda n: HEAD + "x:" + _fill("a", n),
    # escape sequences and controls (search/text.py)
    "osc-openers": lambda n: HEAD + _fill("\x1b]", n),
    "csi-params": lambda n: HEAD + "\x1b[" + _fill("1;", n),
    "c1-controls": lambda n: HEAD + _fill("a\x9d", n),
    # paragraphs, sentences, bylines, names and quotes (articles, model, entities, speech)
    "blank-lines": lambda n: HEAD + _fill("\n \n", n),
    "byline-blanks": lambda n: "by x" + _fill(" ", n) + "y\n\n" + HEAD,
    "dots": lambda n: HEAD + _fill(".", n),
    "abbreviations": lambda n: HEAD + _fill("Mr. ", n),
    "capitals": lambda n: HEAD + _fill("Ab Cd ", n),
    "straight-quotes": lambda n: HEAD + _fill('"', n),
    "curly-openers": lambda n: HEAD + _fill("“a ", n),
    "said-quotes": lambda n: HEAD + _fill("“We stay,” said Ab Cd. ", n),
    "colons": lambda n: HEAD + _fill("a: ", n),
    # speech (search/speech/): one look-up of a surname's first full mention per speaker scanned the whole text
    "unknown-speakers": lambda n: HEAD + _fill("Ab said what Cd told: ", n) + "“We stay.”",
    "dashes": lambda n: HEAD + _fill("-", n),
    "long-byline": lambda n: "Adversarial Sample\n\nBy " + _fill("Ab Cd, ", n) + "Reuters\n\n" + HEAD,
    "relative-byline": lambda n: HEAD + _fill("Ab Cd \u00b7 ", n) + "3 hours ago",
    # saved web pages (written as .html: names starting with "html-")
    "html-nested": lambda n: _html(_fill("<div>", n // 2) + "x"),
    "html-paragraphs": lambda n: _html(_fill("<p>Ab Cd said the coalition stays.</p>", n)),
    "html-meta-author": lambda n: _html("", head=f'<meta name="author" content="{_fill("Ab Cd ", n)}">'),
    "html-jsonld": lambda n: _html(
        "",
        head='<script type="application/ld+json">{"@type": "NewsArticle", '
        '"author": [' + _fill('{"name": "Ab Cd"}, ', n) + '{"name": "Ef"}]}</script>',
    ),
    "html-title-separators": lambda n: _html("", head=f"<title>{_fill('Ab | ', n)}Cd</title>"),
}


def _html(body: str, head: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Adversarial Sample</h1><p>by Ada Versarial</p>"
        "<p>The coalition's report on Kirkuk is an ordinary first paragraph, written to be found by a search."
        f"</p>{body}</article></body></html>"
    )


def make(pattern: str, size: int) -> str:
    """The text of one adversarial document of about ``size`` bytes."""
    return PATTERNS[pattern](size)  # type: ignore[operator]


def suffix(pattern: str) -> str:
    return ".html" if pattern.startswith("html-") else ".txt"
