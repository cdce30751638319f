"""Copying text so that it arrives: OSC 52, tmux's buffer, system clipboard tools, and always a file.

Over SSH or inside tmux a clipboard can fail silently, so every copy also writes the text to a file under
``NATO_BRIEF_HOME/exports`` and the report says exactly which routes were taken. Nothing here raises.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .paths import Paths, get_paths

TOOL_TIMEOUT = 3.0


@dataclass
class CopyReport:
    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    file: Path | None = None
    file_error: str | None = None  # why the copy could not be saved to a file (a read-only or full home)

    def summary(self) -> str:
        parts = []
        if self.done:
            parts.append("Copied via " + ", ".join(self.done))
        else:
            parts.append("No clipboard route confirmed")
        if self.file:
            parts.append(f"saved to {self.file}")
        elif self.file_error:
            parts.append(f"not saved to a file: {self.file_error}")
        if self.failed:
            parts.append("not available: " + ", ".join(self.failed))
        return "; ".join(parts) + "."


def osc52_sequence(text: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{data}\x07"


def _system_tools() -> list[tuple[str, list[str]]]:
    tools: list[tuple[str, list[str]]] = []
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        tools.append(("wl-copy", ["wl-copy"]))
    if os.environ.get("DISPLAY"):
        if shutil.which("xclip"):
            tools.append(("xclip", ["xclip", "-selection", "clipboard"]))
        elif shutil.which("xsel"):
            tools.append(("xsel", ["xsel", "--clipboard", "--input"]))
    if sys.platform == "darwin" and shutil.which("pbcopy"):
        tools.append(("pbcopy", ["pbcopy"]))
    if shutil.which("clip.exe"):
        tools.append(("clip.exe", ["clip.exe"]))
    return tools


def _run(cmd: list[str], text: str) -> bool:
    try:
        r = subprocess.run(
            cmd, input=text.encode("utf-8"), timeout=TOOL_TIMEOUT, capture_output=True, check=False
        )
        return r.returncode == 0
    except (OSError, subprocess.SubprocessError, ValueError):
        return False


def copy_text(
    text: str,
    *,
    osc52: Callable[[str], None] | None = None,
    paths: Paths | None = None,
    stem: str = "clipboard",
) -> CopyReport:
    """Copy ``text`` every way available. ``osc52`` is the caller's writer (the TUI's copy_to_clipboard)."""
    rep = CopyReport()
    if osc52 is not None:
        try:
            osc52(text)
            rep.done.append("OSC 52")
        except Exception:  # a terminal write can fail in many ways; the other routes still run
            rep.failed.append("OSC 52")
    if os.environ.get("TMUX") and shutil.which("tmux"):
        if _run(["tmux", "load-buffer", "-w", "-"], text) or _run(["tmux", "load-buffer", "-"], text):
            rep.done.append("tmux buffer")
        else:
            rep.failed.append("tmux buffer")
    for name, cmd in _system_tools():
        (rep.done if _run(cmd, text) else rep.failed).append(name)
    try:
        rep.file = write_export(text, paths=paths, stem=stem)
    except OSError as e:
        rep.file_error = f"cannot write under {(paths or get_paths()).exports} ({e.strerror or e})"
    return rep


def save_export(
    text: str, *, paths: Paths | None = None, stem: str = "export", suffix: str = ".md"
) -> Path | None:
    """Write ``text`` to a new file under the exports directory (user-only); None when that fails."""
    try:
        return write_export(text, paths=paths, stem=stem, suffix=suffix)
    except OSError:
        return None


def write_export(
    text: str, *, paths: Paths | None = None, stem: str = "export", suffix: str = ".md"
) -> Path:
    """Write ``text`` to a new file under the exports directory (user-only). Raises OSError."""
    p = (paths or get_paths()).ensure()
    name = f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    dest = p.exports / f"{name}{suffix}"
    n = 1
    while dest.exists():
        n += 1
        dest = p.exports / f"{name}-{n}{suffix}"
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return dest
