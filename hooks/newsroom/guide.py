"""The error-code reference of the editors' guide, generated from the one catalogue."""

from __future__ import annotations

import re

from .messages import CATALOGUE, Message, Severity

PAGE_URI = "huong-dan/ma-loi.md"
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
