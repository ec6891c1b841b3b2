"""``newsroom check --format github``: one workflow command per issue, exit code 1."""

from __future__ import annotations

from newsroom_cli import main as cli
from tree_factory import article, make_tree


def test_github_format_annotates_file_and_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSROOM_NOW", "2026-05-04T10:00:00+07:00")
    bad = article(unit="thads-ha-noi", approval="\n  by: tong-bien-tap-plvn\n  at: 2026-03-01")
    config = make_tree(
        tmp_path, {"tin-tuc/2026/bai-thu.md": bad, "tin-tuc/2026/tot.md": article(id="2026-tot")}
    )
    assert cli.main(["--config", str(config), "check", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::error file=docs/tin-tuc/2026/bai-thu.md,line=11,title=E012::E012 approval.by: "
        "'tong-bien-tap-plvn' không được duyệt bài cho đơn vị 'thads-ha-noi'"
    ]


def test_github_format_is_silent_when_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSROOM_NOW", "2026-05-04T10:00:00+07:00")
    config = make_tree(tmp_path, {"tin-tuc/2026/bai-thu.md": article()})
    assert cli.main(["--config", str(config), "check", "--format", "github"]) == 0
    assert capsys.readouterr().out == ""
