"""The feeds of one language: which exist, what each holds, their channel data.

Pure: given a :class:`~newsroom.corpus.Corpus` (published articles only), a language and the
article bodies the page pipeline rendered (:mod:`newsroom.feed_content`),
:func:`render_feeds` returns ``{site-relative path: bytes}``. The feeds are those of the
facets that have some (:mod:`newsroom.facets`): every item of the language, and one stream
per registry key. Items are made by :mod:`newsroom.feed_items`, documents by
:mod:`newsroom.feed_formats`; the output depends only on the sources and ``now``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from . import urls
from .corpus import Corpus
from .feed_content import PageHTML
from .feed_formats import FeedMeta, atom, json_feed, rss
from .feed_items import TAG_DATE, FeedItem, authority, make_item
from .model import Article
from .registries import Registries
from .scopes import Scope, feed_scopes
from .settings import Settings

#: ``updated`` of an empty feed on an empty site (never the clock).
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

PUBLISHER = {"vi": "Bộ Tư pháp", "en": "Ministry of Justice of Viet Nam"}
SITE_TITLE = {"vi": "Tin tức Bộ Tư pháp", "en": "Ministry of Justice News"}
SCOPE_WORD = {
    "category": {"vi": "Chuyên mục", "en": "Category"},
    "type": {"vi": "Loại tin", "en": "Type"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
}
DESCRIPTION = {
    "all": {
        "vi": "Tin chính thống mới nhất của Bộ Tư pháp: thi hành án dân sự, xây dựng và "
        "phổ biến pháp luật, thông cáo báo chí và phát ngôn.",
        "en": "The latest official news of the Ministry of Justice of Viet Nam: civil "
        "judgment enforcement, law-making, legal education, press releases and statements.",
    },
    "scoped": {
        "vi": "Tin chính thống mới nhất của Bộ Tư pháp — {word}: {label}.",
        "en": "The latest official news of the Ministry of Justice of Viet Nam — {word}: {label}.",
    },
}


def scopes(registries: Registries, lang: str) -> list[Scope]:
    """Every feed scope of ``lang``: all items, then every registry key (empty ones too)."""
    return feed_scopes(registries, lang)


def title(scope: Scope) -> str:
    """The channel title: the site's, with the scope's kind and label unless ``all``."""
    base = SITE_TITLE[scope.lang]
    if scope.is_all:
        return base
    return f"{base} — {SCOPE_WORD[scope.kind][scope.lang]}: {scope.label}"


def description(scope: Scope) -> str:
    if scope.is_all:
        return DESCRIPTION["all"][scope.lang]
    word = SCOPE_WORD[scope.kind][scope.lang]
    return DESCRIPTION["scoped"][scope.lang].format(word=word, label=scope.label)


def feed_id(settings: Settings, scope: Scope) -> str:
    tail = "all" if scope.is_all else f"{scope.kind}/{scope.key}"
    return f"tag:{authority(settings.site_url)},{TAG_DATE}:feeds/{scope.lang}/{tail}"


def chosen(corpus: Corpus, lang: str) -> list[tuple[Scope, list[Article]]]:
    """Every feed scope of ``lang`` with its items: its newest published articles, at most
    ``feed_limit``."""
    articles = corpus.articles(lang)  # published only, newest first
    limit = corpus.settings.feed_limit
    return [
        (scope, [a for a in articles if scope.matches(a)][:limit])
        for scope in scopes(corpus.registries, lang)
    ]


def in_feeds(corpus: Corpus, lang: str) -> set[str]:
    """Source paths of the articles that some feed of ``lang`` carries (whose page bodies
    the build keeps for the feeds)."""
    return {a.src_uri for _scope, items in chosen(corpus, lang) for a in items}


def render_feeds(corpus: Corpus, lang: str, pages: Mapping[str, PageHTML]) -> dict[str, bytes]:
    """Every feed file of ``lang``: ``{site-relative path: content}``.

    ``pages`` holds each article's page body by source path (:func:`feed_content.recorded`).
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
            PUBLISHER[lang],
            urls.absolute(settings.site_url, scope.page()),
            {f: urls.absolute(settings.site_url, scope.path(f)) for f in scope.formats},
            max((i.updated for i in items), default=fallback),
        )
        out[scope.path("rss")] = rss(meta, items)
        out[scope.path("atom")] = atom(meta, items)
        if "json" in scope.formats:
            out[scope.path("json")] = json_feed(meta, items)
    return out


def site_updated(corpus: Corpus) -> dt.datetime:
    """Newest public change of the whole site: the ``updated`` of an empty feed."""
    newest = max((a.updated for a in corpus.articles()), default=EPOCH)
    return newest.astimezone(corpus.settings.timezone)
