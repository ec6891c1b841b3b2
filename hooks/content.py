"""Hook: load and check all content, then decide which article pages exist.

Runs before static-i18n (priority -100) so that it sees both languages' files; an article
without a public page (draft, in review, scheduled) is removed from ``Files`` here and so
from every output, together with the files only such articles use (a draft's attachment).
In ``mkdocs serve`` they stay, under a banner (hooks/pages.py).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from newsroom import build, site
from newsroom.clock import ClockError
from newsroom.registries import RegistryError

log = get_plugin_logger("newsroom")


def on_startup(command: str, dirty: bool) -> None:
    build.set_command(command)


@event_priority(50)  # before static-i18n rewrites the config for the language being built
def on_config(config):
    try:
        loaded = site.load(build.settings_from(config))
    except (RegistryError, ClockError) as exc:
        raise PluginError(str(exc)) from exc
    state = build.start(loaded)
    if build.current_language(config) == "vi":  # report once, not once per language
        _report(state)
    return config


def _report(state: build.BuildState) -> None:
    language = state.settings.message_language
    found = state.site.corpus.issues
    for item in found:
        (log.error if item.is_error else log.warning)(item.format(language))
    errors = sum(1 for i in found if i.is_error)
    if errors and not state.preview:
        raise PluginError(f"{errors} lỗi nội dung / content errors — xem ở trên / see above")


@event_priority(50)  # before static-i18n (-100), which needs the final set of files
def on_files(files: Files, config) -> Files:
    state = build.state()
    corpus = state.site.corpus
    root = state.settings.articles_dir + "/"
    private = set() if state.preview else corpus.private_files()
    for file in list(files):
        if file.src_uri in private:  # used only by unpublished articles
            files.remove(file)
            continue
        if not file.src_uri.startswith(root) or not file.is_documentation_page():
            continue
        entry = corpus.get(file.src_uri)
        visible = entry is not None and (state.preview or entry.visibility.has_public_page)
        if not visible:
            files.remove(file)
        else:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files
