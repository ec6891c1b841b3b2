"""Paths of articles and the files they use: languages of suffixed files, resolving written
paths against the docs folder, media types."""

from __future__ import annotations

import mimetypes
import posixpath

from .settings import DEFAULT_LANGUAGE, LANGUAGES

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".doc": "application/msword",
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
    ".vtt": "text/vtt",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
}


def media_type(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def resolve(article_dir: str, path: str) -> str | None:
    """Docs-relative path of ``path`` written in an article in ``article_dir``.

    ``/tep/x.pdf`` is relative to the docs root; anything escaping the docs root is ``None``.
    """
    if path.startswith(("http://", "https://")):
        return None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(article_dir, path)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") else normal


def language_of(src_uri: str) -> str:
    """``x.en.md`` is English; anything without a known language suffix is Vietnamese."""
    parts = src_uri.rsplit("/", 1)[-1].split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in LANGUAGES else DEFAULT_LANGUAGE


def other_language(lang: str) -> str:
    """The portal's other language: ``vi`` → ``en``, ``en`` → ``vi``."""
    return LANGUAGES[1] if lang == LANGUAGES[0] else LANGUAGES[0]


def original_of(src_uri: str) -> str:
    """``tin-tuc/2026/x.en.md`` → ``tin-tuc/2026/x.md`` (unchanged for an original)."""
    lang = language_of(src_uri)
    return src_uri if lang == DEFAULT_LANGUAGE else src_uri[: -len(f".{lang}.md")] + ".md"


def translation_of(src_uri: str, lang: str) -> str:
    """The docs path of ``src_uri``'s version in ``lang`` (static-i18n suffix structure)."""
    original = original_of(src_uri)
    return original if lang == DEFAULT_LANGUAGE else original[: -len(".md")] + f".{lang}.md"
