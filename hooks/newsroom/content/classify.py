"""Classify every file under ``docs/`` before anything is built (the allow-list).

The build publishes only what this module classifies as publishable: an article, a static
page, an asset of an allowed media type, or one of the site's own theme assets. Registries
and other hidden folders are read by the core but never published. Anything else — a symbolic
link, a Markdown-like or backup name, raw HTML/JS/XML among editors' files, an article in the
wrong place, a static page carrying article fields, an SVG that can run script — is an issue
naming the file and why, and stays out of every output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..common import issues as issue
from ..common.issues import Issue
from ..common.messages import REASONS
from . import parsing, svgcheck, urlpolicy
from .settings import LANGUAGES, Settings


class Kind(StrEnum):
    ARTICLE = "article"
    PAGE = "page"
    ASSET = "asset"
    THEME = "theme"
    PRIVATE = "private"  # registries and other dot folders: read by the core, never published


PUBLISHED_KINDS = frozenset({Kind.ARTICLE, Kind.PAGE, Kind.ASSET, Kind.THEME})

#: Media types an official newsroom publishes, by lower-case file suffix.
ASSET_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".vtt": "text/vtt",
    ".zip": "application/zip",
}
#: What the maintainers' theme folder may hold.
THEME_SUFFIXES = frozenset(".css .js .svg .png .jpg .jpeg .gif .webp .ico .woff .woff2".split(" "))
#: The suffixes (lower case) of the files a build that succeeds can hold: a page, an asset,
#: a theme file; any other file of the docs folder is refused (what a page may refer to,
#: ``newsroom.site.preview.references``).
PUBLISHABLE_SUFFIXES = frozenset({".md", *ASSET_TYPES, *THEME_SUFFIXES})
MARKDOWN_SUFFIXES = frozenset(
    ".md .markdown .mdown .mkd .mkdn .mdwn .mdtxt .mdtext .mdx .rmd .txt.md".split(" ")
)
MARKUP_SUFFIXES = frozenset(
    ".html .htm .xhtml .shtml .js .mjs .cjs .xml .xsl .xslt .css .json .svgz .swf .php "
    ".jsp .asp .aspx .wasm .htaccess .map".split(" ")
)
_BACKUP = re.compile(
    r"(~$|^#.*#$|\.(bak|orig|rej|swp|swo|swx|tmp|temp|old|sav|save|backup|part|crdownload)$)",
    re.IGNORECASE,
)
_ARTICLE_NAME = re.compile(
    r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>" + "|".join(LANGUAGES[1:]) + r"))?\.md$"
)
_YEAR = re.compile(r"^\d{4}$")
#: Slugs whose article URL would replace or shadow a generated page of the year folder.
RESERVED_SLUGS = frozenset({"index", "trang", "readme"})
#: Fields that only an article has; a static page that carries one is a misplaced article.
ARTICLE_ONLY_FIELDS = frozenset(
    "id status approval withdrawn type category unit date responds_to event spokesperson "
    "focus_areas attachments updates".split(" ")
)


@dataclass
class Classification:
    """The kind of every acceptable file (docs-relative POSIX path) and the refusals."""

    kinds: dict[str, Kind] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def published(self, src_uri: str) -> bool:
        return self.kinds.get(src_uri) in PUBLISHED_KINDS

    def of_kind(self, kind: Kind) -> list[str]:
        return sorted(uri for uri, k in self.kinds.items() if k is kind)


def asset_media_type(src_uri: str) -> str | None:
    """Media type of an editors' file the site may publish, or ``None`` if refused."""
    name = src_uri.rsplit("/", 1)[-1]
    if urlpolicy.unsafe_name(name) or _BACKUP.search(name):
        return None
    return ASSET_TYPES.get(os.path.splitext(name)[1].lower())


def classify(settings: Settings, reserved_roots: frozenset[str] = frozenset()) -> Classification:
    """Classify every file under the docs folder; symbolic links are never followed.

    ``reserved_roots`` are first path segments that belong to generated pages (listings,
    feeds, search): a static page there would collide with them.
    """
    result = Classification()
    docs_dir = settings.docs_dir
    for src_uri, path, is_link, is_file in _walk(docs_dir):
        display = f"{docs_dir.name}/{src_uri}"
        if is_link:
            result.issues.append(_refusal(display, "symlink"))
            continue
        if not is_file:  # a named pipe or a device: reading it could block the build
            result.issues.append(_refusal(display, "special"))
            continue
        if any(part.startswith(".") for part in src_uri.split("/")):
            result.kinds[src_uri] = Kind.PRIVATE  # MkDocs never publishes dot files
            continue
        kind, found = _classify_file(settings, src_uri, path, display, reserved_roots)
        result.issues.extend(found)
        if kind is not None:
            result.kinds[src_uri] = kind
    result.issues = issue.sort(result.issues)
    return result


def _walk(docs_dir: Path) -> Iterator[tuple[str, Path, bool, bool]]:
    """(docs path, path, is a symbolic link, is a regular file) of every file, and of every
    linked folder (never followed): folder by folder from the top, names sorted, as
    ``os.walk`` orders them. One ``scandir`` per folder, no ``stat`` per file."""
    if not docs_dir.is_dir():
        return
    pending = [("", str(docs_dir))]
    while pending:
        rel, folder = pending.pop()
        try:
            with os.scandir(folder) as found:
                entries = list(found)
        except OSError:
            continue  # an unreadable folder: os.walk skips it too
        names: list[tuple[str, bool, bool]] = []
        folders: list[str] = []
        for entry in entries:
            try:
                is_dir, is_link = entry.is_dir(), entry.is_symlink()
                is_file = entry.is_file(follow_symlinks=False)
            except OSError:
                is_dir, is_link, is_file = False, True, False
            if is_dir and not is_link:
                folders.append(entry.name)
            else:
                names.append((entry.name, is_link, is_file))
        for name, is_link, is_file in sorted(names):
            src_uri = f"{rel}{name}"
            yield src_uri, docs_dir / src_uri, is_link, is_file
        pending.extend(
            (f"{rel}{name}/", os.path.join(folder, name)) for name in sorted(folders, reverse=True)
        )


def _classify_file(
    settings: Settings, src_uri: str, path: Path, display: str, reserved: frozenset[str]
) -> tuple[Kind | None, list[Issue]]:
    name = src_uri.rsplit("/", 1)[-1]
    lower = name.lower()
    suffix = os.path.splitext(lower)[1]
    theme_root = settings.theme_assets_dir + "/"
    if _BACKUP.search(name):
        return None, [_refusal(display, "backup")]
    if urlpolicy.unsafe_name(src_uri):  # any file: its path becomes a URL in attributes
        return None, [_refusal(display, "characters")]
    if suffix in MARKDOWN_SUFFIXES or lower.endswith(".md"):
        if not name.endswith(".md") or suffix != ".md":
            return None, [_refusal(display, "markdown_name")]
        return _classify_markdown(settings, src_uri, path, display, reserved)
    if src_uri.lower().startswith(theme_root.lower()):
        if src_uri.startswith(theme_root) and suffix in THEME_SUFFIXES:
            return _checked_svg(Kind.THEME, path, display) if suffix == ".svg" else (Kind.THEME, [])
        return None, [_refusal(display, "theme")]
    if suffix in MARKUP_SUFFIXES:
        return None, [_refusal(display, "markup")]
    if suffix not in ASSET_TYPES:
        return None, [_refusal(display, "type")]
    return _checked_svg(Kind.ASSET, path, display) if suffix == ".svg" else (Kind.ASSET, [])


def _checked_svg(kind: Kind, path: Path, display: str) -> tuple[Kind | None, list[Issue]]:
    problem = svgcheck.check(path.read_bytes())
    if problem is None:
        return kind, []
    return None, [issue.make(display, problem.line, "E032", detail=problem.detail)]


def _classify_markdown(
    settings: Settings, src_uri: str, path: Path, display: str, reserved: frozenset[str]
) -> tuple[Kind | None, list[Issue]]:
    parts = src_uri.split("/")
    articles = settings.articles_dir
    if parts[0] == articles:
        match = _ARTICLE_NAME.match(parts[-1])
        if len(parts) != 3 or not _YEAR.match(parts[1]):
            return None, [_refusal(display, "article_place")]
        if match is None:
            return None, [_refusal(display, "article_name")]
        if match.group("slug") in RESERVED_SLUGS:
            url = f"/{parts[0]}/{parts[1]}/{match.group('slug')}/"
            return None, [issue.make(display, 1, "E033", url=url, generated=f"/{articles}/<năm>/")]
        return Kind.ARTICLE, []
    if parts[0].lower() == articles.lower():
        return None, [_refusal(display, "article_place")]
    if parts[0] in reserved or parts[0] in LANGUAGES:
        return None, [_refusal(display, "static_place")]
    return _classify_static_page(settings, path, display)


def _classify_static_page(
    settings: Settings, path: Path, display: str
) -> tuple[Kind | None, list[Issue]]:
    """A static page must be UTF-8, with strict front-matter (if any) and no article fields."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, [_refusal(display, "encoding")]
    except OSError:
        return None, [_refusal(display, "unreadable")]
    if not text.lstrip("\ufeff").startswith("---"):
        return Kind.PAGE, []
    front_matter, found = parsing.parse(text, display)
    if front_matter is None:
        return (None, found) if any(i.code != "E002" for i in found) else (Kind.PAGE, [])
    misplaced = sorted(ARTICLE_ONLY_FIELDS.intersection(map(str, front_matter.data)))
    if misplaced:
        line = front_matter.line(misplaced[0])
        fields = ", ".join(misplaced)
        return None, [
            issue.make(display, line, "E031", fields=fields, articles=settings.articles_dir)
        ]
    return Kind.PAGE, []


def _refusal(display: str, reason: str) -> Issue:
    return issue.make(display, 1, "E030", reason=REASONS[reason])
