"""Review against the annual plan (sơ kết, tổng kết): plan vs actual, per target, per unit and
per quarter, and the honest timeliness of answers to the press, measured from the register.

Pure: reads the corpus (PUBLISHED articles only, Vietnamese originals as items) and the desk.
"Actual" counts up to the review's ``now``; a quarter or a year is *complete* once it has ended.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..common import wording
from ..content.corpus import Corpus
from ..content.model import MEDIA_KINDS, Article
from ..content.registries import Registries
from .conferences import Conference, conferences
from .loader import Desk
from .plans import Plan
from .register import PressItem

STATEMENT = "phat-ngon"
#: Outcomes of a press item, in the order the review lists them.
OUTCOMES = ("on_time", "late", "closed", "overdue", "pending")


@dataclass(frozen=True)
class Line:
    """One target and what was achieved."""

    key: str
    label_vi: str
    label_en: str
    target: int | None
    actual: int

    @property
    def percent(self) -> int | None:
        if not self.target:
            return None
        return round(100 * self.actual / self.target)

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.actual >= self.target


@dataclass(frozen=True)
class UnitLine(Line):
    children: tuple[Line, ...] = ()  # provincial units rolled up into ``actual``


@dataclass(frozen=True)
class QuarterLine:
    year: int
    quarter: int
    complete: bool
    articles: int
    statements: int
    conferences_target: int | None
    conferences_held: int

    @property
    def label(self) -> str:
        return f"Q{self.quarter}/{self.year}"

    @property
    def missing_conference(self) -> bool:
        return self.complete and self.conferences_held < (self.conferences_target or 0)


@dataclass(frozen=True)
class Outcome:
    """What became of one press item received in the year."""

    item: PressItem
    outcome: str  # one of OUTCOMES
    answered_at: dt.datetime | None
    first_info_on_time: bool | None  # None: first information not recorded


@dataclass(frozen=True)
class Review:
    year: int
    now: dt.datetime
    plan: Plan | None
    complete: bool
    totals: tuple[Line, ...]
    focus_areas: tuple[Line, ...]
    types: tuple[Line, ...]
    media: tuple[Line, ...]
    units: tuple[UnitLine, ...]
    quarters: tuple[QuarterLine, ...]
    held: tuple[Conference, ...]
    upcoming: tuple[Conference, ...]
    outcomes: tuple[Outcome, ...]

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def build(corpus: Corpus, desk: Desk, year: int) -> Review:
    """The review of ``year`` at the corpus's "now" (plan may be missing: actuals only)."""
    now = corpus.now
    registries = corpus.registries
    published = corpus.articles(published_only=True)
    chosen = [a for a in published if not a.is_translation and a.date.year == year]
    translations = [a for a in published if a.is_translation and a.date.year == year]
    plan = desk.plans.get((year, None))
    events = [c for c in conferences(published, now) if c.start.year == year]
    return Review(
        year=year,
        now=now,
        plan=plan,
        complete=dt.date(year, 12, 31) < now.date(),
        totals=(
            Line(
                "articles",
                "Tin, bài (tiếng Việt)",
                "Articles (Vietnamese)",
                plan.articles if plan else None,
                len(chosen),
            ),
            Line(
                "translations",
                "Bản dịch tiếng Anh",
                "English translations",
                plan.translations if plan else None,
                len(translations),
            ),
        ),
        focus_areas=_lines(
            Counter(k for a in chosen for k in a.focus_areas),
            registries.focus_areas,
            plan.focus_areas if plan else {},
        ),
        types=_lines(Counter(a.type for a in chosen), registries.types, plan.types if plan else {}),
        media=tuple(
            Line(
                kind,
                wording.text("vi", f"plan.media_{kind}"),
                wording.text("en", f"plan.media_{kind}"),
                (plan.media.get(kind) if plan else None),
                sum(1 for a in chosen if kind in a.media),
            )
            for kind in MEDIA_KINDS
        ),
        units=_units(chosen, registries, desk, year),
        quarters=_quarters(chosen, events, plan, year, now),
        held=tuple(c for c in events if c.held),
        upcoming=tuple(c for c in events if not c.held),
        outcomes=tuple(_outcome(desk, item, now) for item in _items_of(desk, year)),
    )


def _lines(counts: Counter, registry: dict, targets: dict[str, int]) -> tuple[Line, ...]:
    """Every registry key that has a target or an actual, in registry order."""
    return tuple(
        Line(key, entry.label.vi, entry.label.en, targets.get(key), counts[key])
        for key, entry in registry.items()
        if key in targets or counts[key]
    )


def lineage(registries: Registries, unit: str) -> list[str]:
    """``unit`` and its parents, nearest first (a provincial unit, then its department)."""
    found = [unit]
    while unit in registries.units:
        parent = registries.units[unit].parent
        if parent is None or parent in found:
            break
        unit = parent
        found.append(unit)
    return found


def _units(
    articles: list[Article], registries: Registries, desk: Desk, year: int
) -> tuple[UnitLine, ...]:
    counts = Counter(a.unit for a in articles)
    targets = {unit: plan.articles for (y, unit), plan in desk.plans.items() if y == year and unit}
    units = registries.units

    def top(key: str) -> str:
        return lineage(registries, key)[-1]

    involved = {k for k in set(counts) | set(targets) if k in units}
    tops = {top(k) for k in involved}
    rows = []
    for key in [k for k in units if k in tops]:
        children = tuple(
            Line(
                child,
                units[child].label.vi,
                units[child].label.en,
                targets.get(child),
                counts[child],
            )
            for child in units
            if child != key and child in involved and top(child) == key
        )
        actual = counts[key] + sum(c.actual for c in children)
        label = units[key].label
        rows.append(UnitLine(key, label.vi, label.en, targets.get(key), actual, children))
    return tuple(rows)


def _quarters(
    articles: list[Article],
    events: list[Conference],
    plan: Plan | None,
    year: int,
    now: dt.datetime,
) -> tuple[QuarterLine, ...]:
    by_quarter = Counter((a.date.month - 1) // 3 + 1 for a in articles)
    statements = Counter((a.date.month - 1) // 3 + 1 for a in articles if a.type == STATEMENT)
    held = Counter(c.quarter[1] for c in events if c.held)
    return tuple(
        QuarterLine(
            year,
            q,
            quarter_end(year, q) < now.date(),
            by_quarter[q],
            statements[q],
            plan.press_conferences.get(q) if plan else None,
            held[q],
        )
        for q in range(1, 5)
    )


def _items_of(desk: Desk, year: int) -> list[PressItem]:
    return sorted(
        (i for i in desk.items if i.received.year == year), key=lambda i: (i.received, i.id)
    )


def _outcome(desk: Desk, item: PressItem, now: dt.datetime) -> Outcome:
    answered = desk.answered_at(item)
    if answered is not None:
        outcome = "on_time" if answered < item.answer_due else "late"
    elif item.status == "closed":
        outcome = "closed"
    elif item.answer_due <= now:
        outcome = "overdue"
    else:
        outcome = "pending"
    first = item.first_info or answered
    first_ok = None if first is None else first <= item.first_information_due
    if first is None and item.first_information_due <= now:
        first_ok = False
    return Outcome(item, outcome, answered, first_ok)
