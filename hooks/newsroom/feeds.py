"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for one language (CONTENT_MODEL.md section 6).

Pure: given a :class:`~newsroom.corpus.Corpus` (published articles only), a language and a
:class:`ContentRenderer`, :func:`render_feeds` returns ``{site-relative path: bytes}``. The
output depends only on the sources and ``now``, never on the clock or the feedgen version,
so the same inputs give byte-identical files.

Identity: an item's RSS ``guid`` / Atom ``id`` / JSON ``id`` is a tag URI built from the
article ``id`` and language (:func:`item_id`), so renaming a file or retitling never makes an
item "new". ``published`` is the first publication; ``updated`` moves only with a public
update or correction, whose note is prepended to the content.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import markdown
from feedgen.feed import FeedGenerator
from lxml import etree

from . import cache, dates, urls, wording
from .corpus import Corpus, static_page_url
from .model import Article
from .paths import resolve, translation_of
from .registries import Registries
from .sanitize import sanitize_html
from .settings import Settings
from .text import strip_control

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
#: The date part of every tag URI. Fixed forever: changing it would change every id.
TAG_DATE = "2024"
#: ``updated`` of an empty feed on an empty site (never the clock).
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


_URL_ATTR = re.compile(r'(\s(?:href|src|cite)=")([^"]*)(")')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')


# -- scopes -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedScope:
    """One feed set: all items of a language, or one category, type or unit."""

    lang: str
    kind: str = "all"  # "all" or one of urls.FEED_KINDS
    key: str | None = None

    @property
    def formats(self) -> tuple[str, ...]:
        return ("rss", "atom", "json") if self.kind == "all" else ("rss", "atom")

    def path(self, fmt: str) -> str:
        return urls.feed(fmt, self.lang, self.kind, self.key)

    def page(self) -> str:
        """The HTML page this feed mirrors (home page for ``all``)."""
        return (
            urls.home(self.lang)
            if self.kind == "all"
            else urls.listing(self.kind, self.key, self.lang)
        )

    def matches(self, article: Article) -> bool:
        return self.kind == "all" or getattr(article, self.kind) == self.key

    def label(self, registries: Registries) -> str | None:
        """Localized label of the scope's registry entry (``None`` for ``all``)."""
        if self.kind == "all":
            return None
        table = {"category": registries.categories, "type": registries.types}
        entry = table.get(self.kind, registries.units)[self.key]  # type: ignore[index]
        return entry.label.get(self.lang)

    def title(self, registries: Registries) -> str:
        label = self.label(registries)
        base = wording.text(self.lang, "site.news_title")
        if label is None:
            return base
        return f"{base} — {wording.text(self.lang, f'feeds.word_{self.kind}')}: {label}"

    def description(self, registries: Registries) -> str:
        label = self.label(registries)
        if label is None:
            return wording.text(self.lang, "feeds.description_all")
        word = wording.text(self.lang, f"feeds.word_{self.kind}")
        return wording.text(self.lang, "feeds.description_scoped").format(word=word, label=label)


def scopes(registries: Registries, lang: str) -> list[FeedScope]:
    """Every feed scope of ``lang``: all items, then every registry key (empty ones too)."""
    tables = {
        "category": registries.categories,
        "type": registries.types,
        "unit": registries.units,
    }
    found = [FeedScope(lang)]
    for kind in urls.FEED_KINDS:
        found.extend(FeedScope(lang, kind, key) for key in tables[kind])
    return found


# -- identity ---------------------------------------------------------------------------------
def authority(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def item_id(settings: Settings, article: Article) -> str:
    """``tag:baochi.moj.gov.vn,2024:tin-tuc/<id>/vi`` — independent of file name and title."""
    tail = f"{settings.articles_dir}/{article.id}/{article.lang}"
    return f"tag:{authority(settings.site_url)},{TAG_DATE}:{tail}"


def feed_id(settings: Settings, scope: FeedScope) -> str:
    tail = "all" if scope.kind == "all" else f"{scope.kind}/{scope.key}"
    return f"tag:{authority(settings.site_url)},{TAG_DATE}:feeds/{scope.lang}/{tail}"


# -- content ----------------------------------------------------------------------------------
@dataclass
class ContentRenderer:
    """Article Markdown → sanitised HTML with absolute links, as on the page.

    ``extensions`` and ``configs`` are MkDocs' ``markdown_extensions`` and ``mdx_configs``.
    """

    extensions: list[Any]
    configs: dict[str, dict[str, Any]]
    iframe_hosts: tuple[str, ...] = ()
    sanitizer: Callable[..., tuple[str, list[str]]] = sanitize_html
    #: the content cache (newsroom.cache): bodies already converted by an earlier build
    store: cache.Store | None = None
    _md: markdown.Markdown | None = field(default=None, init=False, repr=False)
    _scope: str = field(default="", init=False, repr=False)

    def render(self, article: Article, corpus: Corpus) -> str:
        clean = self._clean(article.body)
        return _URL_ATTR.sub(lambda m: _absolute_attr(m, article, corpus), clean)

    def _clean(self, body: str) -> str:
        """The body converted and sanitised, before links are made absolute (cached by the
        body, the Markdown configuration, the iframe hosts and the code that converts)."""
        key = ""
        if self.store is not None:
            if not self._scope:
                self._scope = cache.key(
                    cache.code_version(),
                    cache.package_versions("markdown", "pymdown-extensions"),
                    cache.stable_repr((self.extensions, self.configs)),
                    cache.stable_repr((self.iframe_hosts, self.sanitizer)),
                )
            key = cache.key(self._scope, body)
            hit = self.store.get(key)
            if hit is not None:
                return hit
        if self._md is None:
            self._md = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
        converted = self._md.reset().convert(strip_control(body))
        clean, _removed = self.sanitizer(converted, self.iframe_hosts)  # the page reports them
        clean = _HEADERLINK.sub("", clean)
        if self.store is not None:
            self.store.put(key, clean)
        return clean


def _absolute_attr(match: re.Match[str], article: Article, corpus: Corpus) -> str:
    value = html.unescape(match.group(2))
    return f"{match.group(1)}{html.escape(absolute_link(value, article, corpus))}{match.group(3)}"


def absolute_link(target: str, article: Article, corpus: Corpus) -> str:
    """Absolute URL of a link or image written in ``article``'s Markdown source.

    Relative paths are resolved against the source file's folder (as MkDocs does), a ``.md``
    target becomes that page's URL (the article's language version when it is published),
    a bare ``#anchor`` points into the article's page.
    """
    site_url = corpus.settings.site_url
    parts = urlsplit(target)
    if parts.scheme or target.startswith("//"):
        return target
    page = urls.absolute(site_url, article.url)
    if not parts.path:
        return page + (f"#{parts.fragment}" if parts.fragment else "")
    src_uri = resolve(posixpath.dirname(article.src_uri), parts.path)
    if src_uri is None:
        return page
    path = _page_url(src_uri, article.lang, corpus) if src_uri.endswith(".md") else src_uri
    tail = (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    return urls.absolute(site_url, path) + tail


def _page_url(src_uri: str, lang: str, corpus: Corpus) -> str:
    if lang != "vi":
        translated = translation_of(src_uri, lang)
        entry = corpus.get(translated)
        if entry is not None and entry.visibility.is_published:
            return entry.article.url
    entry = corpus.get(src_uri)
    return entry.article.url if entry is not None else static_page_url(src_uri)


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


# -- items ------------------------------------------------------------------------------------
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


def make_item(article: Article, corpus: Corpus, renderer: ContentRenderer) -> FeedItem:
    settings = corpus.settings
    tz = settings.timezone
    registries = corpus.registries
    lang = article.lang
    categories = (
        Category(
            article.category,
            registries.categories[article.category].label.get(lang),
            urls.absolute(settings.site_url, urls.listing("category", article.category, lang)),
        ),
        Category(
            article.type,
            registries.types[article.type].label.get(lang),
            urls.absolute(settings.site_url, urls.listing("type", article.type, lang)),
        ),
    )
    enclosures = tuple(
        Enclosure(
            urls.absolute(settings.site_url, urls.file_url(a.src_uri)),
            a.media_type,
            a.size,
            strip_control(a.title),
        )
        for a in article.attachments
    )
    return FeedItem(
        id=item_id(settings, article),
        url=urls.absolute(settings.site_url, article.url),
        lang=lang,
        title=strip_control(article.title),
        summary=strip_control(article.summary),
        content_html=update_notes(article, tz) + renderer.render(article, corpus),
        published=article.date.astimezone(tz),
        updated=article.updated.astimezone(tz),
        authors=tuple(strip_control(a) for a in article.authors),
        categories=categories,
        enclosures=enclosures,
    )


# -- rendering --------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedMeta:
    """Channel-level data shared by the formats of one scope."""

    scope: FeedScope
    id: str
    title: str
    description: str
    home: str
    updated: dt.datetime

    def self_url(self, settings: Settings, fmt: str) -> str:
        return urls.absolute(settings.site_url, self.scope.path(fmt))


def render_feeds(corpus: Corpus, lang: str, renderer: ContentRenderer) -> dict[str, bytes]:
    """Every feed file of ``lang``: ``{site-relative path: content}``."""
    settings = corpus.settings
    articles = corpus.articles(lang)  # published only, newest first
    fallback = site_updated(corpus)
    cache: dict[str, FeedItem] = {}

    def item(article: Article) -> FeedItem:
        if article.src_uri not in cache:
            cache[article.src_uri] = make_item(article, corpus, renderer)
        return cache[article.src_uri]

    out: dict[str, bytes] = {}
    for scope in scopes(corpus.registries, lang):
        chosen = [a for a in articles if scope.matches(a)][: settings.feed_limit]
        items = [item(a) for a in chosen]
        meta = FeedMeta(
            scope,
            feed_id(settings, scope),
            scope.title(corpus.registries),
            scope.description(corpus.registries),
            urls.absolute(settings.site_url, scope.page()),
            max((i.updated for i in items), default=fallback),
        )
        out[scope.path("rss")] = rss(meta, items, settings)
        out[scope.path("atom")] = atom(meta, items, settings)
        if "json" in scope.formats:
            out[scope.path("json")] = json_feed(meta, items, settings)
    return out


def site_updated(corpus: Corpus) -> dt.datetime:
    """Newest public change of the whole site: the ``updated`` of an empty feed."""
    newest = max((a.updated for a in corpus.articles()), default=EPOCH)
    return newest.astimezone(corpus.settings.timezone)


def _generator(
    meta: FeedMeta, items: Iterable[FeedItem], settings: Settings, fmt: str
) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.generator("")  # no generator tag: output must not change with the feedgen version
    fg.docs("")
    fg.id(meta.id)
    fg.title(meta.title)
    fg.description(meta.description)
    fg.subtitle(meta.description)
    fg.author({"name": wording.text(meta.scope.lang, "site.publisher")})
    fg.language(meta.scope.lang)
    fg.link(href=meta.self_url(settings, fmt), rel="self")  # first: RSS keeps the last link
    fg.link(href=meta.home, rel="alternate")
    fg.updated(meta.updated)
    for data in items:
        entry = fg.add_entry(order="append")
        entry.id(data.id)
        entry.guid(data.id, permalink=False)
        entry.title(data.title)
        entry.link(href=data.url, rel="alternate")
        entry.summary(data.summary)  # Atom <summary> and JSON Feed "summary" are plain text
        entry.description(html.escape(data.summary, quote=False))  # RSS <description> is HTML
        entry.content(data.content_html, type="html")
        entry.published(data.published)
        entry.updated(data.updated)
        for author in data.authors:
            entry.author({"name": author})
        if data.authors:
            entry.dc.dc_creator(list(data.authors))
        for cat in data.categories:
            entry.category(term=cat.term, label=cat.label, scheme=cat.scheme)
        if data.enclosures:  # RSS allows one: the first
            first = data.enclosures[0]
            entry.enclosure(first.url, str(first.length), first.media_type)
    return fg


def rss(meta: FeedMeta, items: list[FeedItem], settings: Settings) -> bytes:
    """RSS 2.0 with ``atom:link rel="self"``, ``content:encoded`` and ``dc:creator`` bylines."""
    root = etree.fromstring(_generator(meta, items, settings, "rss").rss_str(pretty=False))
    return _serialize(root)


def atom(meta: FeedMeta, items: list[FeedItem], settings: Settings) -> bytes:
    """Atom 1.0; entry links are rewritten here (feedgen issue #135 drops their rel/type)."""
    fg = _generator(meta, items, settings, "atom")
    root = etree.fromstring(fg.atom_str(pretty=False))
    by_id = {i.id: i for i in items}
    for entry in root.iter(f"{{{ATOM_NS}}}entry"):
        data = by_id[entry.findtext(f"{{{ATOM_NS}}}id")]
        old = entry.findall(f"{{{ATOM_NS}}}link")
        position = entry.index(old[0]) if old else len(entry)
        for link in old:
            entry.remove(link)
        for offset, attrs in enumerate(_atom_links(data)):
            link = etree.Element(f"{{{ATOM_NS}}}link", attrs)
            entry.insert(position + offset, link)
    return _serialize(root)


def _atom_links(item: FeedItem) -> list[dict[str, str]]:
    links = [{"rel": "alternate", "type": "text/html", "href": item.url}]
    links.extend(
        {
            "rel": "enclosure",
            "type": e.media_type,
            "length": str(e.length),
            "title": strip_control(e.title),
            "href": e.url,
        }
        for e in item.enclosures
    )
    return links


def _serialize(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def json_feed(meta: FeedMeta, items: list[FeedItem], settings: Settings) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": meta.title,
        "home_page_url": meta.home,
        "feed_url": meta.self_url(settings, "json"),
        "description": meta.description,
        "language": meta.scope.lang,
        "authors": [{"name": wording.text(meta.scope.lang, "site.publisher")}],
        "items": [_json_item(i) for i in items],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(item: FeedItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "content_html": item.content_html,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "language": item.lang,
        "tags": [c.label for c in item.categories],
    }
    if item.authors:
        data["authors"] = [{"name": a} for a in item.authors]
    if item.enclosures:
        data["attachments"] = [
            {"url": e.url, "mime_type": e.media_type, "title": e.title, "size_in_bytes": e.length}
            for e in item.enclosures
        ]
    return data
