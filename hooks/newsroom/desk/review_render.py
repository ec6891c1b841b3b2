"""Render a :class:`~newsroom.desk.review.Review` (sơ kết / tổng kết) as Markdown, CSV or a
self-contained printable HTML page with inline SVG charts (nothing fetched, no script)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from html import escape

from ..report import charts
from ..report.render import CSS, day, moment
from .deadlines import show_due
from .review import Line, Outcome, Review

OUTCOME_LABELS = {
    "on_time": "Trả lời đúng hạn",
    "late": "Trả lời quá hạn",
    "closed": "Đóng, không trả lời công khai",
    "overdue": "Quá hạn, chưa trả lời",
    "pending": "Đang xử lý, chưa đến hạn",
}
KIND_LABELS = {"report": "Phản ánh", "inquiry": "Đề nghị cung cấp thông tin"}
SECTIONS = (
    ("totals", "Tổng số"),
    ("focus_areas", "Theo nội dung trọng tâm"),
    ("types", "Theo loại tin"),
    ("media", "Theo loại hình (đồ hoạ, video, âm thanh)"),
)


def title(review: Review) -> str:
    kind = "Tổng kết" if review.complete else "Sơ kết"
    return f"{kind} thực hiện kế hoạch thông tin báo chí năm {review.year}"


def status_line(review: Review) -> str:
    if review.complete:
        return f"Số liệu cả năm {review.year} (lập lúc {moment(review.now)})."
    return f"Số liệu đến {moment(review.now)}; năm {review.year} chưa kết thúc."


def plan_line(review: Review) -> str:
    if review.plan is None:
        return f"Chưa có kế hoạch năm {review.year}: chỉ có số liệu thực hiện."
    basis = f" — căn cứ {review.plan.basis}" if review.plan.basis else ""
    return f"Kế hoạch: {review.plan.title or review.plan.path}{basis}."


def target(value: int | None) -> str:
    return "—" if value is None else str(value)


def percent(line: Line, complete: bool = True) -> str:
    """``85 %``; flagged ``⚠`` when the target was missed (only once the year is over)."""
    value = line.percent
    if value is None:
        return ""
    return f"{value} %" + (" ⚠" if complete and not line.met else "")


def quarter_note(review: Review, index: int) -> str:
    quarter = review.quarters[index]
    if quarter.missing_conference:
        return "⚠ Chưa đạt chỉ tiêu họp báo"
    return "" if quarter.complete else "Quý chưa kết thúc"


def outcome_row(o: Outcome) -> tuple[str, ...]:
    first = {True: "Đúng hạn", False: "Quá hạn", None: "Chưa ghi nhận"}[o.first_info_on_time]
    answered = moment(o.answered_at) if o.answered_at else ""
    note = o.item.closed_reason or ""
    return (
        o.item.id,
        KIND_LABELS[o.item.kind],
        o.item.outlet,
        moment(o.item.received),
        first,
        show_due(o.item.answer_due),
        answered,
        OUTCOME_LABELS[o.outcome],
        note,
    )


OUTCOME_HEADER = (
    "Mục",
    "Loại",
    "Cơ quan báo chí",
    "Nhận lúc",
    "Thông tin ban đầu (24 giờ)",
    "Hạn trả lời",
    "Trả lời lúc",
    "Kết quả",
    "Ghi chú",
)


def _table_rows(review: Review, name: str) -> list[tuple[str, str, str, str]]:
    lines: tuple[Line, ...] = getattr(review, name)
    return [
        (line.label_vi, target(line.target), str(line.actual), percent(line, review.complete))
        for line in lines
    ]


def unit_rows(review: Review) -> list[tuple[str, str, str, str]]:
    """Parent units (provincial units rolled up) followed by their units, marked ``—``."""
    rows = []
    for unit in review.units:
        lines = [(unit, unit.label_vi)] + [(c, "— " + c.label_vi) for c in unit.children]
        rows += [
            (label, target(line.target), str(line.actual), percent(line, review.complete))
            for line, label in lines
        ]
    return rows


# -- Markdown ----------------------------------------------------------------------------------
def markdown(review: Review) -> str:
    out = [f"# {title(review)}", "", status_line(review), "", plan_line(review), ""]
    for name, heading in SECTIONS:
        out += [f"## {heading}", "", "| | Kế hoạch | Thực hiện | Tỷ lệ |", "|---|---:|---:|---:|"]
        out += [f"| {_cell(a)} | {b} | {c} | {d} |" for a, b, c, d in _table_rows(review, name)]
        out.append("")
    out += [
        "## Theo đơn vị",
        "",
        "| Đơn vị | Kế hoạch | Thực hiện | Tỷ lệ |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {_cell(a)} | {b} | {c} | {d} |" for a, b, c, d in unit_rows(review)]
    out += [
        "",
        "## Theo quý",
        "",
        "| Quý | Tin, bài | Phát ngôn | Họp báo (kế hoạch) | Họp báo đã tổ chức | Ghi chú |",
    ]
    out.append("|---|---:|---:|---:|---:|---|")
    for index, q in enumerate(review.quarters):
        out.append(
            f"| {q.label} | {q.articles} | {q.statements} | {target(q.conferences_target)} | "
            f"{q.conferences_held} | {quarter_note(review, index)} |"
        )
    out += ["", *_conference_lines(review), "", "## Trả lời báo chí (sổ theo dõi)", ""]
    out += [f"- {OUTCOME_LABELS[k]}: **{review.count(k)}**" for k in OUTCOME_LABELS]
    out.append("")
    if review.outcomes:
        out += ["| " + " | ".join(OUTCOME_HEADER) + " |", "|" + "---|" * len(OUTCOME_HEADER)]
        out += ["| " + " | ".join(_cell(v) for v in outcome_row(o)) + " |" for o in review.outcomes]
    return "\n".join(out) + "\n"


def _conference_lines(review: Review) -> list[str]:
    out = ["Họp báo đã tổ chức (mỗi cuộc tính một lần, dù có thông báo và bài tường thuật):", ""]
    out += [f"- {moment(c.start)}: {_cell(c.title)}" for c in review.held] or ["- Chưa có."]
    if review.upcoming:
        out += ["", "Họp báo sắp diễn ra (chưa tính vào quý):", ""]
        out += [f"- {moment(c.start)}: {_cell(c.title)}" for c in review.upcoming]
    return out


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# -- CSV ---------------------------------------------------------------------------------------
CSV_HEADER = ("muc", "ma", "nhan", "ke_hoach", "thuc_hien", "ghi_chu")


def csv_text(review: Review) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for name, _ in SECTIONS:
        for line in getattr(review, name):
            writer.writerow((name, line.key, line.label_vi, target(line.target), line.actual, ""))
    for unit in review.units:
        writer.writerow(
            ("don-vi", unit.key, unit.label_vi, target(unit.target), unit.actual, "gộp")
        )
        for c in unit.children:
            writer.writerow(("don-vi", c.key, c.label_vi, target(c.target), c.actual, unit.key))
    for index, q in enumerate(review.quarters):
        note = quarter_note(review, index).removeprefix("⚠ ")
        writer.writerow(("quy-tin-bai", q.label, "Tin, bài", "", q.articles, ""))
        writer.writerow(
            (
                "quy-hop-bao",
                q.label,
                "Họp báo đã tổ chức",
                target(q.conferences_target),
                q.conferences_held,
                note,
            )
        )
    for key, label in OUTCOME_LABELS.items():
        writer.writerow(("tra-loi-bao-chi", key, label, "", review.count(key), ""))
    for o in review.outcomes:
        row = outcome_row(o)
        writer.writerow(("muc-bao-chi", o.item.id, o.item.title, row[5], row[7], row[8]))
    return buffer.getvalue()


# -- HTML --------------------------------------------------------------------------------------
def html(review: Review) -> str:
    body = [
        f"<h1>{escape(title(review))}</h1>",
        f"<p>{escape(status_line(review))}</p>",
        f"<p>{escape(plan_line(review))}</p>",
        _chart("Kế hoạch và thực hiện theo nội dung trọng tâm", review.focus_areas),
        charts.horizontal_bars(
            "Trả lời báo chí", [(OUTCOME_LABELS[k], review.count(k)) for k in OUTCOME_LABELS]
        ),
    ]
    for name, heading in SECTIONS:
        body.append(f"<h2>{escape(heading)}</h2>")
        body.append(_table(("", "Kế hoạch", "Thực hiện", "Tỷ lệ"), _table_rows(review, name)))
    body.append("<h2>Theo đơn vị</h2>")
    rows = unit_rows(review)
    body.append(_table(("Đơn vị (gộp đơn vị trực thuộc)", "Kế hoạch", "Thực hiện", "Tỷ lệ"), rows))
    body.append("<h2>Theo quý</h2>")
    body.append(
        _table(
            ("Quý", "Tin, bài", "Phát ngôn", "Họp báo (kế hoạch)", "Họp báo đã tổ chức", "Ghi chú"),
            [
                (
                    q.label,
                    str(q.articles),
                    str(q.statements),
                    target(q.conferences_target),
                    str(q.conferences_held),
                    quarter_note(review, i),
                )
                for i, q in enumerate(review.quarters)
            ],
        )
    )
    body += [f"<p>{escape(line)}</p>" for line in _conference_lines(review) if line]
    body.append("<h2>Trả lời báo chí (sổ theo dõi)</h2>")
    body.append(
        _table(OUTCOME_HEADER, [outcome_row(o) for o in review.outcomes])
        if review.outcomes
        else "<p>Không có mục nào trong năm.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title(review))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<p>Lập ngày {escape(day(review.now))}.</p>\n</body>\n</html>\n"
    )


def _chart(heading: str, lines: tuple[Line, ...]) -> str:
    rows = []
    for line in lines:
        rows.append((f"Kế hoạch: {line.label_vi}", line.target or 0))
        rows.append((f"Thực hiện: {line.label_vi}", line.actual))
    return charts.horizontal_bars(heading, rows)


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    def cell(value: str) -> str:
        numeric = value.isdigit() or value == "—"
        css = ' class="n"' if numeric else ' class="flag"' if "⚠" in value else ""
        return f"<td{css}>{escape(value)}</td>"

    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    lines = "".join("<tr>" + "".join(cell(str(v)) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>"


RENDERERS = {"md": markdown, "csv": csv_text, "html": html}
