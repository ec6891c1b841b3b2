"""What the content cache's keys print of a value (``newsroom.common.cache``)."""

from __future__ import annotations

import functools
import re
from types import SimpleNamespace

from mkdocs.config.base import LegacyConfig
from newsroom.common import cache
from newsroom.site.pagecache import page_key


def _slugify(text: str) -> str:
    return text


class _Opaque:
    pass


def test_stable_repr_drops_the_addresses_of_functions_and_objects_only() -> None:
    held = [_slugify, functools.partial(_slugify, "x"), _Opaque()]
    shown = cache.stable_repr(held)
    assert not re.search(r"0x[0-9a-f]+", shown)
    assert shown == cache.stable_repr([_slugify, functools.partial(_slugify, "x"), _Opaque()])
    assert cache.is_opaque(shown)  # an object that prints no content: never part of a key
    # text of an article that merely mentions an address is kept, so its edit changes the key
    assert cache.stable_repr("lỗi tại at 0x1f") != cache.stable_repr("lỗi tại at 0x2f")


def test_exact_repr_prints_every_value_as_it_is() -> None:
    assert cache.exact_repr(("tiêu đề at 0x1f>", 1)) != cache.exact_repr(("tiêu đề at 0x2f>", 1))
    assert cache.exact_repr([_Opaque()]) is None
    assert cache.exact_repr({"a": (1.5, "b")}) == repr({"a": (1.5, "b")})


def test_a_page_key_covers_what_a_plugin_set_as_an_attribute_of_extra() -> None:
    """static-i18n sets the language switch as an attribute of ``config.extra`` for each
    page, and a template reads the attribute before the key of the same name: two pages
    whose switches differ never share a key."""
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="a.md"), url="a/", title="A")
    page.content, page.toc = "<p>a</p>", []

    def key_with(alternate: list[dict[str, str]] | None) -> str | None:
        extra = LegacyConfig(())
        extra.load_dict({"alternate": [{"lang": "vi", "link": "/"}]})
        if alternate is not None:
            extra.alternate = alternate
        return page_key("site", "vi", page, {}, "config", extra)

    here = [{"lang": "vi", "link": "huong-dan/ma-loi/"}]
    elsewhere = [{"lang": "vi", "link": "ke-hoach/2026/"}]
    assert key_with(here) is not None
    assert key_with(here) != key_with(elsewhere)
    assert key_with(here) == key_with([dict(here[0])])  # by value
