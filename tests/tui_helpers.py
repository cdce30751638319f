"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import html
import re

from rich.cells import cell_len

_SVG_CHAR_WIDTH = 12.2  # Rich draws one terminal cell 0.61 x 20 px wide


def notices_of(app) -> list[str]:
    """Every notification ``app`` shows from now on, in order (``app.notify`` still shows them)."""
    said: list[str] = []
    notify = app.notify

    def spy(message, *args, **kwargs):
        said.append(message)
        return notify(message, *args, **kwargs)

    app.notify = spy
    return said


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


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>',
    re.S,
)


def screen_lines(app) -> list[str]:
    """The screen as a person sees it, one string per row (read from Textual's own SVG screenshot)."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        y, col = int(line), round(float(x) / _SVG_CHAR_WIDTH)
        for ch in html.unescape(text).replace("\xa0", " "):
            if ch != "\n" and y < height and col < width:
                rows[y][col] = ch
            col += max(1, cell_len(ch))
    return ["".join(r) for r in rows]


def region_text(lines: list[str], region) -> list[str]:
    """The rows of ``lines`` (a screen) inside ``region`` (absolute screen coordinates)."""
    return [row[region.x : region.right] for row in lines[region.y : region.bottom]]


def widget_rows(widget) -> list[str]:
    """The rows the compositor draws for ``widget`` right now, cropped to its scrollable content."""
    from textual.geometry import Region

    outer, inner = widget.region, widget.scrollable_content_region
    strips = widget.render_lines(Region(0, 0, outer.width, outer.height))
    x0, y0 = inner.x - outer.x, inner.y - outer.y
    return [s.text[x0 : x0 + inner.width] for s in strips[y0 : y0 + inner.height]]


def list_lines(option_list) -> list[str]:
    """Every line of an OptionList as it renders them, from the first to the last (not only those in view),
    each cut to the width the list shows."""
    width = option_list.scrollable_content_region.width
    top = round(option_list.scroll_y)  # render_line counts from the first line in view
    return [
        option_list.render_line(y - top).crop(0, width).text for y in range(option_list.virtual_size.height)
    ]


def rows_at_end(widget) -> list[str]:
    """Scroll ``widget`` to its end and return the rows the compositor draws for it there."""
    widget.scroll_end(animate=False, immediate=True)
    return widget_rows(widget)


def squash(text: str) -> str:
    """Text without any whitespace: wrapping moves line breaks, never letters."""
    return "".join(text.split())
