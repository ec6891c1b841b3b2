"""Hook: sanitise the HTML of every page body with the allow-list of ``newsroom.site.sanitize``.

What was removed is reported as a warning naming the file and line, so the editor learns
about it (and ``--strict`` builds stop until the source is fixed).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger
from newsroom.common import issues as issue
from newsroom.common.text import nfc
from newsroom.site import build
from newsroom.site.sanitize import locate, sanitize_html

log = get_plugin_logger("newsroom")


@event_priority(-50)  # after Markdown and other plugins produced the final body HTML
def on_page_content(html: str, page, config, files) -> str:
    if page.file.generated_by:
        return html  # pages made by our hooks carry no editor HTML
    settings = build.state().settings
    clean, removed = sanitize_html(html, settings.iframe_hosts)
    if removed:
        offset = _body_line(page)
        path = f"{settings.docs_dir.name}/{page.file.src_uri}"
        for item in dict.fromkeys(removed):
            line = offset + locate(page.markdown or "", item)
            found = issue.make(path, line, "W101", detail=item)
            log.warning(found.format(settings.message_language))
    return clean


def _body_line(page) -> int:
    """File line where ``page.markdown`` starts (after the front-matter MkDocs removed)."""
    source = nfc(page.file.content_string)
    body = page.markdown or ""
    head = source.find(body[:200]) if body else -1
    return source.count("\n", 0, head) + 1 if head > 0 else 1
