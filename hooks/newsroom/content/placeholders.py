"""The scaffold text that ``newsroom new`` leaves for the editor to replace.

An article that still holds it is not finished: the rules refuse it at the publish stage
(approved or withdrawn), so the build, ``newsroom check`` and ``newsroom approve`` agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: Every placeholder starts with this.
PLACEHOLDER = "(điền"


def fields_with_placeholders(data: Any, prefix: str = "") -> Iterator[str]:
    """Dotted names of the fields that still hold scaffold text."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from fields_with_placeholders(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from fields_with_placeholders(value, f"{prefix}{index}.")
    elif isinstance(data, str) and PLACEHOLDER in data:
        yield prefix.rstrip(".")


def body_line(body: str, first_line: int) -> int | None:
    """File line of the first placeholder in the body, or ``None``."""
    index = body.find(PLACEHOLDER)
    return None if index < 0 else first_line + body.count("\n", 0, index)
