"""Property-based tests (Hypothesis): whatever an editor or an attacker writes.

- Any text through parse → rules → visibility never raises, and nothing is published that is
  not approved, validly approved and due.
- ``approve``/``withdraw`` edits of any article keep every byte outside the lines they must
  change, or refuse; a refused CLI edit leaves the file untouched.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsroom.content import frontmatter_edit, parsing, rules, schema
from newsroom.content.frontmatter_edit import EditError
from newsroom.content.registries import Registries
from newsroom.content.visibility import decide

HERE = Path(__file__).resolve().parent
REGISTRIES = HERE / "fixtures/site/docs/.registries"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=TZ)
REGISTRY = Registries.load(REGISTRIES)
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = [*schema.KNOWN, "titel", "x"]
scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-5, 3000),
    st.booleans(),
    st.none(),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(timezones=st.sampled_from([dt.UTC, TZ, dt.timezone(dt.timedelta(hours=-12))])),
    st.sampled_from(
        [
            "approved",
            "draft",
            "withdrawn",
            "tin-hoat-dong",
            "hop-bao",
            "thi-hanh-an-dan-su",
            "van-phong-bo",
            "chanh-van-phong-bo",
            "javascript:alert(1)",
            "../../../etc/passwd",
            "(điền sa-pô)",
            "2026-01-01T00:00:00+25:00",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=8,
)
front_matters = st.dictionaries(st.sampled_from(KEYS), values, max_size=14)


def _docs(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    shutil.copytree(REGISTRIES, docs / ".registries", dirs_exist_ok=True)
    (docs / "tep").mkdir(exist_ok=True)
    (docs / "tep/a.pdf").write_bytes(b"%PDF")
    return docs


def _judge(text: str, docs: Path) -> None:
    """Parse, check and decide; assert the publishing promise for whatever came out."""
    front_matter, _ = parsing.parse(text, "docs/tin-tuc/2026/x.md")
    if front_matter is None:
        return
    article, _ = rules.check_article(
        front_matter, "tin-tuc/2026/x.md", "docs/tin-tuc/2026/x.md", REGISTRY, docs, TZ
    )
    if article is None:
        return
    visibility = decide(article, NOW, None)
    if visibility.is_published:
        assert article.status == "approved"
        assert article.date <= NOW
        assert article.approval is not None
        assert REGISTRY.approvers[article.approval.by].may_approve(article.unit)


@BOUNDED
@given(data=front_matters)
def test_any_front_matter_is_judged_without_raising(tmp_path_factory, data) -> None:
    docs = _docs(tmp_path_factory)
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\nNội dung.\n"
    _judge(text, docs)


@BOUNDED
@given(raw=st.text(max_size=400), body=st.text(max_size=50))
def test_any_text_is_judged_without_raising(tmp_path_factory, raw, body) -> None:
    docs = _docs(tmp_path_factory)
    _judge(f"---\n{raw}\n---\n{body}", docs)
    _judge(raw, docs)


# -- the CLI's edits ------------------------------------------------------------------------
BASE_LINES = [
    "id: bai-thu-01",
    'title: "Tiêu đề: có dấu hai chấm"',
    "summary: Sa-pô.",
    "date: 2026-05-01T09:00:00+07:00",
    "type: tin-hoat-dong",
    "category: hoat-dong-cua-bo",
    "unit: van-phong-bo",
    "status: draft",
    "tags: [a, b]",
]
decorations = st.sampled_from(
    [
        "# ghi chú của biên tập viên",
        "",
        "featured: false  # bình luận",
        "authors:\n  - Phòng Truyền thông\n  # chú thích thụt lề",
        "approval:\n  by: ai-do\n  at: 2026-01-01",
        "legal_basis: ['Luật 2008']",
        "focus_areas:\n- chinh-sach",
        "status: 'draft'   # trạng thái",
    ]
)
body_text = st.lists(
    st.sampled_from([*"ab đ\n\r\t-#:\u2028\u2029\x85\ufeff", "---", "status: x", "\n---\n"]),
    max_size=30,
).map("".join)


@st.composite
def article_texts(draw) -> tuple[str, str]:
    """(whole file, its body): a valid draft in many spellings, then any body at all."""
    lines = list(BASE_LINES)
    for extra in draw(st.lists(decorations, max_size=4)):
        lines.insert(draw(st.integers(0, len(lines))), extra)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    front = "\n".join(["---", *lines, "---"]).replace("\n", newline)
    body = draw(body_text)
    return bom + front + newline + body, newline + body


def _outside_changes_ok(old: str, new: str, allowed: re.Pattern[str]) -> None:
    """Every line removed or added by the edit is one the command must change."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for line in old_lines[a1:a2] + new_lines[b1:b2]:
            assert allowed.match(line.rstrip("\r")), (op, line)


APPROVE_LINES = re.compile(r"^(status:.*|approval:.*|\s+.*|\s*#.*|)$")
WITHDRAW_LINES = re.compile(r"^(status:.*|withdrawn:.*|\s+.*|\s*#.*|)$")


@BOUNDED
@given(case=article_texts())
def test_approve_changes_only_its_lines_or_refuses(case: tuple[str, str]) -> None:
    text, body = case
    at = dt.datetime(2026, 5, 2, 9, 0, tzinfo=TZ)
    try:
        new = frontmatter_edit.approve(text, "chanh-van-phong-bo", at)
    except EditError:
        return
    _outside_changes_ok(text, new, APPROVE_LINES)
    front_matter, _ = parsing.parse(new, "x.md")
    assert front_matter is not None
    assert front_matter.data["status"] == "approved"
    assert front_matter.data["approval"]["by"] == "chanh-van-phong-bo"
    assert new.endswith("---" + body)  # the body, byte for byte


@BOUNDED
@given(case=article_texts(), reason=st.text(max_size=40))
def test_withdraw_changes_only_its_lines_or_refuses(case: tuple[str, str], reason: str) -> None:
    text, body = case
    at = dt.datetime(2026, 5, 3, 9, 0, tzinfo=TZ)
    try:
        new = frontmatter_edit.withdraw(text, at, reason)
    except EditError:
        return
    _outside_changes_ok(text, new, WITHDRAW_LINES)
    front_matter, _ = parsing.parse(new, "x.md")
    assert front_matter is not None
    assert front_matter.data["status"] == "withdrawn"
    assert new.endswith("---" + body)
