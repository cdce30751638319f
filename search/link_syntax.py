"""Markdown-ish link syntax in scraped text: link labels kept, targets and autolinks dropped, escapes undone,
emphasis and trailing dingbats removed; and the URL of a "Read the full article" link, found before that."""

from __future__ import annotations

import re

# Every pattern here runs in time linear in the text (issue 12: "[" * 100_000 took 133 s): no pattern starts
# with a run of blanks (the blanks before a match are trimmed by _sub_trimming instead), a link label stops at
# the next bracket, a target at the next bracket or blank, and a bold span at the next "**", so no character
# is scanned again from every position before it.
_URLISH = r"(?:https?://|www\.|/|#)[^\s()<>]*"
# "[label](target)"; the label may itself contain "\(" escapes, the target one level of balanced parentheses
# ("javascript:alert(3)", "…/Mosul_(city)"), so its closing parenthesis is never left in the text.
_MD_LINK = re.compile(r"\[((?:\\.|[^\[\]\\])*)\]\(((?:[^()\s\[\]]|\([^()\s\[\]]*\))*)\)")
# "(<https://...>)" autolinks, also when the URL is broken over a paragraph break.
_AUTOLINK_BROKEN = re.compile(r"\(<https?://[^\s>]*>?[ \t]*\n[^\S\n]*\n\s*[\w./%#?=&-]*\)")
_AUTOLINK = re.compile(r"\(<[^<>\n]*>\)")
_PAREN_URL = re.compile(r"\\?\((?:" + _URLISH + r")\\?\)")
_BOLD = re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")
_DINGBAT_SET = "\u2756\u25c6\u25c7\u2666\u25aa\u25ab\u2022"
_DINGBAT_CHARS = re.compile(f"[{_DINGBAT_SET}]")


def _link_repl(m: re.Match[str]) -> str:
    return _sub_trimming(_PAREN_URL, m.group(1))


def _sub_trimming(pattern: re.Pattern[str], text: str) -> str:
    """Remove every match of ``pattern`` together with the spaces and tabs right before it."""
    out = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(text[pos : m.start()].rstrip(" \t"))
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def strip_link_syntax(text: str) -> str:
    """Keep link labels, drop link targets and bare autolinks; unescape markdown escapes; drop bold/italic."""
    # Each pattern only when its opening character occurs: most texts have none.
    if "(<" in text:
        text = _sub_trimming(_AUTOLINK_BROKEN, text)
        text = _sub_trimming(_AUTOLINK, text)
    if "](" in text:
        text = _MD_LINK.sub(_link_repl, text)
    if "(" in text:
        text = _sub_trimming(_PAREN_URL, text)
    if "*" in text:
        text = _BOLD.sub(r"\1", text)
        text = _ITALIC.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    if _DINGBAT_CHARS.search(text):
        text = _strip_trailing_dingbats(text)
    return text


def _strip_trailing_dingbats(text: str) -> str:
    """Drop a run of dingbats ending a line ("Read more ❖"), with the blanks around it."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        core = line.rstrip(" \t")
        bare = core.rstrip(_DINGBAT_SET)
        if len(bare) < len(core):
            lines[k] = bare.rstrip(" \t")
    return "\n".join(lines)


def find_read_full_url(text: str) -> str | None:
    """The URL of a "Read the full article" link, before link syntax is stripped."""
    for m in _MD_LINK.finditer(text):
        if re.match(r"\s*Read the full", m.group(1), re.I) and m.group(2).startswith("http"):
            return m.group(2)
    return None
