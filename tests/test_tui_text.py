"""No text is ever hidden: every seed passage is shown whole, in a source pane, a compare column and a briefing
answer, focused or not, at 80x24, 120x40 and 160x48; opening a hit shows it in view.

Each size reuses one app and walks every passage of the library: every line of a list is read as the list
renders it, and each passage's text (whitespace aside: wrapping only moves line breaks) must be there; scrolled
to its end, the rows drawn for the list must hold the last passage's last words; and for one list of each kind
the real screen (Textual's own screenshot) must show exactly the rows the list draws.
"""

from __future__ import annotations

import pytest
from nato_brief.tui.app import make_app
from nato_brief.tui.screens import BriefScreen
from nato_brief.tui.widgets import PassageList, SourcePane
from textual.widgets import Input

from .tui_helpers import (
    list_lines,
    region_text,
    rows_at_end,
    screen_lines,
    squash,
    type_query,
    wait_ready,
    widget_rows,
)

pytestmark = pytest.mark.usefixtures("seeded")

SIZES = [(80, 24), (120, 40), (160, 48)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


def _sources(app) -> list:
    return [app.lib.source(sid) for sid in app.lib.store().catalog()]


def _missing(rows: list[str], texts: list[tuple[str, str]]) -> list[str]:
    """The ids of the passages in ``texts`` ((id, text) pairs) whose text is not in ``rows``."""
    shown = squash("".join(rows))
    return [pid for pid, text in texts if squash(text) not in shown]


def _last_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[-n:])


async def _read(pilot, plist: PassageList, texts: list[tuple[str, str]], where: str, problems: list) -> None:
    """Record the passages ``plist`` does not show whole, and whether its end shows when scrolled there."""
    await pilot.pause()
    for pid in _missing(list_lines(plist), texts):
        problems.append(f"{where}: {pid} not shown whole")
    if texts and squash(_last_words(texts[-1][1])) not in squash("".join(rows_at_end(plist))):
        problems.append(f"{where}: scrolled to its end, it lacks {_last_words(texts[-1][1])!r}")


async def _same_on_screen(pilot, plist: PassageList, where: str, problems: list) -> None:
    """What the list draws is what the screen shows (nothing covers or clips it)."""
    await pilot.pause()
    screen = region_text(screen_lines(pilot.app), plist.scrollable_content_region)
    if [r.rstrip() for r in screen] != [r.rstrip() for r in widget_rows(plist)]:
        problems.append(f"{where}: the screen differs from what the list draws")


async def _until(pilot, cond, tries: int = 200) -> None:
    for _ in range(tries):
        await pilot.pause()
        try:
            if cond():
                return
        except Exception:  # not mounted yet
            pass
    raise TimeoutError("never happened")


def _hit(src, p):
    from nato_brief.search.results import Hit

    return Hit(src.id, p.id, src.title, list(src.authors), src.date, src.outlet, 1.0, p.text, [], start=p.start,
               end=p.end)  # fmt: skip


def _groups(sources: list, n: int) -> list[list]:
    """The sources in ``n`` groups of about equal passage counts (as if ``n`` authors wrote them)."""
    groups: list[list] = [[] for _ in range(n)]
    for s in sorted(sources, key=lambda s: -len(s.passages)):
        min(groups, key=lambda g: sum(len(x.passages) for x in g)).append(s)
    return groups


async def _hit_opens_in_view(pilot, problems: list) -> None:
    """Opening the only hit for "symbolic gesture" shows it in view, highlighted; n brings it back."""
    app = pilot.app
    await type_query(pilot, "symbolic gesture")
    hit = app.query_one("#results", PassageList).items[0]
    await pilot.press("down", "enter")
    await _until(pilot, lambda: app.query_one(SourcePane).body.has_focus)
    await pilot.pause(0.2)
    body = app.query_one(SourcePane).body

    def hit_in_view() -> bool:
        rows = region_text(screen_lines(app), body.scrollable_content_region)
        return "symbolic gesture to the" in " ".join(" ".join(rows).split())

    if body.current().ref.passage_id != hit.ref.passage_id:
        problems.append(f"open hit: {body.current().ref.passage_id} highlighted, not {hit.ref.passage_id}")
    if not hit_in_view():
        problems.append("open hit: the hit is not in view:\n" + "\n".join(screen_lines(app)))
    # the matched words are drawn highlighted (reverse video), not only the passage selected
    segments = [seg for strip in body.render_lines(body.region.reset_offset) for seg in strip]
    if not any("gesture" in seg.text and seg.style and seg.style.reverse for seg in segments):
        problems.append("open hit: the matched words are not highlighted")
    body.scroll_home(animate=False, immediate=True)
    await pilot.pause()
    await pilot.press("n")  # the only hit: n brings it back into view
    await pilot.pause(0.2)
    if not hit_in_view():
        problems.append("open hit: after scrolling away, n did not bring the hit back")


async def _in_source_panes(pilot, problems: list) -> None:
    app = pilot.app
    sources = _sources(app)
    for src in sources:
        await app.open_source(src.id)  # returns with the pane mounted and focused
        pane = app.query_one(SourcePane)
        assert pane.source.id == src.id
        body = pane.body
        texts = [(p.id, p.text) for p in src.passages]
        for focused in (True, False):
            (body if focused else app.query_one("#search", Input)).focus()
            where = f"pane {'focused' if focused else 'unfocused'}"
            await _read(pilot, body, texts, where, problems)
            if src is sources[1]:
                await _same_on_screen(pilot, body, where, problems)
    await app.action_close_panes()


async def _in_compare_columns(pilot, problems: list, monkeypatch) -> None:
    from nato_brief.search import brief as brief_module

    app = pilot.app
    cols = [brief_module.Column([f"Author {i}"], [s.id for s in g], [_hit(s, p) for s in g for p in s.passages])
            for i, g in enumerate(_groups(_sources(app), 4))]  # fmt: skip
    monkeypatch.setattr(brief_module, "compare", lambda *a, **k: cols)
    app.open_compare("every passage")
    await _until(pilot, lambda: len(app.screen.query(PassageList)) == 4)
    lists = list(app.screen.query(PassageList))
    for i, (plist, col) in enumerate(zip(lists, cols, strict=True)):
        texts = [(h.passage_id, h.text) for h in col.passages]
        for focused in (True, False):
            (plist if focused else lists[(i + 1) % 4]).focus()
            where = f"compare column {i} {'focused' if focused else 'unfocused'}"
            await _read(pilot, plist, texts, where, problems)
            if i == 0:
                await _same_on_screen(pilot, plist, where, problems)
    app.pop_screen()


async def _in_briefing_answers(pilot, problems: list, monkeypatch) -> None:
    from nato_brief.search import brief as brief_module
    from nato_brief.search.quotes import citation

    app = pilot.app
    sections = [brief_module.BriefSection([f"Author {i}"], [s.id for s in g], [brief_module.BriefQuote(
        s.id, p.id, p.start, p.end, p.text, citation(s)) for s in g for p in s.passages])
        for i, g in enumerate(_groups(_sources(app), 4))]  # fmt: skip
    answer = brief_module.Briefing("every passage?", True, "Every passage, by source.", sections)
    monkeypatch.setattr(brief_module, "brief", lambda *a, **k: answer)
    app.screen.set_focus(app.query_one("#results"))
    await pilot.press("b")
    await _until(pilot, lambda: isinstance(app.screen, BriefScreen))
    await pilot.press(*"every", "enter")
    await _until(pilot, lambda: len(app.screen.query(PassageList)) == len(sections))
    lists = list(app.screen.query(PassageList))
    for i, (plist, sec) in enumerate(zip(lists, sections, strict=True)):
        texts = [(q.passage_id, q.text) for q in sec.quotes]
        for focused in (True, False):
            (plist if focused else app.screen.query_one("#chat-input", Input)).focus()
            app.screen.query_one("#chat-log").scroll_to_widget(plist, animate=False, immediate=True)
            where = f"briefing answer {i} {'focused' if focused else 'unfocused'}"
            await _read(pilot, plist, texts, where, problems)
            if i == 0:  # the answer fits the chat's view: nothing of it is cut off below
                await _same_on_screen(pilot, plist, where, problems)
    app.pop_screen()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_no_text_is_hidden(size, monkeypatch):
    """At each size, one app: a hit opens in view; every passage is shown whole in a pane, a compare column
    and a briefing answer, focused and not."""
    app = make_app()
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot)
        await _hit_opens_in_view(pilot, problems)
        await _in_source_panes(pilot, problems)
        await _in_compare_columns(pilot, problems, monkeypatch)
        await _in_briefing_answers(pilot, problems, monkeypatch)
    assert not problems, "\n".join(problems)


async def test_briefing_speaker_section_is_headed_by_the_speaker():
    """In the briefing chat, a speaker's statements are headed by the speaker, not by the reporting authors."""
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        app.screen.set_focus(app.query_one("#results"))
        await pilot.press("b")  # from the results: in the search box b is a letter
        await _until(pilot, lambda: isinstance(app.screen, BriefScreen))
        await pilot.press(
            *[c if c != " " else "space" for c in "What did Stoltenberg say about Iraq?"], "enter"
        )
        await _until(pilot, lambda: len(app.screen.query(".section-title")) > 0)
        titles = [str(s.render()) for s in app.screen.query(".section-title").results(Static)]
        assert titles[0] in (
            "Jens Stoltenberg (as quoted)",
            "Jens Stoltenberg (as reported)",
            "Jens Stoltenberg (as quoted and reported)",
        ), titles
