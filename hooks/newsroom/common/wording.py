"""Bilingual wording: the one catalogue of every text the site shows, and the shapes of an
issue message and of a localized text.

The catalogue is data, one TOML file per language (``data/wording-vi.toml``,
``data/wording-en.toml``), sections of ``key = "text"``. It is loaded once and checked at load:
both languages have exactly the same keys, every value is NFC text (or a list of texts), and a
text's ``{placeholders}`` are the same in both languages. Python reads it with :func:`text` and
:func:`section`; templates read the same data as ``t`` (``t.page.latest``, ``t.portal.skip``).

A leaf module: the issue catalogue (:mod:`newsroom.common.messages`), the registries, dates and
views build on it.
"""

from __future__ import annotations

import string
import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from .frozen import freeze

DATA = Path(__file__).parent / "data"
LANGUAGES = ("vi", "en")
#: Sections and keys whose texts may use different fields in each language
#: (``{d} {month} {yyyy}`` / ``{dd}/{mm}/{yyyy}``; ``Q{q}`` / ``Quý {roman}``).
OWN_FIELDS = frozenset({"dates", "plan.quarter"})

#: One language's wording by section; the loaded catalogue is frozen (``frozen.FrozenDict``,
#: lists as tuples): shared by every page, it cannot be changed by one of them.
Catalogue = dict[str, dict[str, Any]]


class WordingError(ValueError):
    """The catalogue files disagree or hold something that is not NFC text."""


def path(lang: str) -> Path:
    return DATA / f"wording-{lang}.toml"


def _read(lang: str) -> Catalogue:
    file = path(lang)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise WordingError(f"{file}: {error}") from error
    for name, values in data.items():
        if not isinstance(values, dict):
            raise WordingError(f"{file}: `{name}` is not a section")
        for key, value in values.items():
            texts = value if isinstance(value, list) else [value]
            for item in texts:
                if not isinstance(item, str):
                    raise WordingError(f"{file}: {name}.{key} is not text")
                if unicodedata.normalize("NFC", item) != item:
                    raise WordingError(f"{file}: {name}.{key} is not NFC")
    return data


def keys(data: Catalogue) -> set[str]:
    """Every ``section.key`` of one language's catalogue."""
    return {f"{name}.{key}" for name, values in data.items() for key in values}


def fields(value: Any) -> set[str]:
    """The ``{placeholders}`` of a text (of every text of a list)."""
    texts = value if isinstance(value, list) else [value]
    return {f for item in texts for _, f, _, _ in string.Formatter().parse(item) if f}


def _check(all_data: dict[str, Catalogue]) -> None:
    first, *others = LANGUAGES
    for lang in others:
        missing = keys(all_data[first]) ^ keys(all_data[lang])
        if missing:
            raise WordingError(
                f"{path(first).name} and {path(lang).name} differ in: {', '.join(sorted(missing))}"
            )
        for name, values in all_data[first].items():
            if name in OWN_FIELDS:
                continue
            for key, value in values.items():
                if f"{name}.{key}" in OWN_FIELDS:
                    continue
                if fields(value) != fields(all_data[lang][name][key]):
                    raise WordingError(f"{name}.{key}: placeholders differ between {first}, {lang}")


@cache
def _all() -> dict[str, Catalogue]:
    loaded = {lang: _read(lang) for lang in LANGUAGES}
    _check(loaded)
    return {lang: freeze(data) for lang, data in loaded.items()}


def catalogue(lang: str) -> Catalogue:
    """All wording of one language, by section (templates: ``t``). Shared and read-only."""
    return _all()["en" if lang == "en" else "vi"]


def section(lang: str, name: str) -> dict[str, Any]:
    """One section of ``lang`` (``section("vi", "press")``). Shared and read-only."""
    return catalogue(lang)[name]


def text(lang: str, key: str) -> str:
    """One text, by ``section.key``: ``text("en", "page.all_news")`` → ``All news``."""
    name, _, entry = key.partition(".")
    value = catalogue(lang)[name][entry]
    if not isinstance(value, str):
        raise WordingError(f"{key} is a list, not a text")
    return value


def localized(key: str) -> Localized:
    """The same text in both languages, e.g. for a message parameter."""
    return Localized(text("vi", key), text("en", key))


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
    hint = localized("issues.did_you_mean")
    return Localized(hint.vi.format(name=name), hint.en.format(name=name))
