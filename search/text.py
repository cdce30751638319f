"""Normalising untrusted text: decoding bytes and removing everything a terminal could act on.

Every string that enters the library passes through :func:`sanitize` first, so nothing stored, indexed,
shown or copied carries escape sequences, C1 controls, bidi overrides or invisible characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# Whole escape sequences first, so their payload ("]52;c;...") does not survive as visible text.
_OSC = re.compile(r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?")
_CSI = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?")
_DCS = re.compile(r"(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?")
_ESC2 = re.compile(r"\x1b[@-Z\\-_]?")
_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u200b\u200c\u200d\u2060\ufeff"  # zero width space/non-joiner/joiner, word joiner, BOM
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u206a\u206b\u206c\u206d\u206e\u206f"  # deprecated format controls
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ud800-\udfff" + re.escape(_INVISIBLE) + "]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")


def sanitize(text: str) -> str:
    """Return ``text`` safe to store and display.

    Newlines are unified to ``\\n``; the text is NFKC-normalised; escape sequences are removed whole;
    C0 controls (except tab and newline), DEL, C1 controls, lone surrogates, zero-width characters,
    soft hyphens and bidi controls are removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _OSC.sub("", text)
    text = _DCS.sub("", text)
    text = _CSI.sub("", text)
    text = _ESC2.sub("", text)
    # Lone surrogates cannot be normalised; drop them before NFKC.
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if _has_surrogate(text) else text
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROLS.sub("", text)
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def is_clean(text: str) -> bool:
    """True when ``text`` holds nothing :func:`sanitize` would remove (used by tests and output guards)."""
    return not _CONTROLS.search(text) and "\x1b" not in text


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
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_utf16_without_bom(data):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(enc, errors="replace"), enc
    return data.decode("cp1252", errors="replace"), "cp1252"


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 8:
        return False
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    half = len(sample) // 2
    return odd_nuls > 0.4 * half or even_nuls > 0.4 * half


def looks_binary(data: bytes) -> bool:
    """A heuristic for files that are not text at all (images, archives, executables)."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return False
    if _looks_utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
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
