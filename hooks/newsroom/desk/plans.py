"""Annual plans: ``docs/.ke-hoach/<YYYY>.yml`` (the Ministry's plan) and, optionally,
``docs/.ke-hoach/<YYYY>/<unit>.yml`` (a unit's own targets), validated against the registries.

A plan holds targets only; what was achieved is counted from the published articles
(:mod:`newsroom.desk.review`). Every problem is an issue ``path:line: CODE field: message``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common import issues as issue
from ..common.issues import Issue
from ..common.messages import Localized
from ..content.fields import FieldChecker, type_label_of
from ..content.model import MEDIA_KINDS
from ..content.parsing import parse_yaml
from ..content.registries import Registries
from ..content.schema import REGISTRY_NAMES

FIELDS = (
    "year",
    "title",
    "basis",
    "articles",
    "focus_areas",
    "types",
    "press_conferences",
    "media",
    "translations",
)
QUARTERS = ("q1", "q2", "q3", "q4")


@dataclass(frozen=True)
class Plan:
    """Targets for one year, of the whole Ministry (``unit`` None) or of one unit."""

    path: str
    year: int
    unit: str | None
    title: str | None
    basis: str | None
    articles: int | None = None
    focus_areas: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    press_conferences: dict[int, int] = field(default_factory=dict)  # quarter → count
    media: dict[str, int] = field(default_factory=dict)
    translations: int | None = None


def plan_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def load(
    folder: Path, shown_root: Path, registries: Registries
) -> tuple[dict[tuple[int, str | None], Plan], list[Issue]]:
    """Every plan by ``(year, unit)``; the issues of all plan files."""
    plans: dict[tuple[int, str | None], Plan] = {}
    found: list[Issue] = []
    for file in plan_files(folder):
        path = file.relative_to(shown_root).as_posix()
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            found.append(issue.make(path, 1, "E026", detail=str(exc)))
            continue
        relative = file.relative_to(folder)
        plan, plan_issues = check_plan(text, path, relative, registries)
        found.extend(plan_issues)
        if plan is None:
            continue
        key = (plan.year, plan.unit)
        if key in plans:
            found.append(issue.make(path, 1, "E071", year=plan.year, other=plans[key].path))
            continue
        plans[key] = plan
    return plans, found


def check_plan(
    text: str, path: str, relative: Path, registries: Registries
) -> tuple[Plan | None, list[Issue]]:
    """Check one plan file; ``relative`` is its path under the plans folder."""
    fm, found = parse_yaml(text, path)
    if fm is None:
        return None, found
    check = FieldChecker(fm, path)
    data = fm.data
    check.unknown_keys(data, FIELDS)
    year = _count(check, data, "year", required=True)
    folder_year = relative.parts[0].split(".")[0] if relative.parts else ""
    unit = relative.stem if len(relative.parts) == 2 else None
    if year is not None and folder_year != str(year):
        check.add("E063", "year", folder=folder_year, year=year, field="year")
    if unit is not None:
        if unit not in registries.units:
            check.found.append(
                issue.make(
                    path,
                    1,
                    "E009",
                    value=unit,
                    registry=REGISTRY_NAMES["units"],
                    hint=Localized("", ""),
                )
            )
        elif year is not None and not _valid_during(registries, unit, year):
            check.found.append(issue.make(path, 1, "E070", value=unit, year=year))
    title = check.text(data, "title", required=False)
    basis = check.text(data, "basis", required=False)
    articles = _count(check, data, "articles")
    translations = _count(check, data, "translations")
    focus = _counts(
        check,
        data,
        "focus_areas",
        registries.focus_areas,
        REGISTRY_NAMES["focus_areas"],
    )
    types = _counts(check, data, "types", registries.types, REGISTRY_NAMES["types"])
    media = _counts(check, data, "media", dict.fromkeys(MEDIA_KINDS), None)
    conferences = _conferences(check, data)
    if check.found or year is None:
        return None, check.found
    return (
        Plan(
            path, year, unit, title, basis, articles, focus, types, conferences, media, translations
        ),
        [],
    )


def _valid_during(registries: Registries, unit: str, year: int) -> bool:
    validity = registries.units[unit].validity
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if validity.valid_from and validity.valid_from > last:
        return False
    return not (validity.valid_to and validity.valid_to < first)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _count(
    check: FieldChecker, data: dict[str, Any], key: str, required: bool = False
) -> int | None:
    value = data.get(key)
    if check.absent(value, key, required):
        return None
    if not _is_count(value):
        check.add("E068", key, got=type_label_of(value))
        return None
    return value


def _counts(
    check: FieldChecker,
    data: dict[str, Any],
    key: str,
    registry: dict[str, Any],
    registry_name: Localized | None,
) -> dict[str, int]:
    """A mapping ``registry key → target``; unknown keys and bad numbers are reported."""
    raw = data.get(key)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.wrong_type(key, "dict", raw)
        return {}
    result = {}
    for name, value in raw.items():
        name = str(name)
        path = f"{key}.{name}"
        if registry_name is None and name not in registry:
            check.add("E064", path, value=name, allowed=", ".join(registry))
            continue
        if registry_name is not None and not check.in_registry(path, name, registry, registry_name):
            continue
        if not _is_count(value):
            check.add("E068", path, got=type_label_of(value))
            continue
        result[name] = value
    return result


def _conferences(check: FieldChecker, data: dict[str, Any]) -> dict[int, int]:
    """``press_conferences: 1`` (each quarter) or ``{q1: 1, q2: 0, …}``."""
    raw = data.get("press_conferences")
    if raw is None:
        return {}
    if _is_count(raw):
        return dict.fromkeys(range(1, 5), raw)
    if not isinstance(raw, dict):
        check.add("E068", "press_conferences", got=type_label_of(raw))
        return {}
    result = {}
    for name, value in raw.items():
        path = f"press_conferences.{name}"
        if str(name) not in QUARTERS:
            check.add("E064", path, value=str(name), allowed=", ".join(QUARTERS))
        elif not _is_count(value):
            check.add("E068", path, got=type_label_of(value))
        else:
            result[QUARTERS.index(str(name)) + 1] = value
    return result
