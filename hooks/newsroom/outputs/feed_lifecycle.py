"""Feeds that tell the truth over time, added to what ``newsroom.outputs.feeds`` renders:

- a withdrawn article is announced to the subscribers who already have it, for
  :data:`NOTICE_DAYS` days after its withdrawal: Atom gets an RFC 6721 ``at:deleted-entry``
  tombstone (``ref`` = the entry's id, ``when``, the public reason as ``at:comment``); RSS and
  JSON Feed, which have no tombstones, get a notice item that says so, with the reason;
- every item carries its lead image (the article's image, or the site's default picture):
  RSS ``media:content``, Atom ``link rel="enclosure"``, JSON Feed ``image``.

Only the title, the page address and the public reason of a withdrawn article are used: never
its summary or body. Deterministic: everything depends on the sources and the build's ``now``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import mimetypes
from email.utils import format_datetime, parsedate_to_datetime

from lxml import etree

from ..common import dates, wording
from ..content.corpus import Corpus
from ..content.model import Article
from ..content.visibility import Visibility
from ..site import urls
from ..site.portal import DEFAULT_IMAGE, image_url
from ..site.scopes import Scope
from .feed_formats import ATOM_NS
from .feed_items import item_id
from .feeds import scopes

#: How long a withdrawal stays announced in RSS and JSON Feed (and as an Atom tombstone).
NOTICE_DAYS = 30
TOMBSTONE_NS = "http://purl.org/atompub/tombstones/1.0"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def recently_withdrawn(corpus: Corpus, lang: str, days: int = NOTICE_DAYS) -> list[Article]:
    """Withdrawn articles of ``lang`` whose withdrawal is at most ``days`` old, newest first."""
    since = corpus.now - dt.timedelta(days=days)
    found = [
        e.article
        for e in corpus.entries.values()
        if e.visibility is Visibility.WITHDRAWN
        and e.article.lang == lang
        and e.article.withdrawn is not None
        and since <= e.article.withdrawn.at <= corpus.now
    ]
    return sorted(found, key=_withdrawal_order, reverse=True)


def _withdrawal_order(article: Article) -> tuple[dt.datetime, str]:
    assert article.withdrawn is not None  # chosen above for having one
    return article.withdrawn.at, article.id


def amend(files: dict[str, bytes], corpus: Corpus, lang: str, days: int = NOTICE_DAYS) -> None:
    """Add tombstones, notices and lead images to every feed of ``lang`` in ``files``."""
    withdrawn = recently_withdrawn(corpus, lang, days)
    images = _LeadImages(corpus, lang)
    for scope in scopes(corpus.registries, lang):
        gone = [a for a in withdrawn if scope.matches(a)]
        for fmt in scope.formats:
            path = scope.path(fmt)
            if path in files:
                files[path] = _AMEND[fmt](files[path], gone, images, corpus, scope, days)


class _LeadImages:
    """Each feed item's lead image by item id, looked up when a feed first shows the item:
    the feeds carry a few hundred of the language's articles, not all 10,000 (each lookup
    checks a file)."""

    def __init__(self, corpus: Corpus, lang: str) -> None:
        self._corpus = corpus
        self._articles = {item_id(corpus.settings, a): a for a in corpus.articles(lang)}
        self._found: dict[str, tuple[str, str, int | None] | None] = {}

    def get(self, key: str | None) -> tuple[str, str, int | None] | None:
        if key is None:
            return None
        if key not in self._found:
            article = self._articles.get(key)
            found = _lead_image(self._corpus, article) if article is not None else None
            self._found[key] = found
        return self._found[key]


def _lead_image(corpus: Corpus, article: Article) -> tuple[str, str, int | None]:
    """(absolute URL, media type, size in bytes if the file is the site's own)."""
    url, _alt, default = image_url(corpus.settings.site_url, article)
    if default:
        local = corpus.settings.docs_dir / DEFAULT_IMAGE
    elif article.image is not None and not article.image.external:
        local = corpus.settings.docs_dir / article.image.src_uri
    else:
        local = None
    size = local.stat().st_size if local is not None and local.is_file() else None
    return url, _media_type(url), size


def _notice(article: Article, corpus: Corpus, days: int) -> dict[str, str]:
    words = wording.section(article.lang, "feeds")
    assert article.withdrawn is not None
    return {
        "id": item_id(corpus.settings, article) + "#withdrawn",
        "url": urls.absolute(corpus.settings.site_url, article.url),
        "title": words["withdrawn_title"].format(title=article.title),
        "text": words["withdrawn_text"].format(
            title=article.title,
            at=dates.show_datetime(article.withdrawn.at, article.lang),
            reason=article.withdrawn.reason,
            days=days,
        ),
    }


def _media_type(url: str) -> str:
    return mimetypes.guess_type(url.split("?", 1)[0])[0] or "image/jpeg"


def _rss(data, gone, images, corpus, scope: Scope, days) -> bytes:
    root = etree.fromstring(data)
    nsmap = {**root.nsmap, "media": MEDIA_NS}
    root = _with_namespaces(root, nsmap)
    channel = root.find("channel")
    if channel is None:
        raise ValueError("RSS without <channel>")
    for item in channel.findall("item"):
        image = images.get(item.findtext("guid"))
        if image:
            url, media_type, size = image
            attrs = {"url": url, "medium": "image", "type": media_type}
            if size is not None:
                attrs["fileSize"] = str(size)
            etree.SubElement(item, f"{{{MEDIA_NS}}}content", attrs)
    for article in gone:
        notice = _notice(article, corpus, days)
        item = etree.Element("item")
        etree.SubElement(item, "title").text = notice["title"]
        etree.SubElement(item, "link").text = notice["url"]
        # RSS <description> is HTML: the editor's reason is escaped once, as text
        etree.SubElement(item, "description").text = html.escape(notice["text"], quote=False)
        etree.SubElement(item, "guid", isPermaLink="false").text = notice["id"]
        assert article.withdrawn is not None
        etree.SubElement(item, "pubDate").text = format_datetime(article.withdrawn.at)
        etree.SubElement(item, "category").text = "withdrawn"
        _insert_by_date(channel, item)
    return _serialize(root)


def _insert_by_date(channel: etree._Element, new: etree._Element) -> None:
    """Keep the channel newest first."""
    when = parsedate_to_datetime(new.findtext("pubDate") or "")
    for item in channel.findall("item"):
        stamp = item.findtext("pubDate")
        if stamp and parsedate_to_datetime(stamp) < when:
            item.addprevious(new)
            return
    channel.append(new)


def _atom(data, gone, images, corpus, scope: Scope, days) -> bytes:
    root = etree.fromstring(data)
    root = _with_namespaces(root, {**root.nsmap, "at": TOMBSTONE_NS})
    for entry in root.iter(f"{{{ATOM_NS}}}entry"):
        image = images.get(entry.findtext(f"{{{ATOM_NS}}}id"))
        if image:
            url, media_type, size = image
            # an image of another site has no known length: a related link, not an enclosure
            attrs = {"rel": "enclosure" if size is not None else "related"}
            attrs.update({"type": media_type, "href": url})
            if size is not None:
                attrs["length"] = str(size)
            links = entry.findall(f"{{{ATOM_NS}}}link")
            link = etree.Element(f"{{{ATOM_NS}}}link", attrs)
            (links[-1].addnext if links else entry.append)(link)
    for article in gone:
        notice = _notice(article, corpus, days)
        tomb = etree.SubElement(
            root,
            f"{{{TOMBSTONE_NS}}}deleted-entry",
            ref=item_id(corpus.settings, article),
            when=dates.iso(article.withdrawn.at),
        )
        etree.SubElement(tomb, f"{{{ATOM_NS}}}link", rel="alternate", href=notice["url"])
        comment = etree.SubElement(tomb, f"{{{TOMBSTONE_NS}}}comment")
        comment.set("{http://www.w3.org/XML/1998/namespace}lang", article.lang)
        comment.text = article.withdrawn.reason
    return _serialize(root)


def _json(data, gone, images, corpus, scope: Scope, days) -> bytes:
    feed = json.loads(data)
    for item in feed["items"]:
        image = images.get(item["id"])
        if image:
            item["image"] = image[0]
    for article in gone:
        notice = _notice(article, corpus, days)
        feed["items"].append(
            {
                "id": notice["id"],
                "url": notice["url"],
                "title": notice["title"],
                "content_text": notice["text"],
                "date_published": dates.iso(article.withdrawn.at),
                "tags": ["withdrawn"],
            }
        )
    feed["items"].sort(key=lambda i: dt.datetime.fromisoformat(i["date_published"]), reverse=True)
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _with_namespaces(root: etree._Element, nsmap: dict) -> etree._Element:
    """A copy of ``root`` that declares ``nsmap`` on its top element (lxml cannot add them)."""
    if all(root.nsmap.get(k) == v for k, v in nsmap.items()):
        return root
    new = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=nsmap)
    new.text = root.text
    for child in root:
        new.append(child)
    return new


def _serialize(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


_AMEND = {"rss": _rss, "atom": _atom, "json": _json}
