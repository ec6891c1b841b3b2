"""Paths written in articles: resolving them against the docs folder, and media types."""

from __future__ import annotations

import mimetypes
import posixpath

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".doc": "application/msword",
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
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
