"""Press conferences counted once: a notice and a record of the same conference are one event.

The record (published after the conference) names its notice with ``event.notice: <id>``.
Articles linked that way form one :class:`Conference`; its time is the ``event.start`` of the
newest article (a postponed conference is reported where it really took place). Only a
conference that has started by "now" is *held* and counts for the quarterly obligation
(Decree 09/2017/NĐ-CP); the others are listed apart as upcoming.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..common import issues as issue
from ..common.issues import Issue
from ..content.fields import nearest
from ..content.model import Article

PRESS_CONFERENCE = "hop-bao"


@dataclass(frozen=True)
class Conference:
    key: str  # id of the first article of the event (the notice when there is one)
    start: dt.datetime
    articles: tuple[Article, ...]  # oldest first
    held: bool

    @property
    def title(self) -> str:
        return self.articles[-1].title

    @property
    def location(self) -> str:
        event = self.articles[-1].event
        return event.location if event else ""

    @property
    def quarter(self) -> tuple[int, int]:
        return self.start.year, (self.start.month - 1) // 3 + 1


def conferences(articles: Iterable[Article], now: dt.datetime) -> list[Conference]:
    """Group published press-conference originals into events, oldest first."""
    chosen = [
        a
        for a in articles
        if a.type == PRESS_CONFERENCE and a.event is not None and not a.is_translation
    ]
    by_id = {a.id: a for a in chosen}
    groups: dict[str, list[Article]] = {}
    for article in sorted(chosen, key=lambda a: (a.date, a.id)):
        groups.setdefault(_root(article, by_id), []).append(article)
    result = []
    for key, members in groups.items():
        event = members[-1].event
        assert event is not None  # chosen above: only articles with an event
        start = event.start.astimezone(now.tzinfo)
        result.append(Conference(key, start, tuple(members), start <= now))
    return sorted(result, key=lambda c: (c.start, c.key))


def _root(article: Article, by_id: dict[str, Article]) -> str:
    seen = {article.id}
    while article.event and article.event.notice in by_id and article.event.notice not in seen:
        article = by_id[article.event.notice]
        seen.add(article.id)
    return article.id


def link_issues(articles: Iterable[Article], field_lines: dict[str, dict[str, int]]) -> list[Issue]:
    """E069 for an ``event.notice`` that names no press-conference article; W113 for two
    unlinked press-conference articles with the same start."""
    originals = [a for a in articles if not a.is_translation]
    conferences_by_id = {a.id: a for a in originals if a.type == PRESS_CONFERENCE}
    found = []
    starts: dict[dt.datetime, Article] = {}
    for article in sorted(originals, key=lambda a: a.src_uri):
        lines = field_lines.get(article.src_uri, {})
        notice = article.event.notice if article.event else None
        if notice is not None and (notice not in conferences_by_id or notice == article.id):
            found.append(
                issue.make(
                    article.path,
                    lines.get("event.notice", 1),
                    "E069",
                    "event.notice",
                    value=notice,
                    hint=nearest(notice, [k for k in conferences_by_id if k != article.id]),
                )
            )
        if article.type != PRESS_CONFERENCE or article.event is None:
            continue
        other = starts.get(article.event.start)
        if other is not None and _root(other, conferences_by_id) != _root(
            article, conferences_by_id
        ):
            found.append(
                issue.make(
                    article.path,
                    lines.get("event.start", 1),
                    "W113",
                    "event.start",
                    other=other.path,
                )
            )
        starts.setdefault(article.event.start, article)
    return found
