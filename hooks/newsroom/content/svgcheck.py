"""SVG files are checked like HTML: an image may draw, never run script or load elsewhere.

An SVG opened directly (its URL, a "view image" click) runs with the site's own origin, so
an SVG with a script is a stored cross-site-scripting hole. Refused (E032), with the line:
scripts, event handlers (``on…``), ``foreignObject`` and other embedding elements, animation
that rewrites a link, DOCTYPE/entity declarations, processing instructions (stylesheets),
references to anything but a fragment of the same file (``href="#id"``), and CSS that
imports or loads a URL. The file is published unchanged when it passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_FORBIDDEN = frozenset(
    "script foreignobject iframe embed object handler listener audio video image-set discard".split(
        " "
    )
)
_ANIMATION = frozenset({"set", "animate", "animatetransform", "animatemotion"})
_LINK_ATTRS = frozenset({"href", "src"})
_CSS_URL = re.compile(r"@import|url\s*\(\s*(?!['\"]?#)|expression\s*\(|javascript:", re.I)


@dataclass(frozen=True)
class Problem:
    line: int
    detail: str


def _local(name: object) -> str:
    text = str(name)
    return text.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def check(data: bytes) -> Problem | None:
    """The first reason ``data`` (an SVG file) is refused, or ``None`` when it is safe."""
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I):
        return Problem(_line_of(data, rb"<!"), "<!DOCTYPE>/<!ENTITY>")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return Problem(exc.lineno or 1, f"XML: {exc.msg}")
    if _local(root.tag) != "svg":
        return Problem(1, f"<{_local(root.tag)}>")
    for node in root.iter():
        line = node.sourceline or 1
        if isinstance(node, etree._ProcessingInstruction):
            return Problem(line, "<?…?>")
        if not isinstance(node.tag, str):
            continue  # comments
        tag = _local(node.tag)
        if tag in _FORBIDDEN:
            return Problem(line, f"<{tag}>")
        if tag == "style" and _CSS_URL.search(node.text or ""):
            return Problem(line, "<style> url()/@import")
        for raw_name, value in node.attrib.items():
            name = _local(raw_name)
            if name.startswith("on"):
                return Problem(line, f"{name}= <{tag}>")
            if name in _LINK_ATTRS and not value.strip().startswith("#"):
                return Problem(line, f"{name}={value.strip()[:40]!r} <{tag}>")
            if name == "style" and _CSS_URL.search(value):
                return Problem(line, f"style=url() <{tag}>")
            if tag in _ANIMATION and name == "attributename":
                target = _local(value.strip())
                if target in _LINK_ATTRS or target.startswith("on"):
                    return Problem(line, f"<{tag} attributeName={value!r}>")
    return None


def _line_of(data: bytes, needle: bytes) -> int:
    index = data.find(needle)
    return data.count(b"\n", 0, index) + 1 if index >= 0 else 1
