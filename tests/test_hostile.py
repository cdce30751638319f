"""Hostile documents: each is ingested clean or refused with a clear message, and the rest of the add is kept."""

from __future__ import annotations

import codecs
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nato_brief.search.library import Library
from nato_brief.search.text import is_clean

GOOD = (
    "Good Document\n\nby Gee Ood\n\n"
    + "The Kirkuk garrison report is an ordinary document about the coalition. " * 4
)
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def _text(body: str) -> str:
    return "Hostile Case\n\nby Hos Tile\n\n" + (body + " The words around it are ordinary. ") * 3


CASES: dict[str, tuple[str, bytes]] = {
    "markup": (
        ".txt",
        _text("[/] [@click=app.quit]quit[/] [bold]b[/bold] [$accent] [TODO] [ bold] [/").encode(),
    ),
    "osc52": (".txt", _text("a\x1b]52;c;SGVsbG8=\x07b").encode()),
    "osc0": (".txt", _text("a\x1b]0;PWNED\x07b").encode()),
    "osc8": (".txt", _text("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\").encode()),
    "csi": (".txt", _text("\x1b[2J\x1b[31mred\x1b[0m\x1b[?1049h").encode()),
    "c1": (".txt", _text("a\x85b\x9b2Jc\x9d0;t\x9c").encode()),
    "bidi": (".txt", _text("\u202eevil\u202c \u2066iso\u2069 \u200fx").encode()),
    "zero-width": (".txt", _text("zero\u200bwidth soft\u00adhyphen join\u200dx \ufeffbom").encode()),
    "nfd": (".txt", _text("cafe\u0301 Sœby naïve").encode()),
    "bom-utf8": (".txt", codecs.BOM_UTF8 + _text("bom text").encode()),
    "utf16": (".txt", _text("utf sixteen Søby").encode("utf-16")),
    "utf16-be": (".txt", codecs.BOM_UTF16_BE + _text("big endian").encode("utf-16-be")),
    "cp1252": (".txt", _text("Søby “curly” — dash").encode("cp1252")),
    "lone-surrogate": (".txt", _text("x").encode() + b"\xed\xa0\x80 tail"),
    "html-script": (
        ".html",
        b"<html><body><article><p>"
        + _text("Visible").encode()
        + b"</p></article><script>var s='</script><p>after</p>';</script><script>unclosed",
    ),  # fmt: skip
    "html-hidden": (
        ".html",
        b"<html><body><article><p>" + _text("Shown").encode() + b"</p><p hidden>HIDDENX</p>"
        b"<div style='display:none'>NONEX</div><noscript>NOSCRIPTX</noscript></article></body></html>",
    ),  # fmt: skip
    "html-entities": (
        ".html",
        b"<html><body><article><p>"
        + _text("esc &#x1b;]0;T&#x07; &#91;/&#93; &lt;b&gt;").encode()
        + b"</p></article></body></html>",
    ),  # fmt: skip
}
REFUSED = {
    "empty": (".txt", b""),
    "binary": (".txt", bytes(range(256)) * 40),
    "nul": (".txt", b"text with a NUL \x00 in it" * 20),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_document_ingested_clean_and_others_kept(lib, tmp_path, name):
    suffix, data = CASES[name]
    f = tmp_path / f"{name}{suffix}"
    f.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    rep = lib.add([f, good])
    assert not rep.errors, rep.errors
    assert {s.title for s in rep.added} >= {"Good Document"}
    for s in rep.added:
        full = lib.source(s.id)
        for value in [full.text, full.title, *full.authors, *(p.text for p in full.passages)]:
            assert is_clean(value) and not BIDI.search(value), (name, value[:80])
        for bad in ("PWNED", "SGVsbG8", "HIDDENX", "NONEX", "NOSCRIPTX", "unclosed", "evil.example"):
            assert bad not in full.text
    if name == "markup":
        assert lib.search("ordinary words", limit=50).total >= 1
        hostile = next(s for s in rep.added if s.title == "Hostile Case")
        assert "[@click=app.quit]quit[/]" in lib.source(hostile.id).text  # kept literally, as data


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unusable_documents_refused_with_message(lib, tmp_path, name):
    suffix, data = REFUSED[name]
    f = tmp_path / f"{name}{suffix}"
    f.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    rep = lib.add([f, good])
    assert [s.title for s in rep.added] == ["Good Document"]
    assert len(rep.errors) == 1 and f.name in rep.errors[0][1]


def test_huge_single_line_and_many_lines_bounded(lib, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Huge Line\n\n" + ("megaword filler text " * 250_000), encoding="utf-8")  # ~5 MB, one line
    many = tmp_path / "many.txt"
    many.write_text(
        "Many Lines\n\n" + "\n".join(f"line {i} shortword" for i in range(200_000)), encoding="utf-8"
    )
    rep = lib.add([big, many])  # bounded, not timed: speed is measured by the benchmark
    assert not rep.errors and len(rep.added) == 2
    res = lib.search("megaword")
    assert res.hits and all(len(h.text) <= 2000 for h in res.hits)
    assert all(h.highlights for h in res.hits)


def _pty_run(args: list[str], env: dict) -> bytes:
    """Run the CLI on a pseudo-terminal, so Rich believes it talks to a terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover (child)
        os.execve(sys.executable, [sys.executable, "-m", "nato_brief.tui.cli", *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_terminal_output_has_no_document_escapes(seeded, tmp_path):
    f = tmp_path / "evil.txt"
    f.write_bytes(
        CASES["osc52"][1].replace(b"Hostile Case", b"Evil Title \x1b]0;T\x07") + CASES["bidi"][1][40:]
    )
    env = {
        **os.environ,
        "NATO_BRIEF_HOME": str(seeded),
        "COLUMNS": "120",
        "LINES": "40",
        "TERM": "xterm-256color",
    }
    env.pop("NO_COLOR", None)
    r = subprocess.run([sys.executable, "-m", "nato_brief.tui.cli", "add", str(f)], env=env, capture_output=True,
                       cwd=Path(__file__).parent.parent)  # fmt: skip
    assert r.returncode == 0, r.stderr
    for args in (["search", "ordinary"], ["sources"], ["who", "Hos Tile"], ["brief", "ordinary words"]):
        raw = _pty_run(args, env).decode("utf-8", "replace")
        styled = re.sub(r"\x1b\[[0-9;]*m", "", raw)  # Rich's own colours are ours; nothing else may pass
        assert "\x1b" not in styled and not re.search("[\x80-\x9f]", styled) and not BIDI.search(styled), args


async def test_hostile_queries_in_the_tui_search_box(seeded):
    from nato_brief.tui.app import make_app

    from .tui_helpers import type_query, wait_ready

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        for q in (
            "NOT NOT isis",
            "((((((((((((((((((((nato",
            '"unclosed',
            "author:",
            "[/] [@click=app.quit]",
            "x" * 400,
        ):
            await type_query(pilot, q)
            assert app.is_running
            status = app.query_one("#status").render().plain
            assert "passage(s)" in status, (q, status)
        await type_query(pilot, "NOT NOT isis")
        assert "literally" in app.query_one("#status").render().plain


def test_kill_during_add_nothing_lost(seeded, tmp_path):
    import signal

    docs = tmp_path / "d"
    docs.mkdir()
    for i in range(150):
        (docs / f"k{i}.txt").write_text(
            GOOD.replace("Kirkuk", f"Kirkuk{i}") + f" token qq{i}z.", encoding="utf-8"
        )
    proc = subprocess.Popen([sys.executable, "-m", "nato_brief.tui.cli", "add", *map(str, sorted(docs.iterdir()))],
                            cwd=Path(__file__).parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NATO_BRIEF_HOME": str(seeded)})  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline and len(list((seeded / "documents").glob("*.json"))) < 40:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    copied = len(list((seeded / "documents").glob("*.json")))
    assert copied >= 40
    lib = Library().open()  # the next run indexes every document that reached the library
    indexed = {s.origin for s in lib.sources() if s.origin.startswith("k")}
    assert len(indexed) == copied
