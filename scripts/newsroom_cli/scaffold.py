"""The text of a new article or translation (pure: no files, no clock, no input)."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from newsroom.content import facets, schema, workflow
from newsroom.content.frontmatter_edit import format_time, quote
from newsroom.content.placeholders import PLACEHOLDER
from newsroom.content.registries import Registries
from newsroom.content.schema import Field, Need, Reader

ID_SLUG_MAX = 40
#: The fields that hold one registry key each (the facets ``newsroom new`` asks for).
_KEYED = frozenset(f.field for f in facets.required_keys())


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
    """Front-matter and body of a Vietnamese draft: every field of the schema that is always
    required, a hint for the common optional ones, and the fields its type requires."""
    lines = ["---"]
    for spec in schema.FIELDS:
        if spec.need is Need.ALWAYS and spec.name in _KEYED:  # type, category, unit
            lines.append(f"{spec.name}: {getattr(new, spec.name)}")
        elif spec.need is Need.ALWAYS:
            lines.append(_REQUIRED_LINES[spec.name](new))
    lines += _HINTS
    for name in registries.types[new.type].requires:
        lines.extend(_skeleton(schema.BY_NAME[name], new, registries))
    lines += ["---", "", f"{PLACEHOLDER} nội dung bài viết)", ""]
    return "\n".join(lines)


def translation_text(title: str, original_name: str) -> str:
    """An English translation: only the fields a translation carries (the schema's own ones)."""
    shared = [spec.name for spec in schema.FIELDS if spec.is_shared]
    note = (
        f"Bản dịch tiếng Anh của {original_name}: {', '.join(shared[:-1])} và {shared[-1]} "
        "được lấy từ bản gốc."
    )
    own = {
        "title": f"title: {quote(title)}",
        "summary": f'summary: "{PLACEHOLDER} sa-pô tiếng Anh)"',
        "status": "status: draft  # bản dịch được duyệt riêng (newsroom approve)",
    }
    lines = ["---", *(f"# {line}" for line in textwrap.wrap(note, 96))]
    for spec in schema.FIELDS:
        if spec.need is Need.ALWAYS and not spec.is_shared:
            lines.append(own[spec.name])
    lines += ["---", "", f"{PLACEHOLDER} bản dịch tiếng Anh)", ""]
    return "\n".join(lines)


_REQUIRED_LINES: dict[str, Callable[[NewArticle], str]] = {
    "id": lambda new: f"id: {new.id}  # mã cố định của bài, không bao giờ đổi",
    "title": lambda new: f"title: {quote(new.title)}",
    "summary": lambda new: (
        f'summary: "{PLACEHOLDER} sa-pô: 1–2 câu tóm tắt, tối đa {schema.SUMMARY_MAX} ký tự)"'
    ),
    "date": lambda new: (
        f"date: {format_time(new.date)}  # thời điểm đăng; để ở tương lai thì bài được hẹn giờ"
    ),
    "status": lambda new: (
        f"status: {workflow.DRAFT}  # draft → in-review → approved (lệnh newsroom approve)"
    ),
}
_HINTS = [
    "# focus_areas: [chinh-sach]  # nội dung trọng tâm, xem docs/.registries/focus_areas.yml",
    "# tags: [thi hành án]",
]
#: The line of each sub-field that the scaffold fills or suggests (others are left out).
_SUBFIELD_LINES: dict[tuple[str, str], str] = {
    ("responds_to", "outlet"): f'  outlet: "{PLACEHOLDER} tên cơ quan báo chí)"',
    ("responds_to", "title"): f'  title: "{PLACEHOLDER} tiêu đề bài báo)"',
    ("responds_to", "url"): "  # url: https://…  # địa chỉ bài báo",
    ("responds_to", "published"): "  published: {when}  # thời điểm bài báo đăng",
    ("responds_to", "received"): "  received: {when}  # thời điểm nhận thông tin; thời gian "
    "phản hồi tính từ đây",
    ("event", "start"): "  start: {start}  # thời điểm bắt đầu",
    ("event", "end"): "  # end: …  # thời điểm kết thúc",
    ("event", "location"): f'  location: "{PLACEHOLDER} địa điểm)"',
    ("event", "online_url"): "  # online_url: https://…  # đường dẫn theo dõi trực tuyến",
}
_BLOCK_COMMENTS = {"responds_to": "bài báo được phản hồi", "event": "họp báo"}


def _skeleton(spec: Field, new: NewArticle, registries: Registries) -> list[str]:
    if spec.name == "spokesperson":
        return [
            f"spokesperson: {_spokesperson(new, registries)}  # người phát ngôn, "
            "xem docs/.registries/spokespersons.yml"
        ]
    if spec.reader is Reader.BLOCK and spec.name in _BLOCK_COMMENTS:
        start = new.date.replace(hour=9, minute=0, second=0, microsecond=0)
        values = {"when": format_time(new.date), "start": format_time(start)}
        lines = [f"{spec.name}:  # {_BLOCK_COMMENTS[spec.name]}"]
        for sub in spec.subfields:
            line = _SUBFIELD_LINES.get((spec.name, sub))
            if line is not None:
                lines.append(line.format(**values))
        return lines
    return [f'{spec.name}: "{PLACEHOLDER} {spec.name})"']


def _spokesperson(new: NewArticle, registries: Registries) -> str:
    in_office = registries.spokespersons_in_office(new.date.date())
    same_unit = [p for p in in_office if p.unit == new.unit]
    candidates = same_unit or in_office or list(registries.spokespersons.values())
    return candidates[0].id if candidates else f'"{PLACEHOLDER} mã người phát ngôn)"'
