"""What the press room page shows (``/bao-chi/``, ``/en/bao-chi/``), ready for the template.

Pure: the corpus (published articles only), the language and ``now`` in; plain dicts out, with
site-relative URLs for MkDocs' ``url`` filter and dates already formatted, so the template
only displays (STYLE.md: no rules in templates).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import ical, urls
from .corpus import Corpus
from .model import Article
from .registries import Registries, Spokesperson

LIST_LIMIT = 10
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "spokespersons": "Người phát ngôn",
        "spokespersons_note": "Công khai theo Nghị định số 09/2017/NĐ-CP.",
        "no_spokespersons": "Hiện chưa có thông tin người phát ngôn.",
        "unit": "Đơn vị",
        "phone": "Điện thoại",
        "email": "Thư điện tử",
        "appointed_by": "Văn bản giao nhiệm vụ",
        "press_releases": "Thông cáo báo chí",
        "statements": "Phát ngôn",
        "responses": "Phản hồi thông tin báo chí",
        "responds_to": "Phản hồi bài",
        "upcoming": "Họp báo sắp diễn ra",
        "add_to_calendar": "Thêm vào lịch",
        "past": "Các cuộc họp báo đã diễn ra",
        "location": "Địa điểm",
        "empty": "Hiện chưa có tin nào trong mục này.",
        "feeds": "Nguồn tin cho báo chí",
        "feeds_page": "Danh mục nguồn tin RSS, Atom và JSON",
        "opml": "Tệp OPML (mọi nguồn tin)",
        "ics": "Lịch họp báo (iCalendar)",
        "more": "Xem tất cả",
    },
    "en": {
        "spokespersons": "Spokespersons",
        "spokespersons_note": "Published as required by Decree No. 09/2017/NĐ-CP.",
        "no_spokespersons": "No spokesperson information is available at the moment.",
        "unit": "Unit",
        "phone": "Phone",
        "email": "Email",
        "appointed_by": "Appointed by",
        "press_releases": "Press releases",
        "statements": "Spokesperson statements",
        "responses": "Responses to press reports",
        "responds_to": "In response to",
        "upcoming": "Upcoming press conferences",
        "add_to_calendar": "Add to calendar",
        "past": "Past press conferences",
        "location": "Venue",
        "empty": "There is nothing in English in this section yet.",
        "feeds": "Feeds for the press",
        "feeds_page": "Directory of RSS, Atom and JSON feeds",
        "opml": "OPML file (all feeds)",
        "ics": "Press conference calendar (iCalendar)",
        "more": "See all",
    },
}


def format_moment(moment: dt.datetime, lang: str, tz: dt.tzinfo) -> str:
    """``26/09/2024 15:00`` in Vietnamese, ``26 Sep 2024, 15:00`` in English."""
    local = moment.astimezone(tz)
    if lang == "vi":
        return local.strftime("%d/%m/%Y %H:%M")
    return f"{local.day} {MONTHS_EN[local.month - 1]} {local.year}, {local:%H:%M}"


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
        "date": format_moment(article.date, lang, tz),
        "date_iso": article.date.astimezone(tz).isoformat(),
    }
    if article.responds_to is not None:
        report = article.responds_to
        item["responds_to"] = {
            "outlet": report.outlet,
            "title": report.title,
            "url": report.url,
            "date": format_moment(report.published, lang, tz),
        }
    if article.event is not None:
        item["event"] = {
            "start": format_moment(article.event.start, lang, tz),
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
        return {"id": key, "title": LABELS[lang][key], "items": items(chosen), "more": more}

    people = corpus.registries.spokespersons_in_office(now.astimezone(tz).date())
    return {
        "labels": LABELS[lang],
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
