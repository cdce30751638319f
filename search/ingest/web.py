"""``nato-brief add https://...``: fetch a page with a timeout, a size cap, bounded redirects, a content-type
check and an honest User-Agent; the bytes are then read exactly like a saved file of that type."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import metadata

from ..errors import InputError
from .files import MAX_BYTES, READERS

PROJECT_URL = "https://pypi.org/project/nato-brief/"
TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
# Content types we read, and the file suffix whose reader reads them.
CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def user_agent() -> str:
    try:
        version = metadata.version("nato-brief")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"nato-brief/{version} (+{PROJECT_URL})"


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    suffix: str  # the reader that reads it (".html", ".txt", ...)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise InputError(f"{req.full_url}: redirected to {newurl!r}, which is not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """GET ``url``. Raises InputError (with what went wrong, in words) for anything that is not a readable page."""
    timeout = TIMEOUT_S if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if not is_url(url):
        raise InputError(f"{url}: not an http(s) address")
    opener = urllib.request.build_opener(_Redirects())
    req = urllib.request.Request(url, headers={"User-Agent": user_agent(), "Accept": "text/html,*/*;q=0.5"})
    try:
        with opener.open(req, timeout=timeout) as resp:
            final = resp.geturl()
            ctype = (resp.headers.get_content_type() or "").lower()
            suffix = CONTENT_TYPES.get(ctype)
            if suffix is None or suffix not in READERS:
                raise InputError(
                    f"{url}: the server sent {ctype or 'no content type'}, not a page nato-brief reads"
                )
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(
                    f"{url}: {int(length) // (1024 * 1024)} MB is over the {max_bytes // (1024 * 1024)} MB limit"
                )
            data = resp.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(f"{url}: the page is over the {max_bytes // (1024 * 1024)} MB limit")
    except InputError:
        raise
    except urllib.error.HTTPError as e:
        raise InputError(f"{url}: the server answered {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        raise InputError(f"{url}: cannot fetch it ({e.reason})") from e
    except TimeoutError as e:
        raise InputError(f"{url}: no answer within {timeout:g} s") from e
    except (OSError, ValueError) as e:
        raise InputError(f"{url}: cannot fetch it ({e})") from e
    return Fetched(final, data, suffix)
