"""The installed ``nato-brief`` in a real terminal (tmux): what a person sees, and what reaches the clipboard."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

BIN = Path(sys.executable).parent / "nato-brief"


class Tmux:
    def __init__(
        self,
        home: Path,
        width: int = 160,
        height: int = 48,
        command: str | None = None,
        clipboard: bool = True,
    ):
        self.sock = f"nb-{uuid.uuid4().hex[:8]}"
        env = {"NATO_BRIEF_HOME": str(home), "TEXTUAL_ANIMATIONS": "none", "TERM": "xterm-256color"}
        self.tmux("-f", "/dev/null", "new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t",
                  *[a for k, v in env.items() for a in ("-e", f"{k}={v}")], "sleep 3600")  # fmt: skip
        if clipboard:
            self.tmux("set", "-g", "set-clipboard", "on")
        self.tmux("set", "-g", "allow-rename", "on")
        self.tmux("respawn-pane", "-k", "-t", "t", command or str(BIN))

    def tmux(self, *args: str, check: bool = True) -> str:
        # pytest exports COLUMNS/LINES, and Textual would believe them over the real terminal size.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
        r = subprocess.run(
            ["tmux", "-L", self.sock, *args], capture_output=True, text=True, timeout=20, env=env
        )
        if check and r.returncode != 0:
            raise RuntimeError(r.stderr)
        return r.stdout

    def keys(self, *keys: str) -> None:
        for k in keys:  # one key per call: Escape followed by a key would read as alt+key
            self.tmux("send-keys", "-t", "t", k)
            time.sleep(0.08)

    def type(self, text: str) -> None:
        for ch in text:
            self.tmux("send-keys", "-t", "t", "-l", ch)
            time.sleep(0.04)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 25) -> str:
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.screen()
            if text in s:
                return s
            time.sleep(0.15)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def buffer(self) -> str:
        return self.tmux("show-buffer", check=False)

    def close(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def term(seeded):
    sessions = []

    def make(**kw) -> Tmux:
        t = Tmux(seeded, **kw)
        sessions.append(t)
        return t

    yield make
    for t in sessions:
        t.close()


def test_type_query_open_result_and_read_the_screen(term):
    t = term()
    t.wait_for("Type to search")
    t.type("Stoltenberg")
    s = t.wait_for("passage(s)")
    assert "Stoltenberg" in s and "Ron DePasquale" in t.wait_for("Ron DePasquale")
    t.keys("Down", "Enter")
    t.wait_for("match 'Stoltenberg'")
    t.wait_for("Next hit")  # the pane's keys are in the footer
    t.keys("Escape")
    t.keys("Down")
    t.keys("p")
    time.sleep(1.0)
    s = t.screen()
    assert s.count("match 'Stoltenberg'") == 2  # two sources side by side


def test_training_mission_two_authors_side_by_side(term):
    t = term()
    t.wait_for("Type to search")
    t.type("training mission in Iraq")
    t.wait_for("passage(s)")
    t.keys("Down", "Enter")
    t.wait_for("match 'training mission in Iraq'")
    t.keys("Escape")
    t.keys("Down", "Down", "p")
    deadline = time.time() + 15  # wait for the second pane to paint (a loaded machine is slow)
    while True:
        header = t.screen().splitlines()[6]
        if header.count("╭─ ") >= 2 or time.time() > deadline:
            break
        time.sleep(0.2)
    assert header.count("╭─ ") >= 2, t.screen()  # two pane borders titled by author on one row


def test_mark_two_quotes_copy_reaches_tmux_buffer(term, seeded):
    t = term()
    t.wait_for("Type to search")
    t.type("detainees")
    t.wait_for("passage(s)")
    t.keys("Down", "Right", "Space", "Down", "Space", "y")  # right shows Levitt's other passages
    t.wait_for("Copied")
    deadline = time.time() + 10
    buf = ""
    while time.time() < deadline and "## Sources" not in buf:
        buf = t.buffer()
        time.sleep(0.2)
    assert buf.count("> ") >= 2
    assert (
        buf.count("— Matthew Levitt, “The Counter-ISIS Coalition Has Much to Do After Baghdadi's Death”") == 2
    )
    assert "How to deal with ISIS detainees?" in buf or "ISIS detainees" in buf


def test_copy_with_no_clipboard_tool_writes_export_file(term, seeded, tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "nato-brief").symlink_to(BIN)
    cmd = f"env -u TMUX -u DISPLAY -u WAYLAND_DISPLAY PATH={bindir} {BIN}"
    t = term(command=cmd, clipboard=False)
    t.wait_for("Type to search")
    t.type("detainees")
    t.wait_for("passage(s)")
    t.keys("Down", "Space", "y")
    t.wait_for("saved to")
    files = list((seeded / "exports").glob("quotes-*.md"))
    assert len(files) == 1 and "Matthew Levitt" in files[0].read_text()
    assert t.buffer() == ""  # tmux ignored it: set-clipboard is off and no tool ran


def test_hostile_document_does_not_touch_title_or_clipboard(term, seeded, tmp_path):
    f = tmp_path / "evil.txt"
    f.write_text("Quokka Report\n\nby Eve Il\n\n" + ("Quokka \x1b]0;PWNED-TITLE\x07 and \x1b]52;c;UFdORUQ=\x07 and "
                 "&#x1b;]0;x and \x1b[2J \u202e and [@click=app.quit]click[/] in the quokka story. ") * 3, encoding="utf-8")  # fmt: skip
    r = subprocess.run(
        [str(BIN), "add", str(f)],
        capture_output=True,
        text=True,
        env={**os.environ, "NATO_BRIEF_HOME": str(seeded)},
    )
    assert r.returncode == 0, r.stderr
    t = term()
    title_before = t.tmux("display", "-p", "-t", "t", "#{pane_title}")
    t.wait_for("Type to search")
    t.type("Quokka")
    t.wait_for("Eve Il")
    t.keys("Down", "Enter")
    s = t.wait_for("Quokka Report")
    assert "[@click=app.quit]click[/]" in s
    time.sleep(0.5)
    assert t.tmux("display", "-p", "-t", "t", "#{pane_title}") == title_before
    assert "PWNED" not in t.buffer() and "UFdORUQ" not in t.buffer()
