"""Unit tests of newsroom.outputs.opml and newsroom.outputs.directory."""

from __future__ import annotations

from feeds_support import SITE_URL, article, make_corpus
from lxml import etree
from newsroom.outputs import directory, feeds, opml, podcast


def test_opml_lists_every_stream_once_in_each_format(tmp_path):
    corpus = make_corpus(tmp_path, {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01")})
    for fmt in ("rss", "atom", "json"):
        root = etree.fromstring(opml.render(corpus, fmt))
        urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
        assert len(urls) == len(set(urls))
        titles = [
            (o.get("language"), o.get("text")) for o in root.iter("outline") if o.get("xmlUrl")
        ]
        assert len(titles) == len(set(titles)), "a stream is listed twice"
        expected = {
            SITE_URL + scope.path(fmt)
            for lang in ("vi", "en")
            for scope in feeds.scopes(corpus.registries, lang)
            if fmt in scope.formats
        }
        if fmt == "rss":
            expected |= {SITE_URL + "feeds/podcast.xml", SITE_URL + "en/feeds/podcast.xml"}
        assert set(urls) == expected
    assert opml.FILES["rss"] == "feeds/feeds.opml"


def test_opml_lists_every_feed_of_both_languages_grouped(tmp_path):
    corpus = make_corpus(tmp_path, {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01")})
    root = etree.fromstring(opml.render(corpus))
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title")
    assert root.findtext("head/dateModified") == "Fri, 01 May 2026 00:00:00 +0700"
    languages = root.findall("body/outline")
    assert [o.get("text") for o in languages] == ["Tiếng Việt", "English"]
    for language, lang in zip(languages, ("vi", "en"), strict=True):
        kinds = [o.get("text") for o in language.findall("outline")]
        assert len(kinds) == 5 and kinds[-1] == "Podcast"  # 4 groups of streams, the podcast
        listed = {o.get("xmlUrl") for o in language.iter("outline") if o.get("xmlUrl")}
        expected = {SITE_URL + scope.path("rss") for scope in feeds.scopes(corpus.registries, lang)}
        expected.add(SITE_URL + podcast.path(lang))
        assert listed == expected  # the main directory: RSS, one entry per stream
        for leaf in language.iter("outline"):
            if leaf.get("xmlUrl"):
                assert leaf.get("type") == "rss" and leaf.get("text") and leaf.get("htmlUrl")
                assert leaf.get("language") == lang


def test_opml_is_deterministic_and_lists_no_article(tmp_path):
    corpus = make_corpus(tmp_path, {"tin-tuc/2026/a.md": article("bai-a", "Bài A", "2026-05-01")})
    assert opml.render(corpus) == opml.render(corpus)
    assert "Bài A" not in opml.render(corpus).decode()


def test_directory_page_context_has_absolute_urls(tmp_path):
    corpus = make_corpus(tmp_path, {})
    context = directory.page_context(corpus.registries, corpus.settings, "en")
    first = context["groups"][0]
    assert first["kind"] == "all"
    assert first["feeds"] == [
        {
            "title": "Ministry of Justice News",
            "rss": f"{SITE_URL}en/feeds/rss.xml",
            "atom": f"{SITE_URL}en/feeds/atom.xml",
            "json": f"{SITE_URL}en/feeds/feed.json",
        }
    ]
    category = context["groups"][1]["feeds"][0]
    assert category["json"] is None and category["rss"].startswith(f"{SITE_URL}en/feeds/")
    assert context["opml"] == f"{SITE_URL}feeds/feeds.opml"
    assert [g["title"] for g in context["groups"]][:2] == ["All news", "By category"]
    assert context["opml_other"]["Atom"] == f"{SITE_URL}feeds/feeds-atom.opml"
