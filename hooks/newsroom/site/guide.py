"""The generated parts of the editors' guide: the error codes (from the one catalogue) and
the tables of front-matter fields (from the one schema), so neither can drift."""

from __future__ import annotations

import re

from ..common.messages import CATALOGUE, Message, Severity
from ..content.registries import Registries
from ..content.schema import FIELDS, SHARED, Field, Need, Reader

PAGE_URI = "huong-dan/ma-loi.md"
#: The guide page that shows the field tables, and the line there that they replace.
FIELDS_PAGE_URI = "huong-dan/index.md"
FIELDS_MARKER = "<!-- newsroom: bảng các trường, tạo từ newsroom/content/schema.py -->"
SEVERITY_VI = {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo"}
_PLACEHOLDER = re.compile(r"\{(\w+)(?:![rsa])?\}")


def error_code_page(catalogue: dict[str, Message] = CATALOGUE) -> str:
    """Markdown page: one table row per code (code | mức độ | thông báo | cách sửa)."""
    lines = [
        "---",
        "internal: true",
        "---",
        "",
        "# Mã lỗi khi kiểm tra bài viết",
        "",
        "Trang này được tạo tự động từ danh mục mã lỗi của hệ thống, nên luôn khớp với "
        "thông báo mà `newsroom check` và `make build` in ra. Mỗi dòng thông báo có dạng "
        "`tệp:dòng: MÃ trường: nội dung`. Chữ trong ‹ › là phần được điền khi báo lỗi.",
        "",
        "Lỗi (**lỗi**) làm dừng việc xây dựng trang và `newsroom check` (mã thoát 1). "
        "Cảnh báo (**cảnh báo**) không làm `newsroom check` thất bại, nhưng bản phát hành "
        "(`make build`, chế độ nghiêm ngặt) cũng dừng lại cho đến khi sửa xong.",
        "",
        "| Mã | Mức độ | Thông báo | Cách sửa |",
        "|---|---|---|---|",
    ]
    for code in sorted(catalogue):
        message = catalogue[code]
        lines.append(
            f'| <span id="{code.lower()}">`{code}`</span> | {SEVERITY_VI[message.severity]} '
            f"| {_cell(_readable(message.vi))} | {_cell(message.fix)} |"
        )
    lines += ["", "[← Hướng dẫn biên tập](index.md)", ""]
    return "\n".join(lines)


def _readable(template: str) -> str:
    """``{value!r}`` → ``‹value›`` (and no braces left for attribute-list extensions)."""
    return _PLACEHOLDER.sub(lambda m: f"‹{m.group(1)}›", template)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_tables(type_requires: dict[str, list[str]] | None = None) -> str:
    """Markdown: the always required, conditionally required and optional fields.

    ``type_requires`` maps each field to the types whose registry entry requires it (the
    site's ``types.yml``); without it the condition names the registry instead.
    """
    lines = ["### Trường bắt buộc", "", "| Trường | Ý nghĩa |", "|---|---|"]
    lines += [f"| {_name(f)} | {_cell(f.guide)} |" for f in FIELDS if f.need is Need.ALWAYS]
    lines += [
        "",
        "### Trường bắt buộc theo điều kiện",
        "",
        "| Trường | Khi nào | Quy định |",
        "|---|---|---|",
    ]
    for f in FIELDS:
        if f.need in (Need.STATUS, Need.TYPE):
            when = _when(f, type_requires)
            lines.append(f"| {_name(f)} | {when} | {_cell(f.guide)} |")
    lines += ["", "### Trường không bắt buộc", "", "| Trường | Ý nghĩa |", "|---|---|"]
    lines += [f"| {_name(f)} | {_cell(f.guide)} |" for f in FIELDS if f.need is Need.OPTIONAL]
    lines += [
        "",
        "Trường không có trong các bảng trên bị báo lỗi kèm gợi ý tên gần đúng.",
        "",
        "**Bản dịch** (`ten-bai.en.md`) có `title`, `summary`, `status`, `approval` riêng; "
        "các trường",
        ", ".join(f"`{name}`" for name in SHARED),
        "lấy từ bản gốc (nếu ghi thì phải giống bản gốc). Bản dịch chỉ được đăng khi chính nó "
        "đã được",
        "duyệt và bản gốc đã được đăng.",
    ]
    return "\n".join(lines)


def _name(spec: Field) -> str:
    """```image` (`src`, `alt`)``; a list of blocks says so: ``(danh sách `path`, …)``."""
    if not spec.subfields:
        return f"`{spec.name}`"
    listed = "danh sách " if spec.reader is Reader.ITEMS else ""
    return f"`{spec.name}` ({listed}{', '.join(f'`{s}`' for s in spec.subfields)})"


def _when(spec: Field, type_requires: dict[str, list[str]] | None) -> str:
    if spec.need is Need.STATUS:
        if len(spec.statuses) == 1:
            return f"`status: {spec.statuses[0]}`"
        return "`status` là " + " hoặc ".join(f"`{s}`" for s in spec.statuses)
    types = (type_requires or {}).get(spec.name)
    if not types:
        return "loại tin có trường này trong `requires` (`docs/.registries/types.yml`)"
    return "loại " + ", ".join(f"`{t}`" for t in types)


def type_requires(registries: Registries) -> dict[str, list[str]]:
    """Each field that some type requires, with those types in registry order."""
    found: dict[str, list[str]] = {}
    for key, term in registries.types.items():
        for name in term.requires:
            found.setdefault(name, []).append(key)
    return found
