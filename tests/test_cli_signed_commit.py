"""``newsroom approve/withdraw --commit``: the approver's own signed commit, or nothing at all."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from newsroom_cli import main as cli
from signing_support import ENV, Keys, allowed_signers, commit, git, register_keys
from signing_support import require_signatures_from as require
from tree_factory import article, make_tree

PATH = "docs/tin-tuc/2026/bai-thu.md"
DRAFT = article(status="draft", approval=None)


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> Keys:
    return Keys(tmp_path_factory.mktemp("keys"), ("van-phong", "cuc-truong"))


@pytest.fixture
def repo(tmp_path, monkeypatch, keys):
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(name, ENV[name])
    monkeypatch.setenv("NEWSROOM_NOW", "2026-05-04T10:00:00+07:00")
    monkeypatch.chdir(tmp_path)
    config = make_tree(tmp_path, {"tin-tuc/2026/bai-thu.md": DRAFT})
    require(config, "2026-01-01")
    register_keys(
        tmp_path / "docs" / ".registries",
        {
            "chanh-van-phong-bo": [
                {"key": keys.public("van-phong"), "valid_from": dt.date(2020, 1, 1)}
            ],
            "cuc-truong-thads": [
                {"key": keys.public("cuc-truong"), "valid_from": dt.date(2025, 7, 1)}
            ],
        },
    )
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "Bài nháp")
    for name, value in (
        ("user.name", "Nguyễn Văn An"),
        ("user.email", "an@example.gov.vn"),
        ("gpg.format", "ssh"),
        ("user.signingkey", str(keys.private("van-phong"))),
    ):
        git(tmp_path, "config", name, value)
    return tmp_path


def head(repo) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_approve_commit_makes_a_commit_git_verifies(repo, keys, capsys):
    assert cli.main(["approve", PATH, "--by", "chanh-van-phong-bo", "--commit"]) == 0
    assert "đã tạo commit có ký" in capsys.readouterr().out
    allowed = allowed_signers(repo.parent / "allowed", keys, {"an@example.gov.vn": "van-phong"})
    git(repo, "-c", f"gpg.ssh.allowedSignersFile={allowed}", "verify-commit", "HEAD")
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [PATH]
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Duyệt bài: Bài thử\n")
    assert "Người duyệt: Nguyễn Văn An (chanh-van-phong-bo)" in message
    assert git(repo, "status", "--porcelain") == ""
    assert cli.main(["check"]) == 0  # the signature requirement is on from 2026-01-01

    assert cli.main(["withdraw", PATH, "--reason", "Thông tin đã cũ", "--commit"]) == 0
    git(repo, "-c", f"gpg.ssh.allowedSignersFile={allowed}", "verify-commit", "HEAD")
    assert "Lý do: Thông tin đã cũ" in git(repo, "log", "-1", "--format=%B")
    assert cli.main(["check"]) == 0


def test_approve_without_commit_is_not_accepted_once_signatures_are_required(repo, capsys):
    assert cli.main(["approve", PATH, "--by", "chanh-van-phong-bo"]) == 0
    assert "chạy lại lệnh với --commit" in capsys.readouterr().out
    assert cli.main(["check"]) == 1
    assert f"{PATH}:11: E054 approval.by:" in capsys.readouterr().out
    commit(repo, "Biên tập viên tự commit")  # committed, yet not signed by the approver
    assert cli.main(["check"]) == 1
    assert f"{PATH}:11: E050 approval.by:" in capsys.readouterr().out
    # the same text again: nothing to sign, refused with advice; a new --at is signed
    argv = ["approve", PATH, "--by", "chanh-van-phong-bo", "--commit"]
    assert cli.main(argv) == 1
    assert "không có gì để ký" in capsys.readouterr().err
    assert cli.main([*argv, "--at", "2026-05-04T10:05:00+07:00"]) == 0
    assert cli.main(["check"]) == 0


def test_refuses_a_key_of_another_approver_before_touching_anything(repo, keys, capsys):
    git(repo, "config", "user.signingkey", str(keys.private("cuc-truong")))
    before, commit_id = (repo / PATH).read_bytes(), head(repo)
    assert cli.main(["approve", PATH, "--by", "chanh-van-phong-bo", "--commit"]) == 1
    err = capsys.readouterr().err
    assert keys.fingerprint("cuc-truong") in err and "không thay đổi gì" in err
    assert (repo / PATH).read_bytes() == before and head(repo) == commit_id


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [("gpg.format", "openpgp", "gpg.format ssh"), ("user.signingkey", "", "user.signingkey")],
)
def test_refuses_when_git_does_not_sign_with_ssh(repo, capsys, name, value, expected):
    if value:
        git(repo, "config", name, value)
    else:
        git(repo, "config", "--unset", name)
    before = (repo / PATH).read_bytes()
    assert cli.main(["approve", PATH, "--by", "chanh-van-phong-bo", "--commit"]) == 2
    assert expected in capsys.readouterr().err
    assert (repo / PATH).read_bytes() == before


def test_failed_signing_puts_the_file_back(repo, keys, tmp_path_factory, capsys):
    """The public key alone (no private key, no agent): git cannot sign; nothing is left."""
    lone = tmp_path_factory.mktemp("lone") / "van-phong.pub"
    shutil.copy(keys.folder / "van-phong.pub", lone)
    git(repo, "config", "user.signingkey", str(lone))
    before, commit_id = (repo / PATH).read_bytes(), head(repo)
    assert cli.main(["approve", PATH, "--by", "chanh-van-phong-bo", "--commit"]) == 1
    assert "git không tạo được commit có ký" in capsys.readouterr().err
    assert (repo / PATH).read_bytes() == before and head(repo) == commit_id
    assert git(repo, "status", "--porcelain") == ""
