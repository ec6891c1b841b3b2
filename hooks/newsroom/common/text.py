"""Text normalisation shared by slugs, search folding and the checker."""

from __future__ import annotations

import html
import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (editors paste NFD and legacy text)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Remove every diacritic, map ``đ``/``Đ`` to ``d``/``D``; case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug: ``Đất đai và Thi hành án`` → ``dat-dai-va-thi-hanh-an``."""
    ascii_text = fold(text).lower()
    return _NON_SLUG.sub(separator, ascii_text).strip(separator)


def toc_slugify(value: str, separator: str) -> str:
    """Slugify for Markdown's ``toc`` extension (its default drops ``đ``)."""
    return slugify(value, separator)


def strip_control(text: str) -> str:
    """Drop control characters that XML cannot carry (tab and newlines are kept)."""
    return _CONTROL.sub("", text)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def markdown_literal(text: str) -> str:
    """``text`` written into generated Markdown so that it renders as exactly that text.

    HTML is escaped (no tag, no entity survives) and every Markdown punctuation is escaped,
    so an editor's title in a data file cannot become a link, an image or markup.
    """
    escaped = html.escape(nfc(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")
