"""Readers, encodings, front matter, the sanitiser and article parsing on small inline documents."""

from __future__ import annotations

import codecs

import pytest
from nato_brief.search.errors import InputError
from nato_brief.search.ingest import Overrides, decode_document, ingest_text, read_text, split_front_matter
from nato_brief.search.text import decode_bytes, is_clean, sanitize

ARTICLE = (
    "Why Mosul Matters\n\nby Jane Doe and John Roe\n\nMar 3, 2020\n\n"
    "The battle for Mosul was long and costly for everyone who lived through it, and its lessons are still "
    "being learned by the coalition and by NATO planners in Brussels.\n\n"
    "RECOMMENDED\n\nOther Piece\n\nFeb 1, 2022\n\nSomeone Else\n"
)


def test_sanitize_removes_escape_sequences_and_invisibles():
    dirty = "a\x1b]52;c;aGVsbG8=\x07b\x1b]0;pwned\x07c\x1b[31mred\x1b[0m\u202eevil\u200b\u00ad\x85\x9b2Jd\x00e\x7f"
    out = sanitize(dirty)
    assert is_clean(out)
    assert "52;c" not in out and "pwned" not in out and "[31m" not in out
    assert out.startswith("abcred") and "evil" in out and "d" in out and "e" in out


def test_sanitize_keeps_markup_literally_and_normalises_nfkc():
    assert sanitize("[/] [@click=app.quit]x[/]") == "[/] [@click=app.quit]x[/]"
    assert sanitize("Søby") == "Søby"
    assert sanitize("cafe\u0301") == "café"  # NFD becomes composed
    assert sanitize("ﬁne\r\nline") == "fine\nline"


@pytest.mark.parametrize(
    "data,expected",
    [
        ("Søby “quoted”".encode(), "Søby “quoted”"),
        (codecs.BOM_UTF8 + "Søby".encode(), "Søby"),
        ("Søby".encode("utf-16"), "Søby"),
        ("Søby “x”".encode("cp1252"), "Søby “x”"),
        (b"bad \xff\xfe bytes \x81", None),
    ],
)
def test_decode_bytes(data, expected):
    text, _enc = decode_bytes(data)
    if expected is not None:
        assert text == expected
    else:
        assert "bad" in text and "bytes" in text


def test_readers_txt_md_html(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: Front Title\nauthors: [A. Writer, B. Writer]\ndate: 2021-05-06\n"
                                   "outlet: The Outlet\nurl: https://example.org/x\n---\n\n" + ARTICLE, encoding="utf-8")  # fmt: skip
    html = ("<html><head><title>Page T</title><meta name='author' content='Html Author'></head><body>"
            "<script>alert('[/]')</script><article><h1>Page T</h1><p>" + "NATO trains Iraqi forces near Baghdad. " * 8 +
            "</p><p>Escape &#x1b;]0;title&#x07; and [@click=app.quit]x[/] stay inert.</p></article></body></html>")  # fmt: skip
    (tmp_path / "c.html").write_text(html, encoding="utf-8")
    a = ingest_text(*read_text(tmp_path / "a.txt")[:1], "a.txt", "k1")[0]
    assert a.title == "Why Mosul Matters" and a.authors == ["Jane Doe", "John Roe"] and a.date == "2020-03-03"
    assert "Someone Else" not in a.text and "Other Piece" not in a.text
    b = ingest_text(read_text(tmp_path / "b.md")[0], "b.md", "k2")[0]
    assert (b.title, b.authors, b.date, b.outlet, b.url) == (
        "Front Title",
        ["A. Writer", "B. Writer"],
        "2021-05-06",
        "The Outlet",
        "https://example.org/x",
    )
    c_text, kind = read_text(tmp_path / "c.html")
    assert kind == "html" and is_clean(c_text)
    c = ingest_text(c_text, "c.html", "k3")[0]
    assert "NATO trains Iraqi forces" in c.text and "alert(" not in c.text
    assert "[@click=app.quit]x[/]" in c.text and "\x1b" not in c.text


def test_toml_front_matter_and_overrides_win():
    ov, rest = split_front_matter('+++\ntitle = "T"\nauthors = ["X Y"]\ndate = "2019-01-02"\n+++\nbody')
    assert ov.title == "T" and ov.authors == ["X Y"] and ov.date == "2019-01-02" and rest == "body"
    src = ingest_text("---\ntitle: From File\n---\n" + ARTICLE, "x.md", "k", Overrides(title="From CLI"))[0]
    assert src.title == "From CLI" and src.authors == ["Jane Doe", "John Roe"]


def test_signature_bio_and_author_box():
    text = ("A Title\n\n" + "The mission continues in Iraq with training for officers and staff. " * 5 +
            "\n\nPat Example\n\n[1] A note.\n\nSomebody Else\n\nSomebody Else writes for the site as an intern and "
            "student.\n\nLeave a comment")  # fmt: skip
    src = ingest_text(text, "s.txt", "k")[0]
    assert src.authors == ["Pat Example"]
    assert src.notes == ["[1] A note."]
    assert "Somebody Else" not in src.text
    bio = ("T2\n\n" + "Body sentence about NATO and the coalition in Syria goes here. " * 5 +
           "\n\nAnna Berg holds a Ph.D. in history and is a Senior Fellow. Olle Lind is a Research Assistant.")  # fmt: skip
    src2 = ingest_text(bio, "b.txt", "k")[0]
    assert src2.authors == ["Anna Berg", "Olle Lind"] and "Ph.D." not in src2.text


def test_no_date_is_invented():
    src = ingest_text(
        "Title\n\n" + "In March 2019 NATO met, and on May 5, 2018 it met again in Brussels. " * 4, "x", "k"
    )[0]
    assert src.date is None


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02\x03binary\x00\x00" * 50])
def test_empty_and_binary_refused_with_message(data):
    with pytest.raises(InputError) as e:
        decode_document(data, "text", "f.txt")
    assert "f.txt" in e.value.message


def test_long_paragraph_split_at_sentences_and_huge_line_windowed():
    body = " ".join(f"Sentence number {i} talks about NATO training in Iraq." for i in range(120))
    src = ingest_text("T\n\n" + body, "x", "k")[0]
    assert len(src.passages) > 3 and all(len(p.text) <= 1000 for p in src.passages)
    assert all(p.text.endswith(".") for p in src.passages)
    huge = ingest_text("T\n\n" + "word " * 400_000, "x", "k")[0]
    assert max(len(p.text) for p in huge.passages) <= 2000
