"""The build's clock: ``NEWSROOM_NOW`` overrides it for every decision."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

ENV_VAR = "NEWSROOM_NOW"


class ClockError(ValueError):
    """``NEWSROOM_NOW`` is set but is not an ISO 8601 time with an offset."""


def now(tz: ZoneInfo, environ: dict[str, str] | None = None) -> datetime:
    """Return the build's "now", aware, in the site's time zone."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_VAR, "").strip()
    if not raw:
        return datetime.now(tz)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise ClockError(f"{ENV_VAR}={raw!r} is not ISO 8601") from exc
    if value.tzinfo is None:
        raise ClockError(f"{ENV_VAR}={raw!r} must carry an offset, e.g. +07:00")
    return value.astimezone(tz)
