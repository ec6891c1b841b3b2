"""The shapes of bilingual wording: an issue message of the catalogue, a localized text.

A leaf module: the catalogue (:mod:`newsroom.messages` and its parts) and the registries
build on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Message:
    code: str
    severity: Severity
    vi: str
    en: str
    fix: str  # how to fix it, in Vietnamese, for the editors' guide


def error(code: str, vi: str, en: str, fix: str) -> Message:
    return Message(code, Severity.ERROR, vi, en, fix)


def warning(code: str, vi: str, en: str, fix: str) -> Message:
    return Message(code, Severity.WARNING, vi, en, fix)


@dataclass(frozen=True)
class Localized:
    """Wording in Vietnamese and English: a message parameter, a registry entry's label."""

    vi: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.vi


def did_you_mean(name: str | None) -> Localized:
    """The typo hint appended to a message (empty when there is no close match)."""
    if not name:
        return Localized("", "")
    return Localized(f" (có phải `{name}`?)", f" (did you mean `{name}`?)")
