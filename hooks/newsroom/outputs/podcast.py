"""A podcast feed per language (``feeds/podcast.xml``, ``en/feeds/podcast.xml``): RSS 2.0 with
the iTunes tags podcast apps read, one item per published article that carries an
``<audio>`` of the site's own files (``newsroom.content.media``), its file as the enclosure.

Deterministic: dates come from the articles, never the clock.
"""

from __future__ import annotations

from email.utils import format_datetime

from lxml import etree

from ..common import wording
from ..content.corpus import Corpus
from ..content.media import media_blocks
from ..content.model import Article
from ..content.paths import media_type, resolve
from ..site import urls
from ..site.portal import DEFAULT_IMAGE
from .feed_items import item_id
from .feeds import EPOCH

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
CATEGORY = "Government"


def path(lang: str) -> str:
    return urls.prefix(lang) + "feeds/podcast.xml"


def audio_file(article: Article) -> str | None:
    """Docs-relative path of the article's first audio file, if it is one of the site's."""
    for tag, _offset, attrs, children in media_blocks(article.body):
        if tag != "audio":
            continue
        sources = [attrs.get("src")] + [a.get("src") for t, a in children if t == "source"]
        for src in sources:
            if src and src.startswith("/"):
                return resolve("", src)
    return None


def render(corpus: Corpus, lang: str) -> bytes:
    settings = corpus.settings
    site = settings.site_url
    episodes = []
    for article in corpus.articles(lang)[: settings.feed_limit]:
        found = audio_file(article)
        if found is not None and (settings.docs_dir / found).is_file():
            episodes.append((article, found))
    root = etree.Element("rss", version="2.0", nsmap={"itunes": ITUNES, "atom": ATOM})
    channel = etree.SubElement(root, "channel")
    title = wording.text(lang, "feeds.podcast_title").format(
        site=wording.text(lang, "site.news_title")
    )
    etree.SubElement(channel, "title").text = title
    etree.SubElement(channel, "link").text = urls.absolute(site, urls.home(lang))
    etree.SubElement(
        channel,
        f"{{{ATOM}}}link",
        href=urls.absolute(site, path(lang)),
        rel="self",
        type="application/rss+xml",
    )
    etree.SubElement(channel, "description").text = wording.text(lang, "feeds.podcast_description")
    etree.SubElement(channel, "language").text = lang
    newest = max((a.updated for a, _ in episodes), default=EPOCH)
    etree.SubElement(channel, "lastBuildDate").text = format_datetime(newest)
    etree.SubElement(channel, f"{{{ITUNES}}}author").text = wording.text(lang, "site.publisher")
    etree.SubElement(channel, f"{{{ITUNES}}}image", href=urls.absolute(site, DEFAULT_IMAGE))
    etree.SubElement(channel, f"{{{ITUNES}}}category", text=CATEGORY)
    etree.SubElement(channel, f"{{{ITUNES}}}explicit").text = "false"
    for article, found in episodes:
        item = etree.SubElement(channel, "item")
        etree.SubElement(item, "title").text = article.title
        etree.SubElement(item, "link").text = urls.absolute(site, article.url)
        etree.SubElement(item, "description").text = article.summary
        etree.SubElement(item, "guid", isPermaLink="false").text = item_id(settings, article)
        etree.SubElement(item, "pubDate").text = format_datetime(article.date)
        etree.SubElement(
            item,
            "enclosure",
            url=urls.absolute(site, found),
            length=str((settings.docs_dir / found).stat().st_size),
            type=media_type(found),
        )
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
