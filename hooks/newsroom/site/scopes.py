"""A scope: one facet's key in one language — one listing, and its feeds when it has some.

Listing pages (:mod:`newsroom.site.listings`), feeds (:mod:`newsroom.outputs.feeds`), the feed
directory and OPML (:mod:`newsroom.outputs.directory`, :mod:`newsroom.outputs.opml`) all use this
one class; which scopes exist comes from the facets (:mod:`newsroom.content.facets`) and the
registries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..common import wording
from ..content.facets import BY_KIND, Facet, with_registry
from ..content.model import Article
from ..content.registries import Registries
from . import urls


@dataclass(frozen=True)
class Scope:
    """All articles of a language (``all``), or those of one key of a facet."""

    kind: str  # a facet's kind: all, category, type, unit, focus, tag, year
    key: str | None
    lang: str
    label: str  # what the scope is called in this language

    @property
    def facet(self) -> Facet:
        return BY_KIND[self.kind]

    @property
    def is_all(self) -> bool:
        return not self.facet.field

    @property
    def formats(self) -> tuple[str, ...]:
        """Its feed formats (``()``: it has no feeds)."""
        return self.facet.formats

    def url(self, page: int = 1) -> str:
        """Site-relative URL of its listing page ``page``."""
        return urls.listing(self.kind, self.key, self.lang, page)

    def page(self) -> str:
        """The HTML page its feeds mirror (the home page for ``all``)."""
        return urls.home(self.lang) if self.is_all else self.url()

    def path(self, fmt: str) -> str:
        """Site-relative path of its feed in format ``fmt``."""
        return urls.feed(fmt, self.lang, self.kind, self.key)

    def feeds(self) -> dict[str, str] | None:
        """Its own feeds (site-relative), if it has some."""
        return {fmt: self.path(fmt) for fmt in self.formats} or None

    def matches(self, article: Article) -> bool:
        return self.is_all or self.key in self.facet.keys(article)


def members(scopes: Iterable[Scope], articles: Iterable[Article]) -> dict[Scope, list[Article]]:
    """The articles of each scope, in the order given: one pass over the articles (each
    facet's keys read once per article), not one per scope."""
    chosen = list(scopes)
    articles = list(articles)
    by_key: dict[tuple[str, str], list[Article]] = {}
    kinds = {scope.kind for scope in chosen if not scope.is_all}
    for article in articles:
        for kind in kinds:
            for key in BY_KIND[kind].keys(article):
                by_key.setdefault((kind, key), []).append(article)
    return {
        scope: list(articles) if scope.is_all else by_key.get((scope.kind, scope.key or ""), [])
        for scope in chosen
    }


def registry_scopes(registries: Registries, lang: str, *, feeds_only: bool = False) -> list[Scope]:
    """A scope for every key of every registry facet (only those with feeds if
    ``feeds_only``), in facet then registry order, labelled in ``lang``."""
    found: list[Scope] = []
    for facet in with_registry():
        if feeds_only and not facet.has_feeds:
            continue
        assert facet.registry is not None  # with_registry() chose it for having one
        registry = getattr(registries, facet.registry)
        found.extend(
            Scope(facet.kind, key, lang, entry.label.get(lang)) for key, entry in registry.items()
        )
    return found


def all_scope(lang: str) -> Scope:
    """Every published article of ``lang``."""
    return Scope("all", None, lang, wording.text(lang, "page.all_news"))


def feed_scopes(registries: Registries, lang: str) -> list[Scope]:
    """Every scope of ``lang`` with feeds: all items first, then every registry key (empty
    ones too)."""
    return [all_scope(lang), *registry_scopes(registries, lang, feeds_only=True)]
