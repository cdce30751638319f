"""Page metadata against trafilatura alone, on small pages in the structures trafilatura's own metadata tests
use (meta name=author, og:, article:, JSON-LD variants, itemprop, rel=author, byline classes, ...).

Composed for this project (no page is copied). Each case states the truth a reader would record; the test
checks that no field comes out worse through our pipeline (read_document + ingest_document, the path of
``nato-brief add FILE --url URL``) than through ``trafilatura.bare_extraction`` with metadata alone, case by
case, and prints both scores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BODY = (
    "<p>Iraqi and coalition officers met in Baghdad on Tuesday to review the training programme for units "
    "that patrol the western desert, officials said after the meeting.</p>"
    "<p>The advisers will focus on intelligence sharing and on the upkeep of surveillance aircraft, which "
    "commanders say have been grounded for weeks for lack of spare parts and trained mechanics.</p>"
)
TITLE = "Coalition reviews desert training for Iraqi units"
URL = "https://www.desertledger.net/news/desert-training-review"


def page(head: str = "", top: str = "", bottom: str = "", title: str | None = TITLE) -> str:
    t = f"<title>{title}</title>" if title else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{t}{head}</head><body><article>"
        f"<h1>{TITLE}</h1>{top}{BODY}{bottom}</article></body></html>"
    )


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


J = "Jenny Marlowe"
K = "Karim Saadi"
# (id, html, url, truth): truth has title, authors, outlet, date (None = the page does not say).
CASES = [
    ("meta-author", page('<meta name="author" content="Jenny Marlowe">'), URL, {"authors": [J]}),
    ("meta-author-by", page('<meta name="author" content="By Jenny Marlowe">'), URL, {"authors": [J]}),
    (
        "meta-author-two",
        page('<meta name="author" content="Jenny Marlowe, Karim Saadi">'),
        URL,
        {"authors": [J, K]},
    ),
    (
        "meta-author-and",
        page('<meta name="author" content="Jenny Marlowe and Karim Saadi">'),
        URL,
        {"authors": [J, K]},
    ),
    ("meta-byl", page('<meta name="byl" content="By Jenny Marlowe">'), URL, {"authors": [J]}),
    ("meta-dc-creator", page('<meta name="dc.creator" content="Jenny Marlowe">'), URL, {"authors": [J]}),
    (
        "meta-dcterms-creator",
        page('<meta name="DCTERMS.creator" content="Jenny Marlowe">'),
        URL,
        {"authors": [J]},
    ),
    (
        "meta-article-author",
        page('<meta property="article:author" content="Jenny Marlowe">'),
        URL,
        {"authors": [J]},
    ),
    ("meta-itemprop-author", page('<meta itemprop="author" content="Jenny Marlowe">'), URL, {"authors": [J]}),
    (
        "meta-parsely-author",
        page('<meta name="parsely-author" content="Jenny Marlowe">'),
        URL,
        {"authors": [J]},
    ),
    (
        "meta-sailthru-author",
        page('<meta name="sailthru.author" content="Jenny Marlowe">'),
        URL,
        {"authors": [J]},
    ),
    ("span-class-author", page(top='<span class="author">Jenny Marlowe</span>'), URL, {"authors": [J]}),
    (
        "a-class-author",
        page(top='<a class="author" href="/people/jm">Jenny Marlowe</a>'),
        URL,
        {"authors": [J]},
    ),
    (
        "a-rel-author",
        page(top='<p>By <a rel="author" href="/people/jm">Jenny Marlowe</a></p>'),
        URL,
        {"authors": [J]},
    ),
    ("div-byline", page(top='<div class="byline">By Jenny Marlowe</div>'), URL, {"authors": [J]}),
    (
        "p-byline-two",
        page(top='<p class="byline">By Jenny Marlowe and Karim Saadi</p>'),
        URL,
        {"authors": [J, K]},
    ),
    (
        "span-byline-name",
        page(top='<div class="byline">By <span class="byline__name">Jenny Marlowe</span></div>'),
        URL,
        {"authors": [J]},
    ),
    ("address-author", page(top='<address class="author">Jenny Marlowe</address>'), URL, {"authors": [J]}),
    (
        "itemprop-author-name",
        page(
            top='<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jenny Marlowe</span></span>'
        ),
        URL,
        {"authors": [J]},
    ),
    ("byline-caps", page(top='<p class="byline">By JENNY MARLOWE</p>'), URL, {"authors": [J]}),
    (
        "ld-person",
        page(
            ld(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": TITLE,
                    "author": {"@type": "Person", "name": J},
                }
            )
        ),
        URL,
        {"authors": [J]},
    ),
    (
        "ld-person-list",
        page(
            ld(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "author": [{"@type": "Person", "name": J}, {"@type": "Person", "name": K}],
                }
            )
        ),
        URL,
        {"authors": [J, K]},
    ),
    (
        "ld-author-string",
        page(ld({"@context": "https://schema.org", "@type": "Article", "author": J})),
        URL,
        {"authors": [J]},
    ),
    (
        "ld-graph",
        page(
            ld(
                {
                    "@context": "https://schema.org",
                    "@graph": [
                        {"@type": "WebSite", "name": "Desert Ledger"},
                        {
                            "@type": "NewsArticle",
                            "headline": TITLE,
                            "author": {"@type": "Person", "name": J},
                            "datePublished": "2021-03-04T08:00:00Z",
                        },
                    ],
                }
            )
        ),
        URL,
        {"authors": [J], "date": "2021-03-04", "outlet": "Desert Ledger"},
    ),
    (
        "ld-only-everything",
        page(
            ld(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": TITLE,
                    "author": {"@type": "Person", "name": K},
                    "datePublished": "2020-11-02",
                    "publisher": {"@type": "Organization", "name": "The Desert Ledger"},
                }
            ),
            title=None,
        ),
        URL,
        {"authors": [K], "date": "2020-11-02", "outlet": "The Desert Ledger"},
    ),
    (
        "ld-org-author",
        page(
            ld(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "author": {"@type": "Organization", "name": "Desert Ledger Staff"},
                }
            )
        ),
        URL,
        {"authors": []},
    ),
    (
        "ld-reportage",
        page(
            ld(
                {
                    "@context": "https://schema.org",
                    "@type": "ReportageNewsArticle",
                    "author": {"@type": "Person", "name": K},
                }
            )
        ),
        URL,
        {"authors": [K]},
    ),
    (
        "ld-blogposting",
        page(
            ld(
                {
                    "@context": "https://schema.org",
                    "@type": "BlogPosting",
                    "author": {"@type": "Person", "name": J},
                    "datePublished": "2019-07-15T10:00:00+02:00",
                }
            )
        ),
        URL,
        {"authors": [J], "date": "2019-07-15"},
    ),
    (
        "og-title",
        page(
            '<meta property="og:title" content="Coalition reviews desert training for Iraqi units">',
            title="Desert Ledger",
        ),
        URL,
        {},
    ),
    ("title-pipe-site", page(title=f"{TITLE} | Desert Ledger"), URL, {"outlet": "Desert Ledger"}),
    (
        "title-dash-site",
        page('<meta property="og:site_name" content="Desert Ledger">', title=f"{TITLE} - Desert Ledger"),
        URL,
        {"outlet": "Desert Ledger"},
    ),
    (
        "twitter-title",
        page(
            '<meta name="twitter:title" content="Coalition reviews desert training for Iraqi units">',
            title=None,
        ),
        URL,
        {},
    ),
    (
        "og-site-name",
        page('<meta property="og:site_name" content="The Desert Ledger">'),
        URL,
        {"outlet": "The Desert Ledger"},
    ),
    (
        "application-name",
        page('<meta name="application-name" content="Desert Ledger">'),
        URL,
        {"outlet": "Desert Ledger"},
    ),
    (
        "no-site-known-domain",
        page(),
        "https://www.reuters.com/world/desert-training-review",
        {"outlet": "Reuters"},
    ),
    (
        "no-site-unknown-domain",
        page(),
        "https://news.sandgazette.co.uk/desert-training-review",
        {"outlet": "sandgazette.co.uk"},
    ),
    (
        "date-article-published",
        page('<meta property="article:published_time" content="2021-06-11T09:30:00+03:00">'),
        URL,
        {"date": "2021-06-11"},
    ),
    (
        "date-published-and-modified",
        page(
            '<meta property="article:published_time" content="2021-06-11T09:30:00Z"><meta property="article:modified_time" content="2021-06-14T09:30:00Z">'
        ),
        URL,
        {"date": "2021-06-11"},
    ),
    ("date-meta-date", page('<meta name="date" content="2018-02-15">'), URL, {"date": "2018-02-15"}),
    ("date-dc-date", page('<meta name="dc.date" content="2018-02-15">'), URL, {"date": "2018-02-15"}),
    (
        "date-itemprop",
        page(top='<meta itemprop="datePublished" content="2017-12-10T08:00:00+03:00">'),
        URL,
        {"date": "2017-12-10"},
    ),
    (
        "date-time-element",
        page(
            top='<time datetime="2016-10-17T06:00:00Z" class="entry-date published">October 17, 2016</time>'
        ),
        URL,
        {"date": "2016-10-17"},
    ),
    (
        "date-url-slashes",
        page(),
        "https://www.desertledger.net/2021/06/11/desert-training-review/",
        {"date": "2021-06-11"},
    ),
    (
        "date-url-dashes",
        page(),
        "https://www.desertledger.net/news/2015-04-22/desert-training-review",
        {"date": "2015-04-22"},
    ),
    ("date-none", page(top="<p>Updated 3 hours ago</p>"), URL, {"date": None}),
    (
        "author-in-related-box",
        page(
            '<meta name="author" content="Jenny Marlowe">',
            bottom='<aside class="related"><h3>More from Karim Saadi</h3><a class="author">Karim Saadi</a></aside>',
        ),
        URL,
        {"authors": [J]},
    ),
    (
        "byline-with-date",
        page(top='<p class="byline">By Jenny Marlowe | March 4, 2021</p>'),
        URL,
        {"authors": [J], "date": "2021-03-04"},
    ),
    (
        "byline-agency-suffix",
        page(top='<p class="byline">By JENNY MARLOWE and KARIM SAADI Associated Press</p>'),
        URL,
        {"authors": [J, K]},
    ),
    ("author-agency-only", page('<meta name="author" content="Reuters">'), URL, {"authors": []}),
]


def truth(case: dict) -> dict:
    base = {"title": TITLE, "authors": [], "outlet": "desertledger.net", "date": None}
    return base | case


def ours(html: str, url: str, tmp_path: Path) -> dict:
    from nato_brief.search.ingest import Overrides, document_key, ingest_document, read_document

    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    doc = read_document(f)
    (src,) = ingest_document(doc, f.name, document_key(doc), Overrides(url=url))
    return {"title": src.title, "authors": src.authors, "outlet": src.outlet, "date": src.date}


def theirs(html: str, url: str) -> dict:
    import trafilatura

    d = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    d = d.as_dict() if hasattr(d, "as_dict") else dict(d or {})
    authors = [a.strip() for a in (d.get("author") or "").split(";") if a.strip()]
    return {"title": d.get("title"), "authors": authors, "outlet": d.get("sitename"), "date": d.get("date")}


def right(field: str, got, want) -> bool:
    if field == "authors":
        return {a.casefold() for a in got} == {a.casefold() for a in want} and got is not None
    if field == "outlet":
        return (got or "").casefold() == (want or "").casefold()
    return got == want


FIELDS = ("title", "authors", "outlet", "date")


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[tuple[str, dict, dict, dict]]:
    tmp = tmp_path_factory.mktemp("meta")
    out = [(cid, truth(t), ours(html, url, tmp), theirs(html, url)) for cid, html, url, t in CASES]
    score = {f: [0, 0] for f in FIELDS}
    for _cid, want, a, b in out:
        for f in FIELDS:
            score[f][0] += right(f, a[f], want[f])
            score[f][1] += right(f, b[f], want[f])
    print(f"\n{len(out)} metadata cases, right: ours / trafilatura alone")
    for f, (a, b) in score.items():
        print(f"  {f:8s} {a:2d} / {b:2d}")
    return out


def test_at_least_46_cases():
    assert len(CASES) >= 46 and len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("field", FIELDS)
def test_no_field_worse_than_trafilatura_alone(results, field):
    worse = [
        (cid, a[field], b[field], want[field])
        for cid, want, a, b in results
        if right(field, b[field], want[field]) and not right(field, a[field], want[field])
    ]
    assert not worse, worse


def test_never_a_false_author(results):
    false = [(cid, a["authors"]) for cid, want, a, _b in results if set(a["authors"]) - set(want["authors"])]
    assert not false, false
