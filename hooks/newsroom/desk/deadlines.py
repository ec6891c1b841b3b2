"""Deadlines of a press item, from the rules set once in ``mkdocs.yml`` (``extra.newsroom.desk``).

- **First information**: within ``first_information_hours`` (24) clock hours of receipt
  (Decision 27/QĐ-BTP on the spokesperson and press-information procedure).
- **Full answer**: within ``answer_days`` (15) days under the Press Law. Counted as the Civil
  Code 2015 counts periods in days (Art. 147–148): the day of receipt is not counted, the period
  ends at 24:00 of its last day, and a last day that falls on a Saturday, Sunday or listed
  holiday moves to the end of the next working day. ``answer_days_kind: working`` counts working
  days instead (Saturdays, Sundays and ``holidays`` skipped).

Every time is in the site's time zone; the deadline returned is the first instant *after* the
period (00:00 of the following day), so "on time" means ``answered < due``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..common import dates
from ..content.registries import RegistryError

CALENDAR = "calendar"
WORKING = "working"


class DeskConfigError(RegistryError):
    """``extra.newsroom.desk`` in mkdocs.yml is malformed (the message names the key)."""


@dataclass(frozen=True)
class DeskRules:
    first_information_hours: int = 24
    answer_days: int = 15
    answer_days_kind: str = CALENDAR
    holidays: tuple[dt.date, ...] = ()
    register: str = ".bao-chi"
    plans: str = ".ke-hoach"

    @classmethod
    def from_config(cls, raw: Any) -> DeskRules:
        raw = raw or {}
        if not isinstance(raw, dict):
            raise DeskConfigError("mkdocs.yml: extra.newsroom.desk must be a mapping")
        known = set(cls.__dataclass_fields__)
        unknown = set(raw) - known
        if unknown:
            raise DeskConfigError(
                f"mkdocs.yml: extra.newsroom.desk: unknown key(s) {', '.join(sorted(unknown))}"
            )
        values = dict(raw)
        for name in ("first_information_hours", "answer_days"):
            value = values.get(name, getattr(cls, name))
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise DeskConfigError(f"mkdocs.yml: extra.newsroom.desk.{name} must be ≥ 1")
        if values.get("answer_days_kind", CALENDAR) not in (CALENDAR, WORKING):
            raise DeskConfigError(
                "mkdocs.yml: extra.newsroom.desk.answer_days_kind must be calendar or working"
            )
        holidays = values.get("holidays") or []
        if not isinstance(holidays, list) or not all(
            isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in holidays
        ):
            raise DeskConfigError(
                "mkdocs.yml: extra.newsroom.desk.holidays must be a list of dates (YYYY-MM-DD)"
            )
        values["holidays"] = tuple(sorted(holidays))
        return cls(**values)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def first_information_due(self, received: dt.datetime) -> dt.datetime:
        """``received`` plus the hours, in absolute time (a weekend does not stop the clock)."""
        tz = received.tzinfo
        moment = received.astimezone(dt.UTC) + dt.timedelta(hours=self.first_information_hours)
        return moment.astimezone(tz)

    def answer_due(self, received: dt.datetime) -> dt.datetime:
        """The first instant after the answer period (00:00 after its last day, site time)."""
        day = received.date()
        if self.answer_days_kind == WORKING:
            left = self.answer_days
            while left:
                day += dt.timedelta(days=1)
                if self.is_working_day(day):
                    left -= 1
        else:
            day += dt.timedelta(days=self.answer_days)
            while not self.is_working_day(day):
                day += dt.timedelta(days=1)
        following = day + dt.timedelta(days=1)
        return dt.datetime(following.year, following.month, following.day, tzinfo=received.tzinfo)


def last_day(due: dt.datetime) -> dt.date:
    """The last day of a period that ends at ``due`` (00:00 of the next day)."""
    return (due - dt.timedelta(microseconds=1)).date()


def show_due(due: dt.datetime) -> str:
    """``16/02/2026 24:00`` for a day deadline, ``01/02/2026 10:00`` for an hour deadline."""
    if due.time() == dt.time(0):
        return dates.show(last_day(due), "vi", "end_of_day")
    return dates.show_datetime(due, "vi")
