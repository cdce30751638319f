"""Issue 12, item 2: metadata is untrusted text too.

File names, front-matter values (TOML escapes included), HTML meta and the ``add`` options carry terminal
escapes and newlines here; after adding them, the real program in tmux (clipboard on, renaming allowed) must
leave the tmux buffer, the pane and window titles and the screen alone, and the CLI on a pipe and the
exported files must show each source on one clean line.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from nato_brief.search.text import is_clean

from .test_tmux import BIN, Tmux

ROOT = Path(__file__).resolve().parent.parent
CLIP = base64.b64encode(b"PWNED-CLIP").decode()
# Everything a name may carry: clipboard write, window/pane title, screen clear, tmux window rename, newline, tab.
EVIL = f"\x1b]52;c;{CLIP}\x07\x1b]2;PWNED-TITLE\x07\x1b[2J\x1bkPWNED-WIN\x1b\\"
BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _body(word: str) -> str:
    # One paragraph: no title in the text, so the file name (or the option) is the title.
    return f"The {word} garrison report is an ordinary paragraph about the coalition in Kirkuk, long enough."


@pytest.fixture
def hostile_docs(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "hostile-docs"
    d.mkdir()
    named = d / f"evil{EVIL}name\nforged\trow.txt"
    named.write_text(_body("quokka"), encoding="utf-8")
    plain = d / "options.txt"
    plain.write_text(_body("numbat"), encoding="utf-8")
    toml = d / "toml.md"
    toml.write_text(
        "+++\n"
        'title = "Toml\\u001b]2;PWNED-TITLE\\u0007 Title\\nforged row"\n'
        f'authors = ["Ann\\u001b]52;c;{CLIP}\\u0007 Author", "Bob\\nForged"]\n'
        'outlet = "Out\\u001b[2Jlet"\n'
        'url = "https://example.org/\\u001b]2;PWNED-TITLE\\u0007x"\n'
        "+++\n\n" + _body("wombat") + "\n",
        encoding="utf-8",
    )
    html = d / "meta.html"
    html.write_text(
        "<html><head><title>Html&#x1b;]2;PWNED-TITLE&#x07; Title&#10;authors: Forged Person</title>"
        "<meta name='author' content='Html&#x1b;]52;c;" + CLIP + "&#x07; Author'>"
        "<meta property='og:site_name' content='Site&#x9d;2;c1-inert&#x9c; Name'></head><body><article><p>"
        + " ".join([_body("bilby")] * 3)
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    return {"named": named, "plain": plain, "toml": toml, "html": html}


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NATO_BRIEF_HOME": str(home)}
    return subprocess.run([str(BIN), *args], capture_output=True, env=env, timeout=300, cwd=ROOT)


def _add_all(home: Path, docs: dict[str, Path]) -> subprocess.CompletedProcess:
    r = _cli(home, "add", str(docs["named"]), str(docs["toml"]), str(docs["html"]))
    assert r.returncode == 0, r.stderr
    r2 = _cli(home, "add", str(docs["plain"]), "--title", f"Opt{EVIL}Title\nforged row",
              "--author", f"Opt{EVIL}Author\nForged Person", "--outlet", f"Opt\tOut{EVIL}let",
              "--url", f"https://example.org/{EVIL}\nx")  # fmt: skip
    assert r2.returncode == 0, r2.stderr
    return r


def _assert_clean_bytes(raw: bytes, what: str) -> None:
    text = raw.decode("utf-8")
    assert "\x1b" not in text and not BAD.search(text), (what, text[:300])
    # Complete sequences go with their payload (a lone C1 control goes alone: its neighbours are inert text).
    assert "PWNED-TITLE\t" not in text and "PWNED-WIN" not in text and CLIP not in text, (what, text[:300])


def test_metadata_stored_as_clean_single_lines(seeded, hostile_docs):
    add = _add_all(seeded, hostile_docs)
    _assert_clean_bytes(add.stdout, "add output")
    assert len(add.stdout.decode().splitlines()) == 3  # one line per added source, nothing forged
    r = _cli(seeded, "sources", "--json")
    added = [s for s in json.loads(r.stdout) if not s["origin"].startswith("seeds/")]
    assert len(added) == 4
    for s in added:
        for value in (s["title"], *s["authors"], s["outlet"] or "", s["url"] or "", s["origin"]):
            assert is_clean(value) and "\n" not in value and "\t" not in value, value
            assert "PWNED-WIN" not in value and CLIP not in value, value
    titles = {s["title"] for s in added}
    assert {"evilname forged row", "OptTitle forged row", "Toml Title forged row"} <= titles
    assert {"Ann Author", "Bob Forged", "OptAuthor Forged Person"} <= {
        a for s in added for a in s["authors"]
    }
    assert {"Outlet", "Opt Outlet"} <= {s["outlet"] for s in added}
    assert "Forged Person" not in {a for s in added for a in s["authors"]}  # no key forged by a newline


def test_cli_on_a_pipe_and_exports_show_each_source_on_one_line(seeded, hostile_docs):
    _add_all(seeded, hostile_docs)
    r = _cli(seeded, "sources")
    _assert_clean_bytes(r.stdout, "sources")
    n_sources = len(json.loads(_cli(seeded, "sources", "--json").stdout))
    assert len(r.stdout.decode().splitlines()) == n_sources  # a newline in a name forges no row
    assert all(line.count("\t") == 5 for line in r.stdout.decode().splitlines())  # nor a tab a column
    for word in ("quokka", "numbat", "wombat", "bilby"):
        r = _cli(seeded, "search", word, "--exact")
        assert r.returncode == 0, (word, r.stderr)
        _assert_clean_bytes(r.stdout + r.stderr, f"search {word}")
        header = r.stdout.decode().splitlines()[0]
        assert header.count("\t") == 3, header  # passage id, score, byline, title on one row
        pid = header.split("\t")[0]
        q = _cli(seeded, "quote", pid, "--format", "markdown")
        assert q.returncode == 0, q.stderr
        _assert_clean_bytes(q.stdout, f"quote {word}")
        lines = [ln for ln in q.stdout.decode().splitlines() if ln.strip()]
        assert lines[0].startswith("> ") and len(lines) == 2, lines  # the quote and one citation line
        b = _cli(seeded, "brief", word, "--markdown")
        _assert_clean_bytes(b.stdout, f"brief {word}")


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tui_in_tmux_leaves_clipboard_titles_and_screen_alone(seeded, hostile_docs):
    _add_all(seeded, hostile_docs)
    t = Tmux(seeded)
    try:
        t.wait_for("Type to search")
        t.tmux("rename-window", "-t", "t", "nb-window")  # fixed; allow-rename is on, so ESC k could change it
        title = "#{pane_title}|#{window_name}"
        before = t.tmux("display", "-p", "-t", "t", title)
        assert before.startswith(t.tmux("display", "-p", "-t", "t", "#{pane_title}").strip())
        shown = ["evilname forged row", "OptTitle forged row", "Toml Title forged row", "Html Title"]
        t.type("ordinary paragraph")
        s = t.wait_for("4 passage(s)")
        for title_shown in shown:  # the result list draws every title on one row
            assert title_shown in s, title_shown
        for n in range(4):
            # Open each result in a pane of its own: titles, bylines and text drawn again.
            for key in ("Down", "p"):
                t.keys(key)
                time.sleep(0.5)
            deadline = time.time() + 20
            while time.time() < deadline and t.screen().count("╭─ ") < n + 1:  # one titled border per pane
                time.sleep(0.15)
            time.sleep(0.5)
            assert t.tmux("display", "-p", "-t", "t", title) == before, n
            assert "PWNED" not in t.buffer() and CLIP not in t.buffer(), n
            lines = t.screen().rstrip().splitlines()  # not cleared: header, list, panes and footer all drawn
            assert "nato-brief" in lines[0] and "Quit" in lines[-1], "\n".join(lines)
            assert "\n".join(lines).count("╭─ ") == n + 1, "\n".join(lines)
            t.keys("Escape")  # back to the results
            time.sleep(0.5)
        # Mark all four passages and copy them: the citations reach the tmux buffer and the export, clean.
        for n in range(4):  # mark each result, waiting for the mark to register (keys sent too fast get lost)
            if n:
                t.keys("Up")
                time.sleep(0.4)
            t.keys("Space")
            t.wait_for(f"{n + 1} marked")  # the header counts the marks
        t.keys("y")
        t.wait_for("Copied")
        deadline = time.time() + 10
        while time.time() < deadline and "Sources" not in t.buffer():
            time.sleep(0.2)
        buf = t.buffer()
        for title_shown in shown:
            assert title_shown in buf, buf
        assert "\x1b" not in buf and not BAD.search(buf) and "PWNED" not in buf and CLIP not in buf, buf
        assert t.tmux("display", "-p", "-t", "t", title) == before
        exports = list((seeded / "exports").glob("*.md"))
        assert exports
        for f in exports:
            _assert_clean_bytes(f.read_bytes(), f.name)
            assert "evilname forged row" in f.read_text(encoding="utf-8")
    finally:
        t.close()


def test_only_web_addresses_are_kept_as_a_source_address(seeded, tmp_path):
    """A source's address is shown, copied into citations and written as a Markdown link: a ``javascript:``,
    ``data:`` or ``file:`` address from front matter or a page is dropped, and ``--url`` refuses one."""
    docs = tmp_path / "urls"
    docs.mkdir()
    for n, url in enumerate(["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                             "https://example.org/ok"]):  # fmt: skip
        (docs / f"u{n}.md").write_text(f'---\ntitle: Address {n}\nurl: "{url}"\n---\n\n' + _body(f"kiwi{n}") + "\n",
                                       encoding="utf-8")  # fmt: skip
    page = docs / "page.html"
    page.write_text("<html><head><title>Canonical trick</title><link rel='canonical' href='javascript:alert(2)'>"
                    "<meta property='og:url' content='javascript:alert(3)'></head><body><article><p>"
                    + " ".join([_body("emu")] * 3) + "</p></article></body></html>", encoding="utf-8")  # fmt: skip
    r = _cli(seeded, "add", "--json", *sorted(map(str, docs.iterdir())))
    assert r.returncode == 0, r.stderr
    urls = {s["title"]: s["url"] for s in json.loads(r.stdout)["added"]}
    assert urls == {"Address 0": None, "Address 1": None, "Address 2": None,
                    "Address 3": "https://example.org/ok", "Canonical trick": None}  # fmt: skip
    bad = _cli(seeded, "add", "--json", str(docs / "u0.md"), "--url", "javascript:alert(1)")
    assert bad.returncode == 2
    assert "not an http:// or https:// address" in json.loads(bad.stdout)["error"]["message"]
