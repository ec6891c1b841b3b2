"""newsroom.content.frontmatter_edit: only the status and approval/withdrawn lines ever change."""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from zoneinfo import ZoneInfo

import pytest
import yaml
from newsroom.content import frontmatter_edit as fe
from newsroom.content.parsing import parse

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AT = dt.datetime(2026, 5, 4, 9, 30, tzinfo=TZ)

DRAFT = """---
# Bài thử: chú thích đầu khối
id: 2026-bai-thu   # mã cố định
title: 'Tiêu đề có "ngoặc" và: dấu hai chấm'
summary: >-
  Sa-pô viết
  trên hai dòng.
status: "draft"  # trạng thái hiện tại
type: tin-hoat-dong

tags: [a, "b"]
---

Nội dung có dòng giống front-matter:
status: draft
approval:
  by: ai-do
"""


def changed(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+)."""
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line for line in diff if line[:1] in "+-"]


def test_approve_changes_only_status_and_inserts_approval_after_it():
    after = fe.approve(DRAFT, "chanh-van-phong-bo", AT)
    assert changed(DRAFT, after) == [
        '- status: "draft"  # trạng thái hiện tại\n',
        "+ status: approved  # trạng thái hiện tại\n",
        "+ approval:\n",
        "+   by: chanh-van-phong-bo\n",
        "+   at: 2026-05-04T09:30:00+07:00\n",
    ]
    assert after.endswith(DRAFT.split("---\n", 2)[2])  # the body, byte for byte
    front_matter, issues = parse(after, "x.md")
    assert not issues
    assert front_matter.data["approval"] == {"by": "chanh-van-phong-bo", "at": AT}
    assert front_matter.data["title"] == 'Tiêu đề có "ngoặc" và: dấu hai chấm'


def test_crlf_and_bom_are_kept():
    text = "\ufeff" + DRAFT.replace("\n", "\r\n")
    after = fe.approve(text, "chanh-van-phong-bo", AT)
    assert after.startswith("\ufeff---\r\n")
    assert "\n" not in after.replace("\r\n", "")
    expected = "\ufeff" + fe.approve(DRAFT, "chanh-van-phong-bo", AT).replace("\n", "\r\n")
    assert after == expected


def test_flow_mapping_approval_is_replaced_as_a_whole():
    text = "---\nid: x-1\nstatus: approved\napproval: {by: old, at: 2026-01-01}\ntags: []\n---\nB\n"
    after = fe.approve(text, "new-one", AT)
    assert after == (
        "---\nid: x-1\nstatus: approved\napproval:\n  by: new-one\n"
        "  at: 2026-05-04T09:30:00+07:00\ntags: []\n---\nB\n"
    )


def test_block_approval_is_replaced_keeping_following_comment_and_blank_line():
    text = (
        "---\nstatus: in-review\napproval:\n  by: old  # cũ\n  # ghi chú\n  at: 2026-01-01\n"
        "\n# Căn cứ pháp lý\nlegal_basis:\n  - Nghị định 09/2017/NĐ-CP\n---\n"
    )
    after = fe.approve(text, "new-one", AT)
    assert after == (
        "---\nstatus: approved\napproval:\n  by: new-one\n  at: 2026-05-04T09:30:00+07:00\n"
        "\n# Căn cứ pháp lý\nlegal_basis:\n  - Nghị định 09/2017/NĐ-CP\n---\n"
    )


def test_approval_before_status_is_replaced_where_it_is():
    text = "---\napproval:\n  by: a\n  at: 2026-01-01\nid: x-1\nstatus: draft\n---\n"
    after = fe.approve(text, "b", AT)
    assert after == (
        "---\napproval:\n  by: b\n  at: 2026-05-04T09:30:00+07:00\nid: x-1\nstatus: approved\n---\n"
    )


def test_withdraw_inserts_after_the_approval_block():
    text = "---\nstatus: approved # ok\napproval:\n  by: a\n  at: 2026-01-01\nid: x-1\n---\nB\n"
    after = fe.withdraw(text, AT, "Sai số liệu")
    assert after == (
        "---\nstatus: withdrawn # ok\napproval:\n  by: a\n  at: 2026-01-01\n"
        'withdrawn:\n  at: 2026-05-04T09:30:00+07:00\n  reason: "Sai số liệu"\nid: x-1\n---\nB\n'
    )


def test_withdraw_replaces_an_existing_withdrawn_block():
    text = "---\nstatus: approved\nwithdrawn: {at: 2026-01-01, reason: cũ}\n---\n"
    after = fe.withdraw(text, AT, "mới")
    assert after == (
        "---\nstatus: withdrawn\nwithdrawn:\n  at: 2026-05-04T09:30:00+07:00\n"
        '  reason: "mới"\n---\n'
    )


@pytest.mark.parametrize(
    "reason",
    [
        'Có "ngoặc kép", dấu: hai chấm # và thăng',
        "back\\slash",
        "hai\ndòng",
        "tab\there",
        "'đơn'",
        "- bắt đầu bằng gạch",
        "{x}",
        "\u2028lạ\x07",
        "NFD: Thi hành án",
    ],
)
def test_reason_is_quoted_safely_and_nfc(reason):
    text = "---\nstatus: approved\n---\n"
    after = fe.withdraw(text, AT, reason)
    data = yaml.safe_load(after.split("---\n")[1])
    assert data["withdrawn"]["reason"] == unicodedata.normalize("NFC", reason)
    assert after.count("\n") == text.count("\n") + 3  # one line, whatever the reason holds


def test_nfd_reason_is_written_in_nfc():
    nfd = "Thi ha\u0300nh a\u0301n"
    assert fe.quote(nfd) == '"Thi hành án"'


@pytest.mark.parametrize(
    "text",
    [
        "no front-matter\n",
        "---\nid: x\n---\n",  # no status
        "---\n{id: x, status: draft}\n---\n",  # flow style: keys share a line
    ],
)
def test_unsafe_documents_are_refused(text):
    with pytest.raises(fe.EditError):
        fe.approve(text, "a", AT)


def test_naive_time_is_refused():
    with pytest.raises(ValueError):
        fe.format_time(dt.datetime(2026, 1, 1))


def test_file_without_final_newline_keeps_its_body():
    text = "---\nstatus: draft\n---\nbody without newline"
    assert fe.approve(text, "a", AT).endswith("---\nbody without newline")
