"""The allow-list sanitiser for raw HTML in article bodies."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_project, run_build
from newsroom.site.sanitize import locate, sanitize_html
from test_rebuild import pages_reused

HOSTS = ("www.youtube-nocookie.com",)


def clean(html: str) -> tuple[str, list[str]]:
    return sanitize_html(html, HOSTS)


def test_scripts_and_handlers_are_removed_with_a_report() -> None:
    html, removed = clean('<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert html == "<p>Hi</p>"
    assert removed == ["onclick=… trên <p>", "<script>"]


def test_dangerous_urls_are_dropped_but_text_stays() -> None:
    html, removed = clean(
        '<a href=" JaVa\tScRiPt:alert(1)">x</a><img src="data:image/png;x" alt="a">'
    )
    assert html == '<a>x</a><img alt="a">'
    assert len(removed) == 2


def test_iframes_only_from_configured_hosts() -> None:
    ok = '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>'
    assert clean(ok) == (ok, [])
    html, removed = clean('<iframe src="https://evil.example/x"></iframe><p>after</p>')
    assert html == "<p>after</p>"
    assert removed == ["<iframe> từ evil.example"]


def test_markdown_output_survives_unchanged() -> None:
    html = (
        '<h2 id="dat-dai">Đất đai<a class="headerlink" href="#dat-dai" title="Permanent '
        'link">¶</a></h2>\n<table>\n<tr><th>A &amp; B</th></tr>\n</table>'
    )
    assert clean(html) == (html, [])


def test_text_is_re_escaped() -> None:
    assert clean("<p>&lt;script&gt;</p>")[0] == "<p>&lt;script&gt;</p>"


def test_locate_finds_the_source_line() -> None:
    assert locate("a\nb\n<div onclick='x'>\n", "onclick=… trên <div>") == 2
    assert locate("a\n\n[x](javascript:go)", "href='javascript:go' trên <a>") == 2
    assert locate("a\n<SCRIPT>x</SCRIPT>", "<script>") == 1


def test_self_closing_forbidden_tag_drops_only_itself() -> None:
    html, removed = clean('<p>a<script src="x.js"/>b<span/>c</p>')
    assert html == "<p>ab<span></span>c</p>"
    assert removed == ["<script>"]


def test_what_markdown_itself_writes_passes_untouched():
    """Footnotes, in-page anchors and aligned table columns are ordinary articles (issue 8)."""
    from pathlib import Path

    from newsroom.content import settings
    from newsroom.content.render import Renderer

    config = settings.load(Path(__file__).resolve().parents[1] / "mkdocs.yml")
    source = (
        "## Điều 1: Phạm vi\n\nVăn bản[^1] và [mục](#dieu-1-pham-vi).\n\n"
        "| Trái | Giữa | Phải |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n[^1]: Ghi chú.\n"
    )
    html = Renderer(config.markdown_extensions)(source)
    clean, removed = sanitize_html(html)
    assert removed == []
    assert 'href="#fn:1"' in clean and 'style="text-align: center;"' in clean
    assert 'href="#fnref:1"' in clean and 'style="text-align: right;"' in clean


#: A static page in the folder MkDocs lists last (the copy converting from the end takes it).
SCRIPTED = "zzz/co-script.md"


def test_a_conversion_from_the_page_cache_is_sanitised_and_reported_again(tmp_path: Path):
    """The page cache keeps a page's conversion before the sanitiser: a rebuild that takes
    every conversion from it still removes the script and reports it, file and line."""
    page = "# Có script\n\nĐoạn đầu.\n\n<script>alert('xss')</script>\n"
    root = make_project(tmp_path / "project", {SCRIPTED: page}, strict=False)
    cold = run_build(root, site=tmp_path / "cold")
    warm = run_build(root, site=tmp_path / "warm")
    _pages, built, markdown = pages_reused(warm)
    assert markdown == built, warm.output
    for build in (cold, warm):
        assert re.search(r"co-script\.md:5\b.*W101|W101.*co-script\.md:5\b", build.output), (
            build.output
        )
        html = (build.site / "zzz/co-script/index.html").read_text(encoding="utf-8")
        assert "Đoạn đầu." in html and "alert(" not in html
