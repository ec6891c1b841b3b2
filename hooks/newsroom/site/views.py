"""View models: plain dictionaries of display-ready values for the templates.

Templates never compute dates, rules or visibility; everything they show comes from here.
All URLs are site-relative (``chuyen-muc/x/``) and go through MkDocs' ``url`` filter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..common import dates, wording
from ..common.frozen import FrozenDict, freeze
from ..content.corpus import Corpus, Entry
from ..content.model import Article
from ..content.registries import Registries
from ..content.visibility import Visibility
from . import urls
from .listings import ListingPage

RELATED_COUNT = 5


def link(label: str, url: str) -> dict[str, str]:
    return {"label": label, "url": url}


def card(article: Article, registries: Registries) -> dict[str, Any]:
    """What a listing shows of one article."""
    lang = article.lang
    return {
        "title": article.title,
        "summary": article.summary,
        "url": article.url,
        "date": dates.show_datetime(article.date, lang),
        "date_iso": dates.iso(article.date),
        "type": link(
            registries.types[article.type].label.get(lang), urls.listing("type", article.type, lang)
        ),
        "category": link(
            registries.categories[article.category].label.get(lang),
            urls.listing("category", article.category, lang),
        ),
        "unit": registries.units[article.unit].label.get(lang),
        "corrected": article.has_correction,
        "image": _image(article),
    }


class Cards:
    """Each article's card, made once per build and frozen: one article is a card on several
    listing pages, on the home page and in the related links of several articles, and a
    frozen card's printed form (part of every page key showing it, site.pagecache) is
    worked out once too. A card shows only its article and the registries, which do not
    change during a build."""

    def __init__(self, registries: Registries) -> None:
        self._registries = registries
        self._made: dict[str, FrozenDict] = {}

    def __call__(self, article: Article) -> FrozenDict:
        made = self._made.get(article.src_uri)
        if made is None:
            made = self._made[article.src_uri] = freeze(card(article, self._registries))
        return made


def article_page(
    entry: Entry,
    corpus: Corpus,
    registries: Registries,
    preview: bool,
    cards: Cards | None = None,
) -> dict[str, Any]:
    """Everything the article template shows, in the article's language. ``cards``: the
    build's cards (:class:`Cards`), for a caller that views many pages."""
    card_of = Cards(registries) if cards is None else cards
    article = entry.article
    lang = article.lang
    t = wording.section(lang, "page")
    view = dict(card_of(article))
    view.update(
        {
            "lang": lang,
            "id": article.id,
            "unit": link(
                registries.units[article.unit].label.get(lang),
                urls.listing("unit", article.unit, lang),
            ),
            "focus_areas": [
                link(registries.focus_areas[k].label.get(lang), urls.listing("focus", k, lang))
                for k in article.focus_areas
            ],
            "tags": [link(tag, urls.listing("tag", tag, lang)) for tag in article.tags],
            "authors": list(article.authors),
            "source": article.source and {"name": article.source.name, "url": article.source.url},
            "updated": (
                dates.show_datetime(article.updated, lang)
                if article.updated != article.date
                else None
            ),
            "updated_iso": dates.iso(article.updated),
            "updates": [
                {
                    "date": dates.show_datetime(u.at, lang),
                    "date_iso": dates.iso(u.at),
                    "kind": u.kind,
                    "label": t[u.kind],
                    "note": u.note,
                }
                for u in article.sorted_updates
            ],
            "attachments": [
                {
                    "title": a.title,
                    "url": urls.file_url(a.src_uri),
                    "media_type": a.media_type,
                    "size": dates.human_size(a.size, lang),
                    "format": a.src_uri.rsplit(".", 1)[-1].upper(),
                }
                for a in article.attachments
            ],
            "legal_basis": list(article.legal_basis),
            "spokesperson": _spokesperson(article, registries),
            "responds_to": _press_report(article, lang),
            "event": _event(article, lang),
            "withdrawn": _withdrawal(entry, corpus, lang),
            "preview_state": None if entry.visibility.has_public_page else entry.visibility.value,
            "translations": _translations(article, corpus, preview),
            "related": [card_of(a) for a in _related(article, corpus)],
            "approval": _verified_approval(article, corpus, registries),
        }
    )
    if entry.visibility is Visibility.SCHEDULED:
        view["scheduled_for"] = dates.show_datetime(article.date, lang)
    return view


def listing_page(page: ListingPage, cards: Cards) -> dict[str, Any]:
    pages = [
        {"number": n, "url": page.scope.url(n), "current": n == page.number}
        for n in shown_page_numbers(page.number, page.total)
    ]
    return {
        "kind": page.scope.kind,
        "label": page.scope.label,
        "number": page.number,
        "total": page.total,
        "cards": [cards(a) for a in page.articles],
        "previous_url": page.previous_url,
        "next_url": page.next_url,
        "pages": pages,
        "feeds": page.scope.feeds(),
    }


#: Paginations up to this many pages show every page.
FULL_PAGINATION = 15


def shown_page_numbers(current: int, total: int) -> list[int]:
    """The page numbers a listing page links to: all of them up to :data:`FULL_PAGINATION`
    pages, else the first, the last and the five around ``current``. Only those are made:
    a listing of 1,000 pages made 1,000 links on each of its pages (quadratic)."""
    if total <= FULL_PAGINATION:
        return list(range(1, total + 1))
    return sorted({1, total, *range(max(1, current - 2), min(total, current + 2) + 1)})


def _verified_approval(
    article: Article, corpus: Corpus, registries: Registries
) -> dict[str, str] | None:
    """Who approved, shown only when the approver's signature was verified (issue 13)."""
    proof = corpus.signed.verified.get(article.src_uri)
    if proof is None or article.approval is None:
        return None
    at = article.approval.at.astimezone(corpus.settings.timezone)
    return {
        "name": registries.approvers[proof.approver].name,
        "date": dates.show_date(at, article.lang),
        "date_iso": dates.iso(at),
    }


def _image(article: Article) -> dict[str, Any] | None:
    if article.image is None:
        return None
    image = article.image
    return {
        "url": image.src_uri if image.external else urls.file_url(image.src_uri),
        "alt": image.alt,
        "caption": image.caption,
        "credit": image.credit,
        "external": image.external,
    }


def _spokesperson(article: Article, registries: Registries) -> dict[str, str] | None:
    if not article.spokesperson:
        return None
    person = registries.spokespersons[article.spokesperson]
    return {
        "name": person.name,
        "title": person.title.get(article.lang),
        "phone": person.phone,
        "email": person.email,
    }


def _press_report(article: Article, lang: str) -> dict[str, Any] | None:
    report = article.responds_to
    if report is None:
        return None
    return {
        "outlet": report.outlet,
        "title": report.title,
        "url": report.url,
        "published": dates.show_datetime(report.published, lang),
        "received": dates.show_datetime(report.received, lang),
    }


def _event(article: Article, lang: str) -> dict[str, Any] | None:
    event = article.event
    if event is None:
        return None
    return {
        "start": dates.show_datetime(event.start, lang),
        "start_iso": dates.iso(event.start),
        "end": event.end and _event_end(event.start, event.end, lang),
        "location": event.location,
        "online_url": event.online_url,
    }


def _event_end(start: dt.datetime, end: dt.datetime, lang: str) -> str:
    """Only the time when the event ends on the day it starts: ``14:30 – 16:30``."""
    return dates.show(end, lang, "time" if end.date() == start.date() else "datetime")


def _withdrawal(entry: Entry, corpus: Corpus, lang: str) -> dict[str, str] | None:
    if entry.visibility is not Visibility.WITHDRAWN:
        return None
    withdrawal = entry.article.withdrawn
    if withdrawal is None and entry.article.original_src_uri:
        original = corpus.get(entry.article.original_src_uri)
        withdrawal = original.article.withdrawn if original else None
    if withdrawal is None:  # pragma: no cover - the rules require the block
        return None
    return {"date": dates.show_datetime(withdrawal.at, lang), "reason": withdrawal.reason}


def _translations(article: Article, corpus: Corpus, preview: bool) -> list[dict[str, str]]:
    found = []
    for lang, other in corpus.translations(article).items():
        if lang == article.lang:
            continue
        if other.visibility.has_public_page or preview:
            found.append({"lang": lang, "url": other.article.url, "title": other.article.title})
    return found


def _related(article: Article, corpus: Corpus) -> list[Article]:
    same = corpus.in_category(article.lang, article.category)
    return [a for a in same[: RELATED_COUNT + 1] if a.id != article.id][:RELATED_COUNT]
