"""The body of a feed item: the article's HTML as its page shows it, with absolute URLs.

Articles are rendered once, by MkDocs: the feeds hook records each article page's
``page.content`` (after the sanitising hook, links resolved by MkDocs, URLs relative to the
page) with :func:`record`, and the feeds take it back with :func:`recorded`. The only change
made for feeds is :func:`absolute_html`: every URL becomes absolute against the page's own
address (a feed reader has no page to be relative to), and heading permalinks, which are
page chrome, are dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..common.text import strip_control
from ..site import urls
from ..site.sanitize import URL_ATTRS

#: The memo key of the recorded pages of a language (``build.BuildState.memo``).
MEMO_KEY = "feed-pages"

_ATTRS = "|".join(sorted(URL_ATTRS))
_URL_ATTR = re.compile(rf'(\s(?:{_ATTRS})=")([^"]*)(")')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')


@dataclass(frozen=True)
class PageHTML:
    """An article page's body as MkDocs rendered it."""

    url: str  # site-relative URL of the page (``tin-tuc/2026/a/``)
    html: str  # ``page.content``: sanitised, URLs relative to ``url``


def record(memo: dict[Any, Any], lang: str, src_uri: str, page: PageHTML) -> None:
    """Keep ``page`` as the body of the article ``src_uri`` in the ``lang`` build pass."""
    memo.setdefault((MEMO_KEY, lang), {})[src_uri] = page


def recorded(memo: dict[Any, Any], lang: str) -> dict[str, PageHTML]:
    """The article bodies recorded in the ``lang`` pass, by source path."""
    return memo.get((MEMO_KEY, lang), {})


def absolute_html(page: PageHTML, site_url: str) -> str:
    """``page``'s HTML for a feed: URLs absolute, no heading permalinks."""
    base = urls.absolute(site_url, page.url)
    clean = _HEADERLINK.sub("", strip_control(page.html))
    return _URL_ATTR.sub(lambda m: _absolute_attr(m, base), clean)


def _absolute_attr(match: re.Match[str], base: str) -> str:
    value = urljoin(base, html.unescape(match.group(2)))
    return f"{match.group(1)}{html.escape(value)}{match.group(3)}"
