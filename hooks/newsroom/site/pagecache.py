"""Rendered pages kept across builds, so that a page whose inputs did not change is not
rendered again (``hooks/pagecache.py`` wires it into MkDocs).

Two stages are cached, each under a SHA-256 key of everything its result depends on:

- **Markdown → HTML** (MkDocs' ``Page.render``): keyed by the site's fixed inputs, the page's
  language, file and URL and the Markdown text after every plugin changed it. The link
  resolution also depends on other files, so each entry records the files MkDocs looked up
  while rendering it (path → URL, or missing) and is used only when every lookup still gives
  the same answer. A page that logged a warning while rendering is never cached (a strict
  build must stop on it every time).
- **Template → page HTML**: keyed by the fixed inputs and by what the template reads of the
  page (body HTML, table of contents, title, metadata, URL, the language switch and every
  value the hooks put in the context, by value). A value whose printed form does not show its
  content (an object without ``repr``) makes the page uncacheable, never a false hit.

The fixed inputs (:func:`site_inputs`) are the config file, the templates, the hooks and this
package's code, the installed MkDocs/Material/static-i18n/Markdown versions, the registries,
every page that is not an article (the navigation shows their titles) and the theme assets.

Entries are files in one folder, each sealed with the machine's cache secret (``cache.py``)
over its key and its bytes, so a cache committed to a repository or an entry renamed to
another key is ignored; a symbolic link in place of the folder disables the cache. The page
store compresses its entries against a page it learned first (``page_dictionary``).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import pickle
import re
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.cache import (
    code_version,
    files_digest,
    is_opaque,
    key,
    package_versions,
    read_regular,
    remove_stale_copies,
    seal,
    stable_repr,
)
from . import markdown_render, page_dictionary

_FORMAT = b"newsroom-page-2\n"
_KEY_NAME = re.compile(r"^[0-9a-f]{64}$")
_DICTIONARY_NAME = re.compile(rf"^{page_dictionary.PREFIX}[0-9a-f]{{1,32}}$")
#: The list of entries the last build of a kind (``build``, ``serve``) used: ``keep-<kind>``.
_KEEP = "keep-"
#: The template context MkDocs itself fills: derived from the config, the navigation and the
#: page, which the key covers otherwise (``pages`` is every page and is not shown).
STANDARD_CONTEXT = frozenset(
    {
        "nav",
        "pages",
        "base_url",
        "extra_css",
        "extra_javascript",
        "mkdocs_version",
        "build_date_utc",
        "config",
        "page",
        "i18n_config",
    }
)
#: Environment settings that reach pages only through values the keys already hold.
UNKEYED_ENV = frozenset({"NEWSROOM_NOW", "NEWSROOM_CACHE", "NEWSROOM_CACHE_SECRET_FILE"})
#: Config values the templates and Markdown read, per language pass (static-i18n changes some).
SHOWN_CONFIG = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "extra_css",
    "extra_javascript",
    "use_directory_urls",
    "markdown_extensions",
    "mdx_configs",
)
#: Page metadata the templates never read (the sitemap's list of a listing's articles).
UNSHOWN_META = frozenset({"newsroom_articles"})


#: The name a temporary copy in an entry folder starts with (``EntryStore.remember``).
_TEMPORARY = ".tmp-"


class EntryStore:
    """A folder of sealed, compressed entries; ``prune`` deletes what a build did not use.

    With a ``generation`` (the digest of what every key holds), entries are compressed
    against a dictionary learned from the first large one (``page_dictionary``)."""

    def __init__(self, folder: Path, generation: str = "") -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = self.misses = 0
        #: hits on entries written since the store was opened: by a copy of this build
        #: working from the other end (``prerender``), not by an earlier build
        self.alongside = 0
        self.opened_ns = time.time_ns()
        self.enabled = _prepare(folder)
        self._dictionary = (
            page_dictionary.Dictionary(folder, generation, _TEMPORARY)
            if self.enabled and generation
            else None
        )

    def get(self, name: str) -> Any | None:
        if not self.enabled:
            return None
        try:
            data = read_regular(self.folder / name)
            value = self._open(name, data) if data is not None else None
        except (OSError, ValueError, zlib.error, pickle.UnpicklingError, EOFError):
            value = None
        except Exception:  # an entry of another version of the code: no entry
            value = None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(name)
        with contextlib.suppress(OSError):
            if os.stat(self.folder / name, follow_symlinks=False).st_mtime_ns >= self.opened_ns:
                self.alongside += 1
        return value

    @property
    def reused(self) -> int:
        """Hits on entries an earlier build wrote."""
        return self.hits - self.alongside

    def put(self, name: str, value: Any, typical: bool = True) -> None:
        """Write one entry; a failure only costs the next build time. A ``typical`` value
        may teach the store's dictionary (``page_dictionary``) when it has none yet.

        Written in place, not through a temporary file and a rename (a seventh of the time:
        the build writes one entry per page and stage): the seal covers the whole entry, so
        a half-written or interleaved one is no entry. Never through a symbolic link planted
        at its name."""
        if not self.enabled:
            return
        self.used.add(name)
        try:
            raw = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            if self._dictionary is not None:
                if typical:
                    self._dictionary.learn(raw)
                payload = self._dictionary.compress(raw)
            else:
                payload = page_dictionary.plain_compress(raw)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
            with os.fdopen(os.open(self.folder / name, flags, 0o644), "wb") as out:
                out.write(_FORMAT + seal(name.encode() + payload) + payload)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return

    def _open(self, name: str, data: bytes) -> Any | None:
        if not data.startswith(_FORMAT):
            return None
        body = data[len(_FORMAT) :]
        check, payload = body[:32], body[32:]
        if not hmac.compare_digest(seal(name.encode() + payload), check):
            return None  # not written by this machine's builds, or moved to another key
        if self._dictionary is not None:
            raw = self._dictionary.decompress(payload)
        else:
            raw = page_dictionary.plain_decompress(payload)
        return pickle.loads(raw) if raw is not None else None

    def remember(self, kind: str, extend: bool) -> None:
        """Note the entries this build used as those of the last ``kind`` build (a preview
        rebuild after a save uses only a few: ``extend`` adds them to the earlier list)."""
        if not self.enabled:
            return
        names = self._in_use() | (self._remembered(kind) if extend else set())
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=_TEMPORARY)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write("".join(f"{name}\n" for name in sorted(names)))
            os.replace(tmp, self.folder / f"{_KEEP}{kind}")
        except OSError:
            return

    def _remembered(self, kind: str) -> set[str]:
        try:
            text = (read_regular(self.folder / f"{_KEEP}{kind}") or b"").decode("ascii")
        except UnicodeDecodeError:
            return set()
        return {
            name for name in text.split() if _KEY_NAME.match(name) or _DICTIONARY_NAME.match(name)
        }

    def _in_use(self) -> set[str]:
        """The entries this build used, and the dictionary it compresses against."""
        if self._dictionary is None:
            return set(self.used)
        return self.used | {self._dictionary.path.name}

    def prune(self, keep: str = "") -> int:
        """Delete the entries and dictionaries neither this build nor the last ``keep`` build
        used (a production build keeps the preview's pages and their dictionary: the
        preview's keys differ), and the temporary copies a killed build left
        (``cache.remove_stale_copies``: not one another build is writing now)."""
        if not self.enabled:
            return 0
        removed = remove_stale_copies(self.folder, _TEMPORARY)
        kept = self._in_use() | (self._remembered(keep) if keep else set())
        try:
            names = os.listdir(self.folder)
        except OSError:
            return removed
        for name in names:
            if name in kept or not (_KEY_NAME.match(name) or _DICTIONARY_NAME.match(name)):
                continue
            try:
                os.unlink(self.folder / name)
                removed += 1
            except OSError:
                pass
        return removed


def _prepare(folder: Path) -> bool:
    """Make the folder; a symbolic link anywhere on the way disables the store."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return not folder.is_symlink() and folder.is_dir()


# ---- keys ---------------------------------------------------------------------------------


def site_inputs(
    config_file: Path,
    template_dirs: Iterable[Path],
    hook_dir: Path,
    registries: Path,
    fixed_sources: Iterable[Path],
    docs_dir: Path,
) -> str:
    """What every page depends on besides its own data (see the module docstring)."""
    digest = hashlib.sha256()
    parts = [
        code_version(),
        package_versions("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown"),
        package_versions("pymdown-extensions", "Jinja2", "MarkupSafe"),
        config_file.read_bytes().decode("utf-8", "surrogateescape"),
        files_digest(registries),
        files_digest(docs_dir / "assets"),
    ]
    parts += [files_digest(folder) for folder in template_dirs]
    parts += [_file_bytes(path) for path in sorted(hook_dir.glob("*.py"))]
    for path in sorted(fixed_sources):
        parts.append(path.relative_to(docs_dir).as_posix())
        parts.append(_file_bytes(path))
    for var in sorted(os.environ):  # settings by environment (the build's clock excepted:
        if var.startswith("NEWSROOM_") and var not in UNKEYED_ENV:  # it acts through content)
            parts.append(f"{var}={os.environ[var]}")
    digest.update(key(*parts).encode())
    return digest.hexdigest()


def _file_bytes(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "surrogateescape")
    except OSError:
        return "missing"


def config_text(config: Mapping[str, Any]) -> str:
    """The config values pages show (``SHOWN_CONFIG``) and the theme's, by value: the same
    for every page of a language pass. ``extra`` is not here: static-i18n changes its
    language switch for every page (:func:`page_key` takes it)."""
    shown = [(name, config.get(name)) for name in SHOWN_CONFIG]
    return stable_repr(shown) + stable_repr(sorted(dict(config["theme"]).items()))


def markdown_key(site: str, config: str, lang: str, src_uri: str, url: str, text: str) -> str:
    return key("markdown", site, config, lang, src_uri, url, text)


def page_key(
    site: str,
    lang: str,
    page: Any,
    context: Mapping[str, Any],
    config: str,
    extra: Any,
) -> str | None:
    """The key of a page's template output, or ``None`` when a value cannot be keyed."""
    meta = {k: v for k, v in (page.meta or {}).items() if k not in UNSHOWN_META}
    shown = {k: v for k, v in context.items() if k not in STANDARD_CONTEXT}
    parts = [
        stable_repr(sorted(meta.items(), key=lambda kv: str(kv[0]))),
        stable_repr(sorted(shown.items())),
        config,
        stable_repr(extra),
        stable_repr(sorted(_attributes_set(extra).items())),
    ]
    if any(is_opaque(part) for part in parts):
        return None
    return key(
        "page",
        site,
        lang,
        page.file.src_uri,
        page.url,
        str(page.title),
        page.content or "",
        toc_text(page.toc),
        *parts,
    )


def _attributes_set(extra: Any) -> dict[str, Any]:
    """The attributes plugins set on ``config.extra`` beside its keys (static-i18n's language
    switch, ``extra.alternate``, per page): a template reads such an attribute before the key
    of the same name."""
    own = getattr(extra, "__dict__", {})
    return {k: v for k, v in own.items() if not k.startswith("_") and k not in _CONFIG_OWN}


#: What a MkDocs config object holds as attributes of its own (not set by plugins).
_CONFIG_OWN = frozenset({"data", "config_file_path"})


def toc_text(toc: Iterable[Any]) -> str:
    """The table of contents by value: title, anchor, level and children of every entry."""
    out: list[str] = []

    def walk(items: Iterable[Any], depth: int) -> None:
        for item in items:
            out.append(f"{depth}\0{item.level}\0{item.id}\0{item.title}")
            walk(item.children, depth + 1)

    walk(toc or (), 0)
    return "\n".join(out)


# ---- the Markdown stage -------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedMarkdown:
    """What ``Page.render`` leaves on the page, and the file lookups it depended on."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    #: links to anchors (of this page or others), checked by MkDocs once every page is read
    anchor_links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    lookups: tuple[tuple[str, tuple[str, str] | None], ...]


class RecordingFiles:
    """MkDocs' ``Files`` for one page's rendering, noting every path looked up and what was
    found (MkDocs resolves links with ``get_file_from_path`` only)."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.lookups: dict[str, tuple[str, str] | None] = {}

    def get_file_from_path(self, path: str) -> Any:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = _identity(found)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)

    def __iter__(self) -> Any:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _identity(found: Any) -> tuple[str, str] | None:
    return None if found is None else (found.src_uri, found.url)


def lookups_hold(entry: RenderedMarkdown, files: Any) -> bool:
    """True when every file the cached rendering looked up resolves as it did then."""
    return all(_identity(files.get_file_from_path(p)) == found for p, found in entry.lookups)


class WarningCount(logging.Handler):
    """The warnings MkDocs' loggers log from ``counting()`` until ``stop()``: a page that
    warns while it is rendered is never cached (a strict build must stop on it every time)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    @classmethod
    def counting(cls) -> WarningCount:
        counter = cls()
        logging.getLogger("mkdocs").addHandler(counter)
        return counter

    def stop(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def render_and_record(
    page: Any, render: Callable[..., None], config: Any, files: Any
) -> RenderedMarkdown | None:
    """Render as MkDocs' own method does (with one converter per process:
    ``markdown_render``); the result, unless something was logged as a warning."""
    recorder = RecordingFiles(files)
    counter = WarningCount.counting()
    try:
        if markdown_render.ENABLED:
            markdown_render.render(page, config, recorder)
        else:
            render(config, recorder)
    finally:
        counter.stop()
    if counter.count:
        return None
    return RenderedMarkdown(
        content=page.content,
        toc=page.toc,
        title=page._title_from_render,
        anchors=frozenset(page.present_anchor_ids or ()),
        anchor_links=tuple(
            (target.src_uri, tuple(sorted(links.items())))
            for target, links in (page.links_to_anchors or {}).items()
        ),
        lookups=tuple(sorted(recorder.lookups.items())),
    )


def restore(page: Any, entry: RenderedMarkdown, files: Any) -> None:
    """Leave on the page what ``Page.render`` would have left."""
    page.content = entry.content
    page.toc = entry.toc
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors)
    page.links_to_anchors = {}
    for src_uri, links in entry.anchor_links:
        target = page.file if src_uri == page.file.src_uri else files.get_file_from_path(src_uri)
        if target is not None:  # looked up when rendered: lookups_hold() checked it is there
            page.links_to_anchors[target] = dict(links)
