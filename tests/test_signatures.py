"""Signed approvals (issue 13): a real Git repository made from the fixture site, real SSH keys.

The base repository requires signatures from 2026-05-10: five fixture articles are approved on
or after that day, each committed and signed by its approver; everything else (older approvals
included) is in one unsigned editor's commit made before that day. Each test works on its own
clone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXED_NOW, PUBLISHED_MARKER, make_project, run_build
from newsroom.content import loading, sshsig
from newsroom.content import settings as site_settings
from newsroom.content.git_history import Repository
from newsroom.content.registries import Registries, RegistryError
from newsroom_cli import main as cli
from signing_support import (
    Keys,
    commit,
    git,
    register_keys,
    require_signatures_from,
)

CUTOVER = "2026-05-10"
BEFORE_CUTOVER = "2026-05-01T09:00:00+07:00"  # when the older approvals were committed
COMMITTED = "docs/tin-tuc/2026/cong-bo.md"  # truong-thads-ha-noi, approval.by on line 11
SIGNED_BY = {
    COMMITTED: "ha-noi",
    "docs/tin-tuc/2026/cong-bo.en.md": "ha-noi",
    "docs/tin-tuc/2026/hop-bao.md": "van-phong",
    "docs/tin-tuc/2026/hen-gio.md": "cuc-truong",
    "docs/tin-tuc/2026/hen-gio.en.md": "cuc-truong",
}
KEY_NAMES = ("ha-noi", "ha-noi-cu", "van-phong", "cuc-truong", "nguoi-la")


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> Keys:
    return Keys(tmp_path_factory.mktemp("keys"), KEY_NAMES)


@pytest.fixture(scope="module")
def base(tmp_path_factory, keys) -> Path:
    root = make_project(tmp_path_factory.mktemp("repo") / "base")
    require_signatures_from(root / "mkdocs.yml", CUTOVER)
    register_keys(
        root / "docs" / ".registries",
        {
            "truong-thads-ha-noi": [
                {"key": keys.public("ha-noi"), "valid_from": dt.date(2026, 1, 1)},
                {
                    "key": keys.public("ha-noi-cu"),
                    "valid_from": dt.date(2024, 1, 1),
                    "valid_to": dt.date(2025, 12, 31),
                },
            ],
            "chanh-van-phong-bo": [
                {"key": keys.public("van-phong"), "valid_from": dt.date(2020, 1, 1)}
            ],
            "cuc-truong-thads": [
                {"key": keys.public("cuc-truong"), "valid_from": dt.date(2025, 7, 1)}
            ],
        },
    )
    (root / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A", "--", ".", *(f":!{path}" for path in SIGNED_BY))
    git(root, "commit", "-q", "-m", "Nội dung ban đầu", when=BEFORE_CUTOVER)
    for path, name in SIGNED_BY.items():
        commit(root, f"Duyệt {path}", path, key=keys.private(name))
    return root


@pytest.fixture
def repo(base, tmp_path) -> Path:
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(base), str(work))
    return work


def issues(root: Path) -> list[str]:
    """Every issue of the tree, as ``newsroom check`` prints them (in English)."""
    settings = site_settings.load(root / "mkdocs.yml")
    loaded = loading.load(settings, dt.datetime.fromisoformat(FIXED_NOW))
    return [item.format("en") for item in loaded.corpus.issues]


def edit(root: Path, path: str = COMMITTED, extra: str = "\nĐính chính số liệu.\n") -> None:
    with (root / path).open("a", encoding="utf-8") as handle:
        handle.write(extra)


def codes(found: list[str], path: str = COMMITTED) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in found if line.startswith(f"{path}:")]


# -- the registry --------------------------------------------------------------------------------
def test_registry_reads_keys_with_ssh_keygen_fingerprints(base, keys):
    registries = Registries.load(base / "docs" / ".registries")
    found = registries.approvers["truong-thads-ha-noi"].keys
    assert [k.key.fingerprint for k in found] == [
        keys.fingerprint("ha-noi"),
        keys.fingerprint("ha-noi-cu"),
    ]
    assert found[1].validity.valid_to == dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"key": "ssh-dss AAAAB3NzaC1kc3M=", "valid_from": dt.date(2026, 1, 1)}, "not supported"),
        ({"key": "ssh-ed25519 not*base64", "valid_from": dt.date(2026, 1, 1)}, "not a valid"),
        ({"key": "ssh-ed25519", "valid_from": dt.date(2026, 1, 1)}, "expected"),
        ({"key": "ssh-ed25519 AAAA", "valid_until": dt.date(2026, 1, 1)}, "unknown field"),
        ({"key": "ssh-ed25519 AAAA", "valid_from": "mai"}, "must be a date"),
    ],
)
def test_registry_refuses_bad_keys(tmp_path, entry, message):
    folder = shutil.copytree(Path(__file__).parents[1] / "docs" / ".registries", tmp_path / "r")
    register_keys(folder, {"chanh-van-phong-bo": [entry]})
    with pytest.raises(RegistryError, match=message):
        Registries.load(folder)


def test_registry_refuses_a_key_given_to_two_approvers(tmp_path, keys):
    folder = shutil.copytree(Path(__file__).parents[1] / "docs" / ".registries", tmp_path / "r")
    entry = {"key": keys.public("van-phong"), "valid_from": dt.date(2026, 1, 1)}
    register_keys(folder, {"chanh-van-phong-bo": [entry], "cuc-truong-thads": [entry]})
    with pytest.raises(RegistryError, match="one key, one approver"):
        Registries.load(folder)


# -- the rule --------------------------------------------------------------------------------
@pytest.mark.build
def test_approval_signed_by_its_approver_publishes(repo):
    """The real build and ``newsroom check`` accept the signed repository."""
    assert issues(repo) == []
    build = run_build(repo)
    assert build.returncode == 0, build.output
    page = build.text("tin-tuc/2026/cong-bo/index.html")
    assert PUBLISHED_MARKER in page
    assert "<dt>Phê duyệt</dt><dd>Hoàng Văn Em, <time" in page  # verified: shown
    assert ">10/05/2026</time>" in page
    assert "Approved by</dt><dd>Hoàng Văn Em" in build.text("en/tin-tuc/2026/cong-bo/index.html")
    assert "Phê duyệt" not in build.text("tin-tuc/2026/go-bo/index.html")  # before the cut-over
    result = subprocess.run(
        [str(Path(sys.executable).parent / "newsroom"), "check"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSROOM_NOW": FIXED_NOW},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_approved_article_edited_later_in_an_unsigned_commit(repo):
    edit(repo)
    commit(repo, "Sửa bài")
    found = issues(repo)
    assert codes(found) == ["E050"]
    [line] = [f for f in found if f.startswith(COMMITTED)]
    assert line.startswith(f"{COMMITTED}:11: E050 approval.by: commit ")
    assert "is not signed" in line
    assert len(found) == 1  # the other signed articles stay valid


@pytest.mark.build
def test_the_build_refuses_an_unsigned_change(repo):
    edit(repo)
    commit(repo, "Sửa bài")
    build = run_build(repo)
    assert build.returncode != 0
    assert f"{COMMITTED}:11: E050 approval.by:" in build.output
    assert not (build.site / "tin-tuc/2026/cong-bo/index.html").exists()


def test_signed_by_another_approver(repo, keys):
    edit(repo)
    commit(repo, "Sửa bài", key=keys.private("van-phong"))
    found = issues(repo)
    assert codes(found) == ["E051"]
    assert "signed with a key of 'chanh-van-phong-bo', not of 'truong-thads-ha-noi'" in found[0]


def test_signed_by_an_unknown_key(repo, keys):
    edit(repo)
    commit(repo, "Sửa bài", key=keys.private("nguoi-la"))
    found = issues(repo)
    assert codes(found) == ["E052"]
    assert keys.fingerprint("nguoi-la") in found[0]


def test_signed_by_a_key_outside_its_validity(repo, keys):
    edit(repo)
    commit(repo, "Sửa bài", key=keys.private("ha-noi-cu"))  # the key ended on 31/12/2025
    found = issues(repo)
    assert codes(found) == ["E053"]
    assert keys.fingerprint("ha-noi-cu") in found[0]


def test_uncommitted_change_to_an_approved_article(repo):
    edit(repo)
    assert codes(issues(repo)) == ["E054"]


def test_signature_that_does_not_match_the_commit(repo, keys):
    """A commit altered after signing (same signature, other content): E055, and git agrees."""
    edit(repo)
    signed = commit(repo, "Sửa bài", key=keys.private("ha-noi"))
    raw = git(repo, "cat-file", "commit", signed).replace("Sửa bài", "Sửa bài (giả)")
    forged = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo,
        input=raw,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    git(repo, "reset", "-q", "--soft", forged)
    assert codes(issues(repo)) == ["E055"]
    allowed = repo.parent / "allowed"
    allowed.write_text(f"x {keys.public('ha-noi')}\n", encoding="utf-8")
    check = ("-c", f"gpg.ssh.allowedSignersFile={allowed}")
    git(repo, *check, "verify-commit", signed)
    with pytest.raises(AssertionError):
        git(repo, *check, "verify-commit", forged)


def test_merge_commit_is_not_the_change(repo, keys):
    """A host's merge commit (unsigned) does not count: the signed commit it merged does."""
    git(repo, "checkout", "-q", "-b", "dinh-chinh")
    edit(repo)
    commit(repo, "Đính chính", key=keys.private("ha-noi"))
    git(repo, "checkout", "-q", "main")
    edit(repo, "docs/gioi-thieu.md", "\nThêm một dòng.\n")
    commit(repo, "Sửa trang giới thiệu")
    git(repo, "merge", "-q", "--no-ff", "--no-edit", "dinh-chinh")
    assert issues(repo) == []


def test_rename_keeps_the_approval_only_if_the_content_is_unchanged(repo):
    moved = "docs/tin-tuc/2026/hop-bao-moi.md"
    git(repo, "mv", "docs/tin-tuc/2026/hop-bao.md", moved)
    commit(repo, "Đổi tên tệp")
    assert issues(repo) == []
    edit(repo, moved)
    commit(repo, "Sửa bài")
    assert codes(issues(repo), moved) == ["E050"]


def test_rename_with_an_edit_in_the_same_commit_needs_a_new_signature(repo):
    moved = "docs/tin-tuc/2026/hop-bao-moi.md"
    git(repo, "mv", "docs/tin-tuc/2026/hop-bao.md", moved)
    edit(repo, moved)
    commit(repo, "Đổi tên và sửa bài")
    assert codes(issues(repo), moved) == ["E050"]


def test_date_cut_over_accepts_older_approvals(repo):
    """go-bo.md (approved 01/04/2026) sits in the unsigned first commit: accepted, and marked."""
    settings = site_settings.load(repo / "mkdocs.yml")
    loaded = loading.load(settings, dt.datetime.fromisoformat(FIXED_NOW))
    signed = loaded.corpus.signed
    assert "tin-tuc/2026/go-bo.md" in signed.before_cutover
    assert signed.verified["tin-tuc/2026/cong-bo.md"].approver == "truong-thads-ha-noi"
    require_signatures_from(repo / "mkdocs.yml", "2026-04-01")
    assert codes(issues(repo), "docs/tin-tuc/2026/go-bo.md") == ["E050"]


def test_older_approval_changed_after_the_cut_over_needs_a_signature(repo):
    """go-bo.md (approved 01/04/2026) corrected after the cut-over: a new signed approval."""
    path = "docs/tin-tuc/2026/go-bo.md"
    edit(repo, path)
    assert codes(issues(repo), path) == ["E054"]
    commit(repo, "Đính chính bài đã gỡ")
    found = issues(repo)
    assert codes(found, path) == ["E056"]
    assert (
        "approved before 10/05/2026 (no signature needed then), but changed after it" in (found[0])
    )


def test_older_approval_changed_after_the_cut_over_by_its_signed_approver(repo, keys):
    """A withdrawal or correction its approver signed keeps an older approval valid."""
    path = "docs/tin-tuc/2026/go-bo.md"
    edit(repo, path)
    commit(repo, "Gỡ bài, có ký", key=keys.private("van-phong"))  # chanh-van-phong-bo's key
    assert issues(repo) == []
    edit(repo, path, "\nThêm nữa.\n")
    commit(repo, "Sửa, ký bằng khoá người khác", key=keys.private("ha-noi"))
    assert codes(issues(repo), path) == ["E056"]


def test_back_dated_approval_is_not_accepted_unsigned(repo):
    """Writing an approval dated before the cut-over today does not avoid the signature."""
    path = repo / COMMITTED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("at: 2026-05-10T08:00", "at: 2026-05-09T08:00"), "utf-8")
    commit(repo, "Sửa ngày duyệt")
    assert codes(issues(repo)) == ["E056"]


def test_without_the_setting_nothing_is_required_and_git_is_not_needed(repo):
    shutil.rmtree(repo / ".git")
    require_signatures_from(repo / "mkdocs.yml", CUTOVER)
    found = issues(repo)
    assert set(codes(found)) == {"E057"}  # on: outside git, a clear error
    assert "not in a git work tree" in found[0]
    assert codes(found, "docs/tin-tuc/2026/go-bo.md") == []  # older approvals: as before
    config = repo / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            f"    approval_signatures_required_from: {CUTOVER}\n", ""
        ),
        encoding="utf-8",
    )
    assert issues(repo) == []


def test_invalid_setting_is_reported(repo):
    require_signatures_from(repo / "mkdocs.yml", "đầu tháng")
    assert issues(repo) == [
        "mkdocs.yml:1: E059 extra.newsroom.approval_signatures_required_from: "
        "'đầu tháng' is not a date (YYYY-MM-DD)"
    ]


def test_shallow_clone_is_reported_never_passes(base, tmp_path, monkeypatch, capsys):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{base}", str(shallow))
    found = issues(shallow)
    assert {codes(found, p)[0] for p in SIGNED_BY} == {"E057"}
    assert "shallow clone" in found[0]
    monkeypatch.setenv("NEWSROOM_NOW", FIXED_NOW)
    monkeypatch.chdir(shallow)
    assert cli.main(["check", COMMITTED]) == 1
    assert "E057" in capsys.readouterr().out


def test_report_counts_approvals_by_approver_and_flags_unverified(repo, monkeypatch, capsys):
    edit(repo)
    commit(repo, "Sửa bài")  # cong-bo.md: no longer proven; its translation still is
    monkeypatch.setenv("NEWSROOM_NOW", FIXED_NOW)
    monkeypatch.chdir(repo)
    assert cli.main(["report", "--from", "2026-01-01", "--to", "2026-06-15"]) == 0
    out = capsys.readouterr().out
    assert "## Phê duyệt theo người duyệt" in out
    assert (
        "| Hoàng Văn Em (truong-thads-ha-noi) | 2 | 1 | 0 | 0 | 1 | "
        "⚠ Có phê duyệt chưa xác minh chữ ký |" in out
    )
    assert "| Nguyễn Văn An (chanh-van-phong-bo) | 1 | 1 | 0 | 0 | 0 |  |" in out
    period = ["--from", "2026-01-01", "--to", "2026-06-15"]
    assert cli.main(["report", *period, "--format", "csv"]) == 0
    csv_out = capsys.readouterr().out
    assert (
        "phe-duyet,truong-thads-ha-noi,Hoàng Văn Em,2,Có phê duyệt chưa xác minh chữ ký" in csv_out
    )
    assert cli.main(["report", *period, "--format", "html"]) == 0
    assert "<h2>Phê duyệt theo người duyệt</h2>" in capsys.readouterr().out
    assert cli.main(["report", "--from", "2025-01-01", "--to", "2026-06-15"]) == 0
    # thong-cao.md, its translation and phan-hoi.md: approved in 2025, before the cut-over
    assert "| Trần Thị Bình (cuc-truong-thads) | 3 | 0 | 3 | 0 | 0 |  |" in capsys.readouterr().out


def test_workflows_check_out_the_full_history():
    """CI and deploy run the check: a shallow checkout would fail it (E057)."""
    workflows = sorted((Path(__file__).parents[1] / ".github" / "workflows").glob("*.yml"))
    checkouts = [
        step
        for path in workflows
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
        for step in job.get("steps", [])
        if str(step.get("uses", "")).startswith("actions/checkout")
    ]
    assert checkouts and all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts)


def test_content_made_only_by_a_merge_commit(repo, keys):
    """An "evil" merge that writes new text into the article: no commit of its own made it."""
    git(repo, "checkout", "-q", "-b", "nhanh")
    edit(repo, "docs/gioi-thieu.md", "\nThêm một dòng.\n")
    commit(repo, "Sửa trang giới thiệu")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "--no-commit", "nhanh")
    edit(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-edit")
    assert codes(issues(repo)) == ["E058"]


@pytest.mark.parametrize("key_type", [("ecdsa", "-b", "256"), ("rsa", "-b", "3072")])
def test_ecdsa_and_rsa_signatures_verify_like_git(tmp_path, key_type):
    """The in-process verifier and ``git verify-commit`` agree on other key types too."""
    kind, *size = key_type
    key = tmp_path / f"id_{kind}"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", kind, *size, "-N", "", "-C", kind, "-f", key], check=True
    )
    public = Path(f"{key}.pub").read_text(encoding="utf-8").strip()
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "bai.md").write_text("Nội dung\n", encoding="utf-8")
    signed = commit(tmp_path, "Ký", key=key)
    allowed = tmp_path / "allowed"
    allowed.write_text(f"x {public}\n", encoding="utf-8")
    git(tmp_path, "-c", f"gpg.ssh.allowedSignersFile={allowed}", "verify-commit", signed)
    found = Repository(tmp_path).commits({signed})[signed]
    verdict = sshsig.verify(found.signature or "", found.payload)
    assert verdict.valid and verdict.fingerprint == sshsig.parse_public_key(public).fingerprint
    assert not sshsig.verify(found.signature or "", found.payload + b"x").valid
