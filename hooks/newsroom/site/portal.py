"""The portal as an official site: its identity (Decree 42/2022/NĐ-CP), page addresses in both
languages, and what a shared link shows (canonical URL, Open Graph, JSON-LD, share links).

Pure functions over plain values; ``hooks/portal.py`` feeds them from MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ..common import dates, wording
from ..content.model import Article
from . import urls

#: Decree 42/2022/NĐ-CP, art. 9: what the home page of an agency's portal must show about whose
#: site it is. Each value is one text for both languages or ``{vi: ..., en: ...}``.
IDENTITY_FIELDS = ("agency", "address", "phone", "email", "responsible", "licence")

#: Default picture for shared links and structured data (1200×630, the size Zalo and Facebook
#: show in full), relative to the site root.
DEFAULT_IMAGE = "assets/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
LOGO = "assets/logo-512.png"

_PAGES = {"about": "gioi-thieu/", "contact": "lien-he/", "accessibility": "kha-nang-tiep-can/"}


class IdentityError(ValueError):
    """The identity block of ``mkdocs.yml`` lacks a field that Decree 42/2022 requires."""


def identity(config: Mapping[str, Any] | None, lang: str) -> dict[str, str]:
    """The footer's identity fields in ``lang``; raises :class:`IdentityError` naming a gap."""
    config = config or {}
    missing = [name for name in IDENTITY_FIELDS if not _text(config.get(name), lang)]
    if missing:
        raise IdentityError(
            "extra.newsroom.identity: thiếu / missing "
            + ", ".join(missing)
            + " (Nghị định 42/2022/NĐ-CP)"
        )
    shown = {name: _text(config.get(name), lang) for name in IDENTITY_FIELDS}
    shown["phone_uri"] = "tel:" + "".join(c for c in shown["phone"] if c.isdigit() or c == "+")
    shown["copyright"] = _text(config.get("copyright"), lang) or ""
    return shown


def _text(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        value = value.get(lang) or value.get("vi")
    return str(value).strip() if value else ""


def site_links(lang: str) -> dict[str, str]:
    """Site-relative addresses of the pages the footer names."""
    links = {key: urls.prefix(lang) + path for key, path in _PAGES.items()}
    links["feeds"] = urls.prefix(lang) + urls.FEEDS_PAGE
    return links


def clean_url(url: str) -> str:
    """A site-relative page URL as MkDocs gives it, without the home page's ``./``."""
    return "" if url in (".", "./") else url.removeprefix("./")


def alternates(
    site_url: str, lang: str, own_url: str, others: Mapping[str, str]
) -> list[dict[str, str]]:
    """hreflang alternates: the page itself and its real translations only, absolute URLs.

    ``others`` maps a language to the URL of a translation that exists; a page without one
    declares none (static-i18n would name the other language's home page).
    """
    found = {lang: own_url, **{k: v for k, v in others.items() if k != lang}}
    if len(found) < 2:
        return []
    items = [
        {"lang": code, "url": urls.absolute(site_url, clean_url(url))}
        for code, url in sorted(found.items())
    ]
    if "vi" in found:
        items.append({"lang": "x-default", "url": urls.absolute(site_url, clean_url(found["vi"]))})
    return items


def share_links(url: str, title: str, lang: str, zalo: str, facebook: str) -> list[dict[str, str]]:
    """Plain links to share ``url``: nothing is loaded from elsewhere until one is followed.

    ``zalo`` and ``facebook`` are URL templates from config with ``{url}`` in them.
    """
    t = wording.section(lang, "portal")
    encoded = quote(url, safe="")
    subject = quote(title, safe="")
    return [
        {"key": "zalo", "label": "Zalo", "url": zalo.replace("{url}", encoded)},
        {"key": "facebook", "label": "Facebook", "url": facebook.replace("{url}", encoded)},
        {
            "key": "email",
            "label": t["share_email"],
            "url": f"mailto:?subject={subject}&body={encoded}",
        },
    ]


def image_url(site_url: str, article: Article | None) -> tuple[str, str, bool]:
    """(absolute URL, alt text, is the default) of the picture a shared link shows."""
    image = article.image if article is not None else None
    if image is None:
        return urls.absolute(site_url, DEFAULT_IMAGE), "", True
    if image.external:
        return image.src_uri, image.alt, False
    return urls.absolute(site_url, urls.file_url(image.src_uri)), image.alt, False


def news_article(
    article: Article,
    site_url: str,
    page_url: str,
    publisher: str,
    unit_label: str,
) -> dict[str, Any]:
    """schema.org ``NewsArticle`` of a published article (serialised with ``tojson``)."""
    image, _alt, _default = image_url(site_url, article)
    authors = [{"@type": "Person", "name": name} for name in article.authors] or [
        {"@type": "Organization", "name": unit_label}
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": dates.iso(article.date),
        "dateModified": dates.iso(article.updated),
        "inLanguage": article.lang,
        "url": page_url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_url},
        "image": [image],
        "author": authors,
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": publisher,
            "logo": {"@type": "ImageObject", "url": urls.absolute(site_url, LOGO)},
        },
        "isAccessibleForFree": True,
    }
    if article.tags:
        data["keywords"] = ", ".join(article.tags)
    return data
