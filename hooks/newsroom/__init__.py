"""Newsroom core: the content model, its rules and the one visibility decision, and every output.

Everything that decides what an article is and whether it may be published lives here,
so that the MkDocs hooks, the editors' CLI and the tests share one implementation. One folder
per noun:

- ``common``: text, wording and dates, the issue catalogue, the clock, the content cache;
- ``content``: settings, parsing, schema, rules, workflow, registries, visibility, the corpus;
- ``desk``: the programme desk (press register, plans, conferences, review);
- ``site``: the pages of the portal (per-build state, URLs, listings, views, press room);
- ``outputs``: feeds, OPML, iCalendar, the sitemap, the search index;
- ``report``: the figures of ``newsroom report`` and their renderings;
- ``deploy``: self-hosting (nginx, releases, release checks, systemd).

A folder imports from the folders above it in this list, with four exceptions (no module
imports itself back): the settings and ``content.loading`` read and load the desk, the desk's
renderers share ``report``'s HTML frame and charts, the desk's public pages use ``site.urls``,
and the press room links to the iCalendar feed of ``outputs.ical``.
"""
