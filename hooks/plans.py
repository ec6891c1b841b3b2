"""Hook: the public plan pages ``/ke-hoach/<YYYY>/`` and ``/en/ke-hoach/<YYYY>/``.

Generated from the annual plans and the published articles (never from the press register),
for the language being built. Runs after static-i18n's ``on_files`` (-100), like the listings,
and keeps the pages out of the navigation tree.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from newsroom.content.paths import other_language
from newsroom.desk import public
from newsroom.site import build


@event_priority(-150)
def on_files(files: Files, config) -> Files:
    state = build.state()
    site = state.site
    lang = build.current_language(config)
    other = other_language(lang)
    for page in public.pages(site.corpus, site.desk.plans, lang):
        translation = public.url(page.year, other)
        files.append(build.generated_page(config, page.src_uri, page.markdown, lang, translation))
    return files
