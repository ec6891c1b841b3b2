"""Press-register files: the text of a new item, and line edits of an existing one.

Like ``approve``/``withdraw``, edits never round-trip YAML through a dumper: the ``status``
line is replaced in place and new fields are appended, so comments and key order stay.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from newsroom.common.text import slugify

_STATUS_RE = re.compile(r"^status[ \t]*:.*$", re.MULTILINE)


@dataclass(frozen=True)
class NewItem:
    id: str
    kind: str
    outlet: str
    title: str
    url: str | None
    published: dt.datetime | None
    received: dt.datetime
    unit: str
    priority: str


def make_id(received: dt.datetime, outlet: str, title: str, taken: set[str]) -> str:
    """``<YYYY>-<outlet>-<title words>``, at most 80 characters, unique against ``taken``."""
    base = f"{received.year}-{slugify(outlet)}-{slugify(title)}"[:72].strip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def item_text(item: NewItem) -> str:
    lines = [
        "# Mục trong sổ theo dõi thông tin báo chí (không bao giờ được đăng công khai).",
        f"id: {item.id}",
        f"kind: {item.kind}",
        f"outlet: {_quote(item.outlet)}",
        f"title: {_quote(item.title)}",
    ]
    if item.url:
        lines.append(f"url: {_quote(item.url)}")
    if item.published:
        lines.append(f"published: {item.published.isoformat()}")
    lines += [
        f"received: {item.received.isoformat()}",
        f"unit: {item.unit}",
        f"priority: {item.priority}",
        "status: open",
    ]
    return "\n".join(lines) + "\n"


def set_status(text: str, status: str) -> str:
    if not _STATUS_RE.search(text):
        return _append(text, f"status: {status}")
    return _STATUS_RE.sub(f"status: {status}", text, count=1)


def add_closed(text: str, at: dt.datetime, reason: str) -> str:
    return _append(text, f"closed:\n  at: {at.isoformat()}\n  reason: {_quote(reason)}")


def add_first_info(text: str, at: dt.datetime) -> str:
    return _append(text, f"first_info: {at.isoformat()}")


def _append(text: str, block: str) -> str:
    if text and not text.endswith("\n"):
        text += "\n"
    return text + block + "\n"
