"""Readers of the article fields that are blocks (``approval:``) or lists of blocks.

Each reader takes the :class:`Context` of the file being checked and returns the normalised
value, or ``None`` (an empty tuple for lists) after recording why. :data:`READERS` maps the
schema's block fields (:data:`newsroom.content.schema.FIELDS`, readers ``BLOCK`` and ``ITEMS``)
to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common import dates
from ..common.messages import REASONS
from . import classify, urlpolicy
from .fields import FieldChecker
from .model import (
    UPDATE_KINDS,
    Approval,
    Attachment,
    Event,
    Image,
    PressReport,
    Source,
    Update,
    Withdrawal,
)
from .paths import media_type, resolve
from .registries import Registries
from .schema import ID_RE, REGISTRY_NAMES, SUBFIELDS


@dataclass
class Context:
    """One article being checked: its data, where it lives, and the values read so far."""

    check: FieldChecker
    data: dict[str, Any]
    registries: Registries
    docs_dir: Path
    tz: dt.tzinfo
    article_dir: str  # docs-relative folder of the article, for relative file paths
    values: dict[str, Any] = field(default_factory=dict)


def day(moment: dt.datetime) -> str:
    return dates.show_date(moment, "vi")


def approval(ctx: Context) -> Approval | None:
    check = ctx.check
    raw = check.mapping(ctx.data, "approval", SUBFIELDS["approval"])
    if raw is None:
        return None
    approvers = ctx.registries.approvers
    by = check.registry_key(raw, "by", approvers, REGISTRY_NAMES["approvers"], "approval.")
    at = check.moment(raw, "at", ctx.tz, "approval.")
    if by is None or at is None:
        return None
    approver = approvers[by]
    if not approver.validity.covers(at.date()):
        check.add("E013", "approval.by", value=by, date=day(at))
    unit = ctx.values.get("unit")
    if unit and not approver.may_approve(unit):
        check.add("E012", "approval.by", value=by, unit=unit)
    return Approval(by, at)


def press_report(ctx: Context) -> PressReport | None:
    if isinstance(ctx.data.get("responds_to"), PressReport):
        return ctx.data["responds_to"]  # inherited by a translation, checked in the original
    check, tz, prefix = ctx.check, ctx.tz, "responds_to."
    raw = check.mapping(ctx.data, "responds_to", SUBFIELDS["responds_to"])
    if raw is None:
        return None
    outlet = check.text(raw, "outlet", prefix)
    title = check.text(raw, "title", prefix)
    url = check.web_url(raw, "url", prefix)
    published = check.moment(raw, "published", tz, prefix)
    received = check.moment(raw, "received", tz, prefix, required=False) or published
    item = check.text(raw, "item", prefix, required=False)
    if item is not None and not ID_RE.match(item):
        check.add("E006", "responds_to.item", value=item)
    if outlet and title and published and received:
        return PressReport(outlet, title, url, published, received, item)
    return None


def event(ctx: Context) -> Event | None:
    if isinstance(ctx.data.get("event"), Event):
        return ctx.data["event"]  # inherited by a translation, checked in the original
    check, tz = ctx.check, ctx.tz
    raw = check.mapping(ctx.data, "event", SUBFIELDS["event"])
    if raw is None:
        return None
    start = check.moment(raw, "start", tz, "event.")
    end = check.moment(raw, "end", tz, "event.", required=False)
    location = check.text(raw, "location", "event.")
    online_url = check.web_url(raw, "online_url", "event.")
    notice = check.text(raw, "notice", "event.", required=False)
    if notice is not None and not ID_RE.match(notice):
        check.add("E006", "event.notice", value=notice)
    if start and location:
        return Event(start, end, location, online_url, notice)
    return None


def withdrawal(ctx: Context) -> Withdrawal | None:
    check = ctx.check
    raw = check.mapping(ctx.data, "withdrawn", SUBFIELDS["withdrawn"])
    if raw is None:
        return None
    at = check.moment(raw, "at", ctx.tz, "withdrawn.")
    reason = check.text(raw, "reason", "withdrawn.")
    approved = ctx.values.get("approval")
    if approved and at and reason and at < approved.at:
        check.add("E025", "withdrawn.at", value=dates.show_datetime(approved.at, "vi"))
    return Withdrawal(at, reason) if at and reason else None


def source(ctx: Context) -> Source | None:
    check = ctx.check
    raw = check.mapping(ctx.data, "source", SUBFIELDS["source"])
    if raw is None:
        return None
    name = check.text(raw, "name", "source.")
    return Source(name, check.web_url(raw, "url", "source.")) if name else None


def attachments(ctx: Context) -> tuple[Attachment, ...]:
    check = ctx.check
    result: list[Attachment] = []
    for prefix, item in check.items(ctx.data, "attachments", SUBFIELDS["attachments"]):
        path = check.text(item, "path", prefix)
        title = check.text(item, "title", prefix)
        if not path or not title:
            continue
        src_uri = local_file(ctx, prefix + "path", path)
        if src_uri is None:
            continue
        if any(a.src_uri == src_uri for a in result):
            check.add("W102", prefix + "path", value=path)
            continue
        size = (ctx.docs_dir / src_uri).stat().st_size
        result.append(Attachment(title, src_uri, size, media_type(src_uri)))
    return tuple(result)


def image(ctx: Context) -> Image | None:
    check = ctx.check
    raw = check.mapping(ctx.data, "image", SUBFIELDS["image"])
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
    if urlpolicy.scheme(src) in urlpolicy.WEB_SCHEMES:
        if not urlpolicy.is_web_url(src):
            check.add("E027", "image.src", value=src)
            return None
        src_uri: str | None = src
    else:
        src_uri = local_file(ctx, "image.src", src)
    return Image(src_uri, alt or "", caption, credit) if src_uri else None


def local_file(ctx: Context, field_path: str, path: str) -> str | None:
    """Docs path of a file an article uses (attachment, image), or ``None`` (reported).

    The path must be a plain local path (the URL policy), stay inside ``docs/``, name a
    real file (not a symbolic link) of a media type the site publishes.
    """
    docs_dir = ctx.docs_dir
    problem = urlpolicy.local_path_problem(path)
    src_uri = resolve(ctx.article_dir, path) if problem is None else None
    if problem is None and src_uri is None:
        problem = "outside"
    if src_uri is not None:
        file = docs_dir / src_uri
        if file.is_symlink() or any(p.is_symlink() for p in file.parents if docs_dir in p.parents):
            problem = "symlink"
        elif not file.is_file():
            ctx.check.add("E019", field_path, value=path)
            return None
        elif classify.asset_media_type(src_uri) is None:
            problem = "type"
    if problem is not None:
        ctx.check.add("E028", field_path, value=path, reason=REASONS[problem])
        return None
    return src_uri


def updates(ctx: Context) -> tuple[Update, ...]:
    check = ctx.check
    result = []
    for prefix, item in check.items(ctx.data, "updates", SUBFIELDS["updates"]):
        at = check.moment(item, "at", ctx.tz, prefix)
        note = check.text(item, "note", prefix)
        kind = check.text(item, "kind", prefix, required=False) or "update"
        if kind not in UPDATE_KINDS:
            check.add("E023", prefix + "kind", value=kind)
            continue
        if at and note:
            result.append(Update(at, note, kind))
    return tuple(result)


#: The reader of each block field of the schema.
READERS: dict[str, Callable[[Context], Any]] = {
    "approval": approval,
    "responds_to": press_report,
    "event": event,
    "withdrawn": withdrawal,
    "source": source,
    "image": image,
    "attachments": attachments,
    "updates": updates,
}
