"""Every per-file rule of the content model (CONTENT_MODEL.md sections 2 and 4).

:func:`check_article` turns parsed front-matter into an :class:`~newsroom.model.Article`
while collecting every issue of the file; it never stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import issues as issue
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

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".doc": "application/msword",
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
}


@dataclass
class _Check:
    """Collects the issues of one file; knows the line of every field."""

    fm: FrontMatter
    path: str
    found: list[Issue] = field(default_factory=list)

    def add(self, code: str, field_path: str, **params: object) -> None:
        self.found.append(
            issue.make(self.path, self.fm.line(field_path), code, field_path, **params)
        )

    def text(
        self, data: dict[str, Any], key: str, prefix: str = "", required: bool = True
    ) -> str | None:
        value = data.get(key)
        name = prefix + key
        if value is None:
            if required:
                self.add("E003", name, condition="")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add("E004", name, expected=_kind("str"), got=_kind_of(value))
            return None
        result = nfc(str(value)).strip()
        if required and not result:
            self.add("E003", name, condition="")
            return None
        return result

    def moment(
        self, data: dict[str, Any], key: str, tz: dt.tzinfo, prefix: str = "", required: bool = True
    ) -> dt.datetime | None:
        value = data.get(key)
        name = prefix + key
        if value is None:
            if required:
                self.add("E003", name, condition="")
            return None
        result = None if isinstance(value, InvalidValue | bool) else to_datetime(value, tz)
        if result is None:
            raw = value.raw if isinstance(value, InvalidValue) else value
            self.add("E005", name, value=str(raw))
        return result

    def strings(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in value
        ):
            self.add("E004", key, expected=_kind("list"), got=_kind_of(value))
            return ()
        return tuple(nfc(str(v)).strip() for v in value if str(v).strip())

    def mapping(self, data: dict[str, Any], key: str) -> dict[str, Any] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add("E004", key, expected=_kind("dict"), got=_kind_of(value))
            return None
        self.unknown_keys(value, SUBFIELDS[key], f"{key}.")
        return value

    def unknown_keys(self, data: dict[str, Any], known: tuple[str, ...], prefix: str = "") -> None:
        for key in data:
            if str(key) not in known:
                near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = _hint(near[0] if near else None)
                self.add("E014", f"{prefix}{key}", hint=hint)

    def registry_key(
        self,
        data: dict[str, Any],
        key: str,
        registry: dict[str, Any],
        registry_name: Localized,
        prefix: str = "",
        required: bool = True,
    ) -> str | None:
        value = self.text(data, key, prefix, required)
        if value is None:
            return None
        if value not in registry:
            near = difflib.get_close_matches(value, list(registry), n=1, cutoff=0.6)
            self.add(
                "E009",
                prefix + key,
                value=value,
                registry=registry_name,
                hint=_hint(near[0] if near else None),
            )
            return None
        return value


NO_CONDITION = Localized("", "")
_FOCUS_AREAS = Localized("nội dung trọng tâm", "focus areas")

_KINDS = {
    "str": ("một chuỗi", "a string"),
    "list": ("một danh sách", "a list"),
    "dict": ("một khối trường con", "a mapping"),
    "bool": ("true hoặc false", "true or false"),
}


def _kind(name: str) -> Localized:
    return Localized(*_KINDS[name])


def _kind_of(value: object) -> Localized | str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return _kind("list")
    if isinstance(value, dict):
        return _kind("dict")
    if isinstance(value, InvalidValue):
        return repr(value.raw)
    return repr(value)


def _hint(name: str | None) -> Localized:
    return did_you_mean(name)


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
    check = _Check(fm, display_path)
    data = fm.data
    lang = _language_of(src_uri)
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
        check.add("E010", "unit", value=unit, date=_day(date), hint=_hint(successor))
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
        if key not in registries.focus_areas:
            near = difflib.get_close_matches(key, list(registries.focus_areas), n=1)
            check.add(
                "E009",
                f"focus_areas.{index}",
                value=key,
                registry=_FOCUS_AREAS,
                hint=_hint(near[0] if near else None),
            )
    featured = data.get("featured", False)
    if not isinstance(featured, bool):
        check.add("E004", "featured", expected=_kind("bool"), got=_kind_of(featured))
        featured = False
    article_dir = posixpath.dirname(src_uri)
    attachments = _attachments(check, data, docs_dir, article_dir)
    image = _image(check, data, docs_dir, article_dir)
    updates = _updates(check, data, tz)
    source = None
    if (raw_source := check.mapping(data, "source")) is not None:
        name = check.text(raw_source, "name", "source.")
        source = Source(name, check.text(raw_source, "url", "source.", False)) if name else None

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


def _language_of(src_uri: str) -> str:
    suffixes = Path(src_uri).suffixes
    return suffixes[-2].lstrip(".") if len(suffixes) >= 2 else "vi"


def _inherit(check: _Check, data: dict[str, Any], original: Article) -> dict[str, Any]:
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


def _check_length(check: _Check, name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        check.add("E007", name, length=len(value), limit=limit)


def _check_path(check: _Check, src_uri: str, date: dt.datetime | None) -> None:
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
    check: _Check, data: dict[str, Any], registries: Registries, unit: str | None, tz: dt.tzinfo
) -> Approval | None:
    raw = check.mapping(data, "approval")
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
    check: _Check, data: dict[str, Any], registries: Registries, date: dt.datetime | None
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


def _press_report(check: _Check, data: dict[str, Any], tz: dt.tzinfo) -> PressReport | None:
    if isinstance(data.get("responds_to"), PressReport):
        return data["responds_to"]
    raw = check.mapping(data, "responds_to")
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


def _event(check: _Check, data: dict[str, Any], tz: dt.tzinfo) -> Event | None:
    if isinstance(data.get("event"), Event):
        return data["event"]
    raw = check.mapping(data, "event")
    if raw is None:
        return None
    start = check.moment(raw, "start", tz, "event.")
    end = check.moment(raw, "end", tz, "event.", required=False)
    location = check.text(raw, "location", "event.")
    online_url = check.text(raw, "online_url", "event.", required=False)
    if start and location:
        return Event(start, end, location, online_url)
    return None


def _withdrawal(check: _Check, data: dict[str, Any], tz: dt.tzinfo) -> Withdrawal | None:
    raw = check.mapping(data, "withdrawn")
    if raw is None:
        return None
    at = check.moment(raw, "at", tz, "withdrawn.")
    reason = check.text(raw, "reason", "withdrawn.")
    return Withdrawal(at, reason) if at and reason else None


def _attachments(
    check: _Check, data: dict[str, Any], docs_dir: Path, article_dir: str
) -> tuple[Attachment, ...]:
    raw = data.get("attachments")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.add("E004", "attachments", expected=_kind("list"), got=_kind_of(raw))
        return ()
    result: list[Attachment] = []
    for index, item in enumerate(raw):
        prefix = f"attachments.{index}."
        if not isinstance(item, dict):
            check.add("E004", f"attachments.{index}", expected=_kind("dict"), got=_kind_of(item))
            continue
        check.unknown_keys(item, SUBFIELDS["attachments"], prefix)
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


def media_type(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def resolve(article_dir: str, path: str) -> str | None:
    """Docs-relative path of ``path`` written in an article in ``article_dir``.

    ``/tep/x.pdf`` is relative to the docs root; anything escaping the docs root is ``None``.
    """
    if path.startswith(("http://", "https://")):
        return None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(article_dir, path)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") else normal


def _image(check: _Check, data: dict[str, Any], docs_dir: Path, article_dir: str) -> Image | None:
    raw = check.mapping(data, "image")
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


def _updates(check: _Check, data: dict[str, Any], tz: dt.tzinfo) -> tuple[Update, ...]:
    raw = data.get("updates")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.add("E004", "updates", expected=_kind("list"), got=_kind_of(raw))
        return ()
    result = []
    for index, item in enumerate(raw):
        prefix = f"updates.{index}."
        if not isinstance(item, dict):
            check.add("E004", f"updates.{index}", expected=_kind("dict"), got=_kind_of(item))
            continue
        check.unknown_keys(item, SUBFIELDS["updates"], prefix)
        at = check.moment(item, "at", tz, prefix)
        note = check.text(item, "note", prefix)
        kind = check.text(item, "kind", prefix, required=False) or "update"
        if kind not in UPDATE_KINDS:
            check.add("E023", prefix + "kind", value=kind)
            continue
        if at and note:
            result.append(Update(at, note, kind))
    return tuple(result)
