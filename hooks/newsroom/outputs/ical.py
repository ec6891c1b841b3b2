"""Press conferences as an iCalendar feed (RFC 5545), ``/feeds/hop-bao.ics``.

Written by hand (no dependency): CRLF line ends, lines folded at 75 octets without splitting
a UTF-8 character, TEXT values escaped. Deterministic: ``UID`` comes from the article id,
``DTSTAMP`` from the article's last public change, never from the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..common import wording
from ..content.corpus import Corpus
from ..content.model import Article
from ..content.settings import DEFAULT_LANGUAGE
from ..site import urls
from .feed_items import authority

PRODID = "-//Bo Tu phap Viet Nam//Newsroom//VI"
PRESS_CONFERENCE = "hop-bao"
DEFAULT_LENGTH = dt.timedelta(hours=2)
#: Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Ho_Chi_Minh",
    "X-LIC-LOCATION:Asia/Ho_Chi_Minh",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:+07",
    "DTSTART:19700101T000000",
    "END:STANDARD",
    "END:VTIMEZONE",
)
TZID = "Asia/Ho_Chi_Minh"


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def fold(line: str) -> str:
    """Fold a content line at 75 octets (continuations start with one space), CRLF-ended."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%Y%m%dT%H%M%S")


def _moment(name: str, moment: dt.datetime, use_tzid: bool) -> str:
    return f"{name};TZID={TZID}:{_local(moment)}" if use_tzid else f"{name}:{_utc(moment)}"


def _description(article: Article, corpus: Corpus, page_url: str) -> str:
    parts = [article.summary]
    english = corpus.translations(article).get("en")
    if english is not None and english.visibility.is_published:
        parts.append(f"English: {english.article.title}")
    if article.event and article.event.online_url:
        parts.append(f"Trực tuyến / Online: {article.event.online_url}")
    parts.append(page_url)
    return "\n\n".join(parts)


def event_lines(article: Article, corpus: Corpus, use_tzid: bool) -> Iterator[str]:
    """The unfolded content lines of one VEVENT."""
    event = article.event
    assert event is not None  # type hop-bao requires it (rules.py)
    site_url = corpus.settings.site_url
    page_url = urls.absolute(site_url, article.url)
    yield "BEGIN:VEVENT"
    yield f"UID:{escape_text(article.id)}@{authority(site_url)}"
    yield f"DTSTAMP:{_utc(article.updated)}"
    yield f"LAST-MODIFIED:{_utc(article.updated)}"
    yield f"SEQUENCE:{len(article.updates)}"
    yield _moment("DTSTART", event.start, use_tzid)
    yield _moment("DTEND", event.end or event.start + DEFAULT_LENGTH, use_tzid)
    yield f"SUMMARY:{escape_text(article.title)}"
    yield f"DESCRIPTION:{escape_text(_description(article, corpus, page_url))}"
    yield f"LOCATION:{escape_text(event.location)}"
    yield f"URL:{page_url}"
    yield "STATUS:CONFIRMED"
    yield "END:VEVENT"


def press_conferences(corpus: Corpus) -> list[Article]:
    """Published Vietnamese ``hop-bao`` articles, by event start (oldest first).

    A notice whose record is published (the record names it in ``event.notice``) is left out:
    one conference, one calendar event, with the record's (final) details.
    """
    found = [a for a in corpus.articles(DEFAULT_LANGUAGE) if a.type == PRESS_CONFERENCE and a.event]
    superseded = {a.event.notice for a in found if a.event and a.event.notice}
    found = [a for a in found if a.id not in superseded]
    return sorted(found, key=lambda a: (a.event.start, a.id))  # type: ignore[union-attr]


def event_path(article: Article) -> str:
    """Site-relative path of one press conference's own calendar file ("add to calendar")."""
    return f"feeds/{PRESS_CONFERENCE}/{article.id}.ics"


def render(corpus: Corpus, only: Article | None = None) -> bytes:
    """The whole calendar as bytes (UTF-8, CRLF); with ``only``, that one event's calendar."""
    use_tzid = getattr(corpus.settings.timezone, "key", None) == TZID
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(wording.text(DEFAULT_LANGUAGE, 'feeds.calendar_name'))}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for article in [only] if only is not None else press_conferences(corpus):
        lines.extend(event_lines(article, corpus, use_tzid))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")
