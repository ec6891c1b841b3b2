"""How dates are shown: dd/mm/yyyy HH:MM on Vietnamese pages, always with the site's offset."""

from __future__ import annotations

import datetime as dt

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def show_datetime(moment: dt.datetime, lang: str) -> str:
    """``14/03/2025 09:30`` (vi) or ``14 March 2025, 09:30`` (en)."""
    if lang == "en":
        return f"{moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}, {moment:%H:%M}"
    return moment.strftime("%d/%m/%Y %H:%M")


def show_date(moment: dt.datetime | dt.date, lang: str) -> str:
    if lang == "en":
        return f"{moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}"
    return moment.strftime("%d/%m/%Y")


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with the offset, to the second: ``2025-03-14T09:30:00+07:00``."""
    return moment.replace(microsecond=0).isoformat()


def human_size(size: int, lang: str) -> str:
    """``1,2 MB`` (vi, decimal comma) or ``1.2 MB`` (en)."""
    value: float = size
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', ',') if lang == 'vi' else text} {unit}"
        value /= 1024
    return str(size)  # pragma: no cover
