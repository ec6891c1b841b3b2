"""Per-build state shared by the MkDocs hooks.

static-i18n runs the whole build once per language, and ``mkdocs serve`` rebuilds without
reloading hooks, so the state is replaced in every outer ``on_config`` and reused by the
nested language passes of the same build (see hooks/content.py).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar, cast

from mkdocs.structure.files import File, InclusionLevel

from ..common import clock
from ..common.cache import Listing, Store
from ..common.cache import folder as cache_folder
from ..content.loading import Site
from ..content.paths import other_language
from ..content.settings import DEFAULT_LANGUAGE, Settings
from .views import Cards

T = TypeVar("T")


@dataclass
class BuildState:
    site: Site
    preview: bool  # `mkdocs serve`: drafts and scheduled articles are shown under a banner
    #: (config file, build clock) of the scan: a nested language pass reuses it only when equal
    key: tuple[str, str] | None = None
    #: values computed once per build and shared by the language passes (listing pages, ...)
    memo: dict[Any, Any] = field(default_factory=dict)
    #: ``mkdocs serve --dirty`` with unchanged templates, config and registries: pages whose
    #: source did not change keep the previous preview build's HTML
    partial: bool = False
    cache_dir: Path | None = None  # the content cache (newsroom.common.cache), None when off
    #: generated listing pages of the language pass being built, by source path
    listing_pages: dict[str, Any] = field(default_factory=dict)
    #: every public page of both language passes, for the one sitemap (newsroom.outputs.sitemap)
    sitemap_entries: list[Any] = field(default_factory=list)
    #: each language's rendered 404 page, written to its own place after the last pass
    not_found_pages: dict[str, str] = field(default_factory=dict)
    #: the deletion of the previous build's ``site/`` running meanwhile (newsroom.site.sitedir)
    cleaning: threading.Thread | None = None
    #: ``make serve``: each docs file's ``cache.stat_listing`` entry, taken before the scan
    sources_read: Listing | None = None
    #: ``make serve``: the articles saved since the last build (rendered again whatever
    #: their modification time says)
    preview_changed: set[str] = field(default_factory=set)
    #: ``newsroom build`` (newsroom.site.incremental): the last build's record when this
    #: build renders only what changed, else ``None``
    record: Any = None
    #: every file of ``site/`` before this build (``cache.stat_listing``), when ``record``
    site_before: Listing = field(default_factory=dict)
    #: every output file of this build, relative to ``site/`` (rendered, copied or kept)
    outputs: set[str] = field(default_factory=set)
    #: article and listing pages of this build: (lang, source) → (key, output file)
    pages_now: dict[tuple[str, str], tuple[str | None, str]] = field(default_factory=dict)
    #: the pages of ``pages_now`` that MkDocs renders in this build
    rendered: set[tuple[str, str]] = field(default_factory=set)
    #: sitemap entry (or None) of each page rendered, and docs paths each article refers to
    sitemap_pages: dict[tuple[str, str], Any] = field(default_factory=dict)
    references: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def store(self, name: str) -> Store | None:
        """The cache file ``name``, shared by the language passes; saved by ``save_stores``."""
        if self.cache_dir is None:
            return None
        key = ("store", name)
        if key not in self.memo:
            self.memo[key] = Store(self.cache_dir / name)
        return self.memo[key]

    def once(self, key: Any, make: Callable[[], T]) -> T:
        """``make()``, computed the first time ``key`` is asked for in this build and kept
        for both language passes (``memo``)."""
        if key not in self.memo:
            self.memo[key] = make()
        return cast(T, self.memo[key])

    def cards(self) -> Cards:
        """Each article's card, made once for both language passes (``views.Cards``)."""
        return self.once("cards", lambda: Cards(self.site.registries))

    def save_stores(self) -> None:
        """Write every cache file used by this build (once, after the last language)."""
        for key, value in self.memo.items():
            if isinstance(key, tuple) and key[0] == "store":
                value.save()

    @property
    def settings(self) -> Settings:
        return self.site.settings

    @property
    def complete(self) -> bool:
        """A production build that renders every page (it does not keep ``site/``: no
        ``record``): it alone may delete the caches' entries it did not use."""
        return not self.preview and self.record is None


@dataclass
class Session:
    """What outlives one build: the MkDocs command of this process (``mkdocs serve`` runs
    many builds) and, for the preview, the digest of the inputs at its last build."""

    command: str = "build"
    dirty: bool = False
    site_wide: str = ""  # ``newsroom build``: the digest of what every page depends on
    inputs: str = ""  # digest of the templates, config and registries at the last preview build
    #: fingerprint of each generated page (by language and source path) at the last preview build
    generated: dict[tuple[str, str], str] = field(default_factory=dict)
    #: stat signature of each docs file at the last complete preview build
    sources: Listing = field(default_factory=dict)
    #: each article's listing digest by ``id``, with the article (hooks/listings.py)
    digests: dict[int, tuple[object, str]] = field(default_factory=dict)
    #: the preview folder kept across sessions (newsroom.site.preview_site), once taken
    held: Any = None
    tried: bool = False  # whether this process tried to take it
    preview_inputs: str = ""  # what its pages were built from, at the last build


_session = Session()
_state: BuildState | None = None  # the build in progress: replaced by every outer on_config
#: what ``newsroom build`` read in this process before running MkDocs (:func:`hand_over`)
_handed: HandedOver | None = None
#: ``site/`` as the incremental build in this process left it (:func:`hand_back`)
_handed_back: Listing | None = None


def set_command(command: str, dirty: bool = False) -> None:
    from . import incremental

    global _session
    site_wide = os.environ.get(incremental.ENV_VAR, "") if command == "build" else ""
    _session = Session(command, dirty, site_wide)


def incremental_build() -> str:
    """``newsroom build``'s site-wide digest (newsroom.site.incremental), or "" for any other
    build (``mkdocs build`` by hand, the release builder, the preview)."""
    return _session.site_wide


def may_keep_pages() -> bool:
    """``newsroom build`` asked MkDocs not to empty ``site/`` (``--dirty``)."""
    return bool(_session.site_wide) and _session.dirty


def generated_unchanged(lang: str, src_uri: str, fingerprint: str) -> bool:
    """True when the preview's last build made this generated page from the same data."""
    before = _session.generated.get((lang, src_uri))
    _session.generated[(lang, src_uri)] = fingerprint
    return before == fingerprint


def preview_folder(cache: Path | None) -> Any:
    """The preview folder this process holds (taken at its first build), or ``None``."""
    from . import preview_site  # the preview only

    if not _session.tried and cache is not None:
        _session.tried = True
        _session.held = preview_site.hold(cache)
    return _session.held


def restore_preview(sources: Listing, generated: dict[tuple[str, str], str]) -> None:
    """Start this process's preview from what an earlier session's last build left."""
    _session.sources, _session.generated = sources, generated


def preview_record() -> tuple[Listing, dict[tuple[str, str], str]]:
    """(source signatures, generated pages' fingerprints) of the last complete preview build."""
    return _session.sources, _session.generated


def swap_preview_inputs(value: str) -> str:
    """Note what this build's preview pages are built from; return the last build's."""
    before, _session.preview_inputs = _session.preview_inputs, value
    return before


def article_digests() -> dict[int, tuple[object, str]]:
    """Listing digests of the articles, kept by the preview across its builds."""
    return _session.digests


def remember_sources(signatures: Listing) -> None:
    """The preview now shows these versions of the sources."""
    _session.sources = signatures


def always_modified() -> bool:
    """A ``File.is_modified`` for a page rendered whatever the modification times say."""
    return True


def never_modified() -> bool:
    """A ``File.is_modified`` for a page kept as the last build wrote it (``--dirty``)."""
    return False


def is_dirty_preview() -> bool:
    """``mkdocs serve --dirty`` (``make serve``): only changed pages are rendered again."""
    return _session.command == "serve" and _session.dirty


def inputs_changed(config: Any, settings: Settings) -> bool:
    """True when the templates, ``mkdocs.yml`` or the registries changed since the last
    preview build of this process (then every page is rendered again), or on the first.

    Paths are resolved: ``mkdocs serve -f mkdocs.yml`` names the file as typed for its first
    build and by its absolute path for every rebuild (MkDocs reopens it by ``abspath``), and
    the name alone made the editor's first save render every page again."""
    digest = hashlib.sha256()
    # the project's templates (custom_dir); the installed theme changes only with the venv
    custom = getattr(config.theme, "custom_dir", None)
    folders = ([Path(custom)] if custom else []) + [settings.registries_path]
    paths = [Path(config.config_file_path).resolve()]
    for folder in folders:
        paths.extend(sorted(p for p in folder.resolve().rglob("*") if p.is_file()))
    for path in paths:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    changed = digest.hexdigest() != _session.inputs
    _session.inputs = digest.hexdigest()
    return changed


def is_preview() -> bool:
    return _session.command == "serve"


def start(site: Site, key: tuple[str, str] | None = None, cache: Path | None = None) -> BuildState:
    global _state
    _state = BuildState(site, is_preview(), key, cache_dir=cache)
    return _state


@dataclass(frozen=True)
class HandedOver:
    """What ``newsroom build`` read before running MkDocs in its own process."""

    site: Site
    #: the docs listing (``cache.stat_listing``) taken before ``site`` was loaded
    sources_read: Listing
    #: ``site/`` as the command found it, equal to the last build's record (an incremental
    #: build's "before"); ``None`` when the build is complete
    site_before: Listing | None = None


def hand_over(handed: HandedOver) -> None:
    """``newsroom build`` runs MkDocs in its own process, right after loading the project to
    fingerprint it: the build's first scan takes that project instead of scanning 10,000
    articles again, and an incremental build the listing of ``site/`` it checked."""
    global _handed, _handed_back
    _handed, _handed_back = handed, None


def take_handed_over(settings: Settings) -> HandedOver | None:
    """What :func:`hand_over` left, once, if the project was loaded with these settings at
    the build's moment; else ``None`` (the build scans as usual)."""
    global _handed
    handed, _handed = _handed, None
    if handed is None or handed.site.settings != settings:
        return None
    if handed.site.now != clock.now(settings.timezone):
        return None
    return handed


def hand_back(site_after: Listing) -> None:
    """The incremental build's last step listed ``site/`` as it leaves it (and deleted
    nothing after): ``newsroom build`` records that listing instead of taking another."""
    global _handed_back
    _handed_back = site_after


def take_handed_back() -> Listing | None:
    """What :func:`hand_back` left since the last :func:`hand_over`, once; else ``None``."""
    global _handed_back
    listing, _handed_back = _handed_back, None
    return listing


def scan_key(config: Any) -> tuple[str, str]:
    """What a scan depends on besides the files: the config file and the build's clock
    (``NEWSROOM_NOW``; empty for the wall clock, read once by the outer pass's scan)."""
    return str(Path(config.config_file_path).resolve()), os.environ.get(clock.ENV_VAR, "").strip()


def cache_dir(config: Any) -> Path | None:
    """``.cache/newsroom/`` beside ``mkdocs.yml`` (:func:`newsroom.common.cache.folder`)."""
    return cache_folder(Path(config.config_file_path))


def reuse(key: tuple[str, str]) -> BuildState | None:
    """The current state, when a nested language pass may take it over (same key)."""
    if _state is not None and _state.key == key and _state.preview == is_preview():
        return _state
    return None


def state() -> BuildState:
    if _state is None:
        raise RuntimeError("the newsroom content hook has not run on_config")
    return _state


def current_language(config: Any) -> str:
    """The language being built: static-i18n's current language, else the default."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or DEFAULT_LANGUAGE


def generated_page(
    config: Any, src_uri: str, content: str, lang: str, translation: str | None = None
) -> File:
    """A page the hooks generate for the pass of ``lang``, out of the navigation, carrying
    what static-i18n's language switch reads: its language and, if it has one, the address
    of its translation (else the switch leads to the other language's home). A generated
    page without them kept the switch of the page built before it."""
    file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    file.locale = file.locale_alternate_of = lang  # type: ignore[attr-defined]
    alternates: dict[str, Any] = {lang: file}
    if translation is not None:
        alternates[other_language(lang)] = SimpleNamespace(url=translation)
    file.alternates = alternates  # type: ignore[attr-defined]
    return file


def is_final_pass(config: Any) -> bool:
    """True in the outermost ``on_post_build``, once every language is built."""
    plugin = config.plugins.get("i18n")
    return not getattr(plugin, "building", False)


def settings_from(config: Any) -> Settings:
    return Settings.from_config(config, Path(config.config_file_path).resolve().parent)
