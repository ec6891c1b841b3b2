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


@event_priority(10)  # before the feeds (0) and static-i18n (-100), which builds the next language
def on_post_build(config) -> None:
    """The language of this pass is on disk: its index is started now."""
    state = build.state()
    if state.preview:
        return
    order = list(getattr(config.plugins.get("i18n"), "build_languages", None) or [])
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


def on_build_error(error) -> None:
    """A failed build stops the indexing it started (no Pagefind left running)."""
    try:
        state = build.state()
    except RuntimeError:  # the build failed before the content hook made its state
        return
    search_passes.stop(state)
