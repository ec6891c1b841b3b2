"""The portal in a real browser: axe-core (WCAG 2.1 A/AA and 2.2 target sizes) on every kind of
page in both languages at desktop and phone widths, the skip link, keyboard use, one-row
pagination, the 404 page's search, and no request for a file that does not exist."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from conftest import Build, build_site
from portal_support import AXE_JS, PAGED_CATEGORY, paged_articles, serve
from site_project import CHROMIUM

pytestmark = pytest.mark.browser

for _missing, _how in ((CHROMIUM, "make browser"), (AXE_JS, "make tools")):
    if not _missing.exists():
        _reason = f"{_missing} is missing: run `{_how}`"
        if os.environ.get("CI") == "true":
            pytest.fail(_reason, pytrace=False)
        pytest.skip(_reason, allow_module_level=True)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"desktop": 1280, "phone": 360}

#: One page of every kind, in Vietnamese; the English twin is under /en/.
PAGES = {
    "home": "/",
    "article": "/tin-tuc/2026/cong-bo/",
    "listing": f"/chuyen-muc/{PAGED_CATEGORY}/trang/2/",
    "tag": "/the/dat-dai/",
    "press room": "/bao-chi/",
    "feed directory": "/bao-chi/nguon-tin/",
    "search": "/tim-kiem/?q=thi+hanh+an",
    "withdrawn": "/tin-tuc/2026/go-bo/",
    "404": "/khong-co-trang-nay/",
}
EN_PAGES = {
    "home": "/en/",
    "article": "/en/tin-tuc/2026/cong-bo/",
    "listing": "/en/chuyen-muc/thi-hanh-an-dan-su/",
    "tag": None,
    "press room": "/en/bao-chi/",
    "feed directory": "/en/bao-chi/nguon-tin/",
    "search": "/en/tim-kiem/?q=enforcement",
    "withdrawn": None,
    "404": "/en/khong-co-trang-nay/",
}
CASES = [
    (kind, lang, path)
    for kind in PAGES
    for lang, path in (("vi", PAGES[kind]), ("en", EN_PAGES[kind]))
    if path is not None
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(tmp_path_factory.mktemp("portal-browser"), extra_files=paged_articles())


@pytest.fixture(scope="module")
def server(site: Build) -> Iterator[str]:
    with serve(site.site) as base:
        yield base


class Visit:
    """A page opened at one width, with every failed request and script error recorded."""

    def __init__(self, browser, server: str, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        self.server = server
        self.failed: list[str] = []
        self.requested: list[str] = []
        self.errors: list[str] = []

        def guard(route) -> None:
            if route.request.url.startswith(server):
                route.continue_()
            else:
                self.failed.append("outside: " + route.request.url)
                route.abort()

        self.context.route("**/*", guard)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.on(
            "response",
            lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"),
        )

    def open(self, path: str) -> None:
        self.page.goto(self.server + path)
        self.page.wait_for_load_state("networkidle")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server) -> Iterator[Visit]:
    v = Visit(browser, server, WIDTHS["desktop"])
    yield v
    v.close()


def axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result["violations"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("kind", "lang", "path"), CASES)
def test_no_serious_accessibility_violation(browser, server, kind, lang, path, width):
    v = Visit(browser, server, WIDTHS[width])
    try:
        v.open(path)
        if kind == "search":
            v.page.wait_for_selector(
                "#nr-search-page-results .nr-search__result, .nr-search__result"
            )
        assert v.page.evaluate("document.documentElement.lang") == lang
        bad = [
            f"{x['impact']} {x['id']}: {x['nodes'][0]['target']} {x['nodes'][0]['failureSummary']}"
            for x in axe(v.page)
            if x["impact"] in ("critical", "serious")
        ]
        assert bad == []
        # nothing missing is ever asked for (Material's sitemap.xml look-ups were)
        expected = [f"404 {server}{path}"] if kind == "404" else []
        assert v.failed == expected
        assert not [u for u in v.requested if u.endswith("sitemap.xml")]
        assert v.errors == []
    finally:
        v.close()


@pytest.mark.parametrize("path", ["/", "/tin-tuc/2026/cong-bo/", "/en/bao-chi/", "/khong-co/"])
def test_skip_link_is_first_and_lands_on_the_main_content(visit, path):
    visit.open(path)
    visit.page.keyboard.press("Tab")
    focused = visit.page.evaluate(
        "[document.activeElement.classList.contains('nr-skip'),"
        " document.activeElement.getAttribute('href')]"
    )
    assert focused == [True, "#nr-main"]
    box = visit.page.locator(".nr-skip").bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24  # visible when focused
    visit.page.keyboard.press("Enter")
    assert visit.page.evaluate("document.activeElement.id") == "nr-main"
    # the article's title, lead and metadata come after the landing point, not before it
    assert visit.page.evaluate(
        "document.getElementById('nr-main').contains(document.querySelector('h1'))"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_page_numbers_stay_on_one_row(browser, server, width):
    v = Visit(browser, server, WIDTHS[width])
    try:
        v.open(f"/chuyen-muc/{PAGED_CATEGORY}/trang/2/")
        boxes = v.page.eval_on_selector_all(
            ".nr-pagination__pages li",
            "items => items.map(li => li.getBoundingClientRect().toJSON())",
        )
        assert len(boxes) == 3
        assert len({round(b["top"]) for b in boxes}) == 1, boxes
        assert boxes[0]["left"] < boxes[1]["left"] < boxes[2]["left"]
        for link in v.page.locator(".nr-pagination a").all():
            size = link.bounding_box()
            assert size["width"] >= 24 and size["height"] >= 24
    finally:
        v.close()


def test_pagination_and_sections_work_from_the_keyboard(visit):
    visit.open(f"/chuyen-muc/{PAGED_CATEGORY}/")
    visit.page.focus(".nr-pagination__pages a")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(f"**/chuyen-muc/{PAGED_CATEGORY}/trang/2/")
    visit.page.focus(".nr-sections__list a")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url("**/tin-tuc/")
    heights = visit.page.eval_on_selector_all(
        ".nr-sections__list a", "links => links.map(a => a.getBoundingClientRect().height)"
    )
    assert min(heights) >= 24


@pytest.mark.parametrize(
    ("path", "box", "query", "lands"),
    [
        ("/khong-co/", "#nr-404-q-vi", "thi hanh an", "/tim-kiem/?q=thi+hanh+an"),
        ("/khong-co/", "#nr-404-q-en", "enforcement", "/en/tim-kiem/?q=enforcement"),
        ("/en/khong-co/", "#nr-404-q-en", "enforcement", "/en/tim-kiem/?q=enforcement"),
    ],
)
def test_404_search_box_finds_articles(visit, path, box, query, lands):
    visit.open(path)
    assert visit.errors == []
    visit.page.fill(box, query)
    visit.page.press(box, "Enter")
    visit.page.wait_for_url("**" + lands)
    visit.page.wait_for_selector(".nr-search__result")
    assert visit.page.locator(".nr-search__result").count() >= 1
    assert visit.errors == []


def test_404_header_search_works(visit):
    visit.open("/khong-co/sau/hon/")
    visit.page.fill("#nr-search-input", "thi hanh an")
    visit.page.wait_for_selector(".nr-search .nr-search__result")
    href = visit.page.get_attribute(".nr-search .nr-search__result a", "href")
    assert href.startswith("/tin-tuc/")
    assert visit.errors == []


def test_site_name_is_readable_on_a_phone(browser, server):
    v = Visit(browser, server, WIDTHS["phone"])
    try:
        v.open("/tin-tuc/2026/cong-bo/")
        name = v.page.locator(".md-header__topic:first-child .md-ellipsis")
        assert name.is_visible()
        whole = name.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        assert whole, "the site name is cut"
        assert name.inner_text().strip() == "Tin tức Bộ Tư pháp"
        box = name.bounding_box()
        header = v.page.locator(".md-header").bounding_box()
        assert (
            box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
        )
    finally:
        v.close()


def test_copy_link_copies_the_canonical_address(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(server + "/tin-tuc/2026/cong-bo/")
        page.click(".nr-share__copy")
        page.wait_for_function("document.querySelector('.nr-share__status').textContent")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == "https://example.gov.vn/tin-tuc/2026/cong-bo/"
    finally:
        context.close()
