"""Every public URL scheme in one place (site-relative, trailing slash for pages).

Listing pages, feeds, the press room and search all build their links here, so a URL is
defined once. Vietnamese URLs have no prefix; English ones start with ``en/``.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from ..common.text import slugify
from ..content.facets import BY_KIND

PRESS_ROOM = "bao-chi/"
SEARCH = "tim-kiem/"
FEEDS_PAGE = "bao-chi/nguon-tin/"


def prefix(lang: str) -> str:
    return "" if lang == "vi" else f"{lang}/"


def home(lang: str) -> str:
    return prefix(lang)


@functools.lru_cache(maxsize=65536)
def tag_key(tag: str) -> str:
    """A tag's slug (remembered: every view of an article and every card shows its tags)."""
    return slugify(tag)


def listing(kind: str, key: str | None, lang: str, page: int = 1) -> str:
    """``chuyen-muc/thi-hanh-an-dan-su/``, page 2: ``…/trang/2/``; all news: ``tin-tuc/``."""
    root = BY_KIND[kind].root
    base = f"{prefix(lang)}{root}/"
    if key:
        base += f"{tag_key(key) if kind == 'tag' else key}/"
    return base if page <= 1 else f"{base}trang/{page}/"


def feed(fmt: str, lang: str, kind: str = "all", key: str | None = None) -> str:
    """Feed file path: ``feeds/rss.xml``, ``feeds/chuyen-muc/<key>.atom.xml``, ``en/feeds/…``.

    ``fmt`` is ``rss``, ``atom`` or ``json`` (JSON Feed exists for ``all`` only).
    """
    extension = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}[fmt]
    base = f"{prefix(lang)}feeds/"
    if kind == "all":
        return base + (extension if fmt != "json" else "feed.json")
    return f"{base}{BY_KIND[kind].root}/{key}.{extension}"


OPML = "feeds/feeds.opml"
PRESS_CONFERENCES_ICS = "feeds/hop-bao.ics"


def file_url(src_uri: str) -> str:
    """URL path of a published file (``tep/bản đồ (1).pdf`` → ``tep/b%E1%BA%A3n%20…``).

    Percent-encoded once, so a file name can never end an attribute or become a scheme.
    """
    return quote(src_uri, safe="/")


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")
