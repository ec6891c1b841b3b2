"""What a page links to, read from its rendered HTML (raw HTML in Markdown included).

Every ``href``/``src``/``srcset``/``poster``/``cite`` of the HTML is URL-decoded and
NFC-normalised, then resolved to site paths: a relative URL both against the page's source
folder (Markdown links to ``x.md`` that MkDocs left unresolved) and against its public URL
(what a browser does); a site-absolute path and a link to ``site_url`` are internal too.
The build and ``newsroom check`` use this one reading for the link rule (E021) and for the
files used only by unpublished articles.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from ..common.text import nfc
from . import urlpolicy

_URL_ATTRS = frozenset({"href", "src", "poster", "cite", "data", "action", "xlink:href"})


class _UrlCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _URL_ATTRS:
                self.urls.append(value)
            elif name == "srcset":
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(","))

    handle_startendtag = handle_starttag


def urls_in(html_text: str) -> list[str]:
    """Every URL an HTML fragment references, in document order."""
    collector = _UrlCollector()
    collector.feed(html_text)
    collector.close()
    return [url for url in collector.urls if url.strip()]


class SiteUrls:
    """Turns a URL found in a page into the site paths it may mean (docs-relative, no slash)."""

    def __init__(self, site_url: str) -> None:
        parts = urlsplit(site_url)
        self.host = (parts.hostname or "").lower()
        self.base = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"

    def paths(self, url: str, src_uri: str, page_url: str) -> list[str]:
        """Site paths ``url`` may point to from the page built from ``src_uri`` at ``page_url``.

        External URLs and other schemes give none. A relative URL gives two candidates (see
        the module docstring); the caller looks each up.
        """
        url = url.strip()
        scheme = urlpolicy.scheme(url)
        if scheme and scheme not in urlpolicy.WEB_SCHEMES:
            return []
        try:
            parts = urlsplit(url)
        except ValueError:
            return []
        if parts.netloc and (parts.hostname or "").lower() != self.host:
            return []
        path = nfc(unquote(parts.path))
        if not path:
            return []
        if parts.netloc or path.startswith("/"):
            if not path.startswith(self.base):
                return []
            return _normal([path[len(self.base) :]])
        source_dir = posixpath.dirname(src_uri)
        page_dir = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        return _normal([posixpath.join(source_dir, path), posixpath.join(page_dir, path)])


def _normal(paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        normal = posixpath.normpath(path) if path else "."
        if normal.startswith("..") or normal.startswith("/"):
            continue
        found.append("" if normal == "." else normal)
    return list(dict.fromkeys(found))


def page_keys(url: str) -> Iterator[str]:
    """The site paths that reach the page at ``url`` (``a/b/``): ``a/b``, ``a/b/index.html``."""
    stem = url.rstrip("/")
    yield stem
    yield f"{stem}/index.html" if stem else "index.html"


def decoded(text: str) -> str:
    """``text`` as a browser would read a URL in it: entities, then %-escapes, then NFC.

    Used to decide cheaply whether a page can mention a name at all before rendering it.
    """
    return nfc(unquote(html.unescape(text))).replace("\\", "").lower()


class Locator:
    """File lines of the URLs of one source, found in document order (so that two links
    where one is a prefix of the other get their own lines)."""

    def __init__(self, source: str, first_line: int) -> None:
        self.source = source
        self.first_line = first_line
        self.cursor = 0

    def line(self, url: str) -> int:
        for start in (self.cursor, 0):
            for probe in (url, html.escape(url), unquote(url)):
                index = self.source.find(probe, start)
                if index >= 0:
                    self.cursor = index + len(probe)
                    return self.first_line + self.source.count("\n", 0, index)
        return self.first_line
