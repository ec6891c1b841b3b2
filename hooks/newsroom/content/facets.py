"""The facets: every kind of listing, declared once (CONTENT_MODEL.md sections 5 and 6).

A facet is one way to group the published articles: all of them, by a registry key (category,
type, unit, focus area), by a free tag, by year. :data:`FACETS` is the one table; listings,
feeds, the feed directory, OPML, URLs and ``newsroom new`` iterate it. A facet reads the
front-matter ``field`` of the content schema (:mod:`newsroom.content.schema`), and through it the
registry whose every key gets a page (and feeds, when ``formats`` names some), even an empty
one. Its pages live under ``root`` (``chuyen-muc/<key>/``; ``en/`` in front for English).

A new facet is one row here (and its wording: the titles of its pages and feed groups).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import schema
from .model import Article

#: The feed formats of the site-wide stream; a registry facet's streams have no JSON Feed.
ALL_FORMATS = ("rss", "atom", "json")
KEY_FORMATS = ("rss", "atom")


@dataclass(frozen=True)
class Facet:
    """One kind of listing."""

    kind: str  # its name in URLs of code: ``urls.listing(kind, key, lang)``
    root: str  # the URL segment of its pages, the same in every language
    field: str = ""  # the front-matter field it groups by (empty: every article)
    formats: tuple[str, ...] = ()  # the feed formats of each of its streams (none: no feeds)

    @property
    def registry(self) -> str | None:
        """The :class:`~newsroom.content.registries.Registries` attribute whose keys it lists."""
        return schema.BY_NAME[self.field].registry if self.field else None

    @property
    def has_feeds(self) -> bool:
        return bool(self.formats)

    def keys(self, article: Article) -> tuple[str, ...]:
        """The keys of this facet that ``article`` carries (``()`` for ``all``)."""
        if not self.field:
            return ()
        if self.field == "date":
            return (str(article.year),)
        value = getattr(article, self.field)
        return tuple(value) if isinstance(value, tuple) else (value,)


#: Every facet, in the order of the listing pages, the feed directory and OPML.
FACETS: tuple[Facet, ...] = (
    Facet("all", "tin-tuc", formats=ALL_FORMATS),
    Facet("category", "chuyen-muc", "category", KEY_FORMATS),
    Facet("type", "loai-tin", "type", KEY_FORMATS),
    Facet("unit", "don-vi", "unit", KEY_FORMATS),
    Facet("focus", "trong-tam", "focus_areas"),
    Facet("tag", "the", "tags"),
    Facet("year", "tin-tuc", "date"),
)
BY_KIND: dict[str, Facet] = {f.kind: f for f in FACETS}
#: URL segments no page of the editors may use (listing pages live there).
ROOTS: frozenset[str] = frozenset(f.root for f in FACETS)


def with_registry() -> Iterator[Facet]:
    """Facets whose every registry key has a page (even an empty one), in table order."""
    return (f for f in FACETS if f.registry is not None)


def required_keys() -> tuple[Facet, ...]:
    """Registry facets whose field every article must have (one key each), in the schema's
    order: what ``newsroom new`` asks for (type, category, unit)."""
    by_field = {f.field: f for f in with_registry()}
    return tuple(
        by_field[spec.name]
        for spec in schema.FIELDS
        if spec.name in by_field
        and spec.need is schema.Need.ALWAYS
        and spec.reader is schema.Reader.KEY
    )
