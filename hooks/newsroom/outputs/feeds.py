"""The feeds of one language: which exist, what each holds, their channel data.

Pure: given a :class:`~newsroom.content.corpus.Corpus` (published articles only), a language and the
article bodies the page pipeline rendered (:mod:`newsroom.outputs.feed_content`),
:func:`render_feeds` returns ``{site-relative path: bytes}``. The feeds are those of the
facets that have some (:mod:`newsroom.content.facets`): every item of the language, and one stream
per registry key. Items are made by :mod:`newsroom.outputs.feed_items`, documents by
:mod:`newsroom.outputs.feed_formats`; the output depends only on the sources and ``now``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from ..common import cache, wording
from ..content.corpus import Corpus
from ..content.model import Article
from ..content.registries import Registries
from ..content.settings import Settings
from ..site import urls
from ..site.scopes import Scope, feed_scopes, members
from .feed_content import PageHTML
from .feed_formats import FeedMeta, atom, json_feed, rss
from .feed_items import TAG_DATE, FeedItem, authority, make_item

#: ``updated`` of an empty feed on an empty site (never the clock).
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def scopes(registries: Registries, lang: str) -> list[Scope]:
    """Every feed scope of ``lang``: all items, then every registry key (empty ones too)."""
    return feed_scopes(registries, lang)


def title(scope: Scope) -> str:
    """The channel title: the site's, with the scope's kind and label unless ``all``."""
    base = wording.text(scope.lang, "site.news_title")
    if scope.is_all:
        return base
    return f"{base} — {wording.text(scope.lang, f'feeds.word_{scope.kind}')}: {scope.label}"


def description(scope: Scope) -> str:
    if scope.is_all:
        return wording.text(scope.lang, "feeds.description_all")
    word = wording.text(scope.lang, f"feeds.word_{scope.kind}")
    return wording.text(scope.lang, "feeds.description_scoped").format(word=word, label=scope.label)


def feed_id(settings: Settings, scope: Scope) -> str:
    tail = "all" if scope.is_all else f"{scope.kind}/{scope.key}"
    return f"tag:{authority(settings.site_url)},{TAG_DATE}:feeds/{scope.lang}/{tail}"


def chosen(corpus: Corpus, lang: str) -> list[tuple[Scope, list[Article]]]:
    """Every feed scope of ``lang`` with its items: its newest published articles, at most
    ``feed_limit``."""
    articles = corpus.articles(lang)  # published only, newest first
    limit = corpus.settings.feed_limit
    grouped = members(scopes(corpus.registries, lang), articles)
    return [(scope, items[:limit]) for scope, items in grouped.items()]


def in_feeds(corpus: Corpus, lang: str) -> set[str]:
    """Source paths of the articles that some feed of ``lang`` carries (whose page bodies
    the build keeps for the feeds)."""
    return {a.src_uri for _scope, items in chosen(corpus, lang) for a in items}


def render_feeds(
    corpus: Corpus,
    lang: str,
    pages: Mapping[str, PageHTML],
    store: cache.Store | None = None,
) -> dict[str, bytes]:
    """Every feed file of ``lang``: ``{site-relative path: content}``.

    ``pages`` holds each article's page body by source path (:func:`feed_content.recorded`).
    ``store`` (a cache file) keeps the documents earlier builds made: the formats are pure
    functions of the channel data and the items (``feed_formats``), so a document is taken
    from it when both are the same, value for value (a build changing one article renders
    only the feeds that carry it).
    """
    settings = corpus.settings
    fallback = site_updated(corpus)
    made: dict[str, FeedItem] = {}

    def item(article: Article) -> FeedItem:
        if article.src_uri not in made:
            made[article.src_uri] = make_item(article, corpus, pages.get(article.src_uri))
        return made[article.src_uri]

    out: dict[str, bytes] = {}
    for scope, articles in chosen(corpus, lang):
        items = [item(a) for a in articles]
        meta = FeedMeta(
            lang,
            feed_id(settings, scope),
            title(scope),
            description(scope),
            wording.text(lang, "site.publisher"),
            urls.absolute(settings.site_url, scope.page()),
            {f: urls.absolute(settings.site_url, scope.path(f)) for f in scope.formats},
            max((i.updated for i in items), default=fallback),
        )
        document = _Documents(store, meta, items)
        out[scope.path("rss")] = document.made("rss", rss)
        out[scope.path("atom")] = document.made("atom", atom)
        if "json" in scope.formats:
            out[scope.path("json")] = document.made("json", json_feed)
    return out


class _Documents:
    """The documents of one feed, through the cache when its data prints every value."""

    def __init__(self, store: cache.Store | None, meta: FeedMeta, items: list[FeedItem]) -> None:
        self.store, self.meta, self.items = store, meta, items
        shown = cache.exact_repr((meta, items)) if store is not None else None
        self.key = cache.key(cache.code_version(), shown) if shown is not None else ""

    def made(self, fmt: str, render: Callable[[FeedMeta, list[FeedItem]], bytes]) -> bytes:
        if self.store is None or not self.key:
            return render(self.meta, self.items)
        key = cache.key(self.key, fmt)
        document = self.store.get(key)
        if not isinstance(document, bytes):
            document = render(self.meta, self.items)
            self.store.put(key, document)
        return document


def site_updated(corpus: Corpus) -> dt.datetime:
    """Newest public change of the whole site: the ``updated`` of an empty feed."""
    newest = max((a.updated for a in corpus.articles()), default=EPOCH)
    return newest.astimezone(corpus.settings.timezone)
