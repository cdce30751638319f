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

    def wait_until(self, cond, what: str, timeout: float = 25) -> str:
        """Poll the screen until ``cond(screen)`` holds (a slow machine may take a while to draw)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.screen()
            if cond(s):
                return s
            time.sleep(0.15)
        raise AssertionError(f"{what} never appeared:\n{self.screen()}")

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
    s = t.wait_until(lambda s: s.count("match 'Stoltenberg'") == 2, "two panes")  # two sources side by side
    assert "Ron DePasquale" in s


def test_training_mission_two_authors_side_by_side(term):
    t = term()
    t.wait_for("Type to search")
    t.type("training mission in Iraq")
    t.wait_for("passage(s)")
    t.keys("Down", "Enter")
    t.wait_for("match 'training mission in Iraq'")
    t.keys("Escape")
    t.keys("Down", "Down", "p")
    # two pane borders titled by author on one row
    s = t.wait_until(lambda s: s.splitlines()[6].count("╭─ ") >= 2, "two panes titled by author")
    titles = s.splitlines()[6]
    assert len({part.split(" ─")[0] for part in titles.split("╭─ ")[1:]}) == 2  # by two different authors


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


def _burst_texts(n: int, seed: int) -> list[str]:
    """``n`` strings of 40 characters made of query words, full of letters the app binds (t f w c b e y x)."""
    import random

    words = ("nato iraq training mission coalition detainees stoltenberg baghdad isis forces advisers "
             "ministers alliance trump levitt export withdrawal, by, \"combat\" year:2019 NOT").split()  # fmt: skip
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        text = ""
        while len(text) < 45:
            text += rng.choice(words) + " "
        texts.append(text[:39] + "z")
    return texts


def test_no_keystroke_lost_after_slash(term):
    """Right after / (from the results) and clearing the box, bursts typed at full speed and at 30 ms a key
    all reach the box: it holds exactly what was typed, every time."""
    t = term()
    t.wait_for("Type to search")

    def box() -> str:
        return t.screen().splitlines()[2].strip().strip("▊▎").strip()

    lost = []
    for i, text in enumerate(_burst_texts(40, seed=12)):
        delay = 0.0 if i % 2 == 0 else 0.03
        t.keys("Escape")  # back to the main screen if a lost key opened another one
        t.keys("Down")  # leave the box: focus is in the results when / is pressed
        t.tmux("send-keys", "-t", "t", "/")
        t.tmux("send-keys", "-t", "t", "C-u")  # clear the box
        if delay == 0:
            t.tmux("send-keys", "-t", "t", "-l", text)
        else:
            for ch in text:
                t.tmux("send-keys", "-t", "t", "-l", ch)
                time.sleep(delay)
        deadline = time.time() + 3
        while box() != text and time.time() < deadline:
            time.sleep(0.1)
        if box() != text:
            lost.append(f"burst {i} ({delay * 1000:.0f} ms a key): typed {text!r}, the box holds {box()!r}")
    assert not lost, "\n".join(lost)


def _boxes(screen: str) -> list[str]:
    """What the text boxes on a tmux screen hold (a box's text row sits between ▊ and ▎)."""
    import re

    return [m.group(1).strip() for m in re.finditer(r"▊(.*)▎", screen) if m.group(1).strip("▔▁ ")]


def test_no_keystroke_lost_right_after_opening_who_or_brief(term):
    """w and b open screens to type in; what is typed right after the key (ctrl+u included) reaches their box,
    even before the box has focus; letters the app binds (b, t, w, c) are typed, not taken as commands."""
    t = term()
    t.wait_for("Type to search")
    t.type("nato")
    t.wait_for("passage(s)")
    lost = []
    for i, text in enumerate(_burst_texts(8, seed=11)):
        key = "w" if i % 2 == 0 else "b"
        t.keys("Down")  # from the results, as a reader would
        t.tmux("send-keys", "-t", "t", key)
        t.tmux("send-keys", "-t", "t", "C-u")  # w fills the box with the search: clear it
        t.tmux("send-keys", "-t", "t", "-l", text)

        def shown(s: str, text: str = text) -> bool:
            return text in _boxes(s)

        try:
            t.wait_until(shown, "the typed text", timeout=4)
        except AssertionError:
            lost.append(f"burst {i} after {key}: typed {text!r}, the boxes hold {_boxes(t.screen())}")
        t.keys("Escape")  # back to the main screen
        t.wait_for("passage(s)")
    assert not lost, "\n".join(lost)
