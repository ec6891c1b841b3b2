"""The text of a new article or translation (pure: no files, no clock, no input)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsroom.frontmatter_edit import format_time, quote
from newsroom.placeholders import PLACEHOLDER
from newsroom.registries import Registries

ID_SLUG_MAX = 40


@dataclass(frozen=True)
class NewArticle:
    id: str
    title: str
    type: str
    category: str
    unit: str
    date: dt.datetime


def make_id(year: int, slug: str, token: str) -> str:
    """``<yyyy>-<slug trimmed at a hyphen>-<token>``, at most 80 characters."""
    short = slug
    if len(short) > ID_SLUG_MAX:
        short = short[:ID_SLUG_MAX].rsplit("-", 1)[0] or short[:ID_SLUG_MAX]
    return f"{year}-{short.strip('-')}-{token}"


def article_text(new: NewArticle, registries: Registries) -> str:
    """Front-matter and body of a Vietnamese draft, with the fields its type requires."""
    when = format_time(new.date)
    lines = [
        "---",
        f"id: {new.id}  # mã cố định của bài, không bao giờ đổi",
        f"title: {quote(new.title)}",
        f'summary: "{PLACEHOLDER} sa-pô: 1–2 câu tóm tắt, tối đa 400 ký tự)"',
        f"date: {when}  # thời điểm đăng; để ở tương lai thì bài được hẹn giờ",
        f"type: {new.type}",
        f"category: {new.category}",
        f"unit: {new.unit}",
        "status: draft  # draft → in-review → approved (lệnh newsroom approve)",
        "# focus_areas: [chinh-sach]  # nội dung trọng tâm, xem docs/.registries/focus_areas.yml",
        "# tags: [thi hành án]",
    ]
    for name in registries.types[new.type].requires:
        lines.extend(_skeleton(name, new, registries))
    lines += ["---", "", f"{PLACEHOLDER} nội dung bài viết)", ""]
    return "\n".join(lines)


def translation_text(title: str, original_name: str) -> str:
    """An English translation: only the fields a translation carries."""
    return "\n".join(
        [
            "---",
            f"# Bản dịch tiếng Anh của {original_name}: id, date, type, category, unit,",
            "# focus_areas, spokesperson, responds_to và event được lấy từ bản gốc.",
            f"title: {quote(title)}",
            f'summary: "{PLACEHOLDER} sa-pô tiếng Anh)"',
            "status: draft  # bản dịch được duyệt riêng (newsroom approve)",
            "---",
            "",
            f"{PLACEHOLDER} bản dịch tiếng Anh)",
            "",
        ]
    )


def _skeleton(name: str, new: NewArticle, registries: Registries) -> list[str]:
    when = format_time(new.date)
    if name == "spokesperson":
        return [
            f"spokesperson: {_spokesperson(new, registries)}  # người phát ngôn, "
            "xem docs/.registries/spokespersons.yml"
        ]
    if name == "responds_to":
        return [
            "responds_to:  # bài báo được phản hồi",
            f'  outlet: "{PLACEHOLDER} tên cơ quan báo chí)"',
            f'  title: "{PLACEHOLDER} tiêu đề bài báo)"',
            "  # url: https://…  # địa chỉ bài báo",
            f"  published: {when}  # thời điểm bài báo đăng",
            f"  received: {when}  # thời điểm nhận thông tin; thời gian phản hồi tính từ đây",
        ]
    if name == "event":
        start = format_time(new.date.replace(hour=9, minute=0, second=0, microsecond=0))
        return [
            "event:  # họp báo",
            f"  start: {start}  # thời điểm bắt đầu",
            "  # end: …  # thời điểm kết thúc",
            f'  location: "{PLACEHOLDER} địa điểm)"',
            "  # online_url: https://…  # đường dẫn theo dõi trực tuyến",
        ]
    return [f'{name}: "{PLACEHOLDER} {name})"']


def _spokesperson(new: NewArticle, registries: Registries) -> str:
    in_office = registries.spokespersons_in_office(new.date.date())
    same_unit = [p for p in in_office if p.unit == new.unit]
    candidates = same_unit or in_office or list(registries.spokespersons.values())
    return candidates[0].id if candidates else f'"{PLACEHOLDER} mã người phát ngôn)"'
