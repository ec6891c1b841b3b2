"""Listing pages: which scopes exist (every facet of :mod:`newsroom.content.facets`), which
published articles each holds, and pagination.

Pure: given a corpus, a language and a page size, it returns every listing page. The hook
turns them into ``File.generated`` pages; templates only display them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from ..common import cache, wording
from ..content.corpus import Corpus
from ..content.model import Article
from ..content.registries import Registries
from . import urls
from .scopes import Scope, members, registry_scopes


@dataclass(frozen=True)
class ListingPage:
    scope: Scope
    number: int
    total: int
    articles: tuple[Article, ...]

    @property
    def url(self) -> str:
        return self.scope.url(self.number)

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    @property
    def previous_url(self) -> str | None:
        return self.scope.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.scope.url(self.number + 1) if self.number < self.total else None

    @property
    def title(self) -> str:
        return self.scope.label if self.number == 1 else f"{self.scope.label} ({self.number})"

    def markdown(self) -> str:
        """Source of the generated page: front-matter only, the template draws the list."""
        title = json.dumps(self.title)
        return f"---\ntemplate: listing.html\ntitle: {title}\nhide: [navigation, toc]\n---\n"


def scopes(corpus: Corpus, registries: Registries, lang: str) -> list[tuple[Scope, list[Article]]]:
    """Every listing scope of ``lang`` with its published articles, newest first."""
    articles = corpus.articles(lang)
    all_label = wording.text(lang, "page.all_news")
    found: list[tuple[Scope, list[Article]]] = [(Scope("all", None, lang, all_label), articles)]
    found.extend(members(registry_scopes(registries, lang), articles).items())
    tags: dict[str, tuple[str, list[Article]]] = {}
    for article in articles:
        for tag in article.tags:
            label, items = tags.setdefault(urls.tag_key(tag), (tag, []))
            items.append(article)
    for key in sorted(tags):
        label, items = tags[key]
        found.append((Scope("tag", label, lang, label), items))
    for year in sorted({a.year for a in articles}, reverse=True):
        label = wording.text(lang, "page.year_listing").format(year=year)
        found.append(
            (Scope("year", str(year), lang, label), [a for a in articles if a.year == year])
        )
    return found


def paginate(scope: Scope, articles: list[Article], size: int) -> list[ListingPage]:
    """Split into pages of ``size``; an empty scope still gets its first page."""
    total = max(1, -(-len(articles) // size))
    return [
        ListingPage(scope, n + 1, total, tuple(articles[n * size : (n + 1) * size]))
        for n in range(total)
    ]


def listing_pages(
    corpus: Corpus, registries: Registries, lang: str, size: int
) -> list[ListingPage]:
    return [
        page
        for scope, items in scopes(corpus, registries, lang)
        for page in paginate(scope, items, size)
    ]


def fingerprint(
    listing: ListingPage, other_urls: set[str], shown: dict[int, tuple[object, str]]
) -> str:
    """What a listing page shows: its place, its articles (all but their bodies), whether
    the other language has it. ``shown`` keeps each article's digest (with the article, so
    that its ``id`` stays its own) for this preview's builds: an article unchanged since
    the last one is the same object, from the content cache kept in memory."""
    digests = []
    for article in listing.articles:
        known = shown.get(id(article))
        if known is None or known[0] is not article:
            fields_ = {f.name: getattr(article, f.name) for f in fields(article)}
            fields_.pop("packed_body")
            known = shown[id(article)] = (article, cache.key(cache.stable_repr(fields_)))
        digests.append(known[1])
    flags = (listing.url, listing.number, listing.total, listing.title, listing.url in other_urls)
    return cache.key(cache.stable_repr(flags), *digests)
