"""Issue 12: untrusted input is cleaned without losing text, metadata included, in linear time.

The documents live in tests/hostile/ (small ones committed, large ones generated here at test time).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from nato_brief.search.text import is_clean, sanitize

HOSTILE = Path(__file__).parent / "hostile"

# Format characters that are visible (they draw a sign spanning the digits after them): kept.
PREPENDED_MARKS = {*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD}


# --- item 4: the sanitiser removes only what it must --------------------------------------------------
@pytest.mark.parametrize(
    "dirty,kept",
    [
        ("said â€\x9dand the rest of the document", "and the rest of the document"),  # mojibake: C1 OSC
        ("a \x90 DCS, then the rest", ", then the rest"),
        ("a \x98 SOS \x9e PM \x9f APC, then the rest", " APC, then the rest"),
        ("Ã\x9bber: a CSI byte eats no letters", "ber: a CSI byte eats no letters"),
        ("open \x1b]0;never closed\n\nnext paragraph", "next paragraph"),
        ("open \x1b]0;never closed, same line", "never closed, same line"),
        ("open \x1bP never closed\nnext line", "next line"),
        ("an opening â€œ and a closing â€\x9d quote, then \x9c more", "quote, then  more"),
    ],
)
def test_a_lone_control_or_unterminated_escape_drops_only_itself(dirty, kept):
    out = sanitize(dirty)
    assert is_clean(out)
    assert kept in out, out


def test_whole_escape_sequences_still_go_with_their_payload():
    out = sanitize(
        "a\x1b]52;c;SGVsbG8=\x07b\x1b]0;PWNED\x1b\\c\x1b[2Jd\x1bP1$qm\x1b\\e\x1b(Bf\x1b[?1049hg\x1bch"
    )
    assert out == "abcdefgch"


def test_invisible_format_characters_and_fillers_go():
    for cp in range(0x110000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cf" and cp not in PREPENDED_MARKS:
            assert sanitize(f"a{ch}b") == "ab", hex(cp)
    for ch in ("\u3164", "\u115f", "\u1160", "\uffa0", "\u034f", "\u17b4", "\U000e0100", "\U000e0041"):
        assert sanitize(f"a{ch}b") == "ab", hex(ord(ch))
    assert sanitize("a\u2800b") == "a b"  # the braille blank draws nothing: a space, so words stay apart
    assert sanitize("\u0601123") == "\u0601123"  # a visible Arabic number sign stays
    assert sanitize("\u2764\ufe0f") == "\u2764\ufe0f"  # emoji presentation selectors stay


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("alliance´s", "alliance’s"),
        ("coalitionʼs", "coalition’s"),
        ("Tatʹyana", "Tat’yana"),
        ("mission`s", "mission’s"),
        ("`code`", "`code`"),  # a backtick that is not inside a word stays
        ("Baghdad’s", "Baghdad’s"),
        ("a ¨ b ¯ c", "a ¨ b ¯ c"),  # spacing accents are not split into a space and a combining mark
        ("ﬁne ½ Ｂ", "fine 1⁄2 B"),  # the rest of NFKC still applies
    ],
)
def test_apostrophe_like_accents_become_apostrophes_before_nfkc(typed, stored):
    assert sanitize(typed) == stored


def test_is_clean_sees_what_sanitize_removes():
    for bad in ("\x1b", "\x9d", "\U000e0041", "\u3164", "\u200b", "\u202e"):
        assert not is_clean(f"a{bad}b")
    assert is_clean("ordinary “text” — Søby’s")


def _passages_text(lib, sid: str) -> str:
    return "\n\n".join(p.text for p in lib.source(sid).passages)


@pytest.mark.parametrize(
    "name,title,words",
    [
        ("mojibake-c1.txt", "Mojibake Report", ["quokkaword", "wombatword"]),
        ("unterminated-osc.txt", "Unterminated Escape", ["numbatword", "bilbyword"]),
        ("invisible-format.txt", "InvisibleReport", ["dunnartword", "interlinearanchor"]),
    ],
)
def test_text_after_a_bad_character_is_stored_and_searchable(lib, name, title, words):
    rep = lib.add([HOSTILE / name])
    assert not rep.errors, rep.errors
    (src,) = rep.added
    full = lib.source(src.id)
    assert full.title.replace(" ", "") == title.replace(" ", "")
    for value in (full.text, full.title, *full.authors):
        assert is_clean(value), value
    for w in words:
        assert w in full.text, w
        res = lib.search(w)
        assert [h.source_id for h in res.hits] == [src.id], w
    raw = (HOSTILE / name).read_bytes().decode("utf-8")
    assert _passages_text(lib, src.id).count("ordinary") == raw.count("ordinary")


def test_apostrophe_accents_found_as_a_user_types_them(lib):
    rep = lib.add([HOSTILE / "apostrophes.txt"])
    (src,) = rep.added
    text = lib.source(src.id).text
    assert "alliance’s role" in text and "coalition’s plan" in text and "mission’s end" in text
    assert "\u0301" not in text and " ́" not in text
    for q in ("alliance's", '"alliance\'s role"', "alliances", "alliance’s", '"coalition\'s plan"'):
        res = lib.search(q, exact=True)
        assert src.id in {h.source_id for h in res.hits}, q
    hit = next(h for h in lib.search('"alliance\'s role"', exact=True).hits if h.source_id == src.id)
    assert any(hit.text[a:b].lower().startswith("allianc") for a, b in hit.highlights)


# --- item 6: special and hostile files ----------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
GOOD = (
    "Good Document\n\nby Gee Ood\n\n"
    + "The Kirkuk garrison report is an ordinary document about the coalition. " * 4
)


def _binary_utf16_lookalike() -> bytes:
    """An executable-like blob: NUL bytes on both sides of every pair, as in ELF headers and tables."""
    import random

    rnd = random.Random(12)
    out = bytearray(b"\x7fELF\x02\x01\x01\x00" + bytes(8))
    while len(out) < 20_000:
        out += rnd.choice([bytes(8), rnd.randbytes(2) + bytes(2), bytes([rnd.randrange(256), 0]) * 4])
    return bytes(out)


def _special(kind: str, d: Path) -> Path:
    import os
    import socket

    if kind == "fifo":
        p = d / "pipe.txt"
        os.mkfifo(p)
    elif kind == "dev-zero":
        p = d / "zero.txt"
        p.symlink_to("/dev/zero")
    elif kind == "folder":
        # A folder stands for the documents in it (the contract: add takes folders); a folder named like a
        # document, holding a pipe named like one, is walked and the pipe refused without hanging.
        p = d / "folder.txt"
        p.mkdir()
        os.mkfifo(p / "inside.txt")
    elif kind == "socket":
        p = d / "sock.txt"
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(p))  # left bound until the test's tmp_path goes
    elif kind == "utf16-binary":
        p = d / "blob.txt"
        p.write_bytes(_binary_utf16_lookalike())
    elif kind == "utf16-bom-binary":
        import random

        p = d / "bom-blob.txt"
        p.write_bytes(b"\xff\xfe" + random.Random(3).randbytes(20_000))
    elif kind == "deep-toml":
        p = d / "deep.md"
        p.write_text("+++\ntitle = 'Deep'\nx = " + "[" * 10_000 + "]" * 10_000 + "\n+++\n\n" + GOOD)
    elif kind == "deep-inline-table":
        p = d / "deep-table.md"
        p.write_text("+++\nx = " + "{a = " * 10_000 + "1" + "}" * 10_000 + "\n+++\n\n" + GOOD)
    else:
        raise AssertionError(kind)
    return p


SPECIAL = {
    "fifo": "not a regular file",
    "dev-zero": "not a regular file",
    "folder": "not a regular file",
    "socket": "not a regular file",
    "utf16-binary": "binary",
    "utf16-bom-binary": "binary",
    "deep-toml": "nested",
    "deep-inline-table": "nested",
}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_special_files_refused_with_exit_3_and_the_rest_kept(seeded, tmp_path, kind):
    import json
    import os
    import subprocess
    import sys

    bad = _special(kind, tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "nato_brief.tui.cli", "add", "--json", str(bad), str(good)],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ, "NATO_BRIEF_HOME": str(seeded)},
    )  # fmt: skip
    assert "Traceback" not in r.stderr and "Error" not in r.stderr.replace("Input error", ""), r.stderr[
        -2000:
    ]
    assert r.returncode == 3, (r.returncode, r.stderr[-2000:])
    out = json.loads(r.stdout)
    assert [s["title"] for s in out["added"]] == ["Good Document"]
    (err,) = out["errors"]
    assert bad.name in err["error"] and SPECIAL[kind] in err["error"], err


# --- item 3: linear time on any input -----------------------------------------------------------------
def test_a_megabyte_of_every_adversarial_pattern_ingests(seeded, tmp_path):
    """One 1 MB document made of every pattern that once made ingestion quadratic (brackets, runs of dots,
    dingbats, blanks after a byline, ...): added by the real CLI within a generous timeout (the old code
    needed hours). How long it takes is measured by ``benchmarks/bench.py --ingest-series``."""
    import os
    import subprocess
    import sys

    from benchmarks.adversarial import PATTERNS, make

    per = 1_000_000 // len(PATTERNS)
    parts = [make("byline-blanks", per)] + [
        make(p, per).split("\n\n", 3)[-1] for p in PATTERNS if p not in ("byline-blanks", "osc-openers")
    ]
    f = tmp_path / "adversarial.txt"
    f.write_text(
        "\n\n".join(parts) + "\n\nThe zyzzyvaword closes the adversarial document.\n", encoding="utf-8"
    )
    assert f.stat().st_size >= 900_000
    env = {**os.environ, "NATO_BRIEF_HOME": str(seeded)}
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "add", str(f)], capture_output=True,
                       text=True, timeout=300, cwd=ROOT, env=env)  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", "zyzzyvaword", "--json"],
                       capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)  # fmt: skip
    assert r.returncode == 0 and "zyzzyvaword" in r.stdout


def test_query_segmenting_is_linear_on_a_huge_token():
    import subprocess
    import sys

    code = (
        "from nato_brief.search.aliases import query_segments\n"
        "segs = query_segments('x' * 200_000 + ' author:\"Jane Doe\" ' + 'y:' * 50_000)\n"
        "assert 'author:\"Jane Doe\"' in segs, segs[:3]\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]


# The link-syntax patterns as they were before they were made linear: the reference for ordinary text.
_OLD_URLISH = r"(?:https?://|www\.|/|#)[^\s()<>]*"
_OLD = {
    "md_link": re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)"),
    "autolink_broken": re.compile(r"[ \t]*\(<https?://[^\s>]*>?[ \t]*\n\s*\n\s*[\w./%#?=&-]*\)"),
    "autolink": re.compile(r"[ \t]*\(<[^<>\n]*>\)"),
    "paren_url": re.compile(r"[ \t]*\\?\((?:" + _OLD_URLISH + r")\\?\)"),
    "bold": re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    "dingbats": re.compile(r"[ \t]*[\u2756\u25c6\u25c7\u2666\u25aa\u25ab\u2022]+[ \t]*$", re.M),
    "sent_end": re.compile(r"[.!?…]+[”\"’)\]]*(?=\s+[“\"‘(\[]?[A-Z0-9])"),
}


def _old_strip_link_syntax(text: str) -> str:
    from nato_brief.search import link_syntax as a

    if "(<" in text:
        text = _OLD["autolink_broken"].sub("", text)
        text = _OLD["autolink"].sub("", text)
    if "](" in text:
        text = _OLD["md_link"].sub(lambda m: _OLD["paren_url"].sub("", m.group(1)), text)
    if "(" in text:
        text = _OLD["paren_url"].sub("", text)
    if "*" in text:
        text = _OLD["bold"].sub(r"\1", text)
        text = a._ITALIC.sub(r"\1", text)
    if "\\" in text:
        text = a._ESCAPED.sub(r"\1", text)
    if a._DINGBAT_CHARS.search(text):
        text = _OLD["dingbats"].sub("", text)
    return text


ORDINARY_MARKUP = [
    "See [the report](https://example.org/report) and [another \\(one\\)](/x) here.",
    "A link (https://example.org/a) and an autolink (<https://example.org/b>) and \\(www.example.org\\) too.",
    "Broken autolink  (<https://example.org/very/long\n\n  path/rest)\n\nnext paragraph",
    "It was **very** important, said *the minister*, and **really *much* more** so.",
    "***strong emphasis*** and **a** **b** and ** not bold ** and 2 * 3 * 4",
    "Read more ❖  \nA list • \n• item\nAnother line ◆◆ \t\nkeep • inside",
    "[Read the full article on The Hill website](https://thehill.com/x)\n\nThe Hill",
    "Footnote [1] and [2](#fn2) and [label]( not a link) and [a]\n(b)",
]


def test_linear_link_patterns_give_the_old_results_on_ordinary_text():
    from nato_brief.search.link_syntax import find_read_full_url, strip_link_syntax
    from nato_brief.search.paths import seed_files

    texts = list(ORDINARY_MARKUP)
    texts += [sanitize(p.read_text(encoding="utf-8")) for p in seed_files()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "labels").rglob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "labels").rglob("*.txt"))]
    assert len(texts) > 15
    for t in texts:
        assert strip_link_syntax(t) == _old_strip_link_syntax(t), t[:200]
        old_url = next((m.group(2) for m in _OLD["md_link"].finditer(t) if re.match(r"\s*Read the full", m.group(1), re.I)
                        and m.group(2).startswith("http")), None)  # fmt: skip
        assert find_read_full_url(t) == old_url


def test_sentence_ends_as_before_on_ordinary_text():
    from nato_brief.search.model import _SENT_END
    from nato_brief.search.paths import seed_files

    for p in seed_files():
        t = sanitize(p.read_text(encoding="utf-8"))
        assert [m.span() for m in _SENT_END.finditer(t)] == [m.span() for m in _OLD["sent_end"].finditer(t)]


def test_add_parses_before_taking_the_write_lock(lib, tmp_path, monkeypatch):
    """Reading, parsing and mining a document happen while the library is free for others."""
    import fcntl
    import os

    from nato_brief.search import build, documents

    lock_path = lib.paths.lock
    seen: list[bool] = []

    def locked() -> bool:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        except OSError:
            return True
        finally:
            os.close(fd)

    real_mine, real_ingest = build.mine_source, documents.ingest_document

    def mine_spy(*a, **kw):
        seen.append(locked())
        return real_mine(*a, **kw)

    def ingest_spy(*a, **kw):
        seen.append(locked())
        return real_ingest(*a, **kw)

    monkeypatch.setattr(build, "mine_source", mine_spy)
    monkeypatch.setattr(documents, "ingest_document", ingest_spy)
    f = tmp_path / "plain.txt"
    f.write_text(GOOD.replace("Kirkuk", "Kirkukword"), encoding="utf-8")
    rep = lib.add([f])
    assert [s.title for s in rep.added] == ["Good Document"]
    assert len(seen) >= 2 and not any(seen), seen  # ingested and mined, never while the write lock was held
    assert lib.search("Kirkukword").hits


def test_oversized_document_refused_before_reading(seeded, tmp_path):
    import json
    import os
    import subprocess
    import sys

    from nato_brief.search.ingest import MAX_BYTES

    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: a size without the bytes
        fh.truncate(MAX_BYTES + 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "nato_brief.tui.cli", "add", "--json", str(big), str(good)],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ, "NATO_BRIEF_HOME": str(seeded)},
    )  # fmt: skip
    assert r.returncode == 3, r.stderr
    out = json.loads(r.stdout)
    assert [s["title"] for s in out["added"]] == ["Good Document"]
    (err,) = out["errors"]
    assert "big.txt: 21.0 MB is over the 20 MB limit" in err["error"], err


def test_a_stray_nul_in_a_text_file_is_dropped_not_the_file(seeded, tmp_path):
    """A NUL byte or two in an otherwise ordinary Markdown file (a bad copy, a broken editor) is a control
    character like any other: removed, and the document added with the words around it searchable."""
    import json
    import os
    import subprocess
    import sys

    f = tmp_path / "stray.md"
    f.write_bytes(b"---\ntitle: Stray byte\nauthor: Ines Ortega\n---\n\nThe Habbaniyah\x00 base hosts the "
                  b"advisers of the coalition, officials said on Monday in a briefing to reporters.\n")  # fmt: skip
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "add", "--json", str(f)], capture_output=True,
                       text=True, timeout=300, cwd=ROOT, env={**os.environ, "NATO_BRIEF_HOME": str(seeded)})  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["added"][0]["title"] == "Stray byte"
    s = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "search", "Habbaniyah advisers", "--json"],
                       capture_output=True, text=True, timeout=300, cwd=ROOT,
                       env={**os.environ, "NATO_BRIEF_HOME": str(seeded)})  # fmt: skip
    hit = json.loads(s.stdout)["hits"][0]
    assert "\x00" not in hit["text"] and "Habbaniyah base" in hit["text"]
