"""``newsroom desk`` end to end: record an incoming press report, see it come due, answer it
with an article that links it, close another one with a reason; ``check --format github``
annotates overdue items without failing."""

from __future__ import annotations

from pathlib import Path

from newsroom_cli import main as cli
from tree_factory import article, make_tree

RECEIVED = "2026-11-27T16:00:00+07:00"  # a Friday


def run(config: Path, *args: str) -> int:
    return cli.main(["--config", str(config), *args])


def _add(config: Path, monkeypatch, capsys) -> Path:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code = run(
        config, "desk", "add", "--kind", "report", "--outlet", "Báo Tin Nhanh",
        "--title", "Người dân phản ánh việc kê biên nhà ở", "--unit", "thads-ha-noi",
        "--received", RECEIVED, "--priority", "high", "--url", "https://tinnhanh.example/bai",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    path = (
        config.parent
        / "docs/.bao-chi/2026/2026-bao-tin-nhanh-nguoi-dan-phan-anh-viec-ke-bien-nha-o.yml"
    )
    assert path.is_file() and "đã tạo" in out
    assert "hạn trả lời 14/12/2026 24:00" in out  # 15 days → Sat 12/12 → Monday 14/12
    return path


def test_record_see_due_answer_and_review(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSROOM_NOW", "2026-11-27T18:00:00+07:00")
    config = make_tree(tmp_path)
    path = _add(config, monkeypatch, capsys)
    item_id = path.stem

    # the next day: first information is overdue; the desk puts the item first, flagged
    monkeypatch.setenv("NEWSROOM_NOW", "2026-11-28T18:00:00+07:00")
    assert run(config, "desk") == 0
    out = capsys.readouterr().out
    assert out.startswith("Sổ theo dõi thông tin báo chí: 1 mục đang mở, 1 mục quá hạn")
    assert "Thi hành án dân sự thành phố Hà Nội\n  ⚠ QUÁ HẠN [" in out
    assert "hạn 28/11/2026 16:00 — QUÁ HẠN" in out
    assert run(config, "check", "--format", "github") == 0  # warnings only
    assert capsys.readouterr().out == (
        f"::warning file=docs/.bao-chi/2026/{path.name},line=7,title=W110::W110 first_info: "
        "quá hạn cung cấp thông tin ban đầu (hạn 28/11/2026 16:00)\n"
    )

    assert run(config, "desk", "info", item_id, "--at", "2026-11-28T19:00") == 0
    capsys.readouterr()
    assert "first_info: 2026-11-28T19:00:00+07:00" in path.read_text(encoding="utf-8")

    # past the answer deadline: W111 in check, still exit 0
    monkeypatch.setenv("NEWSROOM_NOW", "2026-12-15T09:00:00+07:00")
    assert run(config, "check", "--format", "github") == 0
    assert "title=W111::W111 status: quá hạn trả lời (hạn 14/12/2026 24:00)" in (
        capsys.readouterr().out
    )
    # closing without an answer needs a reason
    assert run(config, "desk", "close", item_id) == 1
    assert "cần --reason" in capsys.readouterr().err

    # the answer links the item; then the item is closed as answered
    answer = article(
        id="2026-phan-hoi-ke-bien",
        date="2026-12-15T08:00:00+07:00",
        type="phan-hoi-bao-chi",
        unit="thads-ha-noi",
        spokesperson="chanh-van-phong-bo",
        responds_to=(
            "\n  outlet: Báo Tin Nhanh\n  title: Người dân phản ánh việc kê biên nhà ở\n"
            f"  published: {RECEIVED}\n  item: {item_id}"
        ),
        approval="\n  by: chanh-van-phong-bo\n  at: 2026-12-15T07:00:00+07:00",
    )
    answer_path = config.parent / "docs/tin-tuc/2026/phan-hoi-ke-bien.md"
    answer_path.parent.mkdir(parents=True, exist_ok=True)
    answer_path.write_text(answer, encoding="utf-8")
    assert run(config, "check") == 0
    assert "W114 status: mục còn mở nhưng đã có bài phản hồi" in capsys.readouterr().out
    assert run(config, "desk", "close", item_id) == 0
    capsys.readouterr()
    text = path.read_text(encoding="utf-8")
    assert "status: answered" in text and "status: open" not in text
    assert run(config, "check") == 0
    assert capsys.readouterr().out.endswith(
        "0 lỗi, 0 cảnh báo / 1 articles, 0 errors, 0 warnings\n"
    )
    assert run(config, "desk") == 0
    assert "0 mục đang mở, 0 mục quá hạn" in capsys.readouterr().out

    # the review shows it answered late, honestly
    assert run(config, "report", "--plan", "2026") == 0
    out = capsys.readouterr().out
    assert "- Trả lời quá hạn: **1**" in out
    assert "Chưa có kế hoạch năm 2026: chỉ có số liệu thực hiện." in out


def test_close_with_reason_and_refusals(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSROOM_NOW", "2026-11-27T18:00:00+07:00")
    config = make_tree(tmp_path)
    path = _add(config, monkeypatch, capsys)
    before = path.read_text(encoding="utf-8")

    # a closing time before receipt would make the item invalid: nothing is written
    code = run(config, "desk", "close", path.stem, "--reason", "Trả lời qua điện thoại",
               "--at", "2026-11-01T09:00")  # fmt: skip
    assert code == 1
    assert "E067 closed.at" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before

    assert run(config, "desk", "close", path.stem, "--reason", "Trả lời qua điện thoại") == 0
    capsys.readouterr()
    assert run(config, "desk", "close", path.stem, "--reason", "lần nữa") == 1
    assert "không còn mở (closed)" in capsys.readouterr().err
    assert run(config, "desk", "close", "2026-khong-co") == 1
    assert run(config, "desk", "--all") == 0
    assert "đóng: Trả lời qua điện thoại" in capsys.readouterr().out

    # missing required options without a terminal: exit 2, nothing written
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(config, "desk", "add", "--kind", "inquiry", "--outlet", "Báo X") == 2
    assert "--title" in capsys.readouterr().err


def test_add_asks_in_a_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSROOM_NOW", RECEIVED)
    config = make_tree(tmp_path)
    answers = iter(
        ["inquiry", "Tạp chí Dân chủ và Pháp luật", "Đề nghị cung cấp số liệu", "van-phong-bo"]
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert run(config, "desk", "add") == 0
    created = list((config.parent / "docs/.bao-chi/2026").glob("*.yml"))
    assert [p.name for p in created] == [
        "2026-tap-chi-dan-chu-va-phap-luat-de-nghi-cung-cap-so-lieu.yml"
    ]
    text = created[0].read_text(encoding="utf-8")
    assert 'outlet: "Tạp chí Dân chủ và Pháp luật"' in text
    assert f"received: {RECEIVED}" in text
