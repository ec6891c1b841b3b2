"""Hook: write the Pagefind search bundle once every language is built.

static-i18n builds English inside the Vietnamese ``on_post_build`` (priority -100); this hook
runs below it (-150) and only in the outermost pass, so both languages' pages are on disk and
the index is written once. The preview server (``mkdocs serve``) skips it: drafts must never
reach an index, and indexing on every reload would be slow.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from newsroom.outputs import search, search_bundle
from newsroom.site import build

log = get_plugin_logger("newsroom")
#: The folded copies of pages already read by an earlier build (newsroom.common.cache).
SEARCH_CACHE = "search.pickle"


@event_priority(-150)  # after static-i18n has built every language
def on_post_build(config) -> None:
    if not build.is_final_pass(config):
        return
    state = build.state()
    if state.preview:
        log.info("Tìm kiếm: bỏ qua khi xem trước / search index skipped in preview")
        return
    site_dir = Path(config.site_dir)
    chosen = search.documents(site_dir, state.site.corpus, state.site.registries)
    try:
        report = search.write_index(
            site_dir, chosen, state.store(SEARCH_CACHE), state.store(search_bundle.BUNDLE_CACHE)
        )
    except search.IndexerError as exc:
        raise PluginError(f"Tìm kiếm / search: {exc}") from exc
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
        f"{report.seconds:.1f} s" + (", chỉ mục dùng lại / index reused" if report.reused else "")
    )
