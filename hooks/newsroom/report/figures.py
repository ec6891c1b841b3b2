"""Programme reporting: the figures of ``newsroom report`` (pure; renderers display them).

Counts PUBLISHED articles only — asked of :mod:`newsroom.content.visibility` through the corpus.
Vietnamese originals are the items; translations are counted apart ("bản dịch").
Decree 09/2017/NĐ-CP asks for at least one press conference every three months, so every
quarter in the period is listed and one without a held conference is flagged. A conference is
counted once even when its notice and its record are both published (``event.notice``), and
only once it has taken place (:mod:`newsroom.desk.conferences`); upcoming ones are listed apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..common import dates
from ..content.corpus import Corpus
from ..content.model import Article
from ..content.registries import Registries
from ..desk.conferences import Conference, conferences
from .approvals import ApprovalRow
from .approvals import rows as approval_rows

STATEMENT = "phat-ngon"
PRESS_RESPONSE = "phan-hoi-bao-chi"
SLOW = dt.timedelta(hours=24)
VERY_SLOW = dt.timedelta(days=30)
NONE_KEY = ""  # focus-area row of the articles that name none


@dataclass(frozen=True)
class Row:
    key: str
    label_vi: str
    label_en: str
    count: int


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int
    statements: int
    press_conferences: int
    complete: bool  # the quarter has ended by the report's "now"

    @property
    def label(self) -> str:
        return f"Q{self.quarter}/{self.year}"

    @property
    def missing_press_conference(self) -> bool:
        return self.press_conferences == 0


@dataclass(frozen=True)
class Response:
    """A response to a press report and how long it took (``received`` → publication)."""

    id: str
    title: str
    path: str
    outlet: str
    received: dt.datetime
    published: dt.datetime

    @property
    def delay(self) -> dt.timedelta:
        return self.published - self.received

    @property
    def over_24_hours(self) -> bool:
        return self.delay > SLOW

    @property
    def over_30_days(self) -> bool:
        return self.delay > VERY_SLOW


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    now: dt.datetime
    items: int
    translations: int
    by_focus_area: tuple[Row, ...]
    by_type: tuple[Row, ...]
    by_category: tuple[Row, ...]
    by_unit: tuple[Row, ...]
    by_month: tuple[Row, ...]
    quarters: tuple[Quarter, ...]
    responses: tuple[Response, ...]
    upcoming: tuple[Conference, ...] = ()
    approvals: tuple[ApprovalRow, ...] = ()  # by approver, with their proof

    @property
    def quarters_without_press_conference(self) -> tuple[Quarter, ...]:
        return tuple(q for q in self.quarters if q.missing_press_conference)


def build(corpus: Corpus, start: dt.date | None = None, end: dt.date | None = None) -> Report:
    """The report over ``start..end`` (inclusive, site dates); default: this year to today."""
    end = end or corpus.now.date()
    start = start or dt.date(end.year, 1, 1)
    published = corpus.articles(published_only=True)
    originals = [a for a in published if not a.is_translation]
    chosen = [a for a in originals if start <= a.date.date() <= end]
    translations = [a for a in published if a.is_translation and start <= a.date.date() <= end]
    registries = corpus.registries
    return Report(
        start=start,
        end=end,
        now=corpus.now,
        items=len(chosen),
        translations=len(translations),
        by_focus_area=_focus_rows(chosen, registries),
        by_type=_rows(Counter(a.type for a in chosen), registries.types, keep_zero=True),
        by_category=_rows(
            Counter(a.category for a in chosen), registries.categories, keep_zero=True
        ),
        by_unit=_rows(Counter(a.unit for a in chosen), registries.units, keep_zero=False),
        by_month=_month_rows(chosen, start, end),
        quarters=_quarters(originals, start, end, corpus.now),
        responses=tuple(_responses(chosen)),
        upcoming=tuple(c for c in conferences(originals, corpus.now) if not c.held),
        approvals=approval_rows(corpus, [*chosen, *translations]),
    )


def _rows(counts: Counter, registry: dict, keep_zero: bool) -> tuple[Row, ...]:
    rows = []
    for key, entry in registry.items():
        if counts[key] or keep_zero:
            rows.append(Row(key, entry.label.vi, entry.label.en, counts[key]))
    return tuple(rows)


def _focus_rows(articles: list[Article], registries: Registries) -> tuple[Row, ...]:
    counts = Counter(key for a in articles for key in a.focus_areas)
    rows = _rows(counts, registries.focus_areas, keep_zero=True)
    untagged = sum(1 for a in articles if not a.focus_areas)
    return (*rows, Row(NONE_KEY, "Không gắn nội dung trọng tâm", "No focus area", untagged))


def months(start: dt.date, end: dt.date) -> Iterable[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _month_rows(articles: list[Article], start: dt.date, end: dt.date) -> tuple[Row, ...]:
    counts = Counter((a.date.year, a.date.month) for a in articles)
    return tuple(
        Row(
            f"{y:04d}-{m:02d}",
            dates.show(dt.date(y, m, 1), "vi", "month_year"),
            f"{y}-{m:02d}",
            counts[(y, m)],
        )
        for y, m in months(start, end)
    )


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def _quarters(
    originals: list[Article], start: dt.date, end: dt.date, now: dt.datetime
) -> tuple[Quarter, ...]:
    """Statements by publication quarter; held press conferences (each once) by their start."""
    statements = Counter(quarter_of(a.date.date()) for a in originals if a.type == STATEMENT)
    held = Counter(c.quarter for c in conferences(originals, now) if c.held)
    keys = sorted({quarter_of(dt.date(y, m, 1)) for y, m in months(start, end)})
    return tuple(
        Quarter(y, q, statements[(y, q)], held[(y, q)], _quarter_end(y, q) < now.date())
        for y, q in keys
    )


def _responses(articles: list[Article]) -> Iterable[Response]:
    for a in sorted(articles, key=lambda a: (a.date, a.id)):
        if a.type == PRESS_RESPONSE and a.responds_to is not None:
            yield Response(
                a.id, a.title, a.path, a.responds_to.outlet, a.responds_to.received, a.date
            )
