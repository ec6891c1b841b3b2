"""OPML 2.0 directories of every feed stream of both languages.

One format per file, so that importing a file subscribes to each stream once (listing RSS,
Atom and JSON of the same stream showed every article three times): ``/feeds/feeds.opml``
lists the RSS feeds, ``feeds-atom.opml`` and ``feeds-json.opml`` the others (:data:`FILES`).
Grouped by language, then by kind (all items, categories, types, units). Deterministic:
the only date is the site's newest public change, never the clock.
"""

from __future__ import annotations

from email.utils import format_datetime

from lxml import etree

from ..common import wording
from ..content.corpus import Corpus
from ..content.settings import LANGUAGES
from ..site import urls
from .directory import directory
from .feeds import site_updated

FORMAT_NAME = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
OPML_SPEC = "http://opml.org/spec2.opml"
#: Site-relative path of each format's directory.
FILES = {"rss": urls.OPML, "atom": "feeds/feeds-atom.opml", "json": "feeds/feeds-json.opml"}


def _podcast(parent: etree._Element, site_url: str, lang: str) -> None:
    from .podcast import path

    text = "Podcast"
    etree.SubElement(
        parent,
        "outline",
        {
            "type": "rss",
            "text": text,
            "title": text,
            "description": wording.text(lang, "feeds.podcast_description"),
            "xmlUrl": urls.absolute(site_url, path(lang)),
            "htmlUrl": urls.absolute(site_url, urls.home(lang)),
            "language": lang,
            "version": "RSS2",
        },
    )


def render(corpus: Corpus, fmt: str = "rss") -> bytes:
    """The OPML document listing every stream of every language once, in format ``fmt``
    (a stream without that format, e.g. JSON of a category, is left out)."""
    settings = corpus.settings
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    title = " — ".join(wording.text(lang, "feeds.directory_title") for lang in LANGUAGES)
    etree.SubElement(head, "title").text = f"{title} ({FORMAT_NAME[fmt]})"
    etree.SubElement(head, "dateModified").text = format_datetime(site_updated(corpus))
    etree.SubElement(head, "ownerName").text = wording.text("vi", "site.publisher")
    etree.SubElement(head, "ownerId").text = urls.absolute(settings.site_url, urls.PRESS_ROOM)
    etree.SubElement(head, "docs").text = OPML_SPEC
    body = etree.SubElement(root, "body")
    for lang in LANGUAGES:
        name = wording.text(lang, "site.language_name")
        language = etree.SubElement(body, "outline", text=name, title=name)
        for group in directory(corpus.registries, settings, lang):
            kind = etree.SubElement(language, "outline", text=group.title, title=group.title)
            for entry in group.entries:
                html_url = urls.absolute(settings.site_url, entry.scope.page())
                if fmt in entry.scope.formats:
                    text = entry.full_title
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
        if fmt == "rss":  # the audio stream (newsroom.outputs.podcast) is RSS only
            _podcast(language, settings.site_url, lang)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
