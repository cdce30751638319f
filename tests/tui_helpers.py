"""Helpers for driving the app with Pilot."""

from __future__ import annotations


async def wait_ready(pilot, timeout: float = 20.0) -> None:
    """Wait until the library is open (the app opens it in a worker after the first frame)."""
    app = pilot.app
    waited = 0.0
    while app.lib is None or app.query_one("#status").render().plain.startswith("Opening"):
        await pilot.pause(0.05)
        waited += 0.05
        if waited > timeout:
            raise TimeoutError("library did not open")
    await pilot.pause(0.05)


async def type_query(pilot, text: str, settle: float = 0.6) -> None:
    app = pilot.app
    box = app.query_one("#search")
    box.focus()
    box.value = ""
    await pilot.pause(0.05)
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    # debounce + worker
    waited = 0.0
    while waited < 10:
        await pilot.pause(0.1)
        waited += 0.1
        await app.workers.wait_for_complete()
        if app.last_result is not None and app.last_result.query.strip() == text.strip():
            break
    await pilot.pause(settle / 4)


async def wait_until(pilot, cond, timeout: float = 15.0) -> None:
    """Pause until ``cond()`` is true and no worker is running, then let the screen settle."""
    waited = 0.0
    while waited < timeout:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        waited += 0.05
        try:
            ok = cond()
        except Exception:  # the widget may not be mounted yet
            ok = False
        if ok and not any(w.is_running for w in pilot.app.workers):
            break
    else:
        raise TimeoutError(
            f"condition never held; running workers: {[w for w in pilot.app.workers if w.is_running]}"
        )
    await pilot.pause(0.2)
