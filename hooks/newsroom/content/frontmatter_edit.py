"""Edit an article's front-matter as text, changing only the lines that must change.

``newsroom approve`` and ``newsroom withdraw`` set ``status`` and write an ``approval:`` or
``withdrawn:`` block. YAML is never round-tripped through a dumper: comments, key order,
quoting, line endings (CRLF stays CRLF), a BOM and the body stay byte for byte. Where each
top-level key sits comes from the one parser's line map (:func:`newsroom.content.parsing.parse`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mkdocs.utils.meta import YAML_RE

from ..common.text import nfc
from . import workflow
from .parsing import parse

_BOM = "\ufeff"
_STATUS_RE = re.compile(
    r"""^(?P<key>(?:status|"status"|'status')[ \t]*:[ \t]*)"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s#][^#]*?)?(?P<rest>[ \t]+\#.*|[ \t]*)$"""
)


class EditError(ValueError):
    """The front-matter cannot be edited safely as text (the message says why)."""


@dataclass
class _Line:
    content: str  # without its line ending
    ending: str  # "\n", "\r\n" or "" (last line without a newline)


class _Document:
    """A file split into lines, with the line span of every top-level front-matter key."""

    def __init__(self, text: str) -> None:
        self.bom = _BOM if text.startswith(_BOM) else ""
        self.lines = _split(text[len(self.bom) :])
        front_matter, issues = parse(text, "<edit>")
        if front_matter is None:
            raise EditError(issues[0].message("en") if issues else "no front-matter")
        self.closing = front_matter.end_line  # 1-based line of the closing ``---``
        self.keys = {k: v for k, v in front_matter.lines.items() if "." not in k}
        starts = sorted(self.keys.values())
        if len(starts) != len(set(starts)):
            raise EditError("several top-level keys share a line (flow-style front-matter)")
        for key, line in self.keys.items():
            if self.content(line)[:1] in (" ", "\t"):
                raise EditError(f"top-level key {key!r} is indented")

    def content(self, line: int) -> str:
        return self.lines[line - 1].content

    def span(self, key: str) -> tuple[int, int] | None:
        """First and last line of ``key``'s block: its key line and more-indented lines.

        Blank lines and unindented comments that follow the block are not part of it.
        """
        start = self.keys.get(key)
        if start is None:
            return None
        following = [line for line in self.keys.values() if line > start]
        end = min(following, default=self.closing) - 1
        while end > start:
            text = self.content(end)
            if text.strip() and text[:1] in (" ", "\t"):
                break
            end -= 1
        return start, end

    def newline(self) -> str:
        return self.lines[0].ending or "\n"

    def replace(self, first: int, last: int, contents: list[str]) -> None:
        ending = self.lines[last - 1].ending or self.newline()
        new = [_Line(c, self.newline()) for c in contents]
        new[-1].ending = ending
        self.lines[first - 1 : last] = new
        self._shift(first, last, len(contents))

    def insert_after(self, line: int, contents: list[str]) -> None:
        if not self.lines[line - 1].ending:
            raise EditError("the front-matter has no line ending")  # pragma: no cover
        self.lines[line:line] = [_Line(c, self.newline()) for c in contents]
        self._shift(line + 1, line, len(contents))

    def _shift(self, first: int, last: int, count: int) -> None:
        """Renumber keys after lines ``first..last`` were replaced by ``count`` lines."""
        delta = count - (last - first + 1)
        self.keys = {
            k: (v + delta if v > last else v) for k, v in self.keys.items() if not first < v <= last
        }
        self.closing += delta

    def text(self) -> str:
        return self.bom + "".join(line.content + line.ending for line in self.lines)


def _split(text: str) -> list[_Line]:
    lines = []
    for part in text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"):
        lines.append(_Line(part, "\n"))
    if not text.endswith("\n") and lines:
        lines[-1].ending = ""
    for line in lines:
        if line.content.endswith("\r") and line.ending:
            line.content, line.ending = line.content[:-1], "\r\n"
    return lines


def format_time(moment: dt.datetime) -> str:
    """ISO 8601 with offset, to the second: ``2026-05-04T09:30:00+07:00``."""
    if moment.tzinfo is None:
        raise ValueError("the time must carry an offset")
    return moment.isoformat(timespec="seconds")


def quote(text: str) -> str:
    """``text`` (NFC) as a YAML double-quoted scalar that reads back exactly."""
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for char in nfc(text):
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or char in "\x7f\x85\u2028\u2029\ufeff":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _set_status(doc: _Document, status: str) -> int:
    """Replace the value of ``status:`` (keeping a trailing comment); return its line."""
    span = doc.span("status")
    if span is None:
        raise EditError("the front-matter has no top-level 'status:'")
    first, last = span
    match = _STATUS_RE.match(doc.content(first))
    if match is None or last != first:
        doc.replace(first, last, [f"status: {status}"])
    else:
        doc.replace(first, first, [f"{match['key']}{status}{match['rest']}"])
    return first


def _put_block(doc: _Document, key: str, contents: list[str], after: int) -> int:
    """Replace ``key``'s block with ``contents``, or insert it after line ``after``."""
    span = doc.span(key)
    if span is not None:
        doc.replace(span[0], span[1], contents)
        return span[0] + len(contents) - 1
    doc.insert_after(after, contents)
    return after + len(contents)


def approve(text: str, by: str, at: dt.datetime) -> str:
    """``text`` with ``status: approved`` and ``approval: {by, at}``."""
    doc = _Document(text)
    status_line = _set_status(doc, workflow.APPROVED)
    _put_block(
        doc, "approval", ["approval:", f"  by: {by}", f"  at: {format_time(at)}"], status_line
    )
    expected: dict[str, object] = {"status": workflow.APPROVED, "approval": {"by": by, "at": at}}
    return _verified(text, doc.text(), expected)


def withdraw(text: str, at: dt.datetime, reason: str) -> str:
    """``text`` with ``status: withdrawn`` and ``withdrawn: {at, reason}``."""
    doc = _Document(text)
    after = _set_status(doc, workflow.WITHDRAWN)
    approval = doc.span("approval")
    if approval is not None and approval[0] > after:
        after = approval[1]
    contents = ["withdrawn:", f"  at: {format_time(at)}", f"  reason: {quote(reason)}"]
    _put_block(doc, "withdrawn", contents, after)
    expected: dict[str, object] = {
        "status": workflow.WITHDRAWN,
        "withdrawn": {"at": at, "reason": nfc(reason)},
    }
    return _verified(text, doc.text(), expected)


def _verified(old: str, new: str, expected: dict[str, object]) -> str:
    """``new`` if it reads back as ``old`` with exactly the ``expected`` keys changed.

    A second safety net behind the line arithmetic: the edit is refused (EditError) unless
    the edited front-matter parses, the changed keys hold exactly the new values, every
    other key is unchanged, and the body after the front-matter is the same, byte for byte.
    """
    before, _ = parse(old, "<edit>")
    after, _ = parse(new, "<edit>")
    if before is None or after is None:
        raise EditError("the edited front-matter does not parse")
    for key, value in expected.items():
        if _plain(after.data.get(key)) != _plain(value):
            raise EditError(f"{key!r} does not read back as written")
    untouched = {k: v for k, v in before.data.items() if k not in expected}
    if untouched != {k: v for k, v in after.data.items() if k not in expected}:
        raise EditError("the edit would change other keys")
    if _body_bytes(old) != _body_bytes(new):
        raise EditError("the edit would change the body")
    return new


def _plain(value: object) -> object:
    """Compare times as instants and mappings recursively."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo else value
    return value


def _body_bytes(text: str) -> str:
    """The text after the closing ``---`` line, exactly as stored (only ``\\n`` ends a line,
    as for MkDocs and the parser; U+2028 and friends in the body are body text)."""
    raw = text[len(_BOM) :] if text.startswith(_BOM) else text
    match = YAML_RE.match(raw.replace("\r\n", "\n"))
    if match is None:
        raise EditError("no front-matter")
    index = 0
    for _ in range(match.group(0).count("\n")):
        index = raw.index("\n", index) + 1
    return raw[index:]
