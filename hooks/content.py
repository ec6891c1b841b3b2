"""Hook: load and check all content, then decide which article pages exist.

Runs before static-i18n (priority -100) so that it sees both languages' files; an article
without a public page (draft, in review, scheduled) is removed from ``Files`` here and so
from every output, together with the files only such articles use (a draft's attachment).
In ``mkdocs serve`` they stay, under a banner (hooks/pages.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils import clean_directory
from newsroom.common import cache, collector
from newsroom.common.clock import ClockError
from newsroom.content import loading
from newsroom.content.classify import Kind
from newsroom.content.registries import RegistryError
from newsroom.site import build, incremental, sitedir

log = get_plugin_logger("newsroom")


def on_startup(command: str, dirty: bool) -> None:
    build.set_command(command, dirty)
    if build.may_keep_pages():
        # MkDocs warns that a dirty build may leave stale pages and links; this one does
        # not (newsroom.site.incremental), and a strict build would stop on the warning.
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def on_shutdown() -> None:
    """``mkdocs serve`` stops: write the content cache the rebuilds kept in memory."""
    loading.save_kept()


@event_priority(50)  # before static-i18n rewrites the config for the language being built
def on_config(config):
    """Scan the content once per build: the nested language passes reuse the first scan.

    static-i18n runs the whole build again for English inside the Vietnamese
    ``on_post_build``; that nested pass (``build.is_final_pass`` false) takes the Site the
    outer pass loaded, when the config file and the clock are the same. Every outer pass
    (each ``mkdocs build``, each ``mkdocs serve`` rebuild) scans again.
    """
    collector.tune()  # before the model is loaded (newsroom build tuned it before loading)
    try:
        settings = build.settings_from(config)
        key = build.scan_key(config)
        state = build.reuse(key) if not build.is_final_pass(config) else None
        if state is None:
            folder = build.cache_dir(config)
            # the preview and newsroom build note what they read before reading it
            # (hooks/preview.py, newsroom.site.incremental)
            noted = build.is_dirty_preview() or bool(build.incremental_build())
            handed = build.take_handed_over(settings)
            if handed is not None:  # newsroom build loaded it a moment ago
                site, read = handed.site, (handed.sources_read if noted else None)
            else:
                read = cache.stat_listing(settings.docs_dir) if noted else None
                site = loading.load(settings, cache_dir=folder, keep=build.is_preview())
            state = build.start(site, key, folder)
            state.partial = build.is_dirty_preview() and not build.inputs_changed(config, settings)
            state.sources_read = read
            if build.may_keep_pages():
                _keep_pages(state, config, handed.site_before if handed else None)
            if not state.preview:  # the model is loaded and lives as long as the build
                collector.settle()
    except (RegistryError, ClockError) as exc:
        raise PluginError(str(exc)) from exc
    if build.current_language(config) == "vi":  # report once, not once per language
        _report(state, stop=bool(config.strict) and not state.preview)
    return config


def _keep_pages(state: build.BuildState, config, checked: cache.Listing | None) -> None:
    """``newsroom build`` kept ``site/``: render only what changed when the last build's
    record was made from the same site-wide inputs (newsroom.site.incremental). ``checked``:
    the listing of ``site/`` the command found equal to the last build's record."""
    record = incremental.load(state.cache_dir)
    if record is not None and record.site_wide == build.incremental_build():
        state.record = record
        state.partial = True
        site_dir = Path(config.site_dir)
        # newsroom build found site/ to be this listing a moment ago; else list it again
        state.site_before = checked if checked is not None else cache.stat_listing(site_dir)


def on_pre_build(config) -> None:
    """A production build: the previous ``site/`` is deleted while this one is built (unless
    it renders only what changed: newsroom.site.incremental)."""
    if build.is_final_pass(config) and build.state().complete:
        build.state().cleaning = sitedir.set_aside(Path(config.site_dir))
        if build.may_keep_pages():  # MkDocs (--dirty) empties nothing: what is left, now
            clean_directory(config.site_dir)


@event_priority(-200)  # after every other hook, static-i18n's nested passes included
def on_post_build(config) -> None:
    """Once the last language is built, write the content cache files the build used."""
    if build.is_final_pass(config):
        build.state().save_stores()
        sitedir.finish(build.state().cleaning)


def _report(state: build.BuildState, stop: bool) -> None:
    """Print every issue; a strict build stops here, before anything is written.

    A lenient build (``mkdocs build --no-strict``, ``make serve``) goes on without whatever
    was refused: invalid articles and refused files are left out of every output.
    """
    reuse = state.site.corpus.cache_reuse
    if reuse is not None:
        log.info(f"Bộ nhớ đệm / content cache: {reuse[0]}/{reuse[1]} bài dùng lại / reused")
    language = state.settings.message_language
    found = state.site.corpus.issues
    for item in found:
        (log.error if item.is_error else log.warning)(item.format(language))
    errors = sum(1 for i in found if i.is_error)
    if errors and stop:
        raise PluginError(f"{errors} lỗi nội dung / content errors — xem ở trên / see above")


@event_priority(50)  # before static-i18n (-100), which needs the final set of files
def on_files(files: Files, config) -> Files:
    """Keep only what the content model allows (the allow-list), then decide article pages.

    A file of the docs folder is published only when the core classified it as an article,
    a static page, an asset or a theme asset; anything else (a symbolic link, a stray or
    backup file, raw HTML/JS, a refused SVG) was reported by the scan and is dropped here,
    in preview too. Files of the theme and pages generated by hooks are not docs files.
    """
    state = build.state()
    corpus = state.site.corpus
    docs_dir = os.path.realpath(config.docs_dir)
    private = set() if state.preview else corpus.private_files()
    folders: dict[str, bool] = {}  # each file's folder: the docs folder? (once per folder)
    for file in list(files):
        if file.generated_by:
            continue  # pages generated by hooks
        folder = file.src_dir or ""
        if folder not in folders:
            folders[folder] = os.path.realpath(folder) == docs_dir
        if not folders[folder]:
            continue  # theme files
        if not corpus.files.published(file.src_uri) or file.src_uri in private:
            files.remove(file)
            continue
        if corpus.files.kinds[file.src_uri] is not Kind.ARTICLE:
            continue
        entry = corpus.get(file.src_uri)
        visible = entry is not None and (state.preview or entry.visibility.has_public_page)
        if not visible:
            files.remove(file)
        else:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files
