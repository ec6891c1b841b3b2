"""Every per-file rule of the content model (CONTENT_MODEL.md sections 2 and 4).

:func:`check_article` turns parsed front-matter into an :class:`~newsroom.model.Article`
while collecting every issue of the file; it never stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import Any

from . import issues as issue
from . import media
from .fields import FieldChecker
from .issues import Issue
from .messages import Localized, did_you_mean
from .model import (
    STATUSES,
    UPDATE_KINDS,
    Approval,
    Article,
    Attachment,
    Event,
    Image,
    PressReport,
    Source,
    Update,
    Withdrawal,
)
from .parsing import FrontMatter, InvalidValue, to_datetime
from .paths import language_of, media_type, resolve
from .registries import Registries
from .text import nfc

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TITLE_MAX = 200
SUMMARY_MAX = 400

REQUIRED = ("id", "title", "summary", "date", "type", "category", "unit", "status")
#: Fields a translation may leave out; where it gives one, it must equal the original's.
SHARED = (
    "id",
    "date",
    "type",
    "category",
    "unit",
    "focus_areas",
    "spokesperson",
    "responds_to",
    "event",
)
OPTIONAL = (
    "approval",
    "spokesperson",
    "responds_to",
    "event",
    "withdrawn",
    "focus_areas",
    "tags",
    "authors",
    "source",
    "image",
    "attachments",
    "updates",
    "legal_basis",
    "featured",
)
KNOWN = REQUIRED + OPTIONAL
_FOCUS_AREAS = Localized("nội dung trọng tâm", "focus areas")
SUBFIELDS: dict[str, tuple[str, ...]] = {
    "approval": ("by", "at"),
    "responds_to": ("outlet", "title", "url", "published", "received"),
    "event": ("start", "end", "location", "online_url"),
    "withdrawn": ("at", "reason"),
    "source": ("name", "url"),
    "image": ("src", "alt", "caption", "credit"),
    "attachments": ("path", "title"),
    "updates": ("at", "note", "kind"),
}
#: Conditional requirements that are not expressed in the types registry.
STATUS_REQUIRES = {"approved": ("approval",), "withdrawn": ("approval", "withdrawn")}


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
    data = fm.data
    lang = language_of(src_uri)
    check.unknown_keys(data, KNOWN)

    if original is not None:
        data = _inherit(check, data, original)

    article_id = check.text(data, "id")
    if article_id is not None and not ID_RE.match(article_id):
        check.add("E006", "id", value=article_id)
    title = check.text(data, "title")
    if title is not None:
        _check_length(check, "title", title, TITLE_MAX)
        if "\n" in title:
            check.add("E008", "title")
    summary = check.text(data, "summary")
    if summary is not None:
        _check_length(check, "summary", summary, SUMMARY_MAX)
    date = check.moment(data, "date", tz)
    type_key = check.registry_key(data, "type", registries.types, Localized("loại tin", "types"))
    category = check.registry_key(
        data, "category", registries.categories, Localized("chuyên mục", "categories")
    )
    unit = check.registry_key(data, "unit", registries.units, Localized("đơn vị", "units"))
    status = check.text(data, "status")
    if status is not None and status not in STATUSES:
        check.add("E011", "status", value=status)
        status = None

    if unit and date and not registries.units[unit].validity.covers(date.date()):
        successor = registries.units[unit].successor
        check.add("E010", "unit", value=unit, date=_day(date), hint=did_you_mean(successor))
    _check_path(check, src_uri, date)

    required_by_status = set(STATUS_REQUIRES.get(status or "", ()))
    required_now = set(required_by_status)
    if type_key:
        required_now |= set(registries.types[type_key].requires)
    for name in sorted(required_now):
        if data.get(name) is None:
            check.found.append(
                issue.make(
                    check.path,
                    fm.line("type" if name not in required_by_status else "status"),
                    "E003",
                    name,
                    condition=_condition(name, status, type_key),
                )
            )

    approval = _approval(check, data, registries, unit, tz)
    spokesperson = _spokesperson(check, data, registries, date)
    responds_to = _press_report(check, data, tz)
    event = _event(check, data, tz)
    withdrawn = _withdrawal(check, data, tz)
    if approval and withdrawn and withdrawn.at < approval.at:
        check.add("E025", "withdrawn.at", value=approval.at.strftime("%d/%m/%Y %H:%M"))
    focus_areas = check.strings(data, "focus_areas")
    for index, key in enumerate(focus_areas):
        check.in_registry(f"focus_areas.{index}", key, registries.focus_areas, _FOCUS_AREAS)
    featured = data.get("featured", False)
    if not isinstance(featured, bool):
        check.wrong_type("featured", "bool", featured)
        featured = False
    article_dir = posixpath.dirname(src_uri)
    attachments = _attachments(check, data, docs_dir, article_dir)
    image = _image(check, data, docs_dir, article_dir)
    updates = _updates(check, data, tz)
    source = None
    if (raw_source := check.mapping(data, "source", SUBFIELDS["source"])) is not None:
        name = check.text(raw_source, "name", "source.")
        source = Source(name, check.text(raw_source, "url", "source.", False)) if name else None

    check.found.extend(media.caption_issues(fm.body, fm.body_line, display_path, src_uri, docs_dir))
    if check.found or None in (article_id, title, summary, date, type_key, category, unit, status):
        return None, check.found
    article = Article(
        src_uri=src_uri,
        path=display_path,
        lang=lang,
        id=article_id,
        title=title,
        summary=summary,
        date=date,
        type=type_key,
        category=category,
        unit=unit,
        status=status,
        body=fm.body,
        body_line=fm.body_line,
        approval=approval,
        spokesperson=spokesperson,
        responds_to=responds_to,
        event=event,
        withdrawn=withdrawn,
        focus_areas=focus_areas,
        tags=check.strings(data, "tags"),
        authors=check.strings(data, "authors"),
        source=source,
        image=image,
        attachments=attachments,
        updates=updates,
        legal_basis=check.strings(data, "legal_basis"),
        featured=featured,
        original_src_uri=original.src_uri if original else None,
    )
    return article, check.found


def _inherit(check: FieldChecker, data: dict[str, Any], original: Article) -> dict[str, Any]:
    """Fill a translation's shared fields from its original; report contradictions."""
    merged = dict(data)
    inherited = {
        "id": original.id,
        "date": original.date,
        "type": original.type,
        "category": original.category,
        "unit": original.unit,
        "focus_areas": list(original.focus_areas),
        "spokesperson": original.spokesperson,
    }
    tz = original.date.tzinfo
    for name in SHARED:
        if name not in data:
            if name in inherited:
                merged[name] = inherited[name]
            continue
        if name in inherited:
            given = data[name]
            if name == "date":
                given = to_datetime(given, tz) if not isinstance(given, InvalidValue) else given
            elif name == "focus_areas" and isinstance(given, list):
                given = [nfc(str(v)) for v in given]
            if given != inherited[name]:
                check.add("E017", name, value=_show(data[name]), original=_show(inherited[name]))
    for name in ("responds_to", "event"):
        if name not in data and getattr(original, name) is not None:
            merged[name] = getattr(original, name)
    return merged


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def _check_length(check: FieldChecker, name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        check.add("E007", name, length=len(value), limit=limit)


def _check_path(check: FieldChecker, src_uri: str, date: dt.datetime | None) -> None:
    parts = src_uri.split("/")
    slug = parts[-1].split(".", 1)[0]
    if not SLUG_RE.match(slug):
        check.add("E024", "", value=parts[-1])
    if date and len(parts) >= 3 and parts[-2] != str(date.year):
        check.add("E022", "date", folder=parts[-2], year=date.year)


def _day(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y")


def _condition(name: str, status: str | None, type_key: str | None) -> Localized:
    if name in STATUS_REQUIRES.get(status or "", ()):
        return Localized(f" khi status là {status}", f" when status is {status}")
    return Localized(f" với loại tin {type_key}", f" for type {type_key}")


def _approval(
    check: FieldChecker,
    data: dict[str, Any],
    registries: Registries,
    unit: str | None,
    tz: dt.tzinfo,
) -> Approval | None:
    raw = check.mapping(data, "approval", SUBFIELDS["approval"])
    if raw is None:
        return None
    by = check.registry_key(
        raw, "by", registries.approvers, Localized("người duyệt", "approvers"), "approval."
    )
    at = check.moment(raw, "at", tz, "approval.")
    if by is None or at is None:
        return None
    approver = registries.approvers[by]
    if not approver.validity.covers(at.date()):
        check.add("E013", "approval.by", value=by, date=_day(at))
    if unit and not approver.may_approve(unit):
        check.add("E012", "approval.by", value=by, unit=unit)
    return Approval(by, at)


def _spokesperson(
    check: FieldChecker, data: dict[str, Any], registries: Registries, date: dt.datetime | None
) -> str | None:
    key = check.registry_key(
        data,
        "spokesperson",
        registries.spokespersons,
        Localized("người phát ngôn", "spokespersons"),
        required=False,
    )
    if key and date and not registries.spokespersons[key].validity.covers(date.date()):
        check.add("E013", "spokesperson", value=key, date=_day(date))
    return key


def _press_report(check: FieldChecker, data: dict[str, Any], tz: dt.tzinfo) -> PressReport | None:
    if isinstance(data.get("responds_to"), PressReport):
        return data["responds_to"]
    raw = check.mapping(data, "responds_to", SUBFIELDS["responds_to"])
    if raw is None:
        return None
    outlet = check.text(raw, "outlet", "responds_to.")
    title = check.text(raw, "title", "responds_to.")
    url = check.text(raw, "url", "responds_to.", required=False)
    published = check.moment(raw, "published", tz, "responds_to.")
    received = check.moment(raw, "received", tz, "responds_to.", required=False) or published
    if outlet and title and published and received:
        return PressReport(outlet, title, url, published, received)
    return None


def _event(check: FieldChecker, data: dict[str, Any], tz: dt.tzinfo) -> Event | None:
    if isinstance(data.get("event"), Event):
        return data["event"]
    raw = check.mapping(data, "event", SUBFIELDS["event"])
    if raw is None:
        return None
    start = check.moment(raw, "start", tz, "event.")
    end = check.moment(raw, "end", tz, "event.", required=False)
    location = check.text(raw, "location", "event.")
    online_url = check.text(raw, "online_url", "event.", required=False)
    if start and location:
        return Event(start, end, location, online_url)
    return None


def _withdrawal(check: FieldChecker, data: dict[str, Any], tz: dt.tzinfo) -> Withdrawal | None:
    raw = check.mapping(data, "withdrawn", SUBFIELDS["withdrawn"])
    if raw is None:
        return None
    at = check.moment(raw, "at", tz, "withdrawn.")
    reason = check.text(raw, "reason", "withdrawn.")
    return Withdrawal(at, reason) if at and reason else None


def _attachments(
    check: FieldChecker, data: dict[str, Any], docs_dir: Path, article_dir: str
) -> tuple[Attachment, ...]:
    result: list[Attachment] = []
    for prefix, item in check.items(data, "attachments", SUBFIELDS["attachments"]):
        path = check.text(item, "path", prefix)
        title = check.text(item, "title", prefix)
        if not path or not title:
            continue
        src_uri = resolve(article_dir, path)
        file = docs_dir / src_uri
        if src_uri is None or not file.is_file():
            check.add("E019", prefix + "path", value=path)
            continue
        if any(a.src_uri == src_uri for a in result):
            check.add("W102", prefix + "path", value=path)
            continue
        result.append(Attachment(title, src_uri, file.stat().st_size, media_type(src_uri)))
    return tuple(result)


def _image(
    check: FieldChecker, data: dict[str, Any], docs_dir: Path, article_dir: str
) -> Image | None:
    raw = check.mapping(data, "image", SUBFIELDS["image"])
    if raw is None:
        return None
    src = check.text(raw, "src", "image.")
    alt = check.text(raw, "alt", "image.", required=False)
    if not alt:
        check.add("E020", "image.alt")
    caption = check.text(raw, "caption", "image.", required=False)
    credit = check.text(raw, "credit", "image.", required=False)
    if not src:
        return None
    if src.startswith(("http://", "https://")):
        src_uri = src
    else:
        src_uri = resolve(article_dir, src)
        if src_uri is None or not (docs_dir / src_uri).is_file():
            check.add("E019", "image.src", value=src)
            return None
    return Image(src_uri, alt or "", caption, credit)


def _updates(check: FieldChecker, data: dict[str, Any], tz: dt.tzinfo) -> tuple[Update, ...]:
    result = []
    for prefix, item in check.items(data, "updates", SUBFIELDS["updates"]):
        at = check.moment(item, "at", tz, prefix)
        note = check.text(item, "note", prefix)
        kind = check.text(item, "kind", prefix, required=False) or "update"
        if kind not in UPDATE_KINDS:
            check.add("E023", prefix + "kind", value=kind)
            continue
        if at and note:
            result.append(Update(at, note, kind))
    return tuple(result)
