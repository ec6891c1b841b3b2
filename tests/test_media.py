"""Video and audio in articles (newsroom.content.media): the site's own files, captions required,
kept by the sanitiser, shown on the page."""

from __future__ import annotations

import pytest
from conftest import build_site, make_project, run_build
from newsroom.content.media import caption_issues
from newsroom.site.sanitize import sanitize_html
from tree_factory import article

pytestmark = pytest.mark.build

ARTICLE = article(
    "Toàn văn cuộc họp báo:\n\n{media}\n",
    id="fx-2026-video",
    title="Video họp báo",
    summary="Video toàn văn cuộc họp báo.",
    date="2026-05-20T09:00:00+07:00",
    approval="\n  by: chanh-van-phong-bo\n  at: 2026-05-20T08:00:00+07:00",
)
CAPTIONED = """<video controls width="640" poster="/tep/video/hop-bao.png">
  <source src="/tep/video/hop-bao.mp4" type="video/mp4">
  <track kind="captions" src="/tep/video/hop-bao.vtt" srclang="vi" label="Tiếng Việt" default>
</video>"""
FILES = {
    "tep/video/hop-bao.mp4": "(video)",
    "tep/video/hop-bao.png": "(poster)",
    "tep/video/hop-bao.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào quý vị.\n",
}


def _video(src: str, track: str) -> str:
    return f'<video controls src="{src}"><track src="{track}"></video>'


def _issues(media: str, tmp_path, files=FILES) -> list[str]:
    docs = tmp_path / "docs"
    for rel, text in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    body = ARTICLE.format(media=media).split("---\n", 2)[2]
    found = caption_issues(body, 14, "docs/tin-tuc/2026/video.md", "tin-tuc/2026/video.md", docs)
    return [f"{i.line}: {i.code} {i.field}: {i.message('en')}" for i in found]


def test_a_captioned_video_of_the_site_is_accepted(tmp_path):
    assert _issues(CAPTIONED, tmp_path) == []


def test_a_video_without_captions_is_an_error(tmp_path):
    video = '<video controls src="/tep/video/hop-bao.mp4"></video>'
    assert _issues(f"\n\n{video}", tmp_path) == [  # the file's line 19
        '19: E080 video: the video has no captions: add <track kind="captions" '
        'src="/tep/….vtt" srclang="vi">'
    ]


@pytest.mark.parametrize(
    ("media", "code"),
    [
        (
            _video("https://cdn.example.com/a.mp4", "/tep/video/hop-bao.vtt"),
            "E081",
        ),
        (
            _video("/tep/video/khong-co.mp4", "/tep/video/hop-bao.vtt"),
            "E082",
        ),
        (
            _video("/tep/video/hop-bao.mp4", "/tep/video/hop-bao.png"),
            "E083",
        ),
        ('<video controls src="video.mp4"><track src="/tep/video/hop-bao.vtt"></video>', "E084"),
        ('<audio controls src="/tep/video/hop-bao.mp4"></audio>', "W120"),
    ],
)
def test_media_problems_are_reported(tmp_path, media, code):
    assert [line.split(" ")[1] for line in _issues(media, tmp_path)] == [code]


def test_the_sanitiser_keeps_media_tags_and_drops_their_scripts():
    clean, removed = sanitize_html(CAPTIONED.replace("<video ", '<video onplay="x()" '))
    assert "<track " in clean and "<source " in clean and 'poster="/tep/video/hop-bao.png"' in clean
    assert "onplay" not in clean and removed == ["onplay=… trên <video>"]
    clean, removed = sanitize_html('<video src="javascript:alert(1)"></video>')
    assert "javascript" not in clean and removed


def test_build_stops_on_an_uncaptioned_video_and_shows_a_captioned_one(tmp_path):
    bad = {
        "tin-tuc/2026/video.md": ARTICLE.format(
            media='<video controls src="/tep/video/hop-bao.mp4"></video>'
        ),
        **FILES,
    }
    build = run_build(make_project(tmp_path / "bad", bad))
    assert build.returncode != 0
    assert "docs/tin-tuc/2026/video.md:" in build.output and "E080" in build.output
    good = build_site(
        tmp_path / "good",
        extra_files={"tin-tuc/2026/video.md": ARTICLE.format(media=CAPTIONED), **FILES},
    )
    page = good.text("tin-tuc/2026/video/index.html")
    assert '<track kind="captions" src="/tep/video/hop-bao.vtt" srclang="vi"' in page
    assert (good.site / "tep/video/hop-bao.vtt").exists()


def test_audio_articles_make_a_podcast_feed(tmp_path):
    import feedparser

    audio = (
        '<audio controls src="/tep/video/ban-tin.mp3">'
        '<track kind="captions" src="/tep/video/hop-bao.vtt" srclang="vi"></audio>'
    )
    files = {
        "tin-tuc/2026/video.md": ARTICLE.format(media=audio),
        "tep/video/ban-tin.mp3": "(audio)",
        **FILES,
    }
    build = build_site(tmp_path, extra_files=files)
    feed = feedparser.parse(build.text("feeds/podcast.xml"))
    assert not feed.bozo and feed.feed.language == "vi"
    assert [e.title for e in feed.entries] == ["Video họp báo"]
    enclosure = feed.entries[0].enclosures[0]
    assert enclosure.href == "https://example.gov.vn/tep/video/ban-tin.mp3"
    assert enclosure.type == "audio/mpeg" and enclosure.length == "7"
    assert feedparser.parse(build.text("en/feeds/podcast.xml")).entries == []
    assert "https://example.gov.vn/feeds/podcast.xml" in build.text("feeds/feeds.opml")
