"""Hook: the generated parts of the editors' guide.

The error-code page ``huong-dan/ma-loi.md`` (from the one message catalogue) and the field
tables of ``huong-dan/index.md`` (from the one schema) come from :mod:`newsroom.site.guide`, so
they cannot drift.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from newsroom.content.registries import Registries
from newsroom.content.settings import Settings
from newsroom.site import build, guide


@event_priority(-150)
def on_files(files: Files, config) -> Files:
    """Runs after static-i18n (-100), which would treat a generated page as "Unhandled".

    The guide is Vietnamese only, so the page exists in the default-language build only.
    """
    if build.current_language(config) != "vi" or files.get_file_from_path(guide.PAGE_URI):
        return files
    files.append(build.generated_page(config, guide.PAGE_URI, guide.error_code_page(), "vi"))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Put the field tables in place of their marker (the site's types say what they require)."""
    if page.file.src_uri != guide.FIELDS_PAGE_URI or guide.FIELDS_MARKER not in markdown:
        return markdown
    settings = Settings.from_config(config, Path(config.config_file_path).parent)
    folder = settings.registries_path
    requires = guide.type_requires(Registries.load(folder)) if folder.is_dir() else None
    return markdown.replace(guide.FIELDS_MARKER, guide.field_tables(requires))
