"""Hook: wait for the Pagefind runs ``hooks/search.py`` started and write the search bundle.

It runs last (-225): the hooks writing the last files (-200) ran while Pagefind indexed the
last language; the incremental record (-250) needs its report. A language whose index was
not started yet (static-i18n's order unknown) is indexed here.
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from newsroom.outputs import search, search_finish, search_passes
from newsroom.site import build, incremental

log = get_plugin_logger("newsroom")


@event_priority(-225)  # after static-i18n and the hooks writing the last files (-200)
def on_post_build(config) -> None:
    """Wait for Pagefind and write the bundle, last: the hooks before it ran while Pagefind
    indexed the last language (the incremental record, -250, needs the report)."""
    if not build.is_final_pass(config):
        return
    state = build.state()
    if state.preview:
        log.info("Tìm kiếm: bỏ qua khi xem trước / search index skipped in preview")
        return
    site_dir = Path(config.site_dir)
    jobs = search_passes.jobs(state)
    done = {job.lang for job in jobs}
    try:
        for lang, documents in search_passes.documents_by_language(site_dir, state, done).items():
            jobs.extend(search_passes.start(state, lang, documents))
        bundles = search_passes.bundles(state)
        started = state.memo.get(search_passes.STARTED, time.perf_counter())
        earlier = search_passes.earlier(state)
        report = search_finish.finish_index(
            site_dir,
            search_passes.settled(state),
            bundles,
            started,
            search_passes.runs(state),
            earlier,
        )
    except search.IndexerError as exc:
        raise PluginError(f"Tìm kiếm / search: {exc}") from exc
    state.memo[incremental.SEARCH] = report.made_from  # for the next incremental build
    if bundles is not None and state.complete:  # it used every index it needs
        bundles.prune()
    if report.unchanged:  # left as the last build wrote them: this build's files
        state.outputs |= search_passes.bundle_files(state.site_before, report.unchanged)
    for url in report.missing_body:
        log.warning(f"Tìm kiếm: trang /{url} thiếu data-pagefind-body / page not indexed")
    if report.rechunk_skipped:
        log.warning(
            "Tìm kiếm: giữ cách chia chỉ mục của Pagefind / index chunks left as Pagefind "
            f"wrote them ({report.rechunk_skipped}); first queries download more"
        )
    pages = ", ".join(f"{lang}: {count}" for lang, count in sorted(report.pages.items()))
    log.info(
        f"Tìm kiếm / search: {pages or '0'} trang, {report.bytes_on_disk / 1e6:.1f} MB, "
        f"{report.seconds:.1f} s, {report.indexed}/{report.shards} chỉ mục lập lại / indexes made"
        + (", chỉ mục dùng lại / index reused" if report.reused else "")
        + (f", {report.early} soạn trong lúc dựng / staged while rendering" if report.early else "")
        + (f", {report.beside} ghi song song / written alongside" if report.beside else "")
    )
