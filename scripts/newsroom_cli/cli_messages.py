"""Messages of the CLI itself (refusals, results), in Vietnamese and English.

Content problems are reported with the codes of :mod:`newsroom.common.messages`; this small table
holds only what is about using the commands, so the core catalogue stays about content.
"""

from __future__ import annotations

from newsroom.common.messages import Localized

CLI_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("không tìm thấy tệp {path}", "file not found: {path}"),
    "not_article": (
        "{path} không phải là bài viết trong docs/{articles}/",
        "{path} is not an article under docs/{articles}/",
    ),
    "exists": ("tệp đã có, không ghi đè: {path}", "the file exists, not overwritten: {path}"),
    "missing_option": (
        "thiếu {option} (hoặc chạy trong terminal để được hỏi)",
        "{option} is missing (or run it in a terminal to be asked)",
    ),
    "empty_title": (
        "tiêu đề không tạo được tên tệp (cần chữ hoặc số)",
        "the title gives no file name (needs letters or digits)",
    ),
    "translation_needs_original": (
        "bản dịch cần --translation-of <bài gốc .md>",
        "a translation needs --translation-of <original .md>",
    ),
    "original_invalid": (
        "bài gốc {path} không phải là bài tiếng Việt hợp lệ",
        "the original {path} is not a valid Vietnamese article",
    ),
    "bad_time": (
        "thời điểm {value!r} không hợp lệ (ISO 8601, ví dụ 2026-05-04T09:30+07:00)",
        "invalid time {value!r} (ISO 8601, e.g. 2026-05-04T09:30+07:00)",
    ),
    "bad_date": (
        "ngày {value!r} không hợp lệ (YYYY-MM-DD)",
        "invalid date {value!r} (YYYY-MM-DD)",
    ),
    "bad_range": (
        "--from {start} sau --to {end}",
        "--from {start} is after --to {end}",
    ),
    "cannot_edit": (
        "không sửa được front-matter một cách an toàn: {detail}",
        "the front-matter cannot be edited safely: {detail}",
    ),
    "refused": (
        "không thay đổi {path}: bài sẽ không hợp lệ",
        "{path} left unchanged: the article would be invalid",
    ),
    "approve_withdrawn": (
        "không duyệt bài đã gỡ {path}",
        "a withdrawn article is not approved again: {path}",
    ),
    "withdraw_not_approved": (
        "chỉ gỡ được bài đã duyệt; {path} đang ở trạng thái {status!r}",
        "only an approved article can be withdrawn; {path} is {status!r}",
    ),
    "file_not_utf8": (
        "không đọc được {path}: tệp không ở dạng UTF-8 ({detail})",
        "cannot read {path}: the file is not UTF-8 ({detail})",
    ),
    "file_unreadable": ("không đọc được {path}: {detail}", "cannot read {path}: {detail}"),
    "file_unwritable": (
        "không ghi được {path}: {detail}; tệp giữ nguyên",
        "cannot write {path}: {detail}; the file is unchanged",
    ),
    "file_changed": (
        "{path} vừa được sửa trong lúc chạy lệnh; không ghi đè, hãy chạy lại",
        "{path} changed while the command ran; not overwritten, run it again",
    ),
    "empty_reason": ("lý do gỡ bài không được để trống", "the withdrawal reason is empty"),
    "created": ("đã tạo {path}", "created {path}"),
    "approved": ("đã duyệt {path} ({by}, {at})", "approved {path} ({by}, {at})"),
    "withdrawn": ("đã gỡ {path} ({at})", "withdrew {path} ({at})"),
    "written": ("đã ghi báo cáo vào {path}", "report written to {path}"),
    "commit_no_repository": (
        "{path} không nằm trong kho git: không tạo được commit có ký; không thay đổi gì",
        "{path} is not in a git work tree: no signed commit can be made; nothing changed",
    ),
    "commit_not_ssh": (
        "git chưa được đặt để ký bằng khoá SSH (chạy `git config gpg.format ssh`); "
        "không thay đổi gì",
        "git is not set to sign with SSH keys (run `git config gpg.format ssh`); nothing changed",
    ),
    "commit_no_key": (
        "chưa đặt khoá ký hoặc không đọc được khoá công khai (chạy "
        "`git config user.signingkey ~/.ssh/id_ed25519.pub`); không thay đổi gì",
        "no signing key, or its public key cannot be read (run "
        "`git config user.signingkey ~/.ssh/id_ed25519.pub`); nothing changed",
    ),
    "commit_wrong_key": (
        "khoá ký đang đặt ({fingerprint}) không phải khoá còn hiệu lực của {by!r} trong "
        "approvers.yml; không thay đổi gì",
        "the configured signing key ({fingerprint}) is not a valid key of {by!r} in "
        "approvers.yml; nothing changed",
    ),
    "commit_failed": (
        "git không tạo được commit có ký ({detail}); tệp được giữ nguyên như trước",
        "git could not make the signed commit ({detail}); the file is left as it was",
    ),
    "commit_unchanged": (
        "{path} giống hệt commit trước nên không có gì để ký; duyệt lại với --at là thời điểm "
        "duyệt mới",
        "{path} is exactly as last committed, so there is nothing to sign; approve again with "
        "--at set to the new approval time",
    ),
    "commit_needed": (
        "lưu ý: trang yêu cầu chữ ký duyệt; phê duyệt chỉ có hiệu lực khi chính người duyệt "
        "chạy lại lệnh với --commit (commit có ký) cho {path}",
        "note: this site requires signed approvals; the approval counts only once the approver "
        "runs the command again with --commit (a signed commit) for {path}",
    ),
    "committed": ("đã tạo commit có ký {commit}", "made the signed commit {commit}"),
}


def say(key: str, language: str = "vi", **params: object) -> str:
    """Fill the CLI message ``key`` in ``language``."""
    vi, en = CLI_MESSAGES[key]
    values = {k: v.get(language) if isinstance(v, Localized) else v for k, v in params.items()}
    return (en if language == "en" else vi).format(**values)
