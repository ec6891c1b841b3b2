"""Shared by the portal tests: extra fixture articles, a served site and a browser."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tests" / "tools" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: Enough articles in one category for three listing pages of 20 (``page_size``).
PAGED_CATEGORY = "hanh-chinh-tu-phap"


def paged_articles(count: int = 45) -> dict[str, str]:
    """``count`` valid, approved articles in :data:`PAGED_CATEGORY`, one a day in March 2026."""
    files = {}
    for n in range(1, count + 1):
        day = 1 + (n - 1) % 28
        hour = 8 + (n - 1) // 28
        files[f"tin-tuc/2026/loat-bai-{n:02d}.md"] = f"""---
id: fx-2026-loat-bai-{n:02d}
title: "Hộ tịch và chứng thực: bài số {n}"
summary: Tóm tắt bài số {n} về đăng ký hộ tịch và chứng thực bản sao.
date: 2026-03-{day:02d}T{hour:02d}:00:00+07:00
type: tin-hoat-dong
category: {PAGED_CATEGORY}
unit: van-phong-bo
status: approved
approval:
  by: chanh-van-phong-bo
  at: 2026-03-01T07:00:00+07:00
---

Nội dung bài số {n}.
"""
    return files


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _SiteHandler(_QuietHandler):
    """Serves the site as its web server is configured to: a missing path answers the 404 page
    of its language (``/en/…`` → ``en/404.html``, else ``404.html``) with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        english = self.path.startswith("/en/")
        page = Path(self.directory) / ("en/404.html" if english else "404.html")
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1; yield the base URL (no trailing slash)."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
