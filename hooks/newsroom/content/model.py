"""The normalised article: what templates, feeds, search and reports read.

Instances come only from :mod:`newsroom.content.rules`, after every field was checked, so consumers
never re-validate or compute rules; they display.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

UPDATE_KINDS = ("update", "correction")
#: Media kinds an article may declare (``media:``), counted against the annual plan.
MEDIA_KINDS = ("infographic", "video", "audio")


@dataclass(frozen=True)
class Approval:
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class PressReport:
    """The press report that a ``phan-hoi-bao-chi`` answers."""

    outlet: str
    title: str
    url: str | None
    published: dt.datetime
    received: dt.datetime
    item: str | None = None  # id of the press-register item answered (docs/.bao-chi/)


@dataclass(frozen=True)
class Event:
    start: dt.datetime
    end: dt.datetime | None
    location: str
    online_url: str | None
    notice: str | None = None  # id of the notice article of the same conference


@dataclass(frozen=True)
class Withdrawal:
    at: dt.datetime
    reason: str


@dataclass(frozen=True)
class Update:
    at: dt.datetime
    note: str
    kind: str  # "update" or "correction"


@dataclass(frozen=True)
class Attachment:
    title: str
    src_uri: str  # docs-relative path of the file
    size: int
    media_type: str


@dataclass(frozen=True)
class Image:
    src_uri: str  # docs-relative path, or an absolute URL
    alt: str
    caption: str | None
    credit: str | None

    @property
    def external(self) -> bool:
        """An image on another site (``https://…``), not a file of the docs folder."""
        return "://" in self.src_uri


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None


def pack_body(body: str) -> bytes:
    """An article's body as the article keeps it: UTF-8, compressed.

    Every article of the site stays in memory for the whole build, and the bodies were most
    of it: at 10,000 articles 77 MB of text (Vietnamese takes 2 bytes a character in a Python
    string), plus 50 MB of UTF-8 copies that CPython keeps beside each non-ASCII string once
    it has been pickled (the content cache). Compressed, 8 MB (real text compresses less, 3 to
    4 times); reading every body back takes about 0.3 s, and a build reads them once or twice
    (link checks, files used only by unpublished articles).
    """
    return zlib.compress(body.encode("utf-8"), 1)


@dataclass(frozen=True)
class Article:
    """One article in one language (a translation carries its original's shared fields)."""

    src_uri: str  # docs-relative: tin-tuc/2026/slug.md or tin-tuc/2026/slug.en.md
    path: str  # as shown in messages: docs/tin-tuc/2026/slug.md
    lang: str
    id: str
    title: str
    summary: str
    date: dt.datetime
    type: str
    category: str
    unit: str
    status: str
    packed_body: bytes  # the Markdown body, as `pack_body` keeps it: read it as `body`
    body_line: int
    approval: Approval | None = None
    spokesperson: str | None = None
    responds_to: PressReport | None = None
    event: Event | None = None
    withdrawn: Withdrawal | None = None
    focus_areas: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    source: Source | None = None
    image: Image | None = None
    attachments: tuple[Attachment, ...] = ()
    updates: tuple[Update, ...] = ()
    legal_basis: tuple[str, ...] = ()
    featured: bool = False
    media: tuple[str, ...] = ()  # infographic, video, audio (MEDIA_KINDS)
    original_src_uri: str | None = None  # set on translations

    @property
    def body(self) -> str:
        """The Markdown body after the front-matter (NFC, ``\n`` line ends)."""
        return zlib.decompress(self.packed_body).decode("utf-8")

    @property
    def is_translation(self) -> bool:
        return self.original_src_uri is not None

    @property
    def slug(self) -> str:
        name = self.src_uri.rsplit("/", 1)[-1]
        return name.split(".", 1)[0]

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def url(self) -> str:
        """Site-relative URL with a trailing slash: ``tin-tuc/2026/slug/``, ``en/…``."""
        folder = self.src_uri.rsplit("/", 1)[0]
        prefix = "" if self.lang == "vi" else f"{self.lang}/"
        return f"{prefix}{folder}/{self.slug}/"

    def used_files(self) -> set[str]:
        """Docs paths of the files its front-matter names: attachments and a local image."""
        used = {a.src_uri for a in self.attachments}
        if self.image is not None and not self.image.external:
            used.add(self.image.src_uri)
        return used

    @property
    def updated(self) -> dt.datetime:
        """The newest public update or correction, else the first publication."""
        return max((u.at for u in self.updates), default=self.date)

    @property
    def sorted_updates(self) -> tuple[Update, ...]:
        """Updates newest first, as shown on the page and in feeds."""
        return tuple(sorted(self.updates, key=lambda u: u.at, reverse=True))

    @property
    def has_correction(self) -> bool:
        return any(u.kind == "correction" for u in self.updates)
