"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents of one feed (CONTENT_MODEL.md section 6).

Pure: given the channel data (:class:`FeedMeta`) and the items, each function returns the
file's bytes. The output depends only on its inputs, never on the clock or the feedgen
version, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from feedgen.feed import FeedGenerator
from lxml import etree

from ..common.text import strip_control
from .feed_items import FeedItem

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedMeta:
    """Channel-level data shared by the formats of one scope."""

    lang: str
    id: str
    title: str
    description: str
    publisher: str
    home: str  # absolute URL of the page the feed mirrors
    self_urls: dict[str, str]  # absolute URL of the feed in each of its formats
    updated: dt.datetime


def _generator(meta: FeedMeta, items: Iterable[FeedItem], fmt: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.generator("")  # no generator tag: output must not change with the feedgen version
    fg.docs("")
    fg.id(meta.id)
    fg.title(meta.title)
    fg.description(meta.description)
    fg.subtitle(meta.description)
    fg.author({"name": meta.publisher})
    fg.language(meta.lang)
    fg.link(href=meta.self_urls[fmt], rel="self")  # first: RSS keeps the last link
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


def rss(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    """RSS 2.0 with ``atom:link rel="self"``, ``content:encoded`` and ``dc:creator`` bylines."""
    root = etree.fromstring(_generator(meta, items, "rss").rss_str(pretty=False))
    return serialize(root)


def atom(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    """Atom 1.0; entry links are rewritten here (feedgen issue #135 drops their rel/type)."""
    fg = _generator(meta, items, "atom")
    root = etree.fromstring(fg.atom_str(pretty=False))
    by_id = {i.id: i for i in items}
    for entry in root.iter(f"{{{ATOM_NS}}}entry"):
        data = by_id[entry.findtext(f"{{{ATOM_NS}}}id") or ""]
        old = entry.findall(f"{{{ATOM_NS}}}link")
        position = entry.index(old[0]) if old else len(entry)
        for link in old:
            entry.remove(link)
        for offset, attrs in enumerate(_atom_links(data)):
            link = etree.Element(f"{{{ATOM_NS}}}link", attrs)
            entry.insert(position + offset, link)
    return serialize(root)


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


def serialize(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def json_feed(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": meta.title,
        "home_page_url": meta.home,
        "feed_url": meta.self_urls["json"],
        "description": meta.description,
        "language": meta.lang,
        "authors": [{"name": meta.publisher}],
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
