"""Hook: ``make serve`` builds into the preview folder kept from one session to the next
(``newsroom.site.preview_site``), so that a new session renders only what changed.

Runs after the content hook loaded the site (50) and before static-i18n reads the site folder
for the language being built (-100).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from newsroom.site import build, pagecache, preview_site, uptodate

_INPUTS = ("preview", "inputs")  # the build memo's key of what the pages are built from


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


@event_priority(-250)  # after the content hook noted the sources of the complete build
def on_post_build(config) -> None:
    if not build.is_dirty_preview() or not build.is_final_pass(config):
        return
    held = build.preview_folder(None)
    if held is not None and _INPUTS in build.state().memo:
        sources, generated = build.preview_record()
        preview_site.record(held, build.state().memo[_INPUTS], sources, generated)


def on_serve(server, config, builder):
    """Serve the preview folder (MkDocs made a temporary one before the first build)."""
    held = build.preview_folder(None)
    if held is not None:
        server.root = str(held.site)
    return server
