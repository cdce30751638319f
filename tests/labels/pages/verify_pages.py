#!/usr/bin/env python3
"""Mechanical checks for the labelled page set in /work/labels/pages/.

Run:  python3 /work/labels/verify_pages.py [PAGES_DIR]

Checks (exit status 1 if any fails):
  * labels.toml parses (tomllib) and has >= 34 [[page]] entries, one per file, no duplicates;
  * every labelled file exists and every page file in the directory is labelled;
  * required keys and value shapes (title, authors list, outlet, outlets_extra, date YYYY-MM-DD,
    2-4 must_contain, 2-5 must_not_contain, structure list);
  * every must_contain / must_not_contain fragment occurs verbatim in the file's visible text
    (HTML: tags dropped, <head>/<script>/<style>/<noscript>/<template> contents dropped, entities
    unescaped, runs of whitespace collapsed to one space; .txt/.md: the raw text, whitespace collapsed);
  * no fragment is listed both as must_contain and must_not_contain (or is a substring of the other kind);
  * every required byline/metadata structure tag is used by >= 2 pages;
  * sanity: the labelled title is visible (after quote normalisation), every labelled author's name
    occurs somewhere in the file (case-insensitive: it may be in capitals or only in JSON-LD),
    "date_in_url_only" pages have a URL carrying that date, "no_date" pages carry no date key and no
    date-like string, and each page has at least 300 words of visible text.
The checker knows nothing about the extractor under test; it only checks that the labels are
consistent with the files.
"""
from __future__ import annotations

import html.parser
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

REQUIRED_STRUCTURES = [
    "by_x",                  # "By X"
    "by_caps_and",           # "By X and Y" in capitals
    "by_news_service",       # "By X, Outlet News Service"
    "name_under_headline",   # the author name alone on the line under the headline
    "two_by_bios",           # two "By" lines, each followed by a bio
    "trailing_bio",          # "X is a senior fellow at ..." at the end
    "relative_time",         # "X 1 minute ago" / "X 3 hours ago"
    "agency_credits",        # "(Reporting by X; Writing by Y; Editing by Z)"
    "dateline_ap",           # "BRUSSELS (AP) —"
    "dateline_reuters",      # "BAGHDAD (Reuters) -"
    "non_author_names",      # quoted / mentioned people who are not authors
    "title_suffix_analysis", # " – Analysis" suffix on the title
    "title_suffix_site",     # " | Site Name" (or " - Site Name") suffix on the title
    "date_in_url_only",      # the only date is in the URL path
    "no_date",               # no date anywhere -> date is null (key omitted)
    "translit_variants",     # Suleimani/Soleimani, Abadi/al-Abadi ... in the body
    "og_meta",               # og:* / article:* meta tags
    "jsonld_only",           # author/date/publisher only in JSON-LD
    "no_meta",               # no og/JSON-LD/author metadata at all
    "outlet_from_domain",    # unknown domain, nothing on the page -> registrable domain
    "outlet_from_known_domain",  # well-known domain, no name on the page
    "txt", "md_frontmatter", "md_plain",
]

SKIP_TAGS = {"head", "script", "style", "noscript", "template"}
BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer",
    "nav", "section", "article", "aside", "main", "figure", "figcaption", "tr", "td", "th",
    "table", "form", "button", "hr", "blockquote", "time", "label", "input",
}


class VisibleText(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def visible_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        parser = VisibleText()
        parser.feed(raw)
        parser.close()
        return squash("".join(parser.parts))
    return squash(raw)


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def norm_title(text: str) -> str:
    return squash(text.translate(QUOTES))


MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_LIKE = [
    re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b"),
    re.compile(r"\b" + MONTHS + r"\s+\d{1,2},?\s+(?:19|20)\d\d\b"),
    re.compile(r"\b\d{1,2}\s+" + MONTHS + r"\s+(?:19|20)\d\d\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b"),
    re.compile(r"\b(?:19|20)\d\d/\d{1,2}/\d{1,2}\b"),
]


def url_has_date(url: str, date: str) -> bool:
    y, m, d = date.split("-")
    forms = [f"/{y}/{m}/{d}/", f"/{y}-{m}-{d}/", f"{d}{m}{y}-", f"/{y}{m}{d}/",
             f"/{y}/{int(m)}/{int(d)}/"]
    return any(f in url for f in forms)


def main() -> int:
    pages_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "pages"
    errors: list[str] = []
    labels_path = pages_dir / "labels.toml"
    try:
        data = tomllib.loads(labels_path.read_text(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001
        print(f"FAIL: labels.toml does not parse: {exc}")
        return 1
    pages = data.get("page", [])
    if len(pages) < 34:
        errors.append(f"only {len(pages)} pages labelled (need >= 34)")

    files = [p.get("file") for p in pages]
    for name, n in Counter(files).items():
        if n > 1:
            errors.append(f"{name}: labelled {n} times")
    on_disk = {p.name for p in pages_dir.iterdir()
               if p.is_file() and p.name not in ("labels.toml", "README.md")}
    for name in sorted(on_disk - set(files)):
        errors.append(f"{name}: file in directory but not labelled")

    structure_count: Counter[str] = Counter()
    for page in pages:
        name = page.get("file", "<missing file key>")
        where = f"{name}:"
        path = pages_dir / name
        if not path.is_file():
            errors.append(f"{where} file does not exist")
            continue
        text = visible_text(path)
        raw = path.read_text(encoding="utf-8")

        for key, typ in (("title", str), ("authors", list), ("outlets_extra", list),
                         ("structure", list), ("must_contain", list), ("must_not_contain", list)):
            if not isinstance(page.get(key), typ):
                errors.append(f"{where} key {key!r} missing or not a {typ.__name__}")
        if "outlet" in page and not isinstance(page["outlet"], str):
            errors.append(f"{where} outlet must be a string (omit the key for null)")
        if "date" in page and not re.fullmatch(r"\d{4}-\d\d-\d\d", str(page["date"])):
            errors.append(f"{where} date {page['date']!r} is not YYYY-MM-DD (omit the key for null)")
        if "url" in page and not str(page["url"]).startswith("https://"):
            errors.append(f"{where} url does not look like a URL")
        if path.suffix == ".html" and "url" not in page:
            errors.append(f"{where} HTML page without a url")

        structures = page.get("structure", [])
        structure_count.update(set(structures))

        mc, mnc = page.get("must_contain", []), page.get("must_not_contain", [])
        if not 2 <= len(mc) <= 4:
            errors.append(f"{where} {len(mc)} must_contain fragments (need 2-4)")
        if not 2 <= len(mnc) <= 5:
            errors.append(f"{where} {len(mnc)} must_not_contain fragments (need 2-5)")
        for frag in mc:
            if squash(frag) not in text:
                errors.append(f"{where} must_contain not in visible text: {frag!r}")
        for frag in mnc:
            if squash(frag) not in text:
                errors.append(f"{where} must_not_contain not in visible text: {frag!r}")
        for a in mc:
            for b in mnc:
                if a in b or b in a:
                    errors.append(f"{where} fragment overlap between must_contain {a!r} and must_not_contain {b!r}")

        # sanity checks on the labels themselves
        title = page.get("title", "")
        if norm_title(title) not in norm_title(text):
            errors.append(f"{where} labelled title not visible in the page: {title!r}")
        for author in page.get("authors", []):
            if author.lower() not in raw.lower():
                errors.append(f"{where} author {author!r} does not occur in the file")
        if "date_in_url_only" in structures:
            if "date" not in page or not url_has_date(page.get("url", ""), page["date"]):
                errors.append(f"{where} date_in_url_only but the url does not carry the labelled date")
        if "no_date" in structures:
            if "date" in page:
                errors.append(f"{where} tagged no_date but has a date key")
            for rx in DATE_LIKE:
                m = rx.search(raw)
                if m:
                    errors.append(f"{where} tagged no_date but contains a date-like string {m.group(0)!r}")
            if "url" in page and re.search(r"(?:19|20)\d\d[/-]\d", page["url"]):
                errors.append(f"{where} tagged no_date but the url carries a date")
        elif "date" not in page:
            errors.append(f"{where} no date key but not tagged no_date")
        words = len(text.split())
        if words < 300:
            errors.append(f"{where} only {words} words of visible text")

    for tag in REQUIRED_STRUCTURES:
        if structure_count[tag] < 2:
            errors.append(f"structure {tag!r} used by {structure_count[tag]} page(s) (need >= 2)")

    print(f"pages labelled: {len(pages)}")
    kinds = Counter(Path(p.get('file', '')).suffix for p in pages)
    print("by type: " + ", ".join(f"{k or '?'}={v}" for k, v in sorted(kinds.items())))
    print("structures:")
    for tag, n in sorted(structure_count.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "" if tag in REQUIRED_STRUCTURES else "  (extra tag)"
        print(f"  {tag:28s} {n}{mark}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  FAIL " + e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
