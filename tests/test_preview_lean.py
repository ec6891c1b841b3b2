"""Which articles a ``make serve`` rebuild hands to MkDocs (``newsroom.site.preview``): the
saved ones and every page their links and the static pages' links name, in every language.
The served result is tested in ``test_preview_dirty.py``; here, the link forms."""

from __future__ import annotations

import posixpath
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.common import cache
from newsroom.content.classify import PUBLISHABLE_SUFFIXES
from newsroom.site import preview

ARTICLES = {
    "tin-tuc/2025/a.md",
    "tin-tuc/2025/a.en.md",
    "tin-tuc/2025/b.md",
    "tin-tuc/2026/c.md",
    "tin-tuc/2026/c.en.md",
    "tin-tuc/2026/d.md",
    "tin-tuc/2026/e.md",
}


def test_every_link_form_names_its_target() -> None:
    text = (
        "[a](../2025/a.md) [b](../2025/b.md#muc-2 'tiêu đề') ![ảnh](d.md)\n"
        "[ref]: </tin-tuc/2026/e.md>\n"
        '<a href="../2025/khong-co.md?x=1">x</a> https://example.gov.vn/tin-tuc/2026/c.md\n'
    )
    found = preview.link_targets("tin-tuc/2026/x.md", text)
    assert {"tin-tuc/2025/a.md", "tin-tuc/2025/b.md", "tin-tuc/2026/d.md"} <= found
    assert "tin-tuc/2026/e.md" in found
    assert "tin-tuc/2025/khong-co.md" in found
    assert not any(path.startswith("..") or "://" in path for path in found)


def test_a_page_refers_to_the_files_a_build_can_publish_and_not_to_prose() -> None:
    """What a page refers to is kept for every page of a large site (the incremental
    record): sentence ends and numbers are no file, nor a name no build accepts."""
    text = (
        "Theo Luật Thi hành án dân sự. Mức phạt 2.000.000 đồng, v.v.\n"
        '![ảnh](anh.JPG "Ảnh") [báo cáo](/tep/bao-cao.pdf) [trang](../2025/a.md)\n'
        "[mã](script.js) [kịch bản](trang.php) [sao lưu](bai.md.bak)\n"
    )
    found = preview.references("tin-tuc/2026/x.md", text)
    assert {"tin-tuc/2026/anh.JPG", "tep/bao-cao.pdf", "tin-tuc/2025/a.md"} <= found
    assert "tin-tuc/2026/script.js" in found  # a suffix a theme file may have
    assert not {path for path in found if path.endswith((".", ".000", ".v", ".php", ".bak"))}


def test_saved_articles_their_targets_and_every_language_version_are_kept() -> None:
    texts = {
        "tin-tuc/2026/c.en.md": "See [a](../2025/a.md).",
        "gioi-thieu.md": "Xem [bài](tin-tuc/2026/d.md).",
    }
    kept = preview.kept_articles({"tin-tuc/2026/c.en.md"}, texts, ARTICLES)
    assert kept == {
        "tin-tuc/2026/c.md",  # the saved article's other language
        "tin-tuc/2026/c.en.md",
        "tin-tuc/2025/a.md",  # its link, in both languages
        "tin-tuc/2025/a.en.md",
        "tin-tuc/2026/d.md",  # a static page's link
    }


def test_a_file_saved_again_is_a_change_and_an_untouched_one_is_not(tmp_path) -> None:
    docs = tmp_path / "docs"
    (docs / "tin-tuc").mkdir(parents=True)
    (docs / "tin-tuc" / "a.md").write_text("một", encoding="utf-8")
    (docs / "tin-tuc" / "b.md").write_text("hai", encoding="utf-8")
    before = cache.stat_listing(docs)
    (docs / "tin-tuc" / "a.md").write_text("một!", encoding="utf-8")
    (docs / "moi.md").write_text("mới", encoding="utf-8")
    assert preview.changed(cache.stat_listing(docs), before) == {"tin-tuc/a.md", "moi.md"}


def test_a_long_text_without_spaces_is_read_in_linear_time() -> None:
    """A hostile article must not stall the preview: 400,000 characters with no separator
    (the old pattern took minutes on this) and one link at the end."""
    text = "a" * 400_000 + " [x](../2025/a.md)"
    found = preview.link_targets("tin-tuc/2026/x.md", text)
    assert "tin-tuc/2025/a.md" in found


def _references_word_by_word(src_uri: str, text: str) -> frozenset[str]:
    """The definition ``preview.references`` must keep: every token of the text (split on
    the separators) whose path names a publishable file, resolved."""
    folder = posixpath.dirname(src_uri)
    found = set()
    for token in re.split(r"[\s()\[\]<>\"'`|=,;]+", text):
        path = token.split("#", 1)[0].split("?", 1)[0]
        if "://" in path or path.startswith(("mailto:", "tel:", "data:")):
            continue
        if posixpath.splitext(path)[1].lower() not in PUBLISHABLE_SUFFIXES:
            continue
        candidates = (
            [path.lstrip("/")] if path.startswith("/") else [posixpath.join(folder, path), path]
        )
        found.update(n for c in candidates if not (n := posixpath.normpath(c)).startswith(".."))
    return frozenset(found)


_PIECES = st.sampled_from(
    [
        *(suffix for suffix in sorted(PUBLISHABLE_SUFFIXES)),
        ".MD",
        ".Png",
        ".md.bak",
        ".",
        "..",
        "/",
        "../",
        "#",
        "?",
        "#x.md",
        "?v=1.png",
        "a",
        "bài",
        "Đất",
        "2.000",
        "\u212a",
        "\u0130",
        "\u017f",
        "ſvg",
        ".\u212amd",
        " ",
        "\n",
        "\u00a0",
        "\u2003",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        '"',
        "'",
        "`",
        "|",
        "=",
        ",",
        ";",
        "://",
        "https://x.vn/",
        "mailto:",
        "tel:",
        "data:",
        "tep/",
        "/tep/",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["tin-tuc/2026/x.md", "gioi-thieu.md", "a/b/c.en.md"]),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join),
)
def test_references_are_those_of_every_token_of_the_text(src_uri: str, text: str) -> None:
    """Only the tokens that may name a file are looked at; what is found is exactly what
    looking at every token finds, whatever the text."""
    assert preview.references(src_uri, text) == _references_word_by_word(src_uri, text)
