"""Hook: start the Pagefind search index of each language as soon as its pass is built.

static-i18n builds Vietnamese first, then English inside the Vietnamese ``on_post_build``
(priority -100). At the end of each language's pass (10, before the feeds and static-i18n), its
pages are on disk: they are staged and Pagefind indexes them, a year at a time in its own
processes (``search_shards``, ``pagefind_runs``), on the other core, while the next language
is built and the last hooks run. ``hooks/search_write.py`` waits for them and writes the
bundle. The preview server (``mkdocs serve``) skips both: drafts must never reach an index,
and indexing on every reload would be slow.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from newsroom.outputs import search_passes
from newsroom.site import build

log = get_plugin_logger("newsroom")


def _languages(config) -> list[str]:
    """static-i18n's order of the language passes ([] when unknown)."""
    return list(getattr(config.plugins.get("i18n"), "build_languages", None) or [])


@event_priority(-5000)  # after every other hook: the files this pass writes are known
def on_env(env, config, files):
    state = build.state()
    order = _languages(config)
    building = build.current_language(config)
    if state.preview or building not in order:
        return env
    written = [file.abs_dest_path for file in files.documentation_pages()]
    search_passes.begin_early(
        state, building, Path(config.site_dir), written, set(order) - {building}
    )
    return env


@event_priority(6000)  # first: MkDocs wrote the page before this one
def on_page_context(context, page, config, nav):
    early = search_passes.early(build.state())
    if early is not None:
        early.written()
    return context


@event_priority(-6000)  # last: MkDocs writes the page when this returns
def on_post_page(output: str, page, config) -> str:
    early = search_passes.early(build.state())
    if early is not None:
        early.writing(page.file.abs_dest_path)
    return output


@event_priority(10)  # before the feeds (0) and static-i18n (-100), which builds the next language
def on_post_build(config) -> None:
    """The language of this pass is on disk: its index is started now."""
    state = build.state()
    if state.preview:
        return
    order = _languages(config)
    building = build.current_language(config)
    if building not in order:
        return  # the order is unknown: everything is indexed after the last pass
    jobs = search_passes.jobs(state)
    if building in {job.lang for job in jobs}:
        return
    site_dir = Path(config.site_dir)  # static-i18n keeps it: languages differ by URL prefix
    others = set(order) - {building}
    for lang, documents in search_passes.documents_by_language(site_dir, state, others).items():
        jobs.extend(search_passes.start(state, lang, documents))
        log.debug(f"search: indexing '{lang}' once its pass is built")
    if building == order[-1]:
        search_passes.settled(state)  # before the content cache is saved (-200)


def on_build_error(error) -> None:
    """A failed build stops the indexing it started (no Pagefind left running)."""
    try:
        state = build.state()
    except RuntimeError:  # the build failed before the content hook made its state
        return
    search_passes.stop(state)
