"""The portal frame in the built fixture site: identity footer, breadcrumbs, sharing metadata,
JSON-LD, hreflang and sitemap alternates, robots.txt, the 404 page in each language."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from conftest import (
    SITE_URL,
    Build,
    build_site,
    make_project,
    run_build,
    run_build_after,
)

pytestmark = pytest.mark.build

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

CORRECTED = """---
id: fx-2026-dinh-chinh
title: Số liệu thi hành án tháng 4
summary: Số liệu thi hành án dân sự tháng 4 năm 2026.
date: 2026-05-02T09:00:00+07:00
type: tin-hoat-dong
category: thi-hanh-an-dan-su
unit: cuc-quan-ly-thads
status: approved
approval:
  by: cuc-truong-thads
  at: 2026-05-02T08:00:00+07:00
updates:
  - at: 2026-05-03T10:00:00+07:00
    kind: correction
    note: Sửa số việc đã thi hành xong từ 1.200 thành 1.020.
---

Số liệu tháng 4.
"""


PICTURED = CORRECTED.replace("fx-2026-dinh-chinh", "fx-2026-co-anh").replace(
    "updates:", "image:\n  src: https://anh.example.gov.vn/toa-an.jpg\n  alt: Trụ sở\nupdates:"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(
        tmp_path_factory.mktemp("portal"),
        extra_files={"tin-tuc/2026/dinh-chinh.md": CORRECTED, "tin-tuc/2026/co-anh.md": PICTURED},
    )


class _Head(HTMLParser):
    """Collects <meta>, <link> and JSON-LD of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld[-1] += data


def head(build: Build, path: str) -> _Head:
    parser = _Head()
    parser.feed(build.text(path))
    return parser


def hreflangs(build: Build, path: str) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in head(build, path).links
        if link.get("rel") == "alternate" and "hreflang" in link
    }


# --- identity (Decree 42/2022/NĐ-CP) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "index.html",
            [
                "Cơ quan chủ quản",
                "Bộ Tư pháp",
                "60 Trần Phú",
                "(024) 6273 9999",
                "baochi@moj.gov.vn",
                "Người chịu trách nhiệm chính",
                "Giấy phép",
            ],
        ),
        (
            "en/index.html",
            [
                "Managing agency",
                "Ministry of Justice of Viet Nam",
                "60 Tran Phu Street",
                "Person responsible",
                "Licence",
            ],
        ),
    ],
)
def test_footer_shows_the_identity_in_each_language(site, path, expected):
    footer = site.text(path).split('<footer class="md-footer nr-footer">', 1)[1]
    for text in expected:
        assert text in footer, text
    assert 'href="tel:+02462739999"' not in footer  # digits only, as dialled
    assert "tel:02462739999" in footer


def test_no_documentation_pager_and_an_accessibility_statement(site):
    for path in ("index.html", "gioi-thieu/index.html", "tin-tuc/2026/cong-bo/index.html"):
        html = site.text(path)
        assert "md-footer__link" not in html  # Material's "next page" pager
        assert "kha-nang-tiep-can/" in html
    assert "Tuyên bố về khả năng tiếp cận" in site.text("kha-nang-tiep-can/index.html")
    assert "Accessibility statement" in site.text("en/kha-nang-tiep-can/index.html")


def test_a_missing_identity_field_stops_the_build(tmp_path):
    root = make_project(tmp_path / "project")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n      licence:\n        vi: [^\n]*\n        en: [^\n]*", "", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build = run_build(root)
    assert build.returncode != 0
    assert "missing licence" in build.output and "Traceback" not in build.output


# --- breadcrumbs -----------------------------------------------------------------------------


def test_breadcrumbs_on_articles_and_listings(site):
    article = site.text("tin-tuc/2026/cong-bo/index.html")
    crumbs = article.split('class="nr-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Trang chủ", "Thi hành án dân sự"]
    assert 'aria-current="page">Cưỡng chế thi hành án về đất đai tại Hà Nội<' in crumbs
    listing = site.text("chuyen-muc/thi-hanh-an-dan-su/index.html")
    crumbs = listing.split('class="nr-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Trang chủ", "Tất cả tin bài"]
    english = site.text("en/tin-tuc/2026/cong-bo/index.html")
    assert ">Home</a>" in english.split('class="nr-breadcrumbs"', 1)[1].split("</nav>", 1)[0]


# --- sharing ---------------------------------------------------------------------------------


def test_article_has_canonical_open_graph_and_twitter_card(site):
    h = head(site, "tin-tuc/2026/cong-bo/index.html")
    url = SITE_URL + "tin-tuc/2026/cong-bo/"
    assert {"rel": "canonical", "href": url} in h.links
    assert h.meta["og:url"] == url
    assert h.meta["og:type"] == "article"
    assert h.meta["og:title"] == "Cưỡng chế thi hành án về đất đai tại Hà Nội"
    assert h.meta["og:image"] == SITE_URL + "assets/og-default.png"  # no image: the default
    assert h.meta["og:locale"] == "vi_VN"
    assert h.meta["twitter:card"] == "summary_large_image"
    assert (site.site / "assets" / "og-default.png").exists()


def test_article_image_is_the_shared_picture(site):
    h = head(site, "tin-tuc/2026/co-anh/index.html")
    assert h.meta["og:image"] == "https://anh.example.gov.vn/toa-an.jpg"
    assert h.meta["og:image:alt"] == "Trụ sở"
    assert json.loads(h.jsonld[0])["image"] == ["https://anh.example.gov.vn/toa-an.jpg"]


def test_news_article_json_ld(site):
    h = head(site, "tin-tuc/2026/cong-bo/index.html")
    assert len(h.jsonld) == 1
    data = json.loads(h.jsonld[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Cưỡng chế thi hành án về đất đai tại Hà Nội"
    assert data["datePublished"] == "2026-05-10T09:30:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert data["inLanguage"] == "vi"
    assert data["author"] == [{"@type": "Person", "name": "Phòng Truyền thông"}]
    assert data["publisher"]["name"] == "Bộ Tư pháp"
    assert data["publisher"]["logo"]["url"] == SITE_URL + "assets/logo-512.png"
    assert (site.site / "assets" / "logo-512.png").exists()
    assert data["image"] == [SITE_URL + "assets/og-default.png"]
    assert data["mainEntityOfPage"]["@id"] == SITE_URL + "tin-tuc/2026/cong-bo/"
    english = json.loads(head(site, "en/tin-tuc/2026/cong-bo/index.html").jsonld[0])
    assert english["inLanguage"] == "en" and english["publisher"]["name"].startswith("Ministry")


def test_withdrawn_article_has_no_news_article_data_and_no_share_links(site):
    html = site.text("tin-tuc/2026/go-bo/index.html")
    assert "application/ld+json" not in html
    assert "nr-share" not in html


def test_share_links_are_plain_links(site):
    html = site.text("tin-tuc/2026/cong-bo/index.html")
    share = html.split('class="nr-share"', 1)[1].split("</div>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', share)
    encoded = "https%3A%2F%2Fexample.gov.vn%2Ftin-tuc%2F2026%2Fcong-bo%2F"
    assert any(h.startswith("https://sp.zalo.me/") and encoded in h for h in hrefs)
    assert any(h.startswith("https://www.facebook.com/sharer/") and encoded in h for h in hrefs)
    assert any(h.startswith("mailto:?subject=") for h in hrefs)
    assert 'data-nr-copy="https://example.gov.vn/tin-tuc/2026/cong-bo/"' in share
    # nothing from elsewhere is loaded by the page: no script, frame or image from another host
    assert not re.search(r'<(script|iframe|img)[^>]+src="https?://(?!example\.gov\.vn)', html)


def test_correction_is_labelled_at_the_top(site):
    html = site.text("tin-tuc/2026/dinh-chinh/index.html")
    header = html.split('class="nr-article__header"', 1)[1].split("</header>", 1)[0]
    assert 'class="nr-correction-notice"' in header
    assert "Đính chính" in header and "03/05/2026 10:00" in header
    assert "1.020" in header


# --- hreflang, sitemap, robots ----------------------------------------------------------------


def test_translated_page_declares_both_languages(site):
    assert hreflangs(site, "tin-tuc/2026/cong-bo/index.html") == {
        "vi": SITE_URL + "tin-tuc/2026/cong-bo/",
        "en": SITE_URL + "en/tin-tuc/2026/cong-bo/",
        "x-default": SITE_URL + "tin-tuc/2026/cong-bo/",
    }
    assert hreflangs(site, "index.html")["vi"] == SITE_URL
    assert hreflangs(site, "en/index.html")["en"] == SITE_URL + "en/"


def test_untranslated_page_declares_no_english_alternate(site):
    assert hreflangs(site, "tin-tuc/2026/hop-bao/index.html") == {}
    assert not (site.site / "en" / "tin-tuc" / "2026" / "hop-bao").exists()


def test_sitemap_alternates_are_real_pages(site):
    root = ET.fromstring(site.text("sitemap.xml"))
    locs = {u.findtext(f"{SM}loc") for u in root.iter(f"{SM}url")}
    assert SITE_URL in locs and SITE_URL + "en/" in locs
    for url in root.iter(f"{SM}url"):
        for link in url.iter(f"{XHTML}link"):
            assert "/./" not in link.get("href")
            assert link.get("href") in locs, link.get("href")
    home = next(u for u in root.iter(f"{SM}url") if u.findtext(f"{SM}loc") == SITE_URL)
    alternates = {x.get("hreflang"): x.get("href") for x in home.iter(f"{XHTML}link")}
    assert alternates == {"vi": SITE_URL, "en": SITE_URL + "en/", "x-default": SITE_URL}
    press = next(
        u
        for u in root.iter(f"{SM}url")
        if u.findtext(f"{SM}loc") == SITE_URL + "tin-tuc/2026/hop-bao/"
    )
    assert list(press.iter(f"{XHTML}link")) == []  # not translated: no alternates at all


def test_robots_txt_names_the_sitemap(site):
    assert site.text("robots.txt") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
    )


@pytest.mark.parametrize(
    ("path", "lang", "other"), [("404.html", "vi", "en"), ("en/404.html", "en", "vi")]
)
def test_a_404_page_in_each_language(site, path, lang, other):
    html = site.text(path)
    assert f'<html lang="{lang}"' in html
    assert f'<section class="nr-404" lang="{lang}"' in html
    assert f'<section class="nr-404" lang="{other}"' in html  # and the other language below
    assert html.index(f'lang="{lang}" aria-labelledby') < html.index(
        f'lang="{other}" aria-labelledby'
    )
    assert 'action="/tim-kiem/"' in html and 'action="/en/tim-kiem/"' in html
    assert 'data-root="/"' in html  # never "//", a protocol-relative address
    switch = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)
    assert switch == [("/", "vi"), ("/en/", "en")]


def test_every_page_s_language_switch_leads_to_itself_in_its_own_language(site):
    """The switch of a page never shows another page's links (static-i18n sets it page by
    page; a generated page it does not know, such as the guide's error codes, kept the
    switch of the page built before it)."""
    pages = [
        p
        for p in site.files()
        if p.name == "index.html" and "pagefind" not in p.relative_to(site.site).parts
    ]
    assert len(pages) > 50
    for path in pages:
        relative = path.relative_to(site.site).as_posix()
        lang = "en" if relative.startswith("en/") else "vi"
        address = "/" + relative.removesuffix("index.html")
        html = path.read_text(encoding="utf-8")
        switch = dict(
            (code, href)
            for href, code in re.findall(
                r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html
            )
        )
        assert set(switch) == {"vi", "en"}, relative
        assert urljoin(address, switch[lang]) == address, (relative, switch)


# --- journalists' pages ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["bao-chi/index.html", "en/bao-chi/index.html"])
def test_press_room_contents_list_every_section(site, path):
    html = site.text(path)
    sections = re.findall(r'<section class="nr-pr-section" aria-labelledby="([^"]+)"', html)
    assert len(sections) == 7
    toc = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    for anchor in sections:
        assert f'href="#{anchor}"' in toc, anchor


def test_each_upcoming_press_conference_can_be_added_to_a_calendar(site):
    html = site.text("bao-chi/index.html")
    upcoming = html.split('id="nr-pr-upcoming"', 1)[1].split("</section>", 1)[0]
    links = re.findall(
        r'<a href="([^"]+\.ics)" type="text/calendar" download>Thêm vào lịch', upcoming
    )
    assert links == ["../feeds/hop-bao/fx-2026-hop-bao.ics"]
    ics = (site.site / "feeds/hop-bao/fx-2026-hop-bao.ics").read_bytes().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("BEGIN:VEVENT") == 1
    assert "UID:fx-2026-hop-bao@example.gov.vn\r\n" in ics
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260620T090000\r\n" in ics
    english = site.text("en/bao-chi/index.html").split('id="nr-pr-upcoming"', 1)[1]
    assert "Add to calendar" in english.split("</section>", 1)[0] or "nr-pr-empty" in english


def test_an_upcoming_press_conference_page_offers_its_calendar_file(site):
    html = site.text("tin-tuc/2026/hop-bao/index.html")
    box = html.split('class="nr-box nr-box--event"', 1)[1].split("</aside>", 1)[0]
    assert '<a href="../../../feeds/hop-bao/fx-2026-hop-bao.ics" type="text/calendar"' in box
    assert "Thêm vào lịch" in box


def test_the_navigation_rendered_once_per_pass_is_what_each_page_would_render(site, tmp_path):
    """The sidebar of pages outside the navigation is rendered once per pass for all whose
    links read the same, and Material's configuration script once per relative base
    (``newsroom.site.fragments``). Built again with Material's own include and block on
    every page (the hooks do not register the shortcuts), every file of the site is the
    same, byte for byte: pages at every depth, in both languages, in the navigation or
    not."""
    from test_rebuild import assert_same, output

    root = make_project(
        tmp_path / "project",
        extra_files={"tin-tuc/2026/dinh-chinh.md": CORRECTED, "tin-tuc/2026/co-anh.md": PICTURED},
    )
    without = root / "site"
    preamble = "from newsroom.site import fragments; fragments.ENABLED = False"
    built = run_build_after(root, without, preamble)
    assert len([p for p in built.files() if p.suffix == ".html"]) > 40
    assert_same(output(built), output(site))
