"""Load the desk's data for a site and check it against the articles.

:func:`load` reads the register and the plans, and cross-checks them with the corpus:
a response article's ``responds_to.item`` must name an item (E066), an ``answered`` item
needs an article that points to it (E065), a still-open item that a published article answers
is flagged (W114), and ``event.notice`` links between press-conference articles are checked.
Those issues join the corpus's, so the build and ``newsroom check`` report them alike.

Overdue items are *reminders*, not content issues: a deadline passing must not stop the
production build. ``newsroom check`` prints them (as annotations with ``--format github``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..common import dates
from ..common import issues as issue
from ..common.issues import Issue
from ..content.corpus import Corpus
from ..content.fields import nearest
from ..content.model import Article
from ..content.registries import Registries
from ..content.settings import Settings
from . import conferences, plans, register
from .deadlines import DeskRules, show_due
from .plans import Plan
from .register import PressItem


@dataclass
class Desk:
    rules: DeskRules
    now: dt.datetime
    items: list[PressItem] = field(default_factory=list)
    plans: dict[tuple[int, str | None], Plan] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    answers: dict[str, list[Article]] = field(default_factory=dict)  # item id → articles
    published: set[str] = field(default_factory=set)  # src_uri of the published articles

    def answered_at(self, item: PressItem) -> dt.datetime | None:
        """Publication time of the first published article answering ``item``."""
        return min((a.date for a in self.published_answers(item)), default=None)

    def published_answers(self, item: PressItem) -> list[Article]:
        return [a for a in self.answers.get(item.id, []) if a.src_uri in self.published]

    def reminders(self) -> list[Issue]:
        """W110/W111 for every open item past a deadline, at the line of its ``status``."""
        found = []
        for item in self.items:
            if not item.is_open or self.published_answers(item):
                continue
            if item.first_info is None and item.first_information_due <= self.now:
                found.append(
                    issue.make(
                        item.path,
                        item.line("received"),
                        "W110",
                        "first_info",
                        due=show_due(item.first_information_due),
                    )
                )
            if item.answer_due <= self.now:
                found.append(
                    issue.make(
                        item.path,
                        item.line("status"),
                        "W111",
                        "status",
                        due=show_due(item.answer_due),
                    )
                )
        return issue.sort(found)


def load(settings: Settings, registries: Registries, corpus: Corpus) -> Desk:
    desk = Desk(settings.desk, corpus.now)
    shown_root = settings.docs_dir.parent
    desk.items, found = register.load(
        settings.register_path, shown_root, registries, settings.desk, settings.timezone
    )
    desk.plans, plan_issues = plans.load(settings.plans_path, shown_root, registries)
    desk.published = {
        e.article.src_uri for e in corpus.entries.values() if e.visibility.is_published
    }
    originals = [e.article for e in corpus.entries.values() if not e.article.is_translation]
    found += plan_issues
    found += _responses(desk, originals, corpus.field_lines)
    found += conferences.link_issues(originals, corpus.field_lines)
    desk.issues = issue.sort(found)
    return desk


def _responses(
    desk: Desk,
    originals: list[Article],
    field_lines: dict[str, dict[str, int]],
) -> list[Issue]:
    found = []
    by_id = {item.id: item for item in desk.items}
    for article in sorted(originals, key=lambda a: a.src_uri):
        report = article.responds_to
        if report is None or report.item is None:
            continue
        lines = field_lines.get(article.src_uri, {})
        item = by_id.get(report.item)
        if item is None:
            found.append(
                issue.make(
                    article.path,
                    lines.get("responds_to.item", 1),
                    "E066",
                    "responds_to.item",
                    value=report.item,
                    hint=nearest(report.item, by_id),
                )
            )
            continue
        desk.answers.setdefault(item.id, []).append(article)
        if "responds_to.received" in lines and report.received != item.received:
            found.append(
                issue.make(
                    article.path,
                    lines["responds_to.received"],
                    "W112",
                    "responds_to.received",
                    value=_at(report.received),
                    registered=_at(item.received),
                )
            )
    for item in desk.items:
        answers = desk.answers.get(item.id, [])
        if item.status == "answered" and not answers:
            found.append(issue.make(item.path, item.line("status"), "E065", "status"))
        public = desk.published_answers(item)
        if item.status == "open" and public:
            found.append(
                issue.make(item.path, item.line("status"), "W114", "status", other=public[0].path)
            )
    return found


def _at(moment: dt.datetime) -> str:
    return dates.show_datetime(moment, "vi")
