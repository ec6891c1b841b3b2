"""The allow-list sanitiser for raw HTML in article bodies, and a body sanitised once with its
conversion (the page cache) instead of again by the build."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from conftest import make_project, run_build_after
from newsroom.site import sanitize
from newsroom.site.sanitize import locate, sanitize_html
from test_rebuild import assert_same, output

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


# ---- a body sanitised once ----------------------------------------------------------------


def test_only_a_body_nothing_is_removed_from_is_known_clean() -> None:
    assert sanitize.clean("<p>Có <script>x()</script></p>", HOSTS) is None
    unchanged = sanitize.clean("<p>Đoạn văn</p>", HOSTS)
    assert unchanged == sanitize.Clean(frozenset(HOSTS), None)
    rewritten = sanitize.clean("<p title=tieu-de>A & B</p>", HOSTS)
    assert rewritten == sanitize.Clean(frozenset(HOSTS), '<p title="tieu-de">A &amp; B</p>')


def test_a_remembered_body_is_used_once_for_the_same_body_and_hosts_only() -> None:
    body = "<p title=x>Đoạn</p>"
    found = sanitize.clean(body, HOSTS)
    page = SimpleNamespace()
    sanitize.remember(page, body, found)
    assert sanitize.known(page, body, HOSTS) == '<p title="x">Đoạn</p>'
    assert sanitize.known(page, body, HOSTS) is None  # once
    sanitize.remember(page, body, found)
    assert sanitize.known(page, body + "<script>x()</script>", HOSTS) is None  # another body
    sanitize.remember(page, body, found)
    assert sanitize.known(page, body, ("khac.example",)) is None  # other iframe hosts
    sanitize.remember(page, body, None)  # a body the sanitiser removes something from
    assert sanitize.known(page, body, HOSTS) is None


#: Static pages (MkDocs lists the last folder's pages last: the copy converting from the end
#: takes them): raw HTML the sanitiser writes again without removing anything (an unquoted
#: attribute, a bare ampersand), and a page it removes a script from.
REWRITTEN, SCRIPTED = "zzz/viet-lai.md", "zzz/co-script.md"
PAGES = {
    REWRITTEN: "# Viết lại\n\n<p title=tieu-de>Quyền & nghĩa vụ</p>\n",
    SCRIPTED: "# Có script\n\nĐoạn đầu.\n\n<script>alert('xss')</script>\n",
}
#: Counts, in the build's own process, the bodies it sanitises (not its forked copies').
COUNTING = """
import atexit, os
from newsroom.site import sanitize
_build, _real, _bodies = os.getpid(), sanitize.sanitize_html, []
def _counted(html, *args, **kwargs):
    if os.getpid() == _build:
        _bodies.append(html)
    return _real(html, *args, **kwargs)
sanitize.sanitize_html = _counted
atexit.register(lambda: open({out!r}, "w").write(str(len(_bodies))))
"""


def test_a_body_converted_before_is_not_sanitised_again_and_removals_are_still_reported(
    tmp_path: Path,
) -> None:
    """The first build converts every page (part of them in its copy), sanitising each
    converted body once; the second takes every conversion from the page cache and sanitises
    only the page it removes a script from, which it reports again, file and line. Both give
    the bytes of a build without the page cache."""
    root = make_project(tmp_path / "project", PAGES, strict=False)
    plain = run_build_after(
        root, tmp_path / "plain", "import os; os.environ['NEWSROOM_CACHE'] = 'off'"
    )
    counts = [tmp_path / "first.count", tmp_path / "second.count"]
    first = run_build_after(root, tmp_path / "first", COUNTING.format(out=str(counts[0])))
    second = run_build_after(root, tmp_path / "second", COUNTING.format(out=str(counts[1])))
    assert re.search(r"Markdown 0/\d+", first.output), first.output
    converted = re.search(r"Markdown (\d+)/(\d+)", second.output)
    assert converted and converted.group(1) == converted.group(2), second.output
    assert int(counts[1].read_text()) == 1  # the page with the script only
    assert int(counts[0].read_text()) > 1
    for build in (plain, first, second):
        assert re.search(r"W101.*co-script\.md:5|co-script\.md:5.*W101", build.output), build.output
        assert "alert(" not in (build.site / "zzz/co-script/index.html").read_text("utf-8")
    page = (second.site / "zzz/viet-lai/index.html").read_text(encoding="utf-8")
    assert '<p title="tieu-de">Quyền &amp; nghĩa vụ</p>' in page
    assert_same(output(plain), output(first))
    assert_same(output(plain), output(second))
