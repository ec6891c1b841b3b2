"""Hook: a page whose inputs did not change since an earlier build is not rendered again.

Its Markdown is not converted (the HTML, table of contents and title come from the cache
when every file its links resolved to is still where it was) and its template is not
rendered (the page HTML comes from the cache when the body, the navigation and every value
the hooks gave the template are the same). Keys and storage: ``newsroom.site.pagecache``. Off
with the rest of the content cache (``NEWSROOM_CACHE=off``).

A production pass also converts its Markdown and renders its templates from both ends: a
forked copy of the build fills the cache from the last page while the build goes from the
first (``newsroom.site.prerender``).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import InclusionLevel
from newsroom.content.classify import Kind
from newsroom.outputs import search_passes
from newsroom.site import build, pagecache, prerender

log = get_plugin_logger("newsroom")
#: Set on the template context when the page's HTML comes from the cache (overrides/main.html).
CACHED = "newsroom_cached"
#: The build memo's keys of the copies converting this pass's Markdown and rendering its
#: templates from the end, and of the pass's navigation (the templates' copy renders with it).
_PRERENDER = ("pagecache", "prerender")
_TEMPLATES = ("pagecache", "templates")
_NAV = ("pagecache", "nav")


@dataclass
class _Caches:
    site: str  # site_inputs(): what every page depends on
    markdown: pagecache.EntryStore
    pages: pagecache.EntryStore
    config: dict[str, str] = field(default_factory=dict)  # config_text() of each language pass

    def config_text(self, lang: str, config) -> str:
        if lang not in self.config:
            self.config[lang] = pagecache.config_text(config)
        return self.config[lang]


def _caches(config) -> _Caches | None:
    """The page caches of this build (shared by the language passes), None when off."""
    state = build.state()
    cache_dir = state.cache_dir
    if cache_dir is None:
        return None

    def make() -> _Caches:
        settings = state.settings
        custom = getattr(config.theme, "custom_dir", None)
        fixed = state.site.corpus.files.of_kind(Kind.PAGE)
        site = pagecache.site_inputs(
            Path(config.config_file_path),
            [Path(custom)] if custom else [],
            Path(__file__).resolve().parent,
            settings.registries_path,
            [settings.docs_dir / uri for uri in fixed],
            settings.docs_dir,
        )
        return _Caches(
            site,
            pagecache.EntryStore(cache_dir / "markdown"),
            pagecache.EntryStore(cache_dir / "pages", generation=site),
        )

    return state.once(("pagecache",), make)


class _CompiledTemplates(BytecodeCache):
    """Jinja templates compiled once per process, not once per build: static-i18n builds
    each language with a new environment and ``mkdocs serve`` makes one per rebuild (about
    60 templates, 1–2 s each time). Kept in memory only (never on disk, where compiled code
    could be planted); a template is compiled again when its source or the environment's
    syntax options differ."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, object]] = {}

    def get_bucket(self, environment: Environment, name: str, filename, source: str) -> Bucket:
        key = self.get_cache_key(name, filename) + _syntax(environment)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        stored = self._code.get(key)
        if stored is not None and stored[0] == bucket.checksum:
            bucket.code = stored[1]  # type: ignore[assignment]
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)


def _syntax(env: Environment) -> str:
    """What changes the code Jinja compiles from the same source."""
    options = (
        sorted(env.extensions),
        env.block_start_string,
        env.variable_start_string,
        env.comment_start_string,
        env.line_statement_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.optimized,
        env.is_async,
        getattr(env.autoescape, "__qualname__", env.autoescape),
        getattr(env.finalize, "__qualname__", env.finalize),
    )
    return "|" + repr(options)


_COMPILED = _CompiledTemplates()


@event_priority(-10000)  # last: the pass's files and navigation are final
def on_nav(nav, config, files):
    """A production pass converts its pages' Markdown from both ends (``prerender``)."""
    state = build.state()
    if state.preview or _caches(config) is None:
        return nav
    state.memo[_NAV] = nav
    copy = prerender.start(config, files, _included(files))
    if copy is not None:
        state.memo[_PRERENDER] = copy
    return nav


def _included(files) -> list:
    """The pages MkDocs builds, in its order."""
    return list(files.documentation_pages(inclusion=InclusionLevel.is_included))


@event_priority(10000)  # first: where the build is, for the copy converting from the end
def on_pre_page(page, config, files):
    _reached(_PRERENDER, page)
    return page


# After the hooks that prepare the environment; before hooks/search.py (-5000) starts staging
# the pages this pass writes, which the templates' copy must never do.
@event_priority(-4000)
def on_env(env, config, files):
    """Every page is converted: the copy converting Markdown has ended; a production pass
    renders its templates from both ends (``prerender.start_templates``)."""
    _stop(_PRERENDER)
    _stop(_TEMPLATES)  # the last pass's (it ended when the build reached it)
    env.bytecode_cache = _COMPILED
    state = build.state()
    nav = state.memo.pop(_NAV, None)
    caches = _caches(config)
    if not state.preview and caches is not None and nav is not None:
        copy = prerender.start_templates(
            config,
            nav,
            _included(files),
            env,
            detach=partial(search_passes.forget_early, state),
            keep=partial(_keep, caches),
        )
        if copy is not None:
            state.memo[_TEMPLATES] = copy
    return env


def on_build_error(error) -> None:
    with contextlib.suppress(RuntimeError):  # the build failed before its state was made
        _stop(_PRERENDER)
        _stop(_TEMPLATES)


def _reached(copy_key: tuple[str, str], page) -> None:
    """The build is at ``page``: the copy going from the end stops before it."""
    copy = build.state().memo.get(copy_key)
    if copy is not None:
        copy.reached(page.file.src_uri)


def _stop(copy_key: tuple[str, str]) -> None:
    copy = build.state().memo.pop(copy_key, None)
    if copy is not None:
        copy.stop()


@event_priority(-1000)  # after every plugin changed the Markdown text
def on_page_markdown(markdown: str, page, config, files) -> str:
    caches = _caches(config)
    if caches is None:
        return markdown
    lang = build.current_language(config)
    shown = caches.config_text(lang, config)
    name = pagecache.markdown_key(caches.site, shown, lang, page.file.src_uri, page.url, markdown)
    entry = caches.markdown.get(name)
    if isinstance(entry, pagecache.RenderedMarkdown) and pagecache.lookups_hold(entry, files):
        page.render = partial(_restore, page, entry)
    else:
        page.render = partial(_render, page, caches.markdown, name, page.render)
    return markdown


def _restore(page, entry: pagecache.RenderedMarkdown, config, files) -> None:
    _called(page)
    pagecache.restore(page, entry, files)


def _render(page, store: pagecache.EntryStore, name: str, render, config, files) -> None:
    _called(page)
    entry = pagecache.render_and_record(page, render, config, files)
    if entry is not None:
        store.put(name, entry)


def _called(page) -> None:
    """MkDocs converts a page once: the page lets go of the call set on it, and of the cache
    entry it holds (the body is kept compressed meanwhile: hooks/page_memory.py)."""
    vars(page).pop("render", None)


@event_priority(-1000)  # after every hook and plugin filled the context
def on_page_context(context, page, config, nav):
    _reached(_TEMPLATES, page)
    caches = _caches(config)
    if caches is None:
        return context
    lang = build.current_language(config)
    shown = caches.config_text(lang, config)
    name = pagecache.page_key(caches.site, lang, page, context, shown, config.extra)
    html = caches.pages.get(name) if name else None
    if isinstance(html, str):
        context[CACHED] = html
        name = None  # nothing to store after rendering
    page.newsroom_page_key = name
    return context


@event_priority(1000)  # the template's output, before any hook changes it
def on_post_page(output: str, page, config) -> str:
    caches = _caches(config)
    if caches is not None:
        _keep(caches, page, output)
    return output


def _keep(caches: _Caches, page, output: str) -> None:
    """Store the template's output of ``page`` under the key its context had (none when
    it came from the cache or cannot be keyed)."""
    name = getattr(page, "newsroom_page_key", None)
    if name:  # most pages are articles: one of them teaches the dictionary
        article = build.state().site.corpus.get(page.file.src_uri) is not None
        caches.pages.put(name, output, typical=article)


@event_priority(-200)  # after static-i18n built every language
def on_post_build(config) -> None:
    """Report the reuse; a complete production build deletes the entries that neither it nor
    the last preview (``make serve``) used, so that both start fast next time. An incremental
    build (newsroom.site.incremental) looks up only the pages it renders: the entries of the
    pages it keeps are still theirs, and deleting them (16,000 files at 10,000 articles, 3 s)
    would make the next complete build render every page again. The entries it replaced go
    with the next complete build (the date is site-wide: the next day's first build at the
    latest)."""
    if not build.is_final_pass(config):
        return
    _stop(_TEMPLATES)
    caches = _caches(config)
    if caches is None:
        return
    pages, markdown = caches.pages, caches.markdown
    log.info(
        f"Trang dùng lại / pages reused: {pages.reused}/{pages.hits + pages.misses}, "
        f"Markdown {markdown.reused}/{markdown.hits + markdown.misses}; "
        f"dựng song song / built alongside: {pages.alongside}, Markdown {markdown.alongside}"
    )
    state = build.state()
    for store in (pages, markdown):
        if state.preview:
            store.remember("serve", extend=state.partial)
        elif state.complete:
            store.prune(keep="serve")
