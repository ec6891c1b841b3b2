"""The navigation sidebar rendered once per pass (``newsroom.site.fragments``), with Jinja and
MkDocs' own ``url`` filter: a page outside the navigation gets the sidebar of an earlier page
only when every link in it reads the same from both; a page in the navigation is always
rendered; a new pass forgets the last one's. (That the whole site is the same, byte for
byte, with and without it: ``test_portal_build.py``.)"""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import DictLoader, Environment
from mkdocs.utils.templates import url_filter
from newsroom.site import fragments

#: A stand-in for Material's partial: how often it is rendered, and every link it prints.
PARTIAL = "{{ rendered() }}:{% for item in nav.items %}{{ item.url | url }} {% endfor %}"
PAGE = "{{ nr_navigation() }}"


def _site():
    renders = []
    env = Environment(loader=DictLoader({fragments.PARTIAL: PARTIAL, "page.html": PAGE}))
    env.filters["url"] = url_filter
    env.globals["rendered"] = lambda: renders.append(1) or len(renders)
    fragments.start_pass(env)
    home = SimpleNamespace(url="", title="Trang chủ")
    about = SimpleNamespace(url="gioi-thieu/", title="Giới thiệu")
    nav = SimpleNamespace(items=[home, about], pages=[home, about], homepage=home)
    config = {"extra": {}, "theme": {"logo": "assets/logo.svg"}}

    def render(page) -> str:
        base = "/".join(".." for _ in page.url.strip("/").split("/")) if page.url else "."
        context = {"page": page, "nav": nav, "config": config, "base_url": base}
        return env.get_template("page.html").render(context)

    return env, render, renders, about


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, title=url)


def test_pages_whose_links_read_the_same_share_one_rendering():
    _, render, renders, _ = _site()
    first = render(_page("tin-tuc/2026/a/"))
    assert render(_page("tin-tuc/2026/b/")) == first == "1:../../.. ../../../gioi-thieu/ "
    assert render(_page("chuyen-muc/thi-hanh-an/")) == "2:../.. ../../gioi-thieu/ "
    assert render(_page("the/dat-dai/trang-2/")) == first  # same depth, same links
    assert len(renders) == 2


def test_a_page_in_the_navigation_is_rendered_every_time():
    _, render, _, about = _site()
    assert render(about) == "1:.. ./ "
    assert render(about) == "2:.. ./ "


def test_a_new_pass_forgets_the_last_one():
    env, render, _, _ = _site()
    render(_page("tin-tuc/2026/a/"))
    fragments.start_pass(env)
    assert render(_page("tin-tuc/2026/b/")).startswith("2:")
