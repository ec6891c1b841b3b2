"""Issue codes of signed approvals (E050–E059, :mod:`newsroom.content.signatures`); part of the
one catalogue, :data:`newsroom.common.messages.CATALOGUE`."""

from __future__ import annotations

from .wording import Message
from .wording import error as _e

MESSAGES: tuple[Message, ...] = (
    _e(
        "E050",
        "commit {commit} (thay đổi gần nhất của bài) không được ký",
        "commit {commit}, the latest change of the article, is not signed",
        "Người duyệt duyệt lại bằng `newsroom approve PATH --by <mã> --commit` (commit có ký SSH).",
    ),
    _e(
        "E051",
        "commit {commit} được ký bằng khoá của {signer!r}, không phải của {value!r}",
        "commit {commit} is signed with a key of {signer!r}, not of {value!r}",
        "Chỉ người có tên trong `approval.by` ký được phê duyệt của mình: người đó chạy `newsroom approve --commit`.",
    ),
    _e(
        "E052",
        "commit {commit} được ký bằng khoá {fingerprint} không có trong approvers.yml",
        "commit {commit} is signed with key {fingerprint}, which approvers.yml does not list",
        "Ký bằng khoá đã đăng ký, hoặc nhờ quản trị thêm khoá vào `keys:` của người duyệt.",
    ),
    _e(
        "E053",
        "khoá {fingerprint} của {value!r} không có hiệu lực vào {date} (lúc tạo commit {commit})",
        "key {fingerprint} of {value!r} is not valid on {date} (when commit {commit} was made)",
        "Ký lại bằng khoá đang có hiệu lực (`valid_from`/`valid_to` trong approvers.yml).",
    ),
    _e(
        "E054",
        "bài đã duyệt có thay đổi chưa commit: chưa kiểm tra được chữ ký duyệt",
        "the approved article has uncommitted changes: its signed approval cannot be checked",
        "Commit thay đổi; người duyệt duyệt lại bằng `newsroom approve PATH --by <mã> --commit`.",
    ),
    _e(
        "E055",
        "chữ ký của commit {commit} không hợp lệ (nội dung đã bị sửa sau khi ký?)",
        "the signature of commit {commit} does not verify (changed after signing?)",
        "Người duyệt duyệt lại bằng `newsroom approve PATH --by <mã> --commit`.",
    ),
    _e(
        "E056",
        "duyệt trước ngày {cutover} (chưa cần ký) nhưng bài được thay đổi sau đó (commit {commit}, ngày {date})",
        "approved before {cutover} (no signature needed then), but changed after it (commit {commit} on {date})",
        "Mọi thay đổi sau ngày bắt đầu yêu cầu chữ ký cần phê duyệt mới có ký: `newsroom approve PATH --by <mã> --commit`.",
    ),
    _e(
        "E057",
        "không kiểm tra được chữ ký duyệt: {detail}",
        "the signed approval cannot be checked: {detail}",
        "Xây dựng trang từ bản sao git đầy đủ: `git fetch --unshallow`; trong CI `actions/checkout` với `fetch-depth: 0`.",
    ),
    _e(
        "E058",
        "không commit nào ngoài commit hợp nhất (merge) tạo ra nội dung hiện tại của bài",
        "no commit other than a merge commit brought the article's current content",
        "Người duyệt duyệt lại bằng `newsroom approve PATH --by <mã> --commit`.",
    ),
    _e(
        "E059",
        "{value!r} không phải là ngày (YYYY-MM-DD)",
        "{value!r} is not a date (YYYY-MM-DD)",
        "Ghi ngày bắt đầu yêu cầu chữ ký duyệt, ví dụ `2026-12-01`.",
    ),
)
