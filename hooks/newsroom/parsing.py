"""Split and parse front-matter exactly where MkDocs does, and fail closed.

MkDocs silently treats a block that YAML cannot read as "no metadata" (and would then publish
an article without its approval state). Here the same block is split with MkDocs' own regular
expression and parsed again; any problem becomes an issue with the file's line number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from . import issues as issue
from .issues import Issue
from .text import nfc

try:  # the C loader is ~10x faster; both resolve YAML 1.1 the same way
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


@dataclass(frozen=True)
class InvalidValue:
    """A scalar that YAML recognised as a date but could not construct (``2026-13-01``)."""

    raw: str


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that turns impossible timestamps into :class:`InvalidValue`."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return InvalidValue(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class FrontMatter:
    """Parsed front-matter: ``data`` as YAML gave it, ``lines`` maps dotted paths to lines."""

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    end_line: int = 1

    def line(self, path: str) -> int:
        """Line of ``path`` (``approval.by``), or of its nearest parent, or of the block."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return 1


def parse(text: str, display_path: str) -> tuple[FrontMatter | None, list[Issue]]:
    """Parse the front-matter of ``text``; on failure return ``None`` and the issues."""
    text = nfc(text.lstrip("\ufeff")).replace("\r\n", "\n")
    match = YAML_RE.match(text)
    if not match:
        return None, [issue.make(display_path, 1, "E002")]
    yaml_text = match.group(1)
    end_line = match.group(0).count("\n")
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
        data = yaml.load(yaml_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 2) if mark else 1
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [issue.make(display_path, line, "E001", detail=detail)]
    if not isinstance(data, dict):
        return None, [issue.make(display_path, 1, "E002")]
    lines: dict[str, int] = {}
    if node is not None:
        _map_lines(node, "", lines)
    body = text[match.end() :]
    return FrontMatter(data, lines, body, end_line + 1, end_line), []


def parse_yaml(text: str, display_path: str) -> tuple[FrontMatter | None, list[Issue]]:
    """Parse a whole YAML data file (a press item, a plan) with the same loader and line map.

    The file must be a mapping of fields; on failure return ``None`` and the issue (E060/E061).
    """
    text = nfc(text.lstrip("\ufeff")).replace("\r\n", "\n")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1) if mark else 1
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [issue.make(display_path, line, "E060", detail=detail)]
    if not isinstance(data, dict):
        return None, [issue.make(display_path, 1, "E061")]
    lines: dict[str, int] = {}
    if node is not None:
        _map_lines(node, "", lines, first_line=1)
    return FrontMatter(data, lines), []


def _map_lines(node: yaml.Node, prefix: str, lines: dict[str, int], first_line: int = 2) -> None:
    """Record the file line of every key and list item (front-matter YAML starts on line 2)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}{key_node.value}"
            lines[path] = key_node.start_mark.line + first_line
            _map_lines(value_node, path + ".", lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}{index}"
            lines[path] = item.start_mark.line + first_line
            _map_lines(item, path + ".", lines, first_line)


def to_datetime(value: Any, tz: dt.tzinfo) -> dt.datetime | None:
    """Read a YAML date, datetime or ISO 8601 string; no offset means the site's zone.

    Returns ``None`` when ``value`` is not a time. A date alone means 00:00 that day.
    """
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)
