"""The installed console script answers ``--help`` in Vietnamese and English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from newsroom_cli import main as cli

NEWSROOM = Path(sys.executable).parent / "newsroom"


def test_installed_script_help():
    result = subprocess.run(
        [str(NEWSROOM), "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0
    for text in (
        "tạo bài viết mới",
        "scaffold a new draft",
        "duyệt bài",
        "approve",
        "gỡ bài",
        "withdraw",
        "báo cáo",
        "report",
        "Mã thoát / exit codes",
    ):
        assert text in result.stdout


@pytest.mark.parametrize(
    "command", ["new", "check", "approve", "withdraw", "report", "desk", "desk add", "desk close"]
)
def test_every_command_has_bilingual_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*command.split(), "--help"])
    assert exit_info.value.code == 0
    assert "tuỳ chọn / options" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["publish"])
    assert exit_info.value.code == 2
