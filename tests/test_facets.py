"""The facets table (newsroom.content.facets) is what listings, feeds, the feed directory, OPML,
URLs and ``newsroom new`` follow: each consumer is checked against the table on a real corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from feeds_support import SITE_URL, article, make_corpus
from lxml import etree
from newsroom.content import facets, schema
from newsroom.content.corpus import RESERVED_ROOTS
from newsroom.outputs import directory, feeds, opml
from newsroom.site import listings, urls

NEWSROOM = Path(sys.executable).parent / "newsroom"
FILES = {
    "tin-tuc/2026/a.md": article(
        "bai-a",
        "Bài A",
        "2026-05-01T09:00:00+07:00",
        extra="focus_areas: [chinh-sach]\ntags: [đất đai]\n",
    ),
    "tin-tuc/2025/b.md": article("bai-b", "Bài B", "2025-03-01T09:00:00+07:00"),
}


def _kinds(items) -> list[str]:
    return list(dict.fromkeys(items))


def test_listings_have_every_facet_and_every_registry_key(tmp_path):
    corpus = make_corpus(tmp_path, FILES)
    for lang in ("vi", "en"):
        found = listings.scopes(corpus, corpus.registries, lang)
        # tags and years exist only where articles carry them (no English article here)
        present = [f for f in facets.FACETS if f.registry or not f.field or lang == "vi"]
        assert _kinds(s.kind for s, _ in found) == [f.kind for f in present]
        for facet in facets.with_registry():
            registry = getattr(corpus.registries, facet.registry)
            keys = [s.key for s, _ in found if s.kind == facet.kind]
            assert keys == list(registry)  # every key, even an empty one, in registry order
        for scope, items in found:
            assert scope.url().startswith(urls.prefix(lang) + scope.facet.root + "/")
            assert all(scope.matches(a) for a in items)
            assert (scope.feeds() is not None) == scope.facet.has_feeds
    (vi_a,) = [a for a in corpus.articles("vi") if a.id == "bai-a"]
    assert facets.BY_KIND["focus"].keys(vi_a) == ("chinh-sach",)
    assert facets.BY_KIND["year"].keys(vi_a) == ("2026",)


def test_feeds_directory_and_opml_follow_the_facets_with_feeds(tmp_path):
    corpus = make_corpus(tmp_path, FILES)
    with_feeds = [f.kind for f in facets.FACETS if f.has_feeds]
    assert with_feeds == ["all", "category", "type", "unit"]
    for lang in ("vi", "en"):
        scopes = feeds.scopes(corpus.registries, lang)
        assert _kinds(s.kind for s in scopes) == with_feeds
        groups = directory.directory(corpus.registries, corpus.settings, lang)
        assert [g.kind for g in groups] == with_feeds
        for group in groups:
            for entry in group.entries:
                expected = facets.BY_KIND[group.kind].formats
                given = tuple(f for f in ("rss", "atom", "json") if getattr(entry, f))
                assert given == expected
        files = feeds.render_feeds(corpus, lang, {})
        assert set(files) == {s.path(f) for s in scopes for f in s.formats}
    outline = etree.fromstring(opml.render(corpus))
    streams = outline.findall("body/outline/outline/outline")
    rss_feeds = [s for lang in ("vi", "en") for s in feeds.scopes(corpus.registries, lang)]
    assert [o.get("xmlUrl") for o in streams] == [SITE_URL + s.path("rss") for s in rss_feeds]


def test_roots_are_reserved_and_registries_come_from_the_schema():
    assert {f.root for f in facets.FACETS} <= RESERVED_ROOTS
    for facet in facets.FACETS:
        if facet.field:
            assert facet.registry == schema.BY_NAME[facet.field].registry
    assert [f.registry for f in facets.with_registry()] == [
        "categories",
        "types",
        "units",
        "focus_areas",
    ]


def test_new_asks_for_the_facets_every_article_must_have():
    required = [f.field for f in facets.required_keys()]
    assert required == ["type", "category", "unit"]
    shown = subprocess.run(
        [str(NEWSROOM), "new", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for field in required:
        assert f"--{field} " in shown
