"""Placeholder replaced by the Textual app below."""


def run_app() -> int:
    raise SystemExit("TUI not built yet")
