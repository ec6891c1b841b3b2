"""What the build writes beside the pages: feeds (RSS, Atom, JSON, podcast, iCalendar, OPML and
their directory), the sitemap and the Pagefind search index.
"""
