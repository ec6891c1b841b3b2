"""``newsroom approve`` / ``withdraw``: byte-exact edits, and refusals that touch nothing."""

from __future__ import annotations

import os

import pytest
from newsroom_cli import main as cli
from tree_factory import article, make_tree

PATH = "docs/tin-tuc/2026/bai-thu.md"
DRAFT = article(
    status="draft  # nháp",
    approval=None,
    title='"Bài thử: có ngoặc"',
    body="Dòng thân bài:\nstatus: draft\n",
)


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSROOM_NOW", "2026-05-04T10:00:00+07:00")
    monkeypatch.chdir(tmp_path)
    return make_tree(
        tmp_path,
        {
            "tin-tuc/2026/bai-thu.md": DRAFT,
            "tin-tuc/2026/thads.md": article(
                id="2026-thads-hn", unit="thads-ha-noi", status="draft", approval=None
            ),
        },
    )


def run(config, *argv):
    return cli.main(["--config", str(config), *argv])


def test_approve_changes_only_status_and_approval_lines(site, capsys):
    file = site.parent / PATH
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 0
    assert "đã duyệt" in capsys.readouterr().out
    assert file.read_text(encoding="utf-8") == DRAFT.replace(
        "status: draft  # nháp\n",
        "status: approved  # nháp\napproval:\n  by: chanh-van-phong-bo\n"
        "  at: 2026-05-04T10:00:00+07:00\n",
    )
    assert run(site, "check") == 0


def test_crlf_file_stays_crlf(site, capsys):
    file = site.parent / PATH
    file.write_bytes(("\ufeff" + DRAFT).replace("\n", "\r\n").encode())
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo", "--at", "2026-05-04T08:00") == 0
    data = file.read_bytes()
    assert data.startswith("\ufeff---\r\n".encode())
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"  at: 2026-05-04T08:00:00+07:00\r\n" in data
    assert data.endswith(b"status: draft\r\n")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["approve", "docs/tin-tuc/2026/thads.md", "--by", "tong-bien-tap-plvn"], "E012"),
        (["approve", PATH, "--by", "cuc-truong-thads"], "E012"),  # no authority for the unit
        (["approve", "docs/tin-tuc/2026/thads.md", "--by", "tong-cuc-truong-thads"], "E013"),
        (
            [
                "approve",
                "docs/tin-tuc/2026/thads.md",
                "--by",
                "truong-thads-ha-noi",
                "--at",
                "2020-06-01T09:00",
            ],
            "E013",
        ),  # out of office at that time
        (["approve", PATH, "--by", "chanh-van-phong"], "E009"),  # unknown approver
        (["withdraw", PATH, "--reason", "Sai"], "draft"),  # only an approved one
    ],
)
def test_refusals_leave_files_unchanged(site, capsys, argv, expected):
    before = {p: p.read_bytes() for p in (site.parent / "docs/tin-tuc/2026").iterdir()}
    assert run(site, *argv) == 1
    captured = capsys.readouterr()
    assert expected in captured.out + captured.err
    assert {p: p.read_bytes() for p in before} == before


def test_invalid_article_is_not_approved(site, capsys):
    file = site.parent / PATH
    file.write_text(DRAFT.replace("summary: Sa-pô của bài thử.\n", ""), encoding="utf-8")
    before = file.read_bytes()
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 1
    assert "E003 summary" in capsys.readouterr().out
    assert file.read_bytes() == before


def test_scaffold_placeholders_are_not_approved(site, capsys):
    file = site.parent / PATH
    file.write_text(DRAFT.replace("Sa-pô của bài thử.", '"(điền sa-pô)"'), encoding="utf-8")
    before = file.read_bytes()
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 1
    out = capsys.readouterr().out
    assert ":4: E029 summary:" in out  # the core's publish-stage rule, with the field's line
    assert file.read_bytes() == before


def test_withdraw_then_approve_again_is_refused(site, capsys):
    file = site.parent / PATH
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo", "--at", "2026-05-04T09:00") == 0
    approved = file.read_text(encoding="utf-8")
    assert run(site, "withdraw", PATH, "--reason", 'Sai "số liệu"', "--at", "2026-05-04T08:00") == 1
    assert "E025" in capsys.readouterr().out  # withdrawn before it was approved
    assert run(site, "withdraw", PATH, "--reason", 'Sai "số liệu"') == 0
    assert file.read_text(encoding="utf-8") == approved.replace(
        "status: approved  # nháp\n", "status: withdrawn  # nháp\n"
    ).replace(
        "  at: 2026-05-04T09:00:00+07:00\n",
        "  at: 2026-05-04T09:00:00+07:00\nwithdrawn:\n  at: 2026-05-04T10:00:00+07:00\n"
        '  reason: "Sai \\"số liệu\\""\n',
    )
    assert run(site, "check") == 0
    withdrawn = file.read_bytes()
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 1
    assert "đã gỡ" in capsys.readouterr().err
    assert file.read_bytes() == withdrawn


@pytest.mark.parametrize(
    "argv",
    [
        ["approve", "docs/tin-tuc/2026/khong-co.md", "--by", "chanh-van-phong-bo"],
        ["approve", "mkdocs.yml", "--by", "chanh-van-phong-bo"],
        ["approve", PATH, "--by", "chanh-van-phong-bo", "--at", "hôm qua"],
        ["withdraw", PATH, "--reason", "   "],
    ],
)
def test_usage_errors_exit_2(site, capsys, argv):
    assert run(site, *argv) == 2


def test_approve_refuses_a_link_to_an_unpublished_article(site, capsys):
    """Approving would publish a page linking to a draft: the build would fail, so refuse."""
    file = site.parent / PATH
    text = DRAFT.replace("Dòng thân bài:\n", "Dòng thân bài: [bài khác](thads.md)\n")
    file.write_text(text, encoding="utf-8")
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 1
    out = capsys.readouterr().out
    assert "E021" in out and "docs/tin-tuc/2026/thads.md (draft)" in out
    assert file.read_text(encoding="utf-8") == text


def test_line_separators_in_front_matter_are_refused_untouched(site, capsys):
    """U+2028 is a line break to YAML, not to line-based editing: refuse, change nothing."""
    file = site.parent / PATH
    file.write_text(DRAFT.replace('title: "Bài thử', 'title: "Bài\u2028thử'), encoding="utf-8")
    before = file.read_bytes()
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 1
    assert "U+2028" in capsys.readouterr().out
    assert file.read_bytes() == before


def test_line_separators_in_the_body_stay(site):
    file = site.parent / PATH
    file.write_text(DRAFT + "Thân\u2028bài\x85và\rđây.\n", encoding="utf-8")
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 0
    text = file.read_bytes().decode("utf-8")  # read_text would turn the lone \r into \n
    assert text.endswith("status: draft\nThân\u2028bài\x85và\rđây.\n")


def test_a_save_during_the_command_is_not_overwritten(site, capsys, monkeypatch):
    """The editor saves while approve is checking: approve writes nothing and says so."""
    from newsroom_cli import transition

    file = site.parent / PATH
    saved = DRAFT.replace("Dòng thân bài", "Biên tập viên vừa sửa")
    checking = transition.would_be_issues

    def slow_check(*args):
        file.write_text(saved, encoding="utf-8")  # the editor's save lands here
        return checking(*args)

    monkeypatch.setattr(transition, "would_be_issues", slow_check)
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 1
    assert "vừa được sửa" in capsys.readouterr().err
    assert file.read_text(encoding="utf-8") == saved
    assert [p.name for p in file.parent.iterdir() if p.name.startswith(".")] == []


def test_non_utf8_and_unwritable_files_are_clean_refusals(site, capsys):
    file = site.parent / PATH
    file.write_bytes(DRAFT.encode("utf-8").replace("Bài thử".encode(), b"B\xe0i th\xfd"))
    assert run(site, "approve", PATH, "--by", "chanh-van-phong-bo") == 1
    assert "UTF-8" in capsys.readouterr().err
    file.write_text(DRAFT, encoding="utf-8")
    file.parent.chmod(0o555)  # the folder is read-only: no temporary file can be made
    try:
        result = run(site, "approve", PATH, "--by", "chanh-van-phong-bo")
    finally:
        file.parent.chmod(0o755)
    if os.geteuid() != 0:  # root writes anyway; the refusal path is then not reachable
        assert result == 1
        assert "không ghi được" in capsys.readouterr().err
        assert file.read_text(encoding="utf-8") == DRAFT


def test_a_signed_approval_by_an_unknown_approver_is_refused_with_the_catalogue_text(site, capsys):
    file = site.parent / PATH
    assert run(site, "approve", PATH, "--by", "chanh-van-phong", "--commit") == 1
    err = capsys.readouterr().err
    assert "'chanh-van-phong' không có trong danh mục người duyệt" in err
    assert file.read_text(encoding="utf-8") == DRAFT


def test_a_file_the_allow_list_refuses_is_not_approved(site, capsys):
    """``x.v2.md`` would be built at another URL than its name: the build refuses the file
    (E030), so approving it must be refused too, and the file left as it was."""
    odd = site.parent / "docs/tin-tuc/2026/bai-thu.v2.md"
    odd.write_text(DRAFT.replace("id: 2026-bai-thu", "id: 2026-bai-thu-v2"), encoding="utf-8")
    before = odd.read_bytes()
    assert run(site, "approve", str(odd), "--by", "chanh-van-phong-bo") == 1
    assert "bai-thu.v2.md:1: E030" in capsys.readouterr().out
    assert odd.read_bytes() == before
