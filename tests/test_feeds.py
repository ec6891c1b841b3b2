"""Unit tests of newsroom.outputs.feeds on a small corpus (no MkDocs build)."""

from __future__ import annotations

import json

import feedparser
from feeds_support import SITE_URL, article, make_corpus, pages, translation
from lxml import etree
from newsroom.common import cache
from newsroom.outputs import feed_content, feeds

ATOM = "{http://www.w3.org/2005/Atom}"


def _render(corpus, lang="vi"):
    return feeds.render_feeds(corpus, lang, pages(corpus))


def _atom_entries(data: bytes):
    return etree.fromstring(data).findall(f"{ATOM}entry")


def test_item_ids_are_tag_uris_from_id_and_language(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01T09:00:00+07:00"),
            "tin-tuc/2026/a.en.md": translation("Article A", "2026-05-01T09:00:00+07:00"),
        },
    )
    vi, en = _render(corpus), _render(corpus, "en")
    assert (
        b'<guid isPermaLink="false">tag:baochi.example.gov.vn,2024:tin-tuc/bai-a/vi</guid>'
        in (vi["feeds/rss.xml"])
    )
    ids = [e.findtext(f"{ATOM}id") for e in _atom_entries(en["en/feeds/atom.xml"])]
    assert ids == ["tag:baochi.example.gov.vn,2024:tin-tuc/bai-a/en"]
    assert json.loads(vi["feeds/feed.json"])["items"][0]["id"].endswith("tin-tuc/bai-a/vi")


def test_renaming_the_file_or_retitling_keeps_the_guid(tmp_path):
    before = make_corpus(
        tmp_path / "1", {"tin-tuc/2026/ten-cu.md": article("bai-x", "Tên cũ", "2026-05-01")}
    )
    after = make_corpus(
        tmp_path / "2", {"tin-tuc/2026/ten-moi.md": article("bai-x", "Tên mới", "2026-05-01")}
    )
    guid = [feedparser.parse(_render(c)["feeds/rss.xml"]).entries[0].id for c in (before, after)]
    assert guid[0] == guid[1]
    links = [feedparser.parse(_render(c)["feeds/rss.xml"]).entries[0].link for c in (before, after)]
    assert links[0] != links[1]


def test_newest_first_and_capped_at_feed_limit(tmp_path):
    files = {
        f"tin-tuc/2026/bai-{n}.md": article(f"bai-so-{n}", f"Bài {n}", f"2026-05-0{n}T08:00:00")
        for n in range(1, 6)
    }
    corpus = make_corpus(tmp_path, files, feed_limit=3)
    out = _render(corpus)
    for path in ("feeds/rss.xml", "feeds/atom.xml"):
        parsed = feedparser.parse(out[path])
        assert not parsed.bozo, path
        assert [e.title for e in parsed.entries] == ["Bài 5", "Bài 4", "Bài 3"], path
    items = json.loads(out["feeds/feed.json"])["items"]
    assert [i["title"] for i in items] == ["Bài 5", "Bài 4", "Bài 3"]


def test_feed_documents_made_by_an_earlier_build_are_taken_only_for_the_same_data(tmp_path):
    """The content cache keeps each feed document; a build takes it only when the channel
    data and every item are the same, so a retitled article is in every feed that carries
    it, and nothing else is made again."""
    files = {
        f"tin-tuc/2026/bai-{n}.md": article(f"bai-so-{n}", f"Bài {n}", f"2026-05-0{n}T08:00:00")
        for n in range(1, 4)
    }
    files["tin-tuc/2026/khac.md"] = article(
        "bai-khac", "Bài khác", "2026-04-01T08:00:00", category="thi-hanh-an-dan-su"
    )
    corpus = make_corpus(tmp_path / "a", files)
    store = cache.Store(tmp_path / "feeds.pickle")
    first = feeds.render_feeds(corpus, "vi", pages(corpus), store)
    assert first == _render(corpus) and store.hits == 0
    store.save()

    store = cache.Store(tmp_path / "feeds.pickle")
    assert feeds.render_feeds(corpus, "vi", pages(corpus), store) == first
    assert store.hits == len(first) and store.misses == 0

    files["tin-tuc/2026/khac.md"] = files["tin-tuc/2026/khac.md"].replace("Bài khác", "Bài sửa")
    edited = make_corpus(tmp_path / "b", files)
    store = cache.Store(tmp_path / "feeds.pickle")
    again = feeds.render_feeds(edited, "vi", pages(edited), store)
    assert again == _render(edited)
    changed = {path for path in again if again[path] != first[path]}
    assert changed and all("Bài sửa".encode() in again[path] for path in changed)
    assert store.misses == len(changed) and store.hits == len(first) - len(changed)


def test_an_edit_to_text_that_looks_like_a_memory_address_reaches_the_feeds(tmp_path):
    """Keys of the feed cache print every value as it is: a body corrected from one "address"
    to another is a different feed (a key that dropped addresses would serve the old one)."""
    body = "Mã lỗi ghi tại 0x1f trong hệ thống; xem object at 0x1f."
    files = {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01T08:00:00", body=body)}
    corpus = make_corpus(tmp_path / "a", files)
    store = cache.Store(tmp_path / "feeds.pickle")
    feeds.render_feeds(corpus, "vi", pages(corpus), store)
    files["tin-tuc/2026/a.md"] = files["tin-tuc/2026/a.md"].replace("at 0x1f", "at 0x2f")
    edited = make_corpus(tmp_path / "b", files)
    again = feeds.render_feeds(edited, "vi", pages(edited), store)
    assert b"at 0x2f" in again["feeds/rss.xml"] and b"at 0x1f" not in again["feeds/rss.xml"]
    assert again == _render(edited)


def test_every_registry_key_has_a_valid_feed_even_when_empty(tmp_path):
    corpus = make_corpus(
        tmp_path, {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01T09:00:00+07:00")}
    )
    out = _render(corpus)
    registries = corpus.registries
    expected = 3 + 2 * (len(registries.categories) + len(registries.types) + len(registries.units))
    assert len(out) == expected
    empty = out["feeds/chuyen-muc/hop-tac-quoc-te.atom.xml"]
    parsed = feedparser.parse(empty)
    assert not parsed.bozo and parsed.entries == []
    # an empty feed's date is the newest article of the site, never the clock
    assert etree.fromstring(empty).findtext(f"{ATOM}updated") == "2026-05-01T09:00:00+07:00"
    assert "Hợp tác quốc tế" in parsed.feed.title


def test_scope_feeds_hold_only_their_scope(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": article(
                "bai-a", "Bài A", "2026-05-01", category="hop-tac-quoc-te"
            ),
            "tin-tuc/2026/b.md": article("bai-b", "Bài B", "2026-05-02", type="thong-bao"),
        },
    )
    out = _render(corpus)
    titles = lambda p: [e.title for e in feedparser.parse(out[p]).entries]  # noqa: E731
    assert titles("feeds/chuyen-muc/hop-tac-quoc-te.rss.xml") == ["Bài A"]
    assert titles("feeds/loai-tin/thong-bao.atom.xml") == ["Bài B"]
    assert titles("feeds/don-vi/van-phong-bo.rss.xml") == ["Bài B", "Bài A"]


def test_unpublished_articles_never_reach_a_feed(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01"),
            "tin-tuc/2026/nhap.md": article("nhap", "Nháp", "2026-05-02", status="draft"),
            "tin-tuc/2026/duyet.md": article("duyet", "Chờ", "2026-05-02", status="in-review"),
            "tin-tuc/2026/hen.md": article("hen-gio", "Hẹn giờ", "2026-07-01"),
            "tin-tuc/2026/go.md": article(
                "go-bo",
                "Gỡ",
                "2026-05-03",
                status="withdrawn",
                extra="withdrawn:\n  at: 2026-05-04\n  reason: Thay thế.\n",
            ),
        },
    )
    blob = b"".join(_render(corpus).values()).decode()
    for marker in ("Nháp", "Chờ", "Hẹn giờ", "Gỡ"):
        assert f">{marker}<" not in blob and f'"{marker}"' not in blob


def test_correction_moves_updated_and_is_prepended(tmp_path):
    extra = (
        "updates:\n  - at: 2026-05-03T10:00:00+07:00\n    kind: correction\n"
        "    note: Sửa số liệu ở đoạn 2.\n"
    )
    corpus = make_corpus(
        tmp_path, {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01", extra=extra)}
    )
    out = _render(corpus)
    entry = _atom_entries(out["feeds/atom.xml"])[0]
    assert entry.findtext(f"{ATOM}published") == "2026-05-01T00:00:00+07:00"
    assert entry.findtext(f"{ATOM}updated") == "2026-05-03T10:00:00+07:00"
    content = entry.findtext(f"{ATOM}content")
    assert content.startswith(
        '<p class="newsroom-correction"><strong>Đính chính (03/05/2026):</strong> Sửa số liệu'
    )
    item = json.loads(out["feeds/feed.json"])["items"][0]
    assert item["date_modified"] == "2026-05-03T10:00:00+07:00"
    assert item["date_published"] == "2026-05-01T00:00:00+07:00"


def test_content_is_the_page_body_with_absolute_urls():
    """Feeds take the body MkDocs rendered (URLs relative to the page) and only make its URLs
    absolute against the page's address; heading permalinks (page chrome) are dropped."""
    body = (
        '<h2 id="muc-mot">Mục một<a class="headerlink" href="#muc-mot" title="Link">¶</a></h2>\n'
        '<p>Xem <a href="../b/#chi-tiet">bài B</a>, <a href="../../../gioi-thieu/">trang</a>, '
        '<a href="#muc-mot">mục</a>, <a href="https://example.org/x?a=1&amp;b=2">ngoài</a>, '
        '<a href="mailto:a@example.org">thư</a>, <a href="../../../tep/b%E1%BA%A3n%20%C4%91.pdf">'
        'tệp</a>.</p>\n<p><img alt="Ảnh" src="../anh.png" /></p>\n'
        '<blockquote cite="../c/"><p>Trích\x0b dẫn</p></blockquote>\n'
        '<video poster="../poster.jpg" src="//cdn.example.org/v.mp4"></video>'
    )
    page = feed_content.PageHTML("tin-tuc/2026/a/", body)
    content = feed_content.absolute_html(page, SITE_URL)
    assert f'href="{SITE_URL}tin-tuc/2026/b/#chi-tiet"' in content
    assert f'href="{SITE_URL}gioi-thieu/"' in content
    assert f'href="{SITE_URL}tin-tuc/2026/a/#muc-mot"' in content
    assert 'href="https://example.org/x?a=1&amp;b=2"' in content  # escaped once, as given
    assert 'href="mailto:a@example.org"' in content
    assert f'href="{SITE_URL}tep/b%E1%BA%A3n%20%C4%91.pdf"' in content
    assert f'src="{SITE_URL}tin-tuc/2026/anh.png"' in content
    assert f'cite="{SITE_URL}tin-tuc/2026/c/"' in content
    assert f'poster="{SITE_URL}tin-tuc/2026/poster.jpg"' in content
    assert 'src="https://cdn.example.org/v.mp4"' in content
    assert "headerlink" not in content and "¶" not in content
    assert "\x0b" not in content  # XML cannot carry it
    assert '<h2 id="muc-mot">Mục một</h2>' in content  # the heading itself stays


def test_item_content_is_the_recorded_page_body(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-02"),
            "tin-tuc/2026/b.md": article("bai-b", "Bài B", "2026-05-01"),
        },
    )
    recorded = {
        "tin-tuc/2026/a.md": feed_content.PageHTML(
            "tin-tuc/2026/a/", '<p>Thân bài <a href="../b/">B</a></p>'
        )
    }  # b's page was not recorded: its item has no body, never another rendering
    items = json.loads(feeds.render_feeds(corpus, "vi", recorded)["feeds/feed.json"])["items"]
    assert [i["content_html"] for i in items] == [
        f'<p>Thân bài <a href="{SITE_URL}tin-tuc/2026/b/">B</a></p>',
        "",
    ]


def test_attachments_become_enclosures(tmp_path):
    extra = (
        "attachments:\n  - path: ../../tep/mot.pdf\n    title: Tệp một\n"
        "  - path: ../../tep/hai.csv\n    title: Tệp hai\n"
    )
    corpus = make_corpus(
        tmp_path,
        {
            "tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01", extra=extra),
            "tep/mot.pdf": "%PDF-1.4 một",
            "tep/hai.csv": "a,b\n",
        },
    )
    out = _render(corpus)
    rss = etree.fromstring(out["feeds/rss.xml"])
    enclosures = rss.findall("channel/item/enclosure")
    assert len(enclosures) == 1  # RSS allows one: the first
    assert enclosures[0].get("url") == f"{SITE_URL}tep/mot.pdf"
    assert enclosures[0].get("type") == "application/pdf"
    assert enclosures[0].get("length") == str(len("%PDF-1.4 một".encode()))
    links = _atom_entries(out["feeds/atom.xml"])[0].findall(f"{ATOM}link")
    assert [(x.get("rel"), x.get("type")) for x in links] == [
        ("alternate", "text/html"),
        ("enclosure", "application/pdf"),
        ("enclosure", "text/csv"),
    ]
    assert all(x.get("length", "").isdigit() for x in links[1:])
    attachments = json.loads(out["feeds/feed.json"])["items"][0]["attachments"]
    assert [a["title"] for a in attachments] == ["Tệp một", "Tệp hai"]


def test_channel_metadata_self_link_bylines_categories(tmp_path):
    extra = "authors: [Phòng Truyền thông, Nguyễn Văn B]\n"
    corpus = make_corpus(
        tmp_path,
        {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01T09:00:00", extra=extra)},
    )
    out = _render(corpus)
    rss = etree.fromstring(out["feeds/rss.xml"])
    channel = rss.find("channel")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == f"{SITE_URL}feeds/rss.xml"
    assert channel.findtext("link") == SITE_URL
    assert channel.findtext("lastBuildDate") == "Fri, 01 May 2026 09:00:00 +0700"
    assert channel.findtext("item/pubDate") == "Fri, 01 May 2026 09:00:00 +0700"
    creators = channel.findall("item/{http://purl.org/dc/elements/1.1/}creator")
    assert [c.text for c in creators] == ["Phòng Truyền thông", "Nguyễn Văn B"]
    categories = channel.findall("item/category")
    assert [c.text for c in categories] == ["Hoạt động của Bộ", "Tin hoạt động"]
    assert categories[0].get("domain") == f"{SITE_URL}chuyen-muc/hoat-dong-cua-bo/"
    atom = etree.fromstring(out["feeds/atom.xml"])
    assert atom.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feeds/atom.xml"
    names = [n.text for n in atom.findall(f"{ATOM}entry/{ATOM}author/{ATOM}name")]
    assert names == ["Phòng Truyền thông", "Nguyễn Văn B"]
    english = _render(corpus, "en")["en/feeds/rss.xml"]
    assert b"<title>Ministry of Justice News</title>" in english
    assert b"<language>en</language>" in english


def test_output_is_deterministic_and_carries_no_generator(tmp_path):
    corpus = make_corpus(tmp_path, {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01")})
    first, second = _render(corpus), _render(corpus)
    assert first == second
    blob = b"".join(first.values())
    assert b"generator" not in blob.lower() and b"feedgen" not in blob.lower()
    assert b"<docs>" not in blob


def test_control_characters_do_not_break_xml(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01", body="Có ký tự \x0b lạ.")},
    )
    parsed = feedparser.parse(_render(corpus)["feeds/atom.xml"])
    assert not parsed.bozo
