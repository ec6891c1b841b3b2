"""End to end: ``new`` → ``check`` → ``approve`` on a copy of the fixture site, then a real
``mkdocs build`` (tests/conftest.py) publishes the article; ``withdraw`` keeps its page."""

from __future__ import annotations

import pytest
from conftest import FIXED_NOW, make_project, run_build
from newsroom_cli import main as cli


@pytest.mark.build
def test_new_check_approve_build(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "project")
    config = str(root / "mkdocs.yml")
    monkeypatch.setenv("NEWSROOM_NOW", FIXED_NOW)
    monkeypatch.chdir(root)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    assert (
        cli.main(
            [
                "--config",
                config,
                "new",
                "--type",
                "thong-cao-bao-chi",
                "--category",
                "thi-hanh-an-dan-su",
                "--unit",
                "cuc-quan-ly-thads",
                "--title",
                "Thông cáo: Kết quả thi hành án 9 tháng",
            ]
        )
        == 0
    )
    path = "docs/tin-tuc/2026/thong-cao-ket-qua-thi-hanh-an-9-thang.md"
    assert path in capsys.readouterr().out
    file = root / path
    assert cli.main(["--config", config, "check"]) == 0, capsys.readouterr().out

    # the scaffold text must be replaced before an approver accepts it
    assert cli.main(["--config", config, "approve", path, "--by", "cuc-truong-thads"]) == 1
    text = file.read_text(encoding="utf-8")
    text = text.replace(
        '"(điền sa-pô: 1–2 câu tóm tắt, tối đa 400 ký tự)"', "Sa-pô MARKER-E2E-3c9d."
    )
    file.write_text(
        text.replace("(điền nội dung bài viết)", "Nội dung thông cáo."), encoding="utf-8"
    )
    assert (
        cli.main(
            [
                "--config",
                config,
                "approve",
                path,
                "--by",
                "cuc-truong-thads",
                "--at",
                "2026-06-15T11:00",
            ]
        )
        == 0
    )
    assert cli.main(["--config", config, "check"]) == 0

    build = run_build(root, FIXED_NOW)
    assert build.returncode == 0, build.output
    page = build.text("tin-tuc/2026/thong-cao-ket-qua-thi-hanh-an-9-thang/index.html")
    assert "MARKER-E2E-3c9d" in page

    assert (
        cli.main(
            [
                "--config",
                config,
                "withdraw",
                path,
                "--reason",
                "Số liệu được đính chính",
                "--at",
                "2026-06-15T11:30",
            ]
        )
        == 0
    )
    build = run_build(root, FIXED_NOW, site=tmp_path / "site2")
    assert build.returncode == 0, build.output
    page = build.text("tin-tuc/2026/thong-cao-ket-qua-thi-hanh-an-9-thang/index.html")
    assert "Số liệu được đính chính" in page
