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
from collections.abc import Iterator
from pathlib import Path

from . import issues as issue
from .issues import Issue
from .paths import resolve

_BLOCK = re.compile(r"<(video|audio)\b([^>]*)>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<(source|track)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"([a-zA-Z-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_VTT_LINK = re.compile(r"\]\(([^)\s]+\.vtt)\)|href=[\"']([^\"']+\.vtt)[\"']", re.IGNORECASE)
CAPTION_KINDS = {"captions", "subtitles"}


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def media_blocks(body: str) -> Iterator[tuple[str, int, dict[str, str], list[tuple[str, dict]]]]:
    """(tag, offset, attributes, [(child tag, attributes)]) of each video and audio block."""
    for match in _BLOCK.finditer(body):
        children = [(m[1].lower(), _attrs(m[2])) for m in _TAG.finditer(match[3])]
        yield match[1].lower(), match.start(), _attrs(match[2]), children


def caption_issues(
    body: str, body_line: int, display_path: str, src_uri: str, docs_dir: Path
) -> list[Issue]:
    """Every problem of the video and audio blocks of one article body."""
    found: list[Issue] = []
    article_dir = src_uri.rsplit("/", 1)[0] if "/" in src_uri else ""
    for tag, offset, attrs, children in media_blocks(body):
        line = body_line + body.count("\n", 0, offset)
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
