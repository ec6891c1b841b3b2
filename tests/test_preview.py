"""`make serve` (mkdocs serve): drafts and scheduled articles shown under a banner, no feeds."""

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
    root = make_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "NEWSROOM_NOW": FIXED_NOW, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "serve",
            "--no-livereload",
            "-f",
            str(root / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
    finally:
        server.terminate()
        server.wait(timeout=30)
