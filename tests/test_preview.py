"""`make serve` (mkdocs serve --no-strict): drafts and scheduled articles under a banner, no
feeds, and an invalid article reported without stopping the preview."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FIXED_NOW, make_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_preview_shows_unpublished_articles_under_a_banner(tmp_path: Path) -> None:
    broken = "---\nid: fx-hong\ntitle: [chưa đóng\n---\nNội dung.\n"
    root = make_project(tmp_path / "p", {"tin-tuc/2026/hong.md": broken})
    port = free_port()
    env = {**os.environ, "NEWSROOM_NOW": FIXED_NOW, "NO_MKDOCS_2_WARNING": "1"}
    log_path = tmp_path / "serve.log"
    log_file = log_path.open("w", encoding="utf-8")  # a pipe could fill up and block the server
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "serve",
            "--no-livereload",
            "--no-strict",  # as `make serve`
            "-f",
            str(root / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=root,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if fetch(base)[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        status, draft = fetch(base + "tin-tuc/2026/ban-nhap/")
        assert status == 200
        assert "BẢN NHÁP — chưa được duyệt, không được đăng" in draft
        assert "MARKER-DRAFT-7f3a" in draft
        status, scheduled = fetch(base + "tin-tuc/2026/hen-gio/")
        assert status == 200 and "HẸN GIỜ ĐĂNG" in scheduled and "01/07/2026 08:00" in scheduled
        published = fetch(base + "tin-tuc/2026/cong-bo/")[1]
        assert "nr-banner--preview" not in published
        # preview never writes feeds, and listings hold published articles only
        assert fetch(base + "feeds/rss.xml")[0] == 404
        assert "MARKER-DRAFT" not in fetch(base + "chuyen-muc/hoat-dong-cua-bo/")[1]
        assert "Bản nháp chưa duyệt" not in fetch(base)[1]
        # an invalid article does not stop the preview: it is left out and reported
        assert fetch(base + "tin-tuc/2026/hong/")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
        log_file.close()
    assert "docs/tin-tuc/2026/hong.md:4: E001" in log_path.read_text(encoding="utf-8")
