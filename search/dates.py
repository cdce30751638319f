"""Dates as scraped articles write them: "Aug 2, 2017", "7. April 2021", "29 March 2021", "2021-03-29"."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})$"),
]
# The same shapes anywhere at the end of a line (compilation citations end with their date).
TRAILING_DATE = re.compile(
    r"(?P<date>(?:\d{1,2}(?:\.|st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4})|(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}))\.?\s*$"
)


def parse_date(text: str) -> str | None:
    """Return ``YYYY-MM-DD`` when ``text`` is exactly one date, else None. Never invents a day or month."""
    s = text.strip().rstrip(".").strip()
    for pat in _PATTERNS:
        m = pat.match(s)
        if not m:
            continue
        gd = m.groupdict()
        if gd.get("mnum"):
            month = int(gd["mnum"])
        else:
            month = MONTHS.get(gd["month"].lower(), 0)
        try:
            return date(int(gd["year"]), month, int(gd["day"])).isoformat()
        except ValueError:
            return None
    return None
