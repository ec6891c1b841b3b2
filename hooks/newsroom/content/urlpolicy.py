"""The one URL policy: which URLs content may put into any output.

Every URL that comes from content — a body link or image, raw HTML, a front-matter URL field,
an attachment or image path, an SVG reference — is judged here, by the build, the sanitiser and
the checker alike. Allowed: ``http``, ``https``, ``mailto`` and ``tel`` URLs, and site-internal
paths (checked against the docs folder by the caller). Anything else (``javascript:``,
``data:``, ``vbscript:``, ``file:``, an unknown scheme, a scheme hidden by control characters
or entities that a browser would ignore) is refused.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
#: What browsers drop from a URL before reading its scheme (WHATWG URL: C0 controls, space,
#: tab and newlines anywhere at the ends, tab/newlines anywhere inside).
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
#: Characters refused in the name of a file that content links to: they change what a URL
#: means (``:`` makes a scheme, ``?``/``#`` cut the path, ``%`` re-encodes, ``\\`` is a
#: separator to browsers) or break out of an attribute.
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f:\\?#%\"'<>`]")


def scheme(url: str) -> str:
    """The scheme a browser would see in ``url`` (lower case), or ``""`` for a relative URL."""
    cleaned = _IGNORED.sub("", unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else ""


def is_allowed(url: str) -> bool:
    """True for a relative URL or one with an allowed scheme."""
    return scheme(url) in ALLOWED_SCHEMES or scheme(url) == ""


def is_web_url(url: str) -> bool:
    """An absolute ``http(s)://host/…`` URL, the only kind a front-matter URL field may hold."""
    if _IGNORED.search(url) or any(ch in url for ch in "\"'<>`\\"):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
    except ValueError:  # "http://[::1" and friends
        return False


def local_path_problem(path: str) -> str | None:
    """Why ``path`` (an attachment or image path written by an editor) is refused, or ``None``.

    A local path has no scheme, does not start with ``//`` (another host) and its file name
    holds no character that changes the meaning of a URL.
    """
    if scheme(path):
        return "scheme"
    if path.startswith("//") or "\\" in path:
        return "host"
    if _UNSAFE_NAME_CHARS.search(path):
        return "characters"
    return None


def unsafe_name(name: str) -> bool:
    """True when a file name holds a character refused by :func:`local_path_problem`."""
    return _UNSAFE_NAME_CHARS.search(name) is not None
