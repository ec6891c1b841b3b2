"""Render a :class:`~newsroom.report.figures.Report` as Markdown, CSV or a self-contained HTML file.

Labels are Vietnamese, dates ``dd/mm/yyyy``; the HTML has inline CSS and SVG charts only
(no script, no web font, nothing fetched) and prints on A4.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from html import escape

from ..common import dates
from . import charts
from .approvals import ApprovalRow
from .figures import Quarter, Report, Response, Row

TITLE = "Báo cáo thông tin báo chí của Bộ Tư pháp"
SECTIONS = (
    ("by_focus_area", "Theo nội dung trọng tâm"),
    ("by_type", "Theo loại tin"),
    ("by_category", "Theo chuyên mục"),
    ("by_unit", "Theo đơn vị ban hành"),
    ("by_month", "Theo tháng"),
)
DECREE = "Nghị định 09/2017/NĐ-CP: họp báo ít nhất 3 tháng một lần"


def day(value: dt.date | dt.datetime) -> str:
    return dates.show_date(value, "vi")


def moment(value: dt.datetime) -> str:
    return dates.show_datetime(value, "vi")


def duration(delta: dt.timedelta) -> str:
    """``1 ngày 2 giờ 5 phút``; a negative delay (answered before received) keeps its sign."""
    sign = "-" if delta < dt.timedelta(0) else ""
    minutes = abs(int(delta.total_seconds())) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} ngày"] if days else []
    parts += [f"{hours} giờ"] if hours else []
    parts += [f"{mins} phút"] if mins or not parts else []
    return sign + " ".join(parts)


def quarter_note(quarter: Quarter) -> str:
    if not quarter.missing_press_conference:
        return ""
    if not quarter.complete:
        return "Chưa có họp báo (quý chưa kết thúc)"
    return "⚠ Không có họp báo"


def response_note(response: Response) -> str:
    if response.over_30_days:
        return "⚠ Quá 30 ngày"
    if response.over_24_hours:
        return "⚠ Quá 24 giờ"
    return ""


def period(report: Report) -> str:
    return f"Từ ngày {day(report.start)} đến ngày {day(report.end)}"


def _rows_of(report: Report, name: str) -> tuple[Row, ...]:
    return getattr(report, name)


APPROVAL_HEADER = (
    "Người duyệt",
    "Số bài",
    "Đã xác minh chữ ký",
    "Duyệt trước ngày yêu cầu chữ ký",
    "Không yêu cầu chữ ký",
    "Chưa xác minh",
    "Ghi chú",
)
APPROVALS_NOTE = (
    "Bài và bản dịch đã đăng trong kỳ. Chỉ phê duyệt có chữ ký SSH của chính người duyệt "
    "đã được xác minh mới chứng minh được người đó đã duyệt"
)


def approval_note(row: ApprovalRow) -> str:
    return "⚠ Có phê duyệt chưa xác minh chữ ký" if row.flagged else ""


def _approvals(report: Report) -> list[tuple[object, ...]]:
    return [
        (
            f"{a.name} ({a.approver})",
            a.total,
            a.verified,
            a.before_cutover,
            a.unchecked,
            a.unverified,
            approval_note(a),
        )
        for a in report.approvals
    ]


# -- Markdown ----------------------------------------------------------------------------------
def markdown(report: Report) -> str:
    out = [f"# {TITLE}", "", f"{period(report)} (lập lúc {moment(report.now)}).", ""]
    out += [
        f"- Tin, bài đã đăng (tiếng Việt): **{report.items}**",
        f"- Bản dịch đã đăng: **{report.translations}**",
        "",
    ]
    for name, heading in SECTIONS:
        out += [f"## {heading}", "", "| | Số bài |", "|---|---:|"]
        out += [f"| {_cell(r.label_vi)} | {r.count} |" for r in _rows_of(report, name)]
        out.append("")
    out += [
        "## Phát ngôn và họp báo theo quý",
        "",
        f"_{DECREE}._",
        "",
        "| Quý | Phát ngôn | Họp báo | Ghi chú |",
        "|---|---:|---:|---|",
    ]
    out += [
        f"| {q.label} | {q.statements} | {q.press_conferences} | {quarter_note(q)} |"
        for q in report.quarters
    ]
    out += ["", *upcoming_lines(report)]
    out += ["", "## Phê duyệt theo người duyệt", "", f"_{APPROVALS_NOTE}_", ""]
    out += ["| " + " | ".join(APPROVAL_HEADER) + " |", "|---|" + "---:|" * 5 + "---|"]
    out += ["| " + " | ".join(_cell(str(v)) for v in row) + " |" for row in _approvals(report)]
    out += ["", "## Phản hồi thông tin báo chí", ""]
    if not report.responses:
        out += ["Không có phản hồi nào trong kỳ.", ""]
        return "\n".join(out)
    out += [
        "| Bài | Cơ quan báo chí | Nhận thông tin | Đăng phản hồi | Thời gian | Ghi chú |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        f"| {_cell(r.title)} | {_cell(r.outlet)} | {moment(r.received)} | "
        f"{moment(r.published)} | {duration(r.delay)} | {response_note(r)} |"
        for r in report.responses
    ]
    return "\n".join(out) + "\n"


def upcoming_lines(report: Report) -> list[str]:
    """Conferences announced but not yet held: listed apart, not counted for their quarter."""
    if not report.upcoming:
        return []
    lines = ["Họp báo sắp diễn ra (chưa tính vào quý):", ""]
    return lines + [f"- {moment(c.start)}: {_cell(c.title)}" for c in report.upcoming]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# -- CSV ---------------------------------------------------------------------------------------
CSV_HEADER = ("muc", "ma", "nhan", "gia_tri", "ghi_chu")


def csv_text(report: Report) -> str:
    """One table: section, key, label, value, note (UTF-8; open with a BOM in Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerow(("tong", "tin-bai", "Tin, bài đã đăng", report.items, period(report)))
    writer.writerow(("tong", "ban-dich", "Bản dịch đã đăng", report.translations, ""))
    for name, heading in SECTIONS:
        for r in _rows_of(report, name):
            writer.writerow((name.removeprefix("by_"), r.key, r.label_vi, r.count, heading))
    for q in report.quarters:
        note = quarter_note(q).removeprefix("⚠ ")
        writer.writerow(("quy-phat-ngon", q.label, "Phát ngôn", q.statements, ""))
        writer.writerow(("quy-hop-bao", q.label, "Họp báo", q.press_conferences, note))
    for a in report.approvals:
        note = approval_note(a).removeprefix("⚠ ")
        writer.writerow(("phe-duyet", a.approver, a.name, a.total, note))
    for response in report.responses:
        hours = round(response.delay.total_seconds() / 3600, 1)
        note = response_note(response).removeprefix("⚠ ")
        writer.writerow(("phan-hoi", response.id, response.title, hours, note))
    return buffer.getvalue()


# -- HTML --------------------------------------------------------------------------------------
CSS = """
body{font-family:Arial,Helvetica,sans-serif;color:#222;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem;border-bottom:3px solid #8a1c1c;padding-bottom:.3rem}
h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
.flag{color:#8a1c1c;font-weight:bold}
.totals{font-size:1.05rem}
svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}
table,svg{break-inside:avoid}@page{size:A4;margin:15mm}}
"""


def html(report: Report) -> str:
    focus = [(r.label_vi, r.count) for r in report.by_focus_area]
    monthly = [(r.label_vi, r.count) for r in report.by_month]
    body = [
        f"<h1>{escape(TITLE)}</h1>",
        f"<p>{escape(period(report))} · lập lúc {escape(moment(report.now))}</p>",
        f'<p class="totals">Tin, bài đã đăng (tiếng Việt): <strong>{report.items}</strong>'
        f" · Bản dịch đã đăng: <strong>{report.translations}</strong></p>",
        charts.vertical_bars("Số bài đăng theo tháng", monthly),
        charts.horizontal_bars("Số bài theo nội dung trọng tâm", focus),
    ]
    for name, heading in SECTIONS:
        body.append(f"<h2>{escape(heading)}</h2>")
        body.append(_table(("", "Số bài"), [(r.label_vi, r.count) for r in _rows_of(report, name)]))
    body += [
        f"<h2>Phát ngôn và họp báo theo quý</h2><p><em>{escape(DECREE)}.</em></p>",
        _table(
            ("Quý", "Phát ngôn", "Họp báo", "Ghi chú"),
            [
                (q.label, q.statements, q.press_conferences, quarter_note(q))
                for q in report.quarters
            ],
        ),
    ]
    if report.upcoming:
        body.append("<p>Họp báo sắp diễn ra (chưa tính vào quý):</p><ul>")
        body += [f"<li>{escape(moment(c.start))}: {escape(c.title)}</li>" for c in report.upcoming]
        body.append("</ul>")
    body += [
        f"<h2>Phê duyệt theo người duyệt</h2><p><em>{escape(APPROVALS_NOTE)}</em></p>",
        _table(APPROVAL_HEADER, _approvals(report)),
    ]
    body.append("<h2>Phản hồi thông tin báo chí</h2>")
    body.append(
        _table(
            ("Bài", "Cơ quan báo chí", "Nhận thông tin", "Đăng phản hồi", "Thời gian", "Ghi chú"),
            [
                (
                    r.title,
                    r.outlet,
                    moment(r.received),
                    moment(r.published),
                    duration(r.delay),
                    response_note(r),
                )
                for r in report.responses
            ],
        )
        if report.responses
        else "<p>Không có phản hồi nào trong kỳ.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(TITLE)} — {escape(period(report))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    def cell(tag: str, value: object) -> str:
        numeric = isinstance(value, int)
        css = ' class="n"' if numeric else ' class="flag"' if str(value).startswith("⚠") else ""
        return f"<{tag}{css}>{escape(str(value))}</{tag}>"

    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    lines = ["".join(cell("td", v) for v in row) for row in rows]
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>"
        + "".join(f"<tr>{line}</tr>" for line in lines)
        + "</tbody></table>"
    )


RENDERERS = {"md": markdown, "csv": csv_text, "html": html}
