"""OPML 2.0 directory of every feed of both languages (``/feeds/feeds.opml``).

Grouped by language, then by kind (all items, categories, types, units). Deterministic:
the only date is the site's newest public change, never the clock.
"""

from __future__ import annotations

from email.utils import format_datetime

from lxml import etree

from . import urls
from .corpus import Corpus
from .directory import directory
from .feeds import PUBLISHER, site_updated
from .settings import LANGUAGES

TITLE = "Nguồn tin Bộ Tư pháp — Ministry of Justice of Viet Nam feeds"
LANGUAGE_NAME = {"vi": "Tiếng Việt", "en": "English"}
FORMAT_NAME = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
OPML_SPEC = "http://opml.org/spec2.opml"


def render(corpus: Corpus) -> bytes:
    """The OPML document listing every RSS, Atom and JSON feed of every language."""
    settings = corpus.settings
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = TITLE
    etree.SubElement(head, "dateModified").text = format_datetime(site_updated(corpus))
    etree.SubElement(head, "ownerName").text = PUBLISHER["vi"]
    etree.SubElement(head, "ownerId").text = urls.absolute(settings.site_url, urls.PRESS_ROOM)
    etree.SubElement(head, "docs").text = OPML_SPEC
    body = etree.SubElement(root, "body")
    for lang in LANGUAGES:
        name = LANGUAGE_NAME.get(lang, lang)
        language = etree.SubElement(body, "outline", text=name, title=name)
        for group in directory(corpus.registries, settings, lang):
            kind = etree.SubElement(language, "outline", text=group.title, title=group.title)
            for entry in group.entries:
                html_url = urls.absolute(settings.site_url, entry.scope.page())
                for fmt in entry.scope.formats:
                    text = f"{entry.full_title} ({FORMAT_NAME[fmt]})"
                    attrs = {
                        "type": "rss",
                        "text": text,
                        "title": text,
                        "xmlUrl": getattr(entry, fmt),
                        "htmlUrl": html_url,
                        "language": lang,
                    }
                    if fmt == "rss":
                        attrs["version"] = "RSS2"
                    etree.SubElement(kind, "outline", attrs)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
