"""Checks a built release must pass before it goes live (the build's own --strict ran first).

* every internal link, script, style and image of every page resolves to a file of the
  release;
* nothing unpublished is in it: the core's visibility decision (``newsroom.content.corpus``) at the
  build's clock says which articles have no public page (draft, in review, scheduled); their
  pages and private attachments must be absent, and no feed or sitemap may name them.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..content.loading import Site

_LINK = re.compile(
    r"""<(?:a|link|script|img|iframe|source)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']*)["']""",
    re.IGNORECASE,
)
_SKIP = ("mailto:", "tel:", "data:", "javascript:", "blob:")
_LISTS = ("sitemap.xml", "feeds", "en/feeds")


_CANONICAL = re.compile(r"""<link\s+rel=["']canonical["']\s+href=["']([^"']+)["']""")


def built_site_url(site: Path) -> str | None:
    """The site address the release was built for: its home page's canonical link."""
    home = site / "index.html"
    found = _CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    return found.group(1) if found else None


def broken_links(site: Path, site_url: str) -> list[str]:
    """``page → target`` for every internal reference of an HTML page that leads nowhere."""
    base = urlsplit(site_url)
    broken = []
    for page in sorted(site.rglob("*.html")):
        page_url = "/" + page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8", errors="replace")
        for raw in dict.fromkeys(_LINK.findall(text)):
            target = _internal_path(html.unescape(raw).strip(), page_url, base)
            if target is not None and not _exists(site, target):
                broken.append(f"{page_url} → {raw}")
    return broken


def _internal_path(link: str, page_url: str, base) -> str | None:
    if not link or link.startswith(("#", "?", *_SKIP)):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None  # another site
        path = parts.path
    elif parts.path.startswith("/"):
        path = parts.path
    else:
        path = posixpath.join(posixpath.dirname(page_url), parts.path)
    prefix = base.path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    normal = posixpath.normpath(unquote(path))
    return normal + "/" if path.endswith("/") and normal != "/" else normal


def _exists(site: Path, path: str) -> bool:
    if ".." in path.split("/"):
        return False
    target = site / path.lstrip("/")
    if path.endswith("/"):
        return (target / "index.html").is_file()
    return target.is_file() or (target / "index.html").is_file()


def unpublished_leaks(site: Path, loaded: Site) -> list[str]:
    """What of an unpublished article (or its private files) the release contains."""
    corpus = loaded.corpus
    leaks = []
    hidden_urls = []
    for src_uri in sorted(corpus.entries):
        entry = corpus.entries[src_uri]
        url = entry.article.url
        if entry.visibility.has_public_page:
            continue  # published, or withdrawn with its public reason
        hidden_urls.append(url)
        if (site / url / "index.html").exists():
            leaks.append(f"/{url} ({entry.visibility})")
    for private in sorted(corpus.private_files()):
        if (site / private).exists():
            leaks.append(f"/{private}")
    for listing in _listing_files(site):
        text = listing.read_text(encoding="utf-8", errors="replace")
        for url in hidden_urls:
            if f"/{url}" in text:
                leaks.append(f"/{url} in /{listing.relative_to(site).as_posix()}")
    return leaks


def _listing_files(site: Path) -> Iterator[Path]:
    for name in _LISTS:
        path = site / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.suffix in (".xml", ".json"))
