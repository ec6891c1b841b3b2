"""Video and audio in article bodies: the site's own files, with captions or a transcript.

Editors write ``<video controls>``/``<audio controls>`` with ``<source>`` and ``<track>`` in
the Markdown body (the sanitiser allows exactly these tags). The checker requires:

- E080: a ``<video>`` has a ``<track kind="captions">`` (or ``subtitles``) in WebVTT;
- E081: the media and caption files are the site's own (a path, not another site's URL);
- E082: every file named exists under ``docs/``;
- E083: a ``<track>`` file is WebVTT (``.vtt``);
- E084: paths start at the site root (``/tep/…``): raw HTML paths are not rewritten by MkDocs,
  so a path relative to the article would break on its page (one folder deeper);
- W120: an ``<audio>`` has a transcript: a ``<track>`` or a link to a ``.vtt`` file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..common import issues as issue
from ..common.issues import Issue
from .paths import resolve

_VTT_LINK = re.compile(r"\]\(([^)\s]+\.vtt)\)|href=[\"']([^\"']+\.vtt)[\"']", re.IGNORECASE)
CAPTION_KINDS = {"captions", "subtitles"}
Block = tuple[str, int, dict[str, str], list[tuple[str, dict[str, str]]]]


class _Blocks(HTMLParser):
    """Video and audio elements of a body, read in one linear pass (a regular expression
    over a body with thousands of unclosed ``<video>`` tags took quadratic time)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.open: Block | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("video", "audio"):
            self._close()
            self.open = (tag, self.getpos()[0], values, [])
        elif tag in ("source", "track") and self.open is not None:
            self.open[3].append((tag, values))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if self.open is not None and tag == self.open[0]:
            self._close()

    def _close(self) -> None:
        if self.open is not None:
            self.blocks.append(self.open)
            self.open = None


def media_blocks(body: str) -> list[Block]:
    """(tag, line within the body (1-based), attributes, [(child tag, attributes)]) of each
    video and audio element; one left open counts up to the next one or the end."""
    parser = _Blocks()
    parser.feed(body)
    parser.close()
    parser._close()
    return parser.blocks


def caption_issues(
    body: str, body_line: int, display_path: str, src_uri: str, docs_dir: Path
) -> list[Issue]:
    """Every problem of the video and audio blocks of one article body."""
    found: list[Issue] = []
    article_dir = src_uri.rsplit("/", 1)[0] if "/" in src_uri else ""
    for tag, body_row, attrs, children in media_blocks(body):
        line = body_line + body_row - 1
        tracks = [a for t, a in children if t == "track"]
        files = [attrs.get("src"), attrs.get("poster"), *(a.get("src") for _, a in children)]
        for value in files:
            if not value:
                continue
            if "://" in value or value.startswith("//"):
                found.append(issue.make(display_path, line, "E081", tag, value=value))
                continue
            if not value.startswith("/"):
                found.append(issue.make(display_path, line, "E084", tag, value=value))
                continue
            target = resolve(article_dir, value)
            if target is None or not (docs_dir / target).is_file():
                found.append(issue.make(display_path, line, "E082", tag, value=value))
        for track in tracks:
            if not (track.get("src") or "").lower().endswith(".vtt"):
                found.append(
                    issue.make(display_path, line, "E083", tag, value=track.get("src", ""))
                )
        captioned = any(t.get("kind", "subtitles").lower() in CAPTION_KINDS for t in tracks)
        if tag == "video" and not captioned:
            found.append(issue.make(display_path, line, "E080", tag))
        if tag == "audio" and not tracks and not _VTT_LINK.search(body):
            found.append(issue.make(display_path, line, "W120", tag))
    return found
