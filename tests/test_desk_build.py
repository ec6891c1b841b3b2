"""A real ``mkdocs build`` with the press register and a plan: the public plan pages exist in
both languages, show results only for periods that are over, and nothing of any press item
(open or closed) reaches any output file. The desk's HTML page requests nothing in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Build, build_site
from newsroom_cli import main as cli
from site_project import CHROMIUM, CHROMIUM_ARGS
from test_build import files_containing

REGISTER_MARKERS = ("MARKER-OPEN-ITEM-4b1d", "MARKER-CLOSED-ITEM-9e2f")


def _cells(page: str, label: str) -> list[str]:
    """The cells of the table row that starts with ``label``."""
    row = page.split(f"<td>{label}</td>", 1)[1].split("</tr>", 1)[0]
    return [cell.split(">", 1)[1] for cell in row.split("</td>") if ">" in cell]


@pytest.mark.build
@pytest.mark.parametrize("marker", REGISTER_MARKERS)
def test_no_press_item_leaks_into_any_output(fixture_build: Build, marker: str) -> None:
    assert (fixture_build.docs / ".bao-chi/2026/fx-2026-muc-dang-mo.yml").is_file()
    assert files_containing(fixture_build, marker) == []
    assert files_containing(fixture_build, "fx-2026-muc") == []


@pytest.mark.build
def test_plan_pages_in_both_languages_before_any_result(fixture_build: Build) -> None:
    vi = fixture_build.text("ke-hoach/2026/index.html")
    en = fixture_build.text("en/ke-hoach/2026/index.html")
    assert '<html lang="vi"' in vi and '<html lang="en"' in en
    assert "Kế hoạch thông tin báo chí năm 2026" in vi
    assert "Press and communication plan 2026" in en
    # at 15/06/2026 only the first quarter is over: it has figures, the rest do not
    assert _cells(vi, "Tin, bài (tiếng Việt)") == ["12", "0", "—", "—", "—", "—"]
    assert _cells(en, "Articles (Vietnamese)") == ["12", "0", "—", "—", "—", "—"]
    assert 'hreflang="en"' in vi or "/en/ke-hoach/2026/" in vi
    assert "ke-hoach/2026/" in fixture_build.text("sitemap.xml")


@pytest.mark.build
def test_plan_page_after_the_year_shows_every_result(tmp_path: Path) -> None:
    build = build_site(tmp_path, now="2027-01-10T09:00:00+07:00")
    page = build.text("ke-hoach/2026/index.html")
    # published 2026 originals: cong-bo (Q2), hop-bao (Q2), hen-gio (Q3); go-bo is withdrawn
    assert _cells(page, "Tin, bài (tiếng Việt)") == ["12", "0", "2", "1", "0", "3"]
    assert _cells(page, "Tin hoạt động") == ["6", "0", "1", "0", "0", "1"]
    # the conference of 20/06 was held: Q2 has one, against a target of one per quarter
    assert _cells(page, "Họp báo đã tổ chức (kế hoạch mỗi quý)") == [
        "4", "0 (1)", "1 (1)", "0 (1)", "0 (1)", "1",
    ]  # fmt: skip
    for marker in REGISTER_MARKERS:
        assert files_containing(build, marker) == []


@pytest.mark.browser
def test_desk_html_is_self_contained(fixture_build: Build, tmp_path: Path, monkeypatch) -> None:
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("NEWSROOM_NOW", "2026-07-01T09:00:00+07:00")
    out = tmp_path / "desk.html"
    config = str(fixture_build.root / "mkdocs.yml")
    assert cli.main(["--config", config, "desk", "--format", "html", "-o", str(out)]) == 0
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri())
        heading = page.locator("h3").first.inner_text()
        text = page.locator("body").inner_text()
        browser.close()
    assert requests == [out.as_uri()]  # the page itself, nothing else
    assert heading.startswith("⚠ Quá hạn — Phản ánh đang xử lý")
    assert "hạn trả lời 29/06/2026 24:00 — QUÁ HẠN" in text
    assert "MARKER-CLOSED-ITEM-9e2f" not in text  # closed items only with --all
