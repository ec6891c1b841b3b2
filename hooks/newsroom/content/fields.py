"""Reading one front-matter field at a time while collecting issues (used by the rules).

:class:`FieldChecker` knows the line of every field, so each issue it records points at the
right line; its readers return ``None`` (and record why) instead of raising.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..common import issues as issue
from ..common.issues import Issue
from ..common.messages import Localized, did_you_mean
from ..common.text import nfc
from . import urlpolicy
from .parsing import FrontMatter, InvalidValue, to_datetime


@dataclass
class FieldChecker:
    """Collects the issues of one file; knows the line of every field."""

    fm: FrontMatter
    path: str
    found: list[Issue] = field(default_factory=list)

    def add(self, code: str, field_path: str, **params: object) -> None:
        self.found.append(
            issue.make(self.path, self.fm.line(field_path), code, field_path, **params)
        )

    def absent(self, value: object, name: str, required: bool) -> bool:
        """True when the field has no value; a missing required field is reported (E003)."""
        if value is None and required:
            self.add("E003", name, condition="")
        return value is None

    def text(
        self, data: dict[str, Any], key: str, prefix: str = "", required: bool = True
    ) -> str | None:
        value = data.get(key)
        name = prefix + key
        if self.absent(value, name, required):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.wrong_type(name, "str", value)
            return None
        result = nfc(str(value)).strip()
        if required and not result:
            self.add("E003", name, condition="")
            return None
        return result

    def web_url(
        self, data: dict[str, Any], key: str, prefix: str = "", required: bool = False
    ) -> str | None:
        """An ``http(s)://`` URL (E027 otherwise): the only kind a front-matter URL may hold."""
        value = self.text(data, key, prefix, required)
        if value is not None and not urlpolicy.is_web_url(value):
            self.add("E027", prefix + key, value=value)
            return None
        return value

    def moment(
        self, data: dict[str, Any], key: str, tz: dt.tzinfo, prefix: str = "", required: bool = True
    ) -> dt.datetime | None:
        value = data.get(key)
        name = prefix + key
        if self.absent(value, name, required):
            return None
        result = None if isinstance(value, InvalidValue | bool) else to_datetime(value, tz)
        if result is None:
            raw = value.raw if isinstance(value, InvalidValue) else value
            self.add("E005", name, value=str(raw))
        return result

    def strings(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in value
        ):
            self.wrong_type(key, "list", value)
            return ()
        return tuple(nfc(str(v)).strip() for v in value if str(v).strip())

    def mapping(
        self, data: dict[str, Any], key: str, known: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """The sub-block ``key`` (``approval:``…); its unknown keys are reported."""
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.wrong_type(key, "dict", value)
            return None
        self.unknown_keys(value, known, f"{key}.")
        return value

    def wrong_type(self, field_path: str, expected: str, value: object) -> None:
        """E004: ``value`` is not a ``str``, ``list``, ``dict`` or ``bool`` as it must be."""
        self.add("E004", field_path, expected=type_label(expected), got=type_label_of(value))

    def items(
        self, data: dict[str, Any], key: str, known: tuple[str, ...]
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(prefix, item)`` of each mapping in the list ``key`` (``attachments.0.`` …).

        A value that is not a list, or an item that is not a mapping, is reported and skipped.
        """
        raw = data.get(key)
        if raw is None:
            return
        if not isinstance(raw, list):
            self.wrong_type(key, "list", raw)
            return
        for index, item in enumerate(raw):
            if not isinstance(item, dict):
                self.wrong_type(f"{key}.{index}", "dict", item)
                continue
            prefix = f"{key}.{index}."
            self.unknown_keys(item, known, prefix)
            yield prefix, item

    def unknown_keys(self, data: dict[str, Any], known: tuple[str, ...], prefix: str = "") -> None:
        for key in data:
            if str(key) not in known:
                self.add("E014", f"{prefix}{key}", hint=nearest(str(key), known))

    def registry_key(
        self,
        data: dict[str, Any],
        key: str,
        registry: dict[str, Any],
        registry_name: Localized,
        prefix: str = "",
        required: bool = True,
    ) -> str | None:
        value = self.text(data, key, prefix, required)
        if value is None:
            return None
        return value if self.in_registry(prefix + key, value, registry, registry_name) else None

    def in_registry(
        self, field_path: str, value: str, registry: dict[str, Any], registry_name: Localized
    ) -> bool:
        """E009 (with the nearest key as a hint) unless ``value`` is a key of ``registry``."""
        if value in registry:
            return True
        self.add(
            "E009", field_path, value=value, registry=registry_name, hint=nearest(value, registry)
        )
        return False


_KINDS = {
    "str": ("một chuỗi", "a string"),
    "list": ("một danh sách", "a list"),
    "dict": ("một khối trường con", "a mapping"),
    "bool": ("true hoặc false", "true or false"),
}


def type_label(name: str) -> Localized:
    return Localized(*_KINDS[name])


def type_label_of(value: object) -> Localized | str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return type_label("list")
    if isinstance(value, dict):
        return type_label("dict")
    if isinstance(value, InvalidValue):
        return repr(value.raw)
    return repr(value)


def nearest(value: str, candidates: Iterable[str]) -> Localized:
    """The "did you mean" suffix naming the closest candidate (empty without a close one)."""
    near = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return did_you_mean(near[0] if near else None)
