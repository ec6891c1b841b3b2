"""Hook: what ``make serve`` (``mkdocs serve --dirty``) builds again, and where.

- After a save, MkDocs gets only the saved articles and those their links need
  (``newsroom.site.preview``); the content hook took the sources' stat signatures before
  reading them (``BuildState.sources_read``).
- The pages are written to the preview folder kept from one session to the next
  (``newsroom.site.preview_site``), so that a new session renders only what changed.
- A save is noticed by inotify where the kernel reports every write to ``docs/``
  (``newsroom.site.watching``): MkDocs' own polling stats every file twice a second.

``on_config`` runs after the content hook loaded the site (50) and before static-i18n reads the
site folder for the language being built (-100); ``on_files`` after the content hook's
allow-list (50) and before static-i18n makes each language's files (-100).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from newsroom.content.classify import Kind
from newsroom.site import (
    build,
    incremental,
    pagecache,
    preview,
    preview_site,
    uptodate,
    watching,
)

log = get_plugin_logger("newsroom")
#: Build memo keys: what the pages are built from; the articles handed to MkDocs.
_INPUTS, _KEPT = ("preview", "inputs"), ("preview", "articles")
#: The inotify observer watching ``docs/`` during ``mkdocs serve`` (stopped at its end).
_observers: list[Any] = []


@event_priority(40)
def on_config(config):
    if not build.is_dirty_preview() or not build.is_final_pass(config):
        return config
    state = build.state()
    held = build.preview_folder(state.cache_dir)
    if held is None:
        return config  # MkDocs' temporary folder, as before
    config.site_dir = str(held.site)
    custom = getattr(config.theme, "custom_dir", None)
    every_page = pagecache.site_inputs(
        Path(config.config_file_path),
        [Path(custom)] if custom else [],
        Path(__file__).resolve().parent,
        state.settings.registries_path,
        [],  # static pages: rendered again by every preview build
        state.settings.docs_dir,
    )
    inputs = preview_site.inputs(every_page, str(config.site_url), uptodate.moment(state.site))
    before = build.swap_preview_inputs(inputs)
    state.memo[_INPUTS] = inputs
    if not before:  # this process's first build: start from the last session's pages
        restored = preview_site.restore(held, inputs)
        if restored is not None:
            build.restore_preview(*restored)
            state.partial = True
    else:
        preview_site.forget(held)
        if before != inputs:  # a template, a setting or the moment changed: every page
            state.partial = False
    return config


@event_priority(45)
def on_files(files: Files, config) -> Files:
    """A preview rebuild hands MkDocs only the articles ``newsroom.site.preview`` keeps; an
    incremental production build those ``newsroom.site.incremental`` keeps (the others keep
    the pages the last build wrote)."""
    state = build.state()
    if build.is_dirty_preview():
        kept = _kept_articles(state)
    elif build.incremental_build() and state.record is not None:
        chosen = incremental.plan(state)
        kept = chosen.kept
        _keep_outputs(state, chosen)
    else:
        return files
    if kept is not None:
        for file in list(files):
            if file.src_uri not in kept and state.site.corpus.get(file.src_uri):
                files.remove(file)
    return files


def _keep_outputs(state: build.BuildState, chosen: incremental.Plan) -> None:
    """The pages of articles not handed to MkDocs stay as the last build wrote them."""
    if incremental.KEPT in state.memo:
        return  # once per build
    state.memo[incremental.KEPT] = True
    corpus = state.site.corpus
    for src, key in chosen.keys.items():
        if src not in chosen.kept:
            page = (corpus.entries[src].article.lang, src)
            dest = state.record.pages[page].dest
            state.outputs.add(dest)
            state.pages_now[page] = (key, dest)


def _kept_articles(state: build.BuildState) -> set[str] | None:
    """The articles of this build (once for both language passes); ``None``: all of them
    (the first build, or templates, config, registries or the moment changed)."""
    if _KEPT in state.memo:
        return state.memo[_KEPT]
    kept = None
    if state.partial and state.sources_read is not None:
        corpus = state.site.corpus
        articles = set(corpus.files.of_kind(Kind.ARTICLE))
        saved = preview.changed(state.sources_read, build.preview_record()[0]) & articles
        state.preview_changed = saved
        rendered = saved | set(corpus.files.of_kind(Kind.PAGE))
        texts = {src: preview.source_text(state.settings.docs_dir / src) for src in rendered}
        kept = preview.kept_articles(saved, texts, articles)
        log.info(
            f"xem trước: {len(kept)}/{len(articles)} bài qua MkDocs / "
            f"preview: {len(kept)} of {len(articles)} articles handed to MkDocs"
        )
    state.memo[_KEPT] = kept
    return kept


@event_priority(-250)  # after every other hook, static-i18n's nested passes included
def on_post_build(config) -> None:
    """The build is complete: the preview shows these versions of the sources."""
    if not build.is_dirty_preview() or not build.is_final_pass(config):
        return
    state = build.state()
    if state.sources_read is not None:
        build.remember_sources(state.sources_read)
    held = build.preview_folder(None)
    if held is not None and _INPUTS in state.memo:
        sources, generated = build.preview_record()
        preview_site.record(held, state.memo[_INPUTS], sources, generated)


def on_serve(server, config, builder):
    """Serve the preview folder (MkDocs made a temporary one before the first build), and
    watch ``docs/`` with inotify where it sees every save (``newsroom.site.watching``)."""
    held = build.preview_folder(None)
    if held is not None:
        server.root = str(held.site)
    observer, why = watching.watch_natively(server, Path(config.docs_dir))
    if observer is not None:
        _observers.append(observer)
        log.info("xem trước: theo dõi docs/ bằng inotify / watching docs/ with inotify")
    else:
        log.info(f"xem trước: dò docs/ định kỳ / polling docs/ ({why})")
    return server


def on_shutdown() -> None:
    while _observers:
        observer = _observers.pop()
        observer.stop()
        observer.join(timeout=5)
