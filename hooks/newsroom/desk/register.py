"""The press register: one YAML file per press inquiry or press report, never published.

``docs/.bao-chi/<YYYY>/<id>.yml`` (YYYY = year received). Each file goes through the same
parser (:func:`newsroom.content.parsing.parse_yaml`) and field checker as an article, so every
problem is an issue ``path:line: CODE field: message`` from the one catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common import dates
from ..common import issues as issue
from ..common.issues import Issue
from ..common.messages import Localized
from ..content.fields import FieldChecker
from ..content.parsing import parse_yaml
from ..content.registries import Registries
from ..content.schema import ID_RE, REGISTRY_NAMES, TITLE_MAX
from .deadlines import DeskRules

KINDS = ("report", "inquiry")  # a press report about us / a journalist's request for information
PRIORITIES = ("high", "normal", "low")
STATES = ("open", "answered", "closed")
FIELDS = (
    "id",
    "kind",
    "outlet",
    "title",
    "url",
    "published",
    "received",
    "unit",
    "priority",
    "status",
    "first_info",
    "closed",
    "note",
)
CLOSED_FIELDS = ("at", "reason")
_UNITS = REGISTRY_NAMES["units"]


@dataclass(frozen=True)
class PressItem:
    """One press inquiry or press report and what the desk has done about it."""

    path: str  # as shown in messages: docs/.bao-chi/2026/<id>.yml
    id: str
    kind: str
    outlet: str
    title: str
    url: str | None
    published: dt.datetime | None
    received: dt.datetime
    unit: str
    priority: str
    status: str
    first_info: dt.datetime | None
    closed_at: dt.datetime | None
    closed_reason: str | None
    note: str | None
    first_information_due: dt.datetime
    answer_due: dt.datetime
    lines: dict[str, int]

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def line(self, name: str) -> int:
        return self.lines.get(name, 1)


def item_files(register: Path) -> list[Path]:
    """Every ``*.yml``/``*.yaml`` under the register folder, sorted."""
    if not register.is_dir():
        return []
    return sorted(p for p in register.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def load(
    register: Path, shown_root: Path, registries: Registries, rules: DeskRules, tz: dt.tzinfo
) -> tuple[list[PressItem], list[Issue]]:
    """Read and check every item; the issues of all files, and the valid items."""
    items: list[PressItem] = []
    found: list[Issue] = []
    seen: dict[str, str] = {}
    for file in item_files(register):
        path = file.relative_to(shown_root).as_posix()
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            found.append(issue.make(path, 1, "E026", detail=str(exc)))
            continue
        item, item_issues = check_item(text, path, file, registries, rules, tz)
        found.extend(item_issues)
        if item is None:
            continue
        if item.id in seen:
            found.append(
                issue.make(path, item.line("id"), "E015", "id", value=item.id, other=seen[item.id])
            )
            continue
        seen[item.id] = path
        items.append(item)
    return items, found


def check_item(
    text: str,
    path: str,
    file: Path,
    registries: Registries,
    rules: DeskRules,
    tz: dt.tzinfo,
) -> tuple[PressItem | None, list[Issue]]:
    """Check one register file and normalise it (``None`` when it has errors)."""
    fm, found = parse_yaml(text, path)
    if fm is None:
        return None, found
    check = FieldChecker(fm, path)
    data = fm.data
    check.unknown_keys(data, FIELDS)
    item_id = check.text(data, "id")
    if item_id is not None:
        if not ID_RE.match(item_id):
            check.add("E006", "id", value=item_id)
        elif file.stem != item_id:
            check.add("E062", "id", value=file.name, expected=f"{item_id}.yml")
    kind = _choice(check, data, "kind", KINDS)
    outlet = check.text(data, "outlet")
    title = check.text(data, "title")
    if title is not None and len(title) > TITLE_MAX:
        check.add("E007", "title", length=len(title), limit=TITLE_MAX)
    url = check.text(data, "url", required=False)
    published = check.moment(data, "published", tz, required=False)
    received = check.moment(data, "received", tz)
    unit = check.registry_key(data, "unit", registries.units, _UNITS)
    if unit and received and not registries.units[unit].validity.covers(received.date()):
        check.add(
            "E010", "unit", value=unit, date=dates.show_date(received, "vi"), hint=Localized("", "")
        )
    priority = _choice(check, data, "priority", PRIORITIES, default="normal")
    status = _choice(check, data, "status", STATES)
    first_info = check.moment(data, "first_info", tz, required=False)
    closed_at, closed_reason = _closed(check, data, status, tz)
    note = check.text(data, "note", required=False)
    if received is not None:
        if file.parent.name != str(received.year):
            check.add(
                "E063", "received", folder=file.parent.name, year=received.year, field="received"
            )
        for name, moment in (("first_info", first_info), ("closed.at", closed_at)):
            if moment is not None and moment < received:
                check.add("E067", name, value=_at(moment), received=_at(received))
    if (
        check.found
        or item_id is None
        or kind is None
        or outlet is None
        or title is None
        or received is None
        or unit is None
        or priority is None
        or status is None
    ):
        return None, check.found
    return (
        PressItem(
            path=path,
            id=item_id,
            kind=kind,
            outlet=outlet,
            title=title,
            url=url,
            published=published,
            received=received,
            unit=unit,
            priority=priority,
            status=status,
            first_info=first_info,
            closed_at=closed_at,
            closed_reason=closed_reason,
            note=note,
            first_information_due=rules.first_information_due(received),
            answer_due=rules.answer_due(received),
            lines=dict(fm.lines),
        ),
        [],
    )


def _choice(
    check: FieldChecker,
    data: dict[str, Any],
    key: str,
    allowed: tuple[str, ...],
    default: str | None = None,
) -> str | None:
    value = check.text(data, key, required=default is None)
    if value is None:
        return default
    if value not in allowed:
        check.add("E064", key, value=value, allowed=", ".join(allowed))
        return None
    return value


def _closed(
    check: FieldChecker, data: dict[str, Any], status: str | None, tz: dt.tzinfo
) -> tuple[dt.datetime | None, str | None]:
    raw = check.mapping(data, "closed", CLOSED_FIELDS)
    if raw is None:
        if status == "closed":
            condition = Localized(" khi status là closed", " when status is closed")
            check.found.append(
                issue.make(
                    check.path, check.fm.line("status"), "E003", "closed", condition=condition
                )
            )
        return None, None
    at = check.moment(raw, "at", tz, "closed.")
    reason = check.text(raw, "reason", "closed.")
    return at, reason


def _at(moment: dt.datetime) -> str:
    return dates.show_datetime(moment, "vi")
