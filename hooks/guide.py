"""Hook: add the generated error-code page ``huong-dan/ma-loi.md`` to the editors' guide.

The table comes from :mod:`newsroom.guide` (the one message catalogue), so it cannot drift.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from newsroom import build, guide


@event_priority(-150)
def on_files(files: Files, config) -> Files:
    """Runs after static-i18n (-100), which would treat a generated page as "Unhandled".

    The guide is Vietnamese only, so the page exists in the default-language build only.
    """
    if build.current_language(config) != "vi" or files.get_file_from_path(guide.PAGE_URI):
        return files
    files.append(
        File.generated(
            config,
            guide.PAGE_URI,
            content=guide.error_code_page(),
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
    )
    return files
