"""Search in a real browser: Debian's Chromium, driven by Playwright, on the built fixture site."""

from __future__ import annotations

import functools
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from conftest import (
    PUBLISHED_MARKER,
    UNPUBLISHED_MARKERS,
    WITHDRAWN_MARKER,
    Build,
    build_site,
)
from feeds_support import article
from newsroom.common import wording
from newsroom.outputs import pagefind_chunks, search_shards
from site_project import CHROMIUM

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    reason = f"{CHROMIUM} is missing: run `make browser` or set NEWSROOM_CHROMIUM"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

#: Fixture articles that are withdrawn, draft, in review or scheduled at FIXED_NOW.
HIDDEN_PAGES = {
    f"/{prefix}tin-tuc/2026/{slug}/"
    for slug in ("go-bo", "ban-nhap", "cho-duyet", "hen-gio")
    for prefix in ("", "en/")
}

#: An article whose body spells the words without marks, to check that exact marks rank first.
ASCII_ARTICLE = """---
id: fx-2026-khong-dau
title: Ghi chép tra cứu
summary: Bài ghi chép về cách tra cứu văn bản.
date: 2026-05-01T09:00:00+07:00
type: tin-hoat-dong
category: hoat-dong-cua-bo
unit: van-phong-bo
status: approved
approval:
  by: chanh-van-phong-bo
  at: 2026-05-01T08:00:00+07:00
---

Nhiều người tra cứu bằng từ khóa không dấu như dat dai khi gõ vội.
"""


#: An article of an earlier year, so that the fixture's index has three years (two lanes of
#: older years on a machine with two cores or more).
OLDER_ARTICLE = article(
    "fx-2024-luu-tru",
    "Tổng kết công tác thi hành án dân sự năm 2024",
    "2024-12-20T09:00:00+07:00",
    body="Năm 2024, các cơ quan thi hành án dân sự tổng kết công tác và rút kinh nghiệm.",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("search"),
        extra_files={
            "tin-tuc/2026/khong-dau.md": ASCII_ARTICLE,
            "tin-tuc/2024/luu-tru.md": OLDER_ARTICLE,
        },
    )
    # The fixture's indexes fit in one chunk per language; cut them into chunks of a few words,
    # so that every query here also crosses chunk boundaries as queries on a large site do.
    chunks = [
        pagefind_chunks.rechunk(folder.parent, target=150)
        for folder in (build.site / "pagefind").glob("**/pagefind-entry.json")
    ]
    assert len(chunks) >= 3 and sum(c.get("vi", 0) for c in chunks) > 20, chunks
    return build


@pytest.fixture(scope="module")
def server(site: Build) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def page(browser, server: str):
    """A fresh page; every request that would leave the site fails the test."""
    context = browser.new_context()
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert errors == [], f"JavaScript errors: {errors}"


def header_search(page, server: str, query: str, path: str = "/") -> list[dict[str, str]]:
    """Type ``query`` into the header box of ``path``; return the results shown."""
    page.goto(server + path)
    page.fill("#nr-search-input", query)
    return _results(page, ".nr-search")


def _results(page, scope: str) -> list[dict[str, str]]:
    status = page.locator(f"{scope} .nr-search__status")
    page.wait_for_function(
        "el => el.textContent && !el.textContent.endsWith('…')"
        " && !el.parentElement.querySelector('.nr-search__results[aria-busy]')",
        arg=status.element_handle(),
    )
    return page.eval_on_selector_all(
        f"{scope} .nr-search__result",
        """items => items.map(li => ({
            href: new URL(li.querySelector('a').href).pathname,
            title: li.querySelector('.nr-search__title').textContent,
            facts: (li.querySelector('.nr-search__facts') || {}).textContent || '',
            html: li.innerHTML,
            marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        }))""",
    )


def _hrefs(results: list[dict[str, str]]) -> list[str]:
    return [r["href"] for r in results]


def test_unaccented_query_finds_accented_text(page, server):
    results = header_search(page, server, "thi hanh an")
    assert "/tin-tuc/2026/cong-bo/" in _hrefs(results)
    shown = next(r for r in results if r["href"] == "/tin-tuc/2026/cong-bo/")
    assert "10/05/2026" in shown["facts"] and "Tin hoạt động" in shown["facts"]
    assert "hành" in shown["marks"]  # highlighted in the original spelling


@pytest.mark.parametrize("query", ["dat dai", "Dat Dai", "DAT DAI"])
def test_d_without_stroke_finds_d_with_stroke(page, server, query):
    results = header_search(page, server, query)
    assert "/tin-tuc/2026/cong-bo/" in _hrefs(results)
    shown = next(r for r in results if r["href"] == "/tin-tuc/2026/cong-bo/")
    assert "đất" in shown["marks"] and "dat" not in " ".join(shown["marks"])


def test_exact_diacritics_rank_first(page, server):
    results = _hrefs(header_search(page, server, "đất đai"))
    assert results.index("/tin-tuc/2026/cong-bo/") < results.index("/tin-tuc/2026/khong-dau/")
    results = _hrefs(header_search(page, server, "dat dai"))
    assert {"/tin-tuc/2026/cong-bo/", "/tin-tuc/2026/khong-dau/"} <= set(results)


def test_nfd_query_equals_nfc_query(page, server):
    nfc = _hrefs(header_search(page, server, "thi hành án"))
    nfd = _hrefs(header_search(page, server, unicodedata.normalize("NFD", "thi hành án")))
    assert nfd == nfc and "/tin-tuc/2026/cong-bo/" in nfd


def _marker_word(marker: str) -> str:
    """Pagefind indexes ``MARKER-X-a1b2`` as the word ``markerxa1b2`` (and its parts)."""
    return marker.replace("-", "").lower()


def test_one_query_searches_every_years_index_and_the_pages(page, server):
    """The index is split by year (search_shards); a query is answered from all of them,
    merged and ranked together, with the 2026 title match first."""
    hrefs = _hrefs(header_search(page, server, "thi hành án"))
    assert "/tin-tuc/2026/cong-bo/" in hrefs and "/tin-tuc/2025/thong-cao/" in hrefs
    assert hrefs.index("/tin-tuc/2026/cong-bo/") < 3
    page.goto(f"{server}/tim-kiem/?q=gi%E1%BB%9Bi+thi%E1%BB%87u")  # "giới thiệu": a static page
    assert "/gioi-thieu/" in _hrefs(_results(page, ".nr-search-page"))


def _pretend_cores(page, cores: int) -> None:
    page.add_init_script(
        f"Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', {{get: () => {cores}}})"
    )


OLDER = ("/tin-tuc/2025/thong-cao/", "/tin-tuc/2024/luu-tru/")


def test_the_older_years_are_searched_in_parallel_lanes_with_one_lanes_results(page, server, site):
    """search.js searches the newest year in a lane of its own and deals the older years to one
    Pagefind worker per core (at most 4), then ranks every lane's results together: the reader
    sees what one worker would have found."""
    listed = json.loads((site.site / "pagefind" / search_shards.MANIFEST).read_text("utf-8"))
    assert len(listed["vi"]) - 1 == 3  # the root and three years
    found = {}
    for cores in (1, 4):
        tab = page.context.new_page()
        _pretend_cores(tab, cores)
        tab.goto(f"{server}/tim-kiem/?q=thi+h%C3%A0nh+%C3%A1n")
        results = _hrefs(_results(tab, ".nr-search-page"))
        found[cores] = (results, _status(tab, ".nr-search-page"), len(tab.workers))
        tab.close()
    (one, one_status, one_workers), (four, four_status, four_workers) = found[1], found[4]
    assert (one_workers, four_workers) == (2, 3)  # the newest year, then 1 or 2 older lanes
    assert one_status == four_status and sorted(one) == sorted(four)
    assert {"/tin-tuc/2026/cong-bo/", *OLDER} <= set(four)
    assert one[0] == four[0] == "/tin-tuc/2026/cong-bo/"
    assert len(set(four)) == len(four)  # the root's pages, searched by every lane, once


OLDER_WORD_LISTS = re.compile(r"/pagefind/202[45]/index/")


class _Held:
    """The requests for the older years' word lists (fetched when those years are searched),
    held until released: the box then shows the newest year's results."""

    def __init__(self, page) -> None:
        self.page = page
        self.routes: list = []
        self.released = False
        page.route(OLDER_WORD_LISTS, self._hold)

    def _hold(self, route) -> None:
        if self.released:
            route.fallback()
        else:
            self.routes.append(route)

    def wait(self) -> None:
        """Until a request is held (Playwright hands it over while the page is waited on)."""
        for _ in range(200):
            if self.routes:
                return
            self.page.wait_for_timeout(50)
        pytest.fail("no request for an older year's word list")

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.fallback()


def _shown(page, scope: str) -> list[str]:
    return page.eval_on_selector_all(
        f"{scope} .nr-search__result a", "links => links.map(a => new URL(a.href).pathname)"
    )


def _wait_for_status(page, scope: str, text: str) -> None:
    page.wait_for_function(
        "([scope, text]) => document.querySelector(scope + ' .nr-search__status').textContent"
        " === text",
        arg=[scope, text],
    )


def test_the_newest_years_results_come_first_then_all_ranked(page, server):
    """While the older years are searched, the box shows the newest year's results (and the
    static pages', in the root index), says so and marks the list busy; then it shows all
    results ranked together."""
    held = _Held(page)
    page.goto(server + "/")
    page.fill("#nr-search-input", "thi hành án")
    _wait_for_status(page, ".nr-search", wording.text("vi", "search_script.newest"))
    first = _shown(page, ".nr-search")
    assert "/tin-tuc/2026/cong-bo/" in first and not set(OLDER) & set(first)
    assert page.get_attribute(".nr-search__results", "aria-busy") == "true"
    assert page.locator(".nr-search__all").is_hidden()
    held.wait()  # the older years' searches are waiting on their word lists
    held.release()
    every = _hrefs(_results(page, ".nr-search"))
    assert page.get_attribute(".nr-search__results", "aria-busy") is None
    assert re.fullmatch(r"\d+ kết quả", _status(page))
    assert every[0] == "/tin-tuc/2026/cong-bo/" and set(OLDER) & set(every)


def test_all_results_arriving_do_not_move_the_reader(page, server):
    """A reader who has moved to one of the newest results stays on it: the results shown
    stay in place, the others follow them, and the focus does not move."""
    held = _Held(page)
    page.goto(server + "/")
    page.fill("#nr-search-input", "thi hành án")
    _wait_for_status(page, ".nr-search", wording.text("vi", "search_script.newest"))
    first = _shown(page, ".nr-search")
    held.wait()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("new URL(document.activeElement.href).pathname")
    assert focused == first[0]
    held.release()
    every = _hrefs(_results(page, ".nr-search"))
    assert every[: len(first)] == first and set(OLDER) & set(every)
    assert page.evaluate("new URL(document.activeElement.href).pathname") == focused


def test_a_search_given_up_leaves_the_list_not_busy(page, server):
    """Typing on while the older years are searched: the list is no longer marked busy."""
    held = _Held(page)
    page.goto(server + "/")
    page.fill("#nr-search-input", "thi hành án")
    _wait_for_status(page, ".nr-search", wording.text("vi", "search_script.newest"))
    held.wait()
    page.fill("#nr-search-input", "t")
    _wait_for_status(page, ".nr-search", wording.text("vi", "search_script.short"))
    assert page.get_attribute(".nr-search__results", "aria-busy") is None
    held.release()
    page.wait_for_timeout(300)  # the given-up search ends: it shows nothing
    assert _shown(page, ".nr-search") == []
    assert page.get_attribute(".nr-search__results", "aria-busy") is None


def test_the_search_page_shows_the_newest_first_and_keeps_the_reader(page, server):
    held = _Held(page)
    page.goto(f"{server}/tim-kiem/?q=thi+h%C3%A0nh+%C3%A1n")
    _wait_for_status(page, ".nr-search-page", wording.text("vi", "search_script.newest"))
    first = _shown(page, ".nr-search-page")
    assert "/tin-tuc/2026/cong-bo/" in first and not set(OLDER) & set(first)
    assert page.locator(".nr-search__more").is_hidden()
    held.wait()
    page.locator(".nr-search-page .nr-search__link").last.focus()
    held.release()
    every = _hrefs(_results(page, ".nr-search-page"))
    assert every[: len(first)] == first and set(OLDER) <= set(every)
    assert page.evaluate("new URL(document.activeElement.href).pathname") == first[-1]


def test_a_published_marker_is_found(page, server):
    results = header_search(page, server, _marker_word(PUBLISHED_MARKER))
    assert _hrefs(results) == ["/tin-tuc/2026/cong-bo/"]


@pytest.mark.parametrize("marker", [*UNPUBLISHED_MARKERS, WITHDRAWN_MARKER])
def test_unpublished_and_withdrawn_articles_are_not_found(page, server, marker):
    # Pagefind also returns near misses (a shared "marker" prefix, low score): what matters is
    # that no page holding the marker, and no unpublished or withdrawn page, is ever shown.
    for query in (_marker_word(marker), marker):
        results = header_search(page, server, query)
        assert all(marker not in r["html"] for r in results)
        assert not HIDDEN_PAGES & set(_hrefs(results))


def test_english_pages_search_english(page, server):
    results = header_search(page, server, "nationwide", path="/en/")
    assert _hrefs(results) == ["/en/tin-tuc/2026/cong-bo/"]
    assert "News" in results[0]["facts"] and "10 May 2026" in results[0]["facts"]
    assert header_search(page, server, "cưỡng chế", path="/en/") == []
    assert header_search(page, server, "nationwide", path="/") == []


def test_search_page_reads_the_url_and_filters(page, server):
    press_release = quote("Thông cáo báo chí")
    page.goto(f"{server}/tim-kiem/?q=thi+hanh+an&type={press_release}")
    results = _results(page, ".nr-search-page")
    assert _hrefs(results) == ["/tin-tuc/2025/thong-cao/"]
    assert page.input_value("#nr-search-page-q") == "thi hanh an"
    # the selects are filled after the first results (their data is not needed before)
    page.wait_for_function(
        "() => document.querySelector('#nr-search-page-type').value === 'Thông cáo báo chí'"
    )
    page.select_option("#nr-search-page-type", "")
    page.wait_for_function("() => !location.search.includes('type=')")
    assert "/tin-tuc/2026/cong-bo/" in _hrefs(_results(page, ".nr-search-page"))


def test_search_page_loads_filter_data_only_after_the_first_results(page, server, site):
    page.add_init_script(
        """new MutationObserver((_, seen) => {
            if (!document.querySelector('.nr-search__result')) return;
            window.firstResult = Date.now();
            seen.disconnect();
        }).observe(document, {subtree: true, childList: true});"""
    )
    filters: list = []
    page.on("requestfinished", lambda r: ".pf_filter" in r.url and filters.append(r))
    page.goto(f"{server}/tim-kiem/?q=thi+hanh+an")
    assert "/tin-tuc/2026/cong-bo/" in _hrefs(_results(page, ".nr-search-page"))
    page.wait_for_function(
        "() => document.querySelectorAll('#nr-search-page-type option').length > 1"
    )
    first = page.evaluate("window.firstResult")
    page.wait_for_timeout(100)  # let the last requestfinished event arrive
    # type and category, from each Vietnamese index that has articles (the years' indexes)
    expected = len(list((site.site / "pagefind").glob("*/filter/vi_*.pf_filter")))
    assert expected >= 4 and len(filters) == expected
    assert all(r.timing["startTime"] >= first for r in filters)


def test_search_page_drops_a_filter_value_that_does_not_exist(page, server):
    page.goto(f"{server}/tim-kiem/?q=thi+hanh+an&type=Kh%C3%B4ng+c%C3%B3")
    page.wait_for_function("() => !location.search.includes('type=')")
    assert "/tin-tuc/2026/cong-bo/" in _hrefs(_results(page, ".nr-search-page"))
    assert page.input_value("#nr-search-page-type") == ""


def test_english_search_page(page, server):
    page.goto(f"{server}/en/tim-kiem/?q=land")
    assert "/en/tin-tuc/2026/cong-bo/" in _hrefs(_results(page, ".nr-search-page"))
    page.wait_for_function(
        "() => document.querySelectorAll('#nr-search-page-type option').length > 1"
    )
    options = page.eval_on_selector_all("#nr-search-page-type option", "os => os.map(o => o.text)")
    assert options[0] == "All" and "News" in options


def test_keyboard_and_screen_reader_labels(page, server):
    page.goto(server + "/gioi-thieu/")
    form = page.locator(".nr-search form")
    assert form.get_attribute("role") == "search" and form.get_attribute("aria-label")
    assert page.locator(".nr-search [role=status][aria-live=polite]").count() == 1
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "nr-search-input"
    page.keyboard.type("thi hanh an")
    _results(page, ".nr-search")
    # A search box is not a combobox: the open panel is announced by its live status line,
    # and aria-expanded (not allowed on a search input, axe-core "aria-allowed-attr") is absent.
    assert page.locator("#nr-search-panel").is_visible()
    assert page.get_attribute("#nr-search-input", "aria-expanded") is None
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('nr-search__link')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "nr-search-input"
    page.keyboard.press("Escape")
    assert page.locator("#nr-search-panel").is_hidden()
    page.keyboard.press("Enter")  # the form falls back to the search page
    page.wait_for_url("**/tim-kiem/?q=thi+hanh+an")


def _status(page, scope: str = ".nr-search") -> str:
    return page.locator(f"{scope} .nr-search__status").text_content() or ""


def test_status_wording_comes_from_the_catalogue(page, server):
    """search.js holds no wording: it reads the catalogue's search_script section."""
    header_search(page, server, "nationwide", path="/en/")
    assert _status(page) == wording.text("en", "search_script.results_one").format(n=1)
    header_search(page, server, "cưỡng chế", path="/en/")
    assert _status(page) == wording.text("en", "search_script.none") == "No results found."
    header_search(page, server, "thi hanh an")
    assert re.fullmatch(r"\d+ kết quả", _status(page))
    short = wording.text("vi", "search_script.short")
    page.fill("#nr-search-input", "t")
    page.wait_for_function(
        "t => document.querySelector('.nr-search .nr-search__status').textContent === t",
        arg=short,
    )
    assert short == "Nhập ít nhất 2 ký tự."
