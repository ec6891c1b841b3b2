"""Every page of the lenient build of the hostile repository, opened in Chromium.

Each script payload of tests/hostile.py calls ``nrPwned()``; the test defines it before any
page script runs and fails if it is ever called, if a dialog opens, or if a link or image of
the page carries a URL outside the URL policy. Search results for the article whose title and
summary carry markup are rendered too (Pagefind's data is shown by our own search.js).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import Build, make_project, run_build
from hostile import SCRIPT_CALL, lay_out
from site_project import CHROMIUM, CHROMIUM_ARGS
from test_hostile import TEXT_FIELDS

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    reason = f"{CHROMIUM} is missing: run `make browser` or set NEWSROOM_CHROMIUM"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

TRAP = f"window.{SCRIPT_CALL} = () => {{ window.__nrPwned = (window.__nrPwned || 0) + 1; }};"
BAD_URLS = """() => [...document.querySelectorAll('[href],[src],[action]')]
    .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
    .filter(u => /^\\s*(javascript|data|vbscript|file):/i.test(u))"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    root = tmp_path_factory.mktemp("hostile-browser")
    project = make_project(root / "p", {"tin-tuc/2026/van-ban.md": TEXT_FIELDS}, strict=False)
    lay_out(project / "docs", root / "outside")
    build = run_build(project)
    assert build.returncode == 0, build.output
    handler = functools.partial(_Quiet, directory=str(build.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield build, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_no_page_runs_content_script(hostile_site: tuple[Build, str]) -> None:
    from playwright.sync_api import sync_playwright

    build, server = hostile_site
    pages = sorted(p.relative_to(build.site).as_posix() for p in build.site.rglob("*.html"))
    assert len(pages) > 20
    dialogs: list[str] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        context = browser.new_context()
        context.add_init_script(TRAP)
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(server) else route.abort()
            ),
        )
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for rel in pages:
            tab.goto(f"{server}/{rel}", wait_until="load")
            if tab.evaluate("window.__nrPwned || 0"):
                problems.append(f"{rel}: script ran")
            problems += [f"{rel}: {url}" for url in tab.evaluate(BAD_URLS)]
        # search results render the title and summary that carry markup
        tab.goto(f"{server}/")
        tab.fill("#nr-search-input", "HOSTILE-TEXT-80")
        tab.wait_for_selector(".nr-search__result", timeout=15000)
        html = tab.inner_html(".nr-search")
        assert "&lt;b&gt;" in html  # the markup of the title is shown as text
        assert tab.evaluate("window.__nrPwned || 0") == 0
        assert tab.evaluate("document.querySelectorAll('.nr-search img[onerror]').length") == 0
        browser.close()
    assert dialogs == []
    assert problems == []
