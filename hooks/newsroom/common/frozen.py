"""Data shared by every page of a build that nobody may change once it is loaded.

The wording catalogue is one object that every page's template context holds (``t``). The page
cache keys a page by the printed form of its context (``site.pagecache.page_key``), so each
page printed the whole catalogue again: about 6,600 characters, 0.15 ms a page, more than
any other value of the context. Frozen, its printed form cannot change, so it is worked out
once.
"""

from __future__ import annotations

from typing import Any, NoReturn


class FrozenDict(dict[str, Any]):
    """A ``dict`` that raises ``TypeError`` on every change. Still a ``dict`` for the code
    that reads it (templates, ``json.dumps`` through Jinja's ``tojson``); its ``repr`` is
    the dict's, computed on first use and kept."""

    __slots__ = ("_shown",)
    _shown: str | None

    def __new__(cls, items: Any = ()) -> FrozenDict:
        made = super().__new__(cls)
        dict.update(made, items)
        made._shown = None
        return made

    def __init__(self, items: Any = ()) -> None:  # filled by __new__: a second call changes nothing
        pass

    def __repr__(self) -> str:
        if self._shown is None:
            self._shown = dict.__repr__(self)
        return self._shown

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("shared read-only data (newsroom.common.frozen): copy it to change it")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse


def freeze(value: Any) -> Any:
    """``value`` with every dict made a :class:`FrozenDict` and every list a tuple, deeply."""
    if isinstance(value, dict):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value
