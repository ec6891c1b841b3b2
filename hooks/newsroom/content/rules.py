"""The per-file stage of checking (CONTENT_MODEL.md sections 2 and 4).

:func:`check_article` reads every field of :data:`newsroom.content.schema.FIELDS` in table order,
applies each field's own rule, then the rules that join fields (required by status or by type,
the folder of the year, the scaffold left in a finished article), and turns the result into an
:class:`~newsroom.content.model.Article`. It collects every issue of the file and never stops at
the first one. The other stages: across files in :class:`newsroom.content.corpus.Corpus`, at a
transition in :func:`newsroom.content.workflow.would_be_issues`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..common import issues as issue
from ..common.issues import Issue
from ..common.messages import Localized, did_you_mean
from ..common.text import nfc, slugify
from . import media, schema, workflow
from .article_blocks import READERS, Context, day
from .fields import FieldChecker
from .model import MEDIA_KINDS, Article, pack_body
from .parsing import FrontMatter, InvalidValue, to_datetime
from .paths import language_of
from .placeholders import body_line as placeholder_body_line
from .placeholders import fields_with_placeholders
from .registries import Registries
from .schema import ID_RE, SUMMARY_MAX, TITLE_MAX, Field, Need, Reader, Shared

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_article(
    fm: FrontMatter,
    src_uri: str,
    display_path: str,
    registries: Registries,
    docs_dir: Path,
    tz: dt.tzinfo,
    original: Article | None = None,
) -> tuple[Article | None, list[Issue]]:
    """Check one article (or translation, given its ``original``) and normalise it."""
    check = FieldChecker(fm, display_path)
    check.unknown_keys(fm.data, schema.KNOWN)
    data = fm.data if original is None else inherit(check, fm.data, original)
    ctx = Context(check, data, registries, docs_dir, tz, posixpath.dirname(src_uri))
    for spec in schema.FIELDS:
        value = _read(ctx, spec)
        rule = _RULES.get(spec.name)
        ctx.values[spec.name] = rule(ctx, value) if rule and value is not None else value
    _check_conditions(ctx)
    _check_path(check, src_uri, ctx.values["date"])
    if ctx.values["status"] in workflow.PUBLIC_STATUSES:
        _check_placeholders(check, fm)
    check.found.extend(media.caption_issues(fm.body, fm.body_line, display_path, src_uri, docs_dir))
    if check.found or any(ctx.values[name] is None for name in schema.REQUIRED):
        return None, check.found
    article = Article(
        src_uri=src_uri,
        path=display_path,
        lang=language_of(src_uri),
        packed_body=pack_body(fm.body),
        body_line=fm.body_line,
        original_src_uri=original.src_uri if original else None,
        **ctx.values,
    )
    return article, check.found


def inherit(check: FieldChecker, data: dict[str, Any], original: Article) -> dict[str, Any]:
    """Fill a translation's shared fields from its original; report contradictions (E017)."""
    merged = dict(data)
    tz = original.date.tzinfo or dt.UTC  # always set: dates are read in the site's zone
    for spec in schema.FIELDS:
        if not spec.is_shared:
            continue
        theirs = getattr(original, spec.name)
        if isinstance(theirs, tuple):
            theirs = list(theirs)
        if spec.name not in data:
            if spec.shared is Shared.EQUAL or theirs is not None:
                merged[spec.name] = theirs
        elif spec.shared is Shared.EQUAL and _comparable(spec, data[spec.name], tz) != theirs:
            check.add("E017", spec.name, value=_show(data[spec.name]), original=_show(theirs))
    return merged


def _comparable(spec: Field, given: Any, tz: dt.tzinfo) -> Any:
    """A translation's value as the original holds it (a datetime, a list of keys)."""
    if spec.reader is Reader.MOMENT and not isinstance(given, InvalidValue):
        return to_datetime(given, tz)
    if spec.reader is Reader.KEYS and isinstance(given, list):
        return [nfc(str(v)) for v in given]
    return given


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def _read(ctx: Context, spec: Field) -> Any:
    """The field's value as its reader reads it (``None`` when absent or wrong)."""
    check, data, name = ctx.check, ctx.data, spec.name
    required = spec.need is Need.ALWAYS
    if spec.reader is Reader.TEXT:
        return check.text(data, name, required=required)
    if spec.reader is Reader.MOMENT:
        return check.moment(data, name, ctx.tz, required=required)
    if spec.reader is Reader.KEY:
        assert spec.registry is not None
        registry = getattr(ctx.registries, spec.registry)
        label = schema.REGISTRY_NAMES[spec.registry]
        return check.registry_key(data, name, registry, label, required=required)
    if spec.reader is Reader.KEYS:
        assert spec.registry is not None
        keys = check.strings(data, name)
        registry = getattr(ctx.registries, spec.registry)
        for index, key in enumerate(keys):
            check.in_registry(
                f"{name}.{index}", key, registry, schema.REGISTRY_NAMES[spec.registry]
            )
        return keys
    if spec.reader is Reader.STRINGS:
        return check.strings(data, name)
    if spec.reader is Reader.FLAG:
        flag = data.get(name, False)
        if not isinstance(flag, bool):
            check.wrong_type(name, "bool", flag)
            return False
        return flag
    return READERS[name](ctx)


# -- the rule of each field (applied to a value that was read) ---------------------------------
def _id(ctx: Context, value: str) -> str:
    if not ID_RE.match(value):
        ctx.check.add("E006", "id", value=value)
    return value


def _title(ctx: Context, value: str) -> str:
    _check_length(ctx.check, "title", value, TITLE_MAX)
    if "\n" in value:
        ctx.check.add("E008", "title")
    return value


def _summary(ctx: Context, value: str) -> str:
    _check_length(ctx.check, "summary", value, SUMMARY_MAX)
    return value


def _check_length(check: FieldChecker, name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        check.add("E007", name, length=len(value), limit=limit)


def _status(ctx: Context, value: str) -> str | None:
    if value not in workflow.STATUSES:
        ctx.check.add("E011", "status", value=value)
        return None
    return value


def _unit(ctx: Context, value: str) -> str:
    date = ctx.values.get("date")
    unit = ctx.registries.units[value]
    if date and not unit.validity.covers(date.date()):
        ctx.check.add(
            "E010", "unit", value=value, date=day(date), hint=did_you_mean(unit.successor)
        )
    return value


def _spokesperson(ctx: Context, value: str) -> str:
    date = ctx.values.get("date")
    if date and not ctx.registries.spokespersons[value].validity.covers(date.date()):
        ctx.check.add("E013", "spokesperson", value=value, date=day(date))
    return value


def _media(ctx: Context, value: tuple[str, ...]) -> tuple[str, ...]:
    for index, kind in enumerate(value):
        if kind not in MEDIA_KINDS:
            ctx.check.add("E064", f"media.{index}", value=kind, allowed=", ".join(MEDIA_KINDS))
    return value


def _tags(ctx: Context, value: tuple[str, ...]) -> tuple[str, ...]:
    """Free tags; each needs a letter or digit, since its listing URL is its slug."""
    for index, tag in enumerate(value):
        if not slugify(tag):
            ctx.check.add("E034", f"tags.{index}", value=tag)
    return tuple(tag for tag in value if slugify(tag))


_RULES: dict[str, Callable[[Context, Any], Any]] = {
    "id": _id,
    "title": _title,
    "summary": _summary,
    "status": _status,
    "unit": _unit,
    "spokesperson": _spokesperson,
    "media": _media,
    "tags": _tags,
}


# -- rules that join fields -------------------------------------------------------------------
def _check_conditions(ctx: Context) -> None:
    """E003 for a field the status (``approval``…) or the type (``event``…) requires."""
    status, type_key = ctx.values["status"], ctx.values["type"]
    by_status = schema.required_by_status(status)
    by_type = ctx.registries.types[type_key].requires if type_key else ()
    fm = ctx.check.fm
    for name in sorted({*by_status, *by_type}):
        if ctx.data.get(name) is None:
            ctx.check.found.append(
                issue.make(
                    ctx.check.path,
                    fm.line("status" if name in by_status else "type"),
                    "E003",
                    name,
                    condition=_condition(name in by_status, status, type_key),
                )
            )


def _condition(by_status: bool, status: str | None, type_key: str | None) -> Localized:
    if by_status:
        return Localized(f" khi status là {status}", f" when status is {status}")
    return Localized(f" với loại tin {type_key}", f" for type {type_key}")


def _check_path(check: FieldChecker, src_uri: str, date: dt.datetime | None) -> None:
    parts = src_uri.split("/")
    slug = parts[-1].split(".", 1)[0]
    if not SLUG_RE.match(slug):
        check.add("E024", "", value=parts[-1])
    if date and len(parts) >= 3 and parts[-2] != str(date.year):
        check.add("E022", "date", folder=parts[-2], year=date.year)


def _check_placeholders(check: FieldChecker, fm: FrontMatter) -> None:
    """E029 for each field (and the body) still holding the scaffold of ``newsroom new``."""
    for name in fields_with_placeholders(fm.data):
        check.add("E029", name)
    line = placeholder_body_line(fm.body, fm.body_line)
    if line is not None:
        check.found.append(issue.make(check.path, line, "E029", "body"))
