"""How moments are shown to people: one formatter, with named forms whose patterns are wording.

The patterns live in the ``[dates]`` section of the wording catalogue (``data/wording-*.toml``):
Vietnamese ``26/09/2024 15:00`` (dd/mm/yyyy, the time after the date), English
``26 September 2024, 15:00``. Moments are already in the site's zone (the parser converts
them), so the offset shown is always +07:00. Machine formats (ISO 8601 here; RFC 822 in feeds,
iCalendar) are not wording and do not come from the catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from . import wording

#: The named forms: ``date`` 26/09/2024, ``datetime`` 26/09/2024 15:00, ``time`` 15:00,
#: ``end_of_day`` 26/09/2024 24:00 (a deadline that ends with the day), ``month_year`` 09/2024.
Form = Literal["date", "datetime", "time", "end_of_day", "month_year"]
FORMS: tuple[Form, ...] = ("date", "datetime", "time", "end_of_day", "month_year")


def show(moment: dt.datetime | dt.date, lang: str, form: Form = "datetime") -> str:
    """``moment`` written in ``lang`` in the named ``form`` (see :data:`FORMS`)."""
    words = wording.section(lang, "dates")
    values = {
        "d": moment.day,
        "dd": f"{moment.day:02d}",
        "m": moment.month,
        "mm": f"{moment.month:02d}",
        "month": words["months"][moment.month - 1],
        "yyyy": f"{moment.year:04d}",
    }
    if isinstance(moment, dt.datetime):
        values |= {"HH": f"{moment.hour:02d}", "MM": f"{moment.minute:02d}"}
    return str(words[form]).format(**values)


def show_datetime(moment: dt.datetime, lang: str) -> str:
    """``14/03/2025 09:30`` (vi) or ``14 March 2025, 09:30`` (en)."""
    return show(moment, lang, "datetime")


def show_date(moment: dt.datetime | dt.date, lang: str) -> str:
    """``14/03/2025`` (vi) or ``14 March 2025`` (en)."""
    return show(moment, lang, "date")


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with the offset, to the second: ``2025-03-14T09:30:00+07:00``."""
    return moment.replace(microsecond=0).isoformat()


def human_size(size: int, lang: str) -> str:
    """``1,2 MB`` (vi, decimal comma) or ``1.2 MB`` (en)."""
    separator = wording.text(lang, "dates.decimal_separator")
    value: float = size
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', separator)} {unit}"
        value /= 1024
    return str(size)  # pragma: no cover
