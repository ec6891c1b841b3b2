"""One feed item per published article: its identity and everything the formats print.

Identity: an item's RSS ``guid`` / Atom ``id`` / JSON ``id`` is a tag URI built from the
article ``id`` and language (:func:`item_id`), so renaming a file or retitling never makes an
item "new". ``published`` is the first publication; ``updated`` moves only with a public
update or correction, whose note is prepended to the content.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..common import dates, wording
from ..common.text import strip_control
from ..content.corpus import Corpus
from ..content.facets import BY_KIND
from ..content.model import Article
from ..content.settings import Settings
from ..site import urls
from .feed_content import PageHTML, absolute_html

#: The date part of every tag URI. Fixed forever: changing it would change every id.
TAG_DATE = "2024"


def authority(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def item_id(settings: Settings, article: Article) -> str:
    """``tag:baochi.moj.gov.vn,2024:tin-tuc/<id>/vi`` — independent of file name and title."""
    tail = f"{settings.articles_dir}/{article.id}/{article.lang}"
    return f"tag:{authority(settings.site_url)},{TAG_DATE}:{tail}"


def update_notes(article: Article, tz: dt.tzinfo) -> str:
    """``<p>`` per public update, newest first: "Đính chính (05/10/2024): note"."""
    paragraphs = []
    words = wording.section(article.lang, "page")
    for update in article.sorted_updates:
        word = words[update.kind]
        day = dates.show_date(update.at.astimezone(tz), article.lang)
        paragraphs.append(
            f'<p class="newsroom-{update.kind}"><strong>{word} ({day}):</strong> '
            f"{html.escape(strip_control(update.note))}</p>\n"
        )
    return "".join(paragraphs)


@dataclass(frozen=True)
class Enclosure:
    url: str
    media_type: str
    length: int
    title: str


@dataclass(frozen=True)
class Category:
    term: str
    label: str
    scheme: str  # absolute URL of the listing page


@dataclass(frozen=True)
class FeedItem:
    """Everything the three formats need of one article, computed once."""

    id: str
    url: str
    lang: str
    title: str
    summary: str
    content_html: str
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[str, ...]
    categories: tuple[Category, ...]
    enclosures: tuple[Enclosure, ...]


#: The facets whose key an item names as a category (term, label, listing page).
CATEGORY_FACETS = ("category", "type")


def make_item(article: Article, corpus: Corpus, page: PageHTML | None) -> FeedItem:
    """The item of ``article``; ``page`` is its page body (``None``: the update notes only)."""
    settings = corpus.settings
    tz = settings.timezone
    lang = article.lang
    categories = tuple(_category(article, corpus, kind) for kind in CATEGORY_FACETS)
    enclosures = tuple(
        Enclosure(
            urls.absolute(settings.site_url, urls.file_url(a.src_uri)),
            a.media_type,
            a.size,
            strip_control(a.title),
        )
        for a in article.attachments
    )
    body = absolute_html(page, settings.site_url) if page is not None else ""
    return FeedItem(
        id=item_id(settings, article),
        url=urls.absolute(settings.site_url, article.url),
        lang=lang,
        title=strip_control(article.title),
        summary=strip_control(article.summary),
        content_html=update_notes(article, tz) + body,
        published=article.date.astimezone(tz),
        updated=article.updated.astimezone(tz),
        authors=tuple(strip_control(a) for a in article.authors),
        categories=categories,
        enclosures=enclosures,
    )


def _category(article: Article, corpus: Corpus, kind: str) -> Category:
    facet = BY_KIND[kind]
    assert facet.registry is not None  # CATEGORY_FACETS read registries
    key = getattr(article, facet.field)
    label = getattr(corpus.registries, facet.registry)[key].label.get(article.lang)
    scheme = urls.listing(kind, key, article.lang)
    return Category(key, label, urls.absolute(corpus.settings.site_url, scheme))
