"""The allow-list sanitiser for raw HTML in article bodies."""

from __future__ import annotations

from newsroom.site.sanitize import locate, sanitize_html

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
