"""Split and parse front-matter exactly where MkDocs does, and fail closed.

MkDocs silently treats a block that YAML cannot read as "no metadata" (and would then publish
an article without its approval state). Here the same block is split with MkDocs' own regular
expression and parsed again; any problem becomes an issue with the file's line number.

The repository may be hostile, so the YAML that front-matter may use is a strict subset:
no anchors, aliases or merge keys (a 500-byte "billion laughs" would cost gigabytes), no
explicit tags (``!!python/…``, ``!!int x``), no duplicate keys (``status: draft`` then
``status: approved``), no line separators that YAML honours but line-based tools do not
(``\r``, NEL, U+2028/2029), and a bounded size and depth. Whatever the input, :func:`parse`
returns issues; it never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from ..common import issues as issue
from ..common.issues import Issue
from ..common.messages import Localized
from ..common.text import nfc

try:  # the C loader is ~10x faster; both resolve YAML 1.1 the same way
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


@dataclass(frozen=True)
class InvalidValue:
    """A scalar that YAML recognised as a date but could not construct (``2026-13-01``)."""

    raw: str


class _Loader(_BaseLoader):
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


#: Front-matter larger than this is refused before YAML reads it (the longest real one is ~3 KB).
MAX_FRONT_MATTER = 64 * 1024
#: Deepest nesting of lists and mappings accepted (the content model needs 3).
MAX_DEPTH = 8
#: Characters YAML reads as line breaks that MkDocs and line-based editing do not.
_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")


class FrontMatterError(Exception):
    """The front-matter uses YAML the content model refuses; ``line`` is the file line."""

    def __init__(self, line: int, vi: str, en: str) -> None:
        super().__init__(en)
        self.line = line
        self.detail = Localized(vi, en)


def parse(text: str, display_path: str) -> tuple[FrontMatter | None, list[Issue]]:
    """Parse the front-matter of ``text``; on failure return ``None`` and the issues."""
    text = nfc(text.lstrip("\ufeff")).replace("\r\n", "\n")
    match = YAML_RE.match(text)
    if not match:
        return None, [issue.make(display_path, 1, "E002")]
    end_line = match.group(0).count("\n")
    found = _mapping(match.group(1), display_path, first_line=2, error="E001", not_mapping="E002")
    if isinstance(found, list):
        return None, found
    data, lines = found
    body = text[match.end() :]
    return FrontMatter(data, lines, body, end_line + 1, end_line), []


def _mapping(
    yaml_text: str, display_path: str, first_line: int, error: str, not_mapping: str
) -> tuple[dict[str, Any], dict[str, int]] | list[Issue]:
    """The mapping ``yaml_text`` holds and the line of every key, or the issue why not.

    ``first_line`` is the file line of the YAML's first line; ``error`` is the code of YAML
    the strict subset refuses, ``not_mapping`` the code of YAML that is not a mapping.
    """
    try:
        node = compose_strict(yaml_text, first_line)
        data = _Loader(yaml_text).construct_document(node) if node is not None else None
    except FrontMatterError as exc:
        return [issue.make(display_path, exc.line, error, detail=exc.detail)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + first_line) if mark else 1
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [issue.make(display_path, line, error, detail=detail)]
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # unbuildable value
        return [issue.make(display_path, 1, error, detail=str(exc)[:120])]
    if not isinstance(data, dict):
        return [issue.make(display_path, 1, not_mapping)]
    lines: dict[str, int] = {}
    if node is not None:
        _map_lines(node, "", lines, first_line)
    return data, lines


def compose_strict(yaml_text: str, first_line: int = 2) -> yaml.Node | None:
    """Compose ``yaml_text`` (the block between the ``---`` lines) in the strict subset.

    Raises :class:`FrontMatterError` (anchors, aliases, tags, merge keys, duplicate keys,
    odd line breaks, size, depth) or :class:`yaml.YAMLError` (syntax). The event stream is
    checked before any node is built, so an alias bomb costs nothing. ``first_line`` is the
    file line of the YAML's first line (2 in front-matter, 1 in a data file).
    """
    odd = _ODD_BREAKS.search(yaml_text)
    if odd:
        line = yaml_text.count("\n", 0, odd.start()) + first_line
        raise FrontMatterError(
            line,
            f"có ký tự xuống dòng lạ U+{ord(odd.group()):04X}",
            f"unusual line break U+{ord(odd.group()):04X}",
        )
    if len(yaml_text) > MAX_FRONT_MATTER:
        raise FrontMatterError(
            1,
            f"front-matter quá lớn (> {MAX_FRONT_MATTER} byte)",
            f"front-matter too large (> {MAX_FRONT_MATTER} bytes)",
        )
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        line = (event.start_mark.line if event.start_mark else 0) + first_line
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FrontMatterError(
                line,
                "không được dùng anchor/alias (& *)",
                "anchors and aliases (& *) are not allowed",
            )
        tag = getattr(event, "tag", None)
        if tag and not _implicit(event):
            raise FrontMatterError(
                line,
                f"không được dùng thẻ YAML {tag}",
                f"YAML tags are not allowed: {tag}",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError(
                    line,
                    f"lồng sâu quá {MAX_DEPTH} cấp",
                    f"nested deeper than {MAX_DEPTH} levels",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    node = yaml.compose(yaml_text, Loader=_Loader)
    if node is not None:
        _check_keys(node, first_line)
    return node


def _implicit(event: yaml.Event) -> bool:
    implicit = getattr(event, "implicit", True)
    return bool(implicit[0] if isinstance(implicit, tuple) else implicit)


def _check_keys(node: yaml.Node, first_line: int) -> None:
    """Refuse duplicate keys, merge keys (``<<``) and keys that are not plain scalars."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + first_line
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError(
                    line,
                    "tên trường phải là một từ",
                    "a key must be a plain word",
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise FrontMatterError(
                    line,
                    "không được dùng khoá gộp <<",
                    "merge keys (<<) are not allowed",
                )
            if key_node.value in seen:
                raise FrontMatterError(
                    line,
                    f"trường {key_node.value!r} lặp lại (đã có ở dòng {seen[key_node.value]})",
                    f"duplicate key {key_node.value!r} (first on line {seen[key_node.value]})",
                )
            seen[key_node.value] = line
            _check_keys(value_node, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_keys(item, first_line)


def parse_yaml(text: str, display_path: str) -> tuple[FrontMatter | None, list[Issue]]:
    """Parse a whole YAML data file (a press item, a plan) with the same loader and line map.

    The file must be a mapping of fields; on failure return ``None`` and the issue (E060/E061).
    """
    text = nfc(text.lstrip("\ufeff")).replace("\r\n", "\n")
    found = _mapping(text, display_path, first_line=1, error="E060", not_mapping="E061")
    if isinstance(found, list):
        return None, found
    return FrontMatter(*found), []


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
    try:
        return moment.astimezone(tz)
    except OverflowError:  # 0001-01-01T00:00+05:00 has no time in the site's zone
        return None
