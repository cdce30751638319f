"""Saved web pages: the article's text for the body, the whole page for the metadata.

Site furniture is stripped for the body text, never for the metadata: authors, headline and publisher often
live only in ``<script type="application/ld+json">`` or in hidden elements.
"""

from __future__ import annotations

import re

from ..text import sanitize


def html_to_text(html: str) -> str:
    """Main text of an HTML page with trafilatura, metadata as a front-matter block it can be parsed from."""
    import trafilatura

    # Entity-encoded controls (&#x1b;) decode to real ones inside lxml: sanitise the input first too.
    html = strip_hidden(sanitize(html))
    meta: dict[str, str] = {}
    body = ""
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception:  # trafilatura/lxml raise many kinds on broken markup; fall back below
        doc = None
    if doc is not None:
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        body = d.get("text") or ""
        for key in ("title", "author", "date", "sitename", "url"):
            if d.get(key):
                meta[key] = str(d[key])
    if not body.strip():
        try:
            body = trafilatura.html2txt(html) or ""
        except Exception:
            body = ""
    # trafilatura separates paragraphs with single newlines; the article parser wants blank lines.
    body = re.sub(r"\n+", "\n\n", body)
    if not meta:
        return body
    fm = ["---"]
    if "title" in meta:
        fm.append(f"title: {meta['title']}")
    if "author" in meta:
        fm.append("authors: " + ", ".join(a.strip() for a in meta["author"].split(";")))
    if "date" in meta:
        fm.append(f"date: {meta['date'][:10]}")
    if "sitename" in meta:
        fm.append(f"outlet: {meta['sitename']}")
    if "url" in meta:
        fm.append(f"url: {meta['url']}")
    fm.append("---")
    return "\n".join(fm) + "\n\n" + body


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def strip_hidden(html: str) -> str:
    """Remove what a reader never sees: scripts, styles, <noscript>, templates, and hidden elements."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several kinds on hopeless markup; trafilatura gets the raw text then
        return html
    for el in root.xpath("//script|//style|//noscript|//template|//iframe|//object|//embed|//svg"):
        el.drop_tree()
    for el in root.xpath("//*[@hidden or @aria-hidden='true' or @style]"):
        if (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(el.get("style") or "")
        ):
            if el.getparent() is not None:
                el.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")
