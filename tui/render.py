"""Turning library data into Rich ``Text``: plain strings plus style spans, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nato_brief.search.quotes import join_names, meta_line
from nato_brief.search.said import same_words_note
from rich.text import Text

if TYPE_CHECKING:
    from nato_brief.search.results import Hit

HIGHLIGHT = "bold reverse"
MARK = "● "
SNIPPET = 360
WINDOW = 6000  # characters of one passage shown around its first hit (megabyte lines stay fast)


def window(text: str, highlights: list[list[int]], width: int) -> tuple[str, int, bool, bool]:
    """A slice of ``text`` at most ``width`` long around the first highlight: (slice, offset, cut_left, cut_right)."""
    if len(text) <= width:
        return text, 0, False, False
    first = highlights[0][0] if highlights else 0
    start = max(0, min(first - width // 4, len(text) - width))
    if start:
        sp = text.find(" ", start, start + 40)
        start = sp + 1 if sp != -1 else start
    end = min(len(text), start + width)
    return text[start:end], start, start > 0, end < len(text)


def highlighted(text: str, highlights: list[list[int]], width: int = WINDOW, style: str = HIGHLIGHT) -> Text:
    """``text`` (windowed) with its highlight spans styled."""
    part, off, left, right = window(text, highlights, width)
    t = Text()
    if left:
        t.append("… ", style="dim")
    body = Text(part)
    for a, b in highlights:
        a2, b2 = a - off, b - off
        if b2 <= 0 or a2 >= len(part):
            continue
        body.stylize(style, max(0, a2), min(len(part), b2))
    t.append_text(body)
    if right:
        t.append(" …", style="dim")
    return t


def hit_prompt(
    hit,
    marked: bool = False,
    snippet: int = SNIPPET,
    more: int = 0,
    expanded: bool = False,
    all_loaded: bool = True,
) -> Text:
    """A result row: authors · outlet · date · title on one line, the snippet with the matched words
    highlighted under it, the query words it lacks (closest matches), and how many more passages of the same
    source are folded under it (``all_loaded`` False: only the loaded ones are counted, and the row says so)."""
    t = Text()
    if marked:
        t.append(MARK, style="bold green")
    t.append(meta_line(hit.authors, hit.outlet, hit.date), style="bold")
    t.append(" · ", style="bold")
    t.append(hit.title, style="bold italic")
    if hit.duplicate_of:
        t.append("  [identical text under another attribution]", style="bold yellow")
    t.append("\n")
    t.append_text(highlighted(hit.text, hit.highlights, snippet))
    missing = getattr(hit, "missing", None)
    if missing:
        t.append("\nlacks: " + ", ".join(missing), style="yellow")
    if more:
        hint = "← to fold" if expanded else "→ to show"
        where = "in this source" if all_loaded else "loaded from this source"
        t.append(f"\n+{more} more {where} ({hint})", style="dim")
    return t


def group_hits(hits: list[Hit]) -> list[tuple[Hit, list[Hit]]]:
    """Hits grouped by source, each group under its best hit, in the order of the best hits."""
    groups: dict[str, tuple[Hit, list[Hit]]] = {}
    for h in hits:
        if h.source_id in groups:
            groups[h.source_id][1].append(h)
        else:
            groups[h.source_id] = (h, [])
    return list(groups.values())


def passage_prompt(text: str, highlights: list[list[int]], marked: bool, note: str = "") -> Text:
    t = Text()
    if marked:
        t.append(MARK, style="bold green")
    t.append_text(highlighted(text, highlights))
    if note:
        t.append("\n" + note, style="bold yellow")
    return t


def brief_heading(section) -> str:
    """A briefing section's heading: the speaker for a speaker's statements (the words are theirs, not the
    article authors'), else the authors. Matches ``Briefing.to_markdown``."""
    return section.heading


def brief_citation(section, quote) -> str:
    """``— citation``, naming whom the passage quotes unless the section is that speaker's; a reported
    statement says first that the words are the article's account, not the speaker's own."""
    quoting = quote.speaker and not getattr(section, "speaker", None)
    cite = "— " + quote.citation + (f" (quoting {quote.speaker})" if quoting else "")
    if getattr(quote, "kind", None) == "reported":
        who = quote.speaker or "the speaker"
        whose = f"{who}'" if who.endswith("s") else f"{who}'s"  # "diplomats' own words", "Stoltenberg's"
        cite = f"— reported by {quote.reporter or 'the article'}, not {whose} own words " + cite
    twins = getattr(quote, "also_attributed", None)
    return cite + ("\n   " + same_words_note(twins) if twins else "")


def entity_card_text(card) -> Text:
    """The entity card's head (``search/entity_card.py``): name, kind, aliases, counts, the top sources."""
    t = Text()
    t.append(card.name, style="bold")
    t.append(f"  ({card.kind})\n", style="cyan")
    if card.aliases:
        t.append("also: " + ", ".join(card.aliases[:12]) + "\n", style="dim")
    t.append(f"{len(card.entity.mentions)} mentions in {len(card.counts)} sources", style="bold")
    if card.entity.authored:
        t.append(f"; wrote {len(card.entity.authored)} source(s)", style="bold")
    if card.entity.quotes:
        t.append(f"; quoted {len(card.entity.quotes)} time(s)", style="bold")
    t.append("\n")
    for src, c in card.sources_by_count(5):
        t.append(f"  {c}× {meta_line(src.authors, src.outlet, src.date)} — {src.title}\n")
    return t


def duplicate_note(lib, passage) -> str:
    """For a pane row: who else the same text is attributed to ("" when nobody)."""
    dups = lib.store().duplicates().get(passage.id)
    if not dups:
        return ""
    cat = lib.store().catalog()
    names = [join_names(cat[d.rsplit(".", 1)[0]].authors) for d in dups if d.rsplit(".", 1)[0] in cat]
    return "identical text also attributed to: " + "; ".join(names)


def who_preview(name: str, matches: list | None) -> Text:
    """The line above the results while w:NAME is typed: the entity enter opens (the look-up's first match),
    the next few, or that nothing is close; ``matches`` None while the look-up runs."""
    t = Text()
    if not name:
        t.append("Entity card: type a name after w: (typos welcome); enter opens its card.", style="bold")
    elif matches is None:
        t.append("Entity card: looking up ", style="bold").append(name).append("…")
    elif not matches:
        t.append("No person, organisation or operation close to ", style="bold red").append(name)
        t.append(".", style="bold red")
    else:
        first = matches[0].entity
        t.append("Entity card (enter): ", style="bold").append(first.name, style="bold")
        t.append(f" · {first.kind} · {len(first.mentions)} mentions")
        if len(matches) > 1:
            t.append("   also close: " + " · ".join(m.entity.name for m in matches[1:4]), style="dim")
    return t
