"""Chromium through nginx with the generated Content-Security-Policy enforced.

The pages must work with no CSP violation: Material's inline scripts pass by their hashes,
Pagefind's WebAssembly by 'wasm-unsafe-eval', and nothing else is needed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import make_project
from nginx_support import Nginx, newsroom, require_nginx, serve
from site_project import CHROMIUM

pytestmark = pytest.mark.browser
require_nginx()
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: run `make browser`", allow_module_level=True)

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    base = tmp_path_factory.mktemp("deploy-browser")
    project = make_project(base / "project")
    done = newsroom(project, "deploy", "release", "--releases", str(base / "releases"))
    assert done.returncode == 0, done.stdout + done.stderr
    nginx = serve(base / "releases", project, base)
    yield nginx
    nginx.stop()


@pytest.fixture
def page(browser, server: Nginx):
    context = browser.new_context()
    context.add_init_script(WATCH)
    tab = context.new_page()
    console: list[str] = []
    errors: list[str] = []
    tab.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.console_messages = console  # a test expecting a violation clears it
    yield tab
    violations = tab.evaluate("window.__violations")
    context.close()
    assert violations == [], violations
    assert [c for c in console if "Content Security Policy" in c or "Refused" in c] == []
    assert errors == []


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("/", ".md-header"),
        ("/en/", ".md-header"),
        ("/tin-tuc/2026/cong-bo/", "h1"),
        ("/bao-chi/", "h1"),
        ("/bao-chi/nguon-tin/", "h1"),
    ],
)
def test_pages_show_without_csp_violations(page, server, path, selector):
    response = page.goto(server.url + path)
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_selector(selector)
    page.wait_for_load_state("networkidle")
    # Material's inline set-up script ran (blocked, __md_scope would be undefined)
    assert page.evaluate("typeof __md_scope") == "object"


def test_search_finds_results_under_the_policy(page, server):
    page.goto(server.url + "/")
    page.fill("#nr-search-input", "thi hanh an")
    status = page.locator(".nr-search .nr-search__status")
    page.wait_for_function(
        "el => el.textContent && !el.textContent.endsWith('…')", arg=status.element_handle()
    )
    hrefs = page.eval_on_selector_all(
        ".nr-search .nr-search__result a", "links => links.map(a => new URL(a.href).pathname)"
    )
    assert "/tin-tuc/2026/cong-bo/" in hrefs


def test_a_foreign_inline_script_is_refused(page, server):
    """The policy is enforced: a script not hashed at build time does not run."""
    page.goto(server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__ran = true'; document.body.append(s); }"""
    )
    assert page.evaluate("window.__ran") is None
    violations = page.evaluate("window.__violations.splice(0)")  # expected here; cleared
    assert violations and violations[0].startswith("script-src")
    assert any("Content Security Policy" in c for c in page.console_messages)
    page.console_messages.clear()


def test_print_button_handler_is_allowed(page, server):
    page.goto(server.url + "/tin-tuc/2026/cong-bo/")
    page.evaluate("window.print = () => { window.__printed = true }")
    page.click(".nr-print")
    assert page.evaluate("window.__printed") is True
