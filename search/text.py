"""Normalising untrusted text: decoding bytes and removing everything a terminal could act on.

Every string that enters the library passes through :func:`sanitize` first, so nothing stored, indexed,
shown or copied carries escape sequences, C1 controls, bidi overrides or invisible characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

# Escape sequences (7-bit, ESC-introduced) go whole, payload included, when they are complete: an OSC or a
# string sequence needs its terminator (BEL or ESC backslash) on the same line within 4,096 characters. An
# incomplete one loses only its introducer: without its ESC the rest is inert text, and a terminal would
# otherwise have hidden it. Every pattern is bounded, so sanitising is linear in the text.
_PAYLOAD = "{0,4096}"
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b\n]" + _PAYLOAD + r"(?:\x07|\x1b\\)"  # OSC (title, clipboard, hyperlink), terminated
    r"|\x1b[PX^_k][^\x07\x1b\n]" + _PAYLOAD + r"(?:\x07|\x1b\\)"  # DCS, SOS, PM, APC, screen/tmux name
    r"|\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]"  # CSI with its final byte
    r"|\x1b[ -/]{1,4}[0-~]"  # nF escapes (character set designation)
    r"|\x1b[@-_]?"  # other two-byte escapes, an incomplete introducer, a lone ESC
)
# C1 controls (U+0080-U+009F) are removed one by one, never read as introducers: mojibake makes them common
# ("”" decoded as Windows-1252 is "â€" + U+009D, the C1 OSC), and the text after them is the author's.
# Invisible characters: Unicode's default-ignorable code points and format characters (category Cf), which
# draw nothing (zero-width, bidi controls, tag characters U+E0000-E0FFF, Hangul fillers, interlinear
# annotation, shorthand and musical format controls), except the variation selectors U+FE00-FE0F (emoji and
# math presentation) and Mongolian free variation selectors, and the prepended concatenation marks
# (U+0600-0605, 06DD, 070F, 0890-0891, 08E2, 110BD, 110CD), which draw a visible sign.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ufeff\uffa0\ufff0-\ufffb\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ud800-\udfff" + _INVISIBLE + "]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")
# Accents typed as apostrophes ("alliance´s", "coalitionʼs"); NFKC would make "alliance ́s" of the first.
_APOSTROPHES = re.compile("[\u00b4\u02b9\u02bc\u1fbd\u1fbf]")
_IN_WORD_APOSTROPHES = re.compile("(?<=[^\\W\\d_])[`\u2032](?=[^\\W\\d_])")  # "mission`s", not "`code`"
# Spacing accents that NFKC splits into a space and a combining mark ("¨" -> " ̈"): kept as they are.
_SPACING_ACCENTS = re.compile(
    "([\u00a8\u00af\u00b8\u02d8-\u02dd\u037a\u0384\u0385\u1fc0\u1fc1\u1fcd-\u1fcf\u1fdd-\u1fdf"
    "\u1fed\u1fee\u1ffd\u1ffe\u2017\u203e\u309b\u309c\ufc5e-\ufc63\ufe49-\ufe4c\ufe70\ufe72\ufe74"
    "\ufe76\ufe78\ufe7a\ufe7c\ufe7e\uffe3])"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Combining marks stacked on one character ("Zalgo" text: a letter and dozens of marks). Terminals keep only a
# few per cell, and some draw the rest as cells of their own, pushing the row's border sideways. Writing needs
# at most four after one character (pointed Hebrew with a cantillation mark; Arabic, Vietnamese, Thai and
# Devanagari need fewer), so the fifth and later go. Marks are never word characters, so a run of five or more
# non-word, non-space, non-ASCII characters is the only place where five marks can follow one character: the
# scan is one regex pass, and only such runs (emoji or box-drawing runs otherwise) are looked at one by one.
MAX_MARKS = 4
_MARK_RUN = re.compile(rf"[^\w\s\x00-\x7f]{{{MAX_MARKS + 1},}}")


def sanitize(text: str) -> str:
    """Return ``text`` safe to store and display, losing nothing a reader would see.

    Newlines are unified to ``\\n``; complete escape sequences are removed whole (an incomplete one loses its
    introducer only); apostrophe-like accents become ’; the text is NFKC-normalised (spacing accents kept);
    C0 controls (except tab and newline), DEL, C1 controls, lone surrogates and invisible characters
    (zero-width, bidi, tags, fillers, other format characters) are removed; a character keeps at most four
    combining marks (stacked "Zalgo" marks past that go); the braille blank becomes a space.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    if "\x1b" in text:
        text = _ESCAPES.sub("", text)
    # Lone surrogates cannot be normalised; drop them before NFKC.
    if _SURROGATE.search(text):
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    text = _APOSTROPHES.sub("\u2019", text)
    if "`" in text or "\u2032" in text:
        text = _IN_WORD_APOSTROPHES.sub("\u2019", text)
    text = _nfkc(text)
    text = _CONTROLS.sub("", text)
    text = _MARK_RUN.sub(_cap_marks, text)
    return text.replace("\u2800", " ")


def _cap_marks(m: re.Match) -> str:
    """The run with at most MAX_MARKS combining marks (nonspacing or enclosing) after each character."""
    run = m.group()
    out = []
    marks = 0
    for ch in run:
        if unicodedata.category(ch) in ("Mn", "Me"):
            marks += 1
            if marks > MAX_MARKS:
                continue
        else:
            marks = 0
        out.append(ch)
    return run if len(out) == len(run) else "".join(out)


def _nfkc(text: str) -> str:
    if not _SPACING_ACCENTS.search(text):
        return unicodedata.normalize("NFKC", text)
    parts = _SPACING_ACCENTS.split(text)  # odd items are the accents themselves
    return "".join(p if k % 2 else unicodedata.normalize("NFKC", p) for k, p in enumerate(parts))


def is_clean(text: str) -> bool:
    """True when ``text`` holds nothing :func:`sanitize` would remove (used by tests and output guards)."""
    return not _CONTROLS.search(text) and "\x1b" not in text


META_MAX = 1000  # characters kept of one metadata value (a title, a name, an outlet, a URL, a file name)


def clean_line(value: object, limit: int = META_MAX) -> str:
    """Metadata as one line of safe text: :func:`sanitize`, then every run of whitespace (newlines and tabs
    included) becomes one space, so a value can neither act on a terminal nor forge a row or a field."""
    text = _WS.sub(" ", sanitize(str(value))).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_opt(value: object) -> str | None:
    """An optional metadata value as :func:`clean_line` gives it; None when there is none or nothing is left."""
    return (clean_line(value) or None) if value is not None else None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode document bytes: BOMs first, then strict UTF-8, then cp1252 with replacement.

    Returns the text and the name of the encoding used. Never raises on bad bytes.
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    # Before UTF-8: ASCII written as UTF-16 is valid UTF-8 too (with a NUL after every letter).
    if _looks_utf16_without_bom(data):
        enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _looks_utf16_without_bom(data: bytes) -> bool:
    """NUL bytes on one side of most pairs and almost never on the other: Latin-script UTF-16.

    Binaries have NULs on both sides (runs of zero bytes), so they do not pass for UTF-16.
    """
    sample = data[:4096]
    if len(sample) < 8:
        return False
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    half = len(sample) // 2
    return (odd_nuls > 0.4 * half and even_nuls < 0.02 * half) or (
        even_nuls > 0.4 * half and odd_nuls < 0.02 * half
    )


def looks_like_text(text: str) -> bool:
    """False when decoded text is mostly what no writing uses: controls, unassigned or private-use code
    points, surrogates and replacement characters (a binary that passed for UTF-16 or UTF-32)."""
    sample = text[:4096]
    if not sample:
        return True
    # Counted per distinct character (a text uses a few dozen): a category look-up per character was a
    # twentieth of the build.
    bad = sum(
        n
        for ch, n in Counter(sample).items()
        if ch == "\ufffd" or (unicodedata.category(ch) in _NOT_WRITING and ch not in "\t\n\r\f")
    )
    return bad <= 0.1 * len(sample)


_NOT_WRITING = frozenset({"Cc", "Cn", "Co", "Cs"})


def looks_binary(data: bytes) -> bool:
    """A heuristic for files that are not text at all (images, archives, executables)."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return False
    if _looks_utf16_without_bom(sample):
        return False
    if sample.count(b"\x00") >= 4:  # binary formats are full of NULs; a stray one or two in text is dropped
        return True
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls > 0.1 * len(sample)


_BINARY_CONTROLS = bytes([*range(0, 9), *range(14, 32)])


_WS = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """Collapse runs of whitespace to one space (for comparing passages)."""
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Søby' and 'soby' fold alike; possessives are dropped."""
    text = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    return collapse_ws(re.sub(r"[^\w\s-]", " ", text.casefold()).replace("_", " "))
