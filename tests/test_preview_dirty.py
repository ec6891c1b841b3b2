"""`make serve` renders again only what a save changed (``mkdocs serve --dirty``), yet the
edited article, the listings and the home page show the change, drafts keep their banner,
and an error in the saved article is printed while the preview keeps serving."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from conftest import FIXED_NOW, make_project
from newsroom.site import watching
from test_preview import fetch as fetch_page
from test_preview import free_port

ARTICLE = "tin-tuc/2026/cong-bo.md"  # published and featured: on the home page


def fetch(url: str) -> tuple[int, str]:
    """(status, body); (0, "") while the server is not listening yet."""
    try:
        return fetch_page(url)
    except OSError:
        return 0, ""


def wait_for(url: str, text: str, log: Path, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if status == 200 and text in body:
            return
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}:\n{log.read_text(encoding='utf-8')}")


def _serve(
    root: Path, port: int, env: dict[str, str], log: IO[str], config: str = ""
) -> subprocess.Popen:
    """``make serve``'s command on the project, on ``port``, logging to ``log``; ``config``:
    the ``-f`` argument as an editor types it (default: the file's absolute path)."""
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    config = config or str(root / "mkdocs.yml")
    return subprocess.Popen(
        [mkdocs, "serve", "--dirty", "--no-strict", "-f", config, "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    """Ctrl-C stops the server as in an editor's terminal, also when the tests run in the
    background, whose commands inherit an ignored SIGINT (then Python never turns it into
    ``KeyboardInterrupt`` and the server would not stop)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_dirty_preview_shows_a_saved_edit_everywhere_it_is_listed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    assert "mkdocs serve --dirty --no-strict" in (
        Path(__file__).resolve().parents[1] / "Makefile"
    ).read_text(encoding="utf-8")
    port = free_port()
    env = {
        **os.environ,
        "NEWSROOM_NOW": FIXED_NOW,
        "NO_MKDOCS_2_WARNING": "1",
    }
    log_path = tmp_path / "serve.log"
    log_file = log_path.open("w", encoding="utf-8")
    server = _serve(root, port, env, log_file)
    base = f"http://127.0.0.1:{port}/"
    page = base + "tin-tuc/2026/cong-bo/"
    try:
        wait_for(page, "MARKER-PUBLISHED-a1b2", log_path)
        wait_for(base + "tin-tuc/2026/ban-nhap/", "MARKER-DRAFT-7f3a", log_path)
        time.sleep(1.5)  # the watcher starts after the first build
        source = root / "docs" / ARTICLE
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", 'title: "Tiêu đề sửa khi xem trước"', text, flags=re.M)
        text = text.replace("MARKER-PUBLISHED-a1b2", "MARKER-EDITED-77aa")
        source.write_text(text + "\nXem [phản hồi](../2025/phan-hoi.md).\n", "utf-8")
        english = root / "docs" / ARTICLE.replace(".md", ".en.md")
        english.write_text(
            english.read_text(encoding="utf-8") + "\nSee [the answer](../2025/phan-hoi.md).\n",
            "utf-8",
        )

        wait_for(page, "MARKER-EDITED-77aa", log_path)
        wait_for(base + "en/tin-tuc/2026/cong-bo/", "See <a", log_path)
        # only the saved articles (both languages) and what they link to went through MkDocs
        rebuilt = re.findall(r"preview: (\d+) of (\d+) articles", log_path.read_text("utf-8"))
        assert rebuilt and int(rebuilt[-1][0]) <= 6 < int(rebuilt[-1][1]), rebuilt
        # ... and their links to articles not saved resolve as in a full build
        assert 'href="../../2025/phan-hoi/"' in fetch(page)[1]
        english_page = fetch(base + "en/tin-tuc/2026/cong-bo/")[1]
        assert 'href="../../../../tin-tuc/2025/phan-hoi/" hreflang="vi"' in english_page
        assert 'href="../../2025/thong-cao/"' in english_page  # the translated one
        assert "phan-hoi.md" not in log_path.read_text(encoding="utf-8")  # no link warning
        assert "Tiêu đề sửa khi xem trước" in fetch(page)[1]
        assert "Tiêu đề sửa khi xem trước" in fetch(base)[1]  # the home page lists it
        assert "Tiêu đề sửa khi xem trước" in fetch(base + "tin-tuc/")[1]  # all news, page 1
        # listing pages that show it are made again; the others keep the last build's page
        for listing in ("chuyen-muc/thi-hanh-an-dan-su/", "don-vi/thads-ha-noi/", "tin-tuc/2026/"):
            assert "Tiêu đề sửa khi xem trước" in fetch(base + listing)[1], listing
        _status, draft = fetch(base + "tin-tuc/2026/ban-nhap/")  # not rendered again
        assert "MARKER-DRAFT-7f3a" in draft
        assert "BẢN NHÁP — chưa được duyệt, không được đăng" in draft

        before = len(log_path.read_text(encoding="utf-8"))
        source.write_text("---\nid: fx-2026-cong-bo\ntitle: [hỏng\n---\n", encoding="utf-8")
        deadline = time.monotonic() + 180
        while "docs/tin-tuc/2026/cong-bo.md:4: E001" not in log_path.read_text("utf-8")[before:]:
            assert time.monotonic() < deadline, log_path.read_text(encoding="utf-8")
            time.sleep(0.3)
        wait_for(base, "</html>", log_path)  # the preview keeps serving (after the rebuild)
        source.write_text(text.replace("EDITED-77aa", "REPAIRED-5b5b"), encoding="utf-8")
        wait_for(page, "MARKER-REPAIRED-5b5b", log_path)
        # every save above was reported by the kernel, not found by polling (on a filesystem
        # whose writes all go through it: newsroom.site.watching)
        local = watching.why_polling(root / "docs") is None
        watched = "watching docs/ with inotify" if local else "polling docs/"
        assert watched in log_path.read_text(encoding="utf-8")
        server.send_signal(signal.SIGINT)  # Ctrl-C: the rebuilds' content cache is written
        server.wait(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log_file.close()
    # between two sessions, a pull changes an article: the next session starts from the
    # pages the last one left, renders that article and what lists it, and nothing else
    pulled = root / "docs" / "tin-tuc" / "2025" / "thong-cao.md"
    pulled.write_text(
        re.sub(r"^title: .*$", 'title: "Tiêu đề kéo về"', pulled.read_text("utf-8"), flags=re.M),
        encoding="utf-8",
    )
    log_path = tmp_path / "serve-again.log"
    with log_path.open("w", encoding="utf-8") as log_file:
        server = _serve(root, port, env, log_file)
        try:
            wait_for(base + "tin-tuc/2025/thong-cao/", "Tiêu đề kéo về", log_path)
            assert "Tiêu đề kéo về" in fetch(base + "tin-tuc/2025/")[1]  # its year's listing
            assert "MARKER-REPAIRED-5b5b" in fetch(page)[1]  # the last session's page
            assert "MARKER-DRAFT-7f3a" in fetch(base + "tin-tuc/2026/ban-nhap/")[1]
        finally:
            server.terminate()
            server.wait(timeout=60)
    log = log_path.read_text(encoding="utf-8")
    # the editor's next preview finds every article of the last rebuild in the content cache
    reused = re.search(r"content cache: (\d+)/(\d+)", log)
    # ... but the pulled one and its translation (checked against it)
    assert reused and int(reused.group(1)) == int(reused.group(2)) - 2, log
    rebuilt = re.findall(r"preview: (\d+) of (\d+) articles", log)
    assert rebuilt and int(rebuilt[0][0]) <= 3 < int(rebuilt[0][1]), log  # its first build


def test_the_first_save_renders_only_what_it_changed_when_the_config_is_named_as_typed(
    tmp_path: Path,
) -> None:
    """``mkdocs serve -f mkdocs.yml``: MkDocs names the file as typed for the first build and
    by its absolute path for the rebuilds; the first save still hands MkDocs only the saved
    article and what it links to, not every article (a minute at 10,000 articles)."""
    root = make_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "NEWSROOM_NOW": FIXED_NOW, "NO_MKDOCS_2_WARNING": "1"}
    log_path = tmp_path / "serve.log"
    page = f"http://127.0.0.1:{port}/tin-tuc/2026/cong-bo/"
    with log_path.open("w", encoding="utf-8") as log_file:
        server = _serve(root, port, env, log_file, config="mkdocs.yml")
        try:
            wait_for(page, "MARKER-PUBLISHED-a1b2", log_path)
            time.sleep(1.5)  # the watcher starts after the first build
            source = root / "docs" / ARTICLE
            source.write_text(
                source.read_text("utf-8").replace("MARKER-PUBLISHED-a1b2", "MARKER-FIRST-SAVE"),
                encoding="utf-8",
            )
            wait_for(page, "MARKER-FIRST-SAVE", log_path)
        finally:
            server.terminate()
            server.wait(timeout=60)
    log = log_path.read_text(encoding="utf-8")
    rebuilt = re.findall(r"preview: (\d+) of (\d+) articles", log)
    assert rebuilt and int(rebuilt[0][0]) <= 6 < int(rebuilt[0][1]), log


def test_a_preview_told_to_poll_still_notices_a_save(tmp_path: Path) -> None:
    """``NEWSROOM_WATCH=poll`` (a shared folder whose filesystem claims to be local) keeps
    MkDocs' own polling of ``docs/``, and a save is still shown."""
    root = make_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "NEWSROOM_NOW": FIXED_NOW, "NO_MKDOCS_2_WARNING": "1"}
    env["NEWSROOM_WATCH"] = "poll"
    log_path = tmp_path / "serve.log"
    page = f"http://127.0.0.1:{port}/tin-tuc/2026/cong-bo/"
    with log_path.open("w", encoding="utf-8") as log_file:
        server = _serve(root, port, env, log_file)
        try:
            wait_for(page, "MARKER-PUBLISHED-a1b2", log_path)
            time.sleep(1.5)  # the watcher starts after the first build
            source = root / "docs" / ARTICLE
            text = source.read_text(encoding="utf-8")
            source.write_text(text.replace("MARKER-PUBLISHED-a1b2", "MARKER-POLLED-3c3c"), "utf-8")
            wait_for(page, "MARKER-POLLED-3c3c", log_path)
        finally:
            server.terminate()
            server.wait(timeout=60)
    log = log_path.read_text(encoding="utf-8")
    assert "polling docs/ (NEWSROOM_WATCH=poll)" in log and "inotify" not in log
