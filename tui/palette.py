"""The command palette's provider: the app's commands, titled by area."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = [
    ("search: focus the search box", "Type to search as you type", "focus_search"),
    ("quote: copy marked quotes", "Copy the marked quotes (or the highlighted one) with citations", "copy"),
    ("quote: export brief", "Write the marked quotes, grouped by author, to a Markdown file", "export"),
    ("quote: show/hide tray", "The marked quotes: remove and reorder them", "toggle_tray"),
    ("quote: clear marks", "Unmark every quote", "clear_marks"),
    ("view: compare by author", "One column per author for the current query", "compare"),
    ("view: entity card", "Look up a person, organisation or operation", "who"),
    ("view: said (who said what)", "Every statement inside the articles, filtered as you type", "said"),
    ("view: briefing chat", "Ask a question; get verbatim cited quotes", "brief"),
    ("view: facets", "Show/hide author, outlet and year counts", "toggle_facets"),
    ("view: help", "Every key", "help"),
    ("pane: close all", "Close every source pane", "close_panes"),
    ("app: toggle dark/light", "Switch the theme", "toggle_dark"),
    ("app: quit", "Leave nato-brief", "quit"),
]


class BriefCommands(Provider):
    async def discover(self) -> Hits:
        for title, help_text, action in COMMANDS:
            yield DiscoveryHit(Text(title), partial(self.app.run_action, action), text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    text=title,
                    help=help_text,
                )
