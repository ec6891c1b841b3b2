"""What the press room page shows (``/bao-chi/``, ``/en/bao-chi/``), ready for the template.

Pure: the corpus (published articles only), the language and ``now`` in; plain dicts out, with
site-relative URLs for MkDocs' ``url`` filter and dates already formatted, so the template
only displays (STYLE.md: no rules in templates).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..common import dates, wording
from ..content.corpus import Corpus
from ..content.model import Article
from ..content.registries import Registries, Spokesperson
from ..outputs import ical
from . import urls

LIST_LIMIT = 10


def tel_uri(phone: str) -> str:
    """``024 6273 9999`` → ``tel:+842462739999`` (Vietnamese national numbers)."""
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("0"):
        digits = "+84" + digits[1:]
    return f"tel:{digits}"


def spokesperson(person: Spokesperson, registries: Registries, lang: str) -> dict[str, str]:
    return {
        "id": person.id,
        "name": person.name,
        "title": person.title.get(lang),
        "unit": registries.units[person.unit].label.get(lang),
        "phone": person.phone,
        "tel": tel_uri(person.phone),
        "email": person.email,
        "appointed_by": person.appointed_by.get(lang),
    }


def article_item(article: Article, lang: str, tz: dt.tzinfo) -> dict[str, Any]:
    item: dict[str, Any] = {
        "title": article.title,
        "summary": article.summary,
        "url": article.url,
        "date": dates.show_datetime(article.date.astimezone(tz), lang),
        "date_iso": article.date.astimezone(tz).isoformat(),
    }
    if article.responds_to is not None:
        report = article.responds_to
        item["responds_to"] = {
            "outlet": report.outlet,
            "title": report.title,
            "url": report.url,
            "date": dates.show_datetime(report.published.astimezone(tz), lang),
        }
    if article.event is not None:
        item["event"] = {
            "start": dates.show_datetime(article.event.start.astimezone(tz), lang),
            "start_iso": article.event.start.astimezone(tz).isoformat(),
            "location": article.event.location,
            "online_url": article.event.online_url,
            "calendar": ical.event_path(article),
        }
    return item


def context(corpus: Corpus, lang: str) -> dict[str, Any]:
    """Everything the press room template shows, in ``lang``, at ``corpus.now``."""
    tz = corpus.settings.timezone
    now = corpus.now
    articles = corpus.articles(lang)

    def of_type(type_key: str) -> list[Article]:
        return [a for a in articles if a.type == type_key]

    conferences = [a for a in of_type("hop-bao") if a.event is not None]
    upcoming = sorted(
        (a for a in conferences if a.event.start > now),  # type: ignore[union-attr]
        key=lambda a: (a.event.start, a.id),  # type: ignore[union-attr]
    )
    past = sorted(
        (a for a in conferences if a.event.start <= now),  # type: ignore[union-attr]
        key=lambda a: (a.event.start, a.id),  # type: ignore[union-attr]
        reverse=True,
    )

    def items(chosen: list[Article]) -> list[dict[str, Any]]:
        return [article_item(a, lang, tz) for a in chosen[:LIST_LIMIT]]

    def section(key: str, chosen: list[Article], listing: str | None) -> dict[str, Any]:
        more = urls.listing("type", listing, lang) if listing else None
        return {
            "id": key,
            "title": wording.text(lang, f"press.{key}"),
            "items": items(chosen),
            "more": more,
        }

    people = corpus.registries.spokespersons_in_office(now.astimezone(tz).date())
    return {
        "spokespersons": [spokesperson(p, corpus.registries, lang) for p in people],
        "sections": [
            section("press_releases", of_type("thong-cao-bao-chi"), "thong-cao-bao-chi"),
            section("statements", of_type("phat-ngon"), "phat-ngon"),
            section("responses", of_type("phan-hoi-bao-chi"), "phan-hoi-bao-chi"),
            section("upcoming", upcoming, None),
            section("past", past, "hop-bao"),
        ],
        "links": {
            "feeds_page": urls.prefix(lang) + urls.FEEDS_PAGE,
            "opml": urls.OPML,
            "ics": urls.PRESS_CONFERENCES_ICS,
        },
    }
