"""The spokesperson office's view of the register: open items by due time, overdue first,
per unit — as terminal text and as a self-contained HTML page (inline CSS, no script,
nothing fetched). Never published: ``newsroom desk`` writes it where the user asks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from ..content.registries import Registries
from ..report.render import CSS, duration, moment
from .deadlines import show_due
from .loader import Desk
from .register import PressItem

PRIORITY_LABELS = {"high": "cao", "normal": "bình thường", "low": "thấp"}
STATUS_LABELS = {"open": "đang mở", "answered": "đã trả lời", "closed": "đã đóng"}
KIND_LABELS = {"report": "phản ánh", "inquiry": "đề nghị cung cấp thông tin"}
TITLE = "Sổ theo dõi thông tin báo chí"


@dataclass(frozen=True)
class Row:
    item: PressItem
    overdue_first_info: bool
    overdue_answer: bool
    next_due: dt.datetime
    answered_at: dt.datetime | None

    @property
    def overdue(self) -> bool:
        return self.overdue_first_info or self.overdue_answer


def rows(desk: Desk, include_all: bool = False) -> list[Row]:
    """Open items (or all), overdue first, then by the next deadline."""
    now = desk.now
    result = []
    for item in desk.items:
        if not include_all and not item.is_open:
            continue
        answered = desk.answered_at(item)
        pending = item.is_open and answered is None
        first_late = pending and item.first_info is None and item.first_information_due <= now
        answer_late = pending and item.answer_due <= now
        waiting_first = item.first_info is None and item.first_information_due > now
        next_due = item.first_information_due if waiting_first else item.answer_due
        result.append(Row(item, first_late, answer_late, next_due, answered))
    return sorted(result, key=lambda r: (not r.overdue, r.next_due, r.item.id))


def by_unit(found: list[Row], registries: Registries) -> list[tuple[str, list[Row]]]:
    """Group rows per unit; units with overdue items first, then by their most urgent item."""
    groups: dict[str, list[Row]] = {}
    for row in found:
        groups.setdefault(row.item.unit, []).append(row)
    ordered = sorted(groups.items(), key=lambda kv: (not kv[1][0].overdue, kv[1][0].next_due))
    return [(registries.units[unit].label.vi, members) for unit, members in ordered]


def headline(desk: Desk, found: list[Row]) -> str:
    open_count = sum(1 for r in found if r.item.is_open)
    late = sum(1 for r in found if r.overdue)
    return f"{TITLE}: {open_count} mục đang mở, {late} mục quá hạn (lúc {moment(desk.now)})"


def facts(row: Row, now: dt.datetime) -> list[str]:
    item = row.item
    first = (
        f"đã cung cấp lúc {moment(item.first_info)}"
        if item.first_info
        else f"hạn {show_due(item.first_information_due)}"
        + (" — QUÁ HẠN" if row.overdue_first_info else "")
    )
    answer = f"hạn trả lời {show_due(item.answer_due)}"
    if row.overdue_answer:
        answer += f" — QUÁ HẠN {duration(now - item.answer_due)}"
    elif item.is_open and not row.answered_at:
        answer += f" (còn {duration(item.answer_due - now)})"
    found = [
        f"{KIND_LABELS[item.kind]} · {item.outlet} · ưu tiên {PRIORITY_LABELS[item.priority]}"
        f" · {STATUS_LABELS[item.status]}",
        f"nhận lúc {moment(item.received)} · thông tin ban đầu: {first}",
        answer,
    ]
    if row.answered_at:
        found.append(f"trả lời (bài đã đăng) lúc {moment(row.answered_at)}")
    if item.closed_reason:
        found.append(f"đóng: {item.closed_reason}")
    if item.url:
        found.append(item.url)
    return found


def text(desk: Desk, registries: Registries, include_all: bool = False) -> str:
    found = rows(desk, include_all)
    out = [headline(desk, found), ""]
    if not found:
        return "\n".join([*out, "Không có mục nào đang mở."]) + "\n"
    for unit, members in by_unit(found, registries):
        out.append(unit)
        for row in members:
            flag = "⚠ QUÁ HẠN " if row.overdue else ""
            out.append(f"  {flag}[{row.item.id}] {row.item.title}")
            out += [f"      {line}" for line in facts(row, desk.now)]
        out.append("")
    return "\n".join(out)


EXTRA_CSS = """
.late{border-left:6px solid #8a1c1c;background:#fbeeee}
.item{margin:.6rem 0;padding:.4rem .7rem;border:1px solid #ccc}
.item h3{margin:.1rem 0 .3rem;font-size:1rem}
.item p{margin:.1rem 0}
"""


def html(desk: Desk, registries: Registries, include_all: bool = False) -> str:
    found = rows(desk, include_all)
    body = [f"<h1>{escape(TITLE)}</h1>", f"<p>{escape(headline(desk, found))}</p>"]
    if not found:
        body.append("<p>Không có mục nào đang mở.</p>")
    for unit, members in by_unit(found, registries):
        body.append(f"<h2>{escape(unit)}</h2>")
        for row in members:
            css = "item late" if row.overdue else "item"
            flag = "⚠ Quá hạn — " if row.overdue else ""
            body.append(f'<div class="{css}"><h3>{escape(flag + row.item.title)}</h3>')
            body.append(f"<p><code>{escape(row.item.id)}</code></p>")
            body += [f"<p>{escape(line)}</p>" for line in facts(row, desk.now)]
            body.append("</div>")
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(TITLE)}</title>\n<style>{CSS}{EXTRA_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
