"""The view models the templates show: an article's card is made once per build and shared;
a long pagination links to the first, the last and the pages around the current one."""

from __future__ import annotations

from pathlib import Path

import pytest
from feeds_support import article, make_corpus
from hypothesis import given
from hypothesis import strategies as st
from newsroom.content.corpus import Corpus
from newsroom.site.incremental import view_key
from newsroom.site.listings import listing_pages
from newsroom.site.views import (
    FULL_PAGINATION,
    Cards,
    article_page,
    card,
    listing_page,
    shown_page_numbers,
)


def _corpus(tmp_path: Path, fourth: str = "Bài số 4") -> Corpus:
    titles = {1: "Bài số 1", 2: "Bài số 2", 3: "Bài số 3", 4: fourth}
    files = {
        f"tin-tuc/2026/bai-{n}.md": article(f"bai-{n}", title, f"2026-05-0{n}T08:00:00+07:00")
        for n, title in titles.items()
    }
    return make_corpus(tmp_path, files)


def test_one_card_per_article_shared_by_listings_and_related_links(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    registries = corpus.registries
    cards = Cards(registries)
    first = corpus.entries["tin-tuc/2026/bai-1.md"]
    view = article_page(first, corpus, registries, False, cards)
    shown = {c["url"]: c for c in view["related"]}
    listings = [listing_page(p, cards) for p in listing_pages(corpus, registries, "vi", 20)]
    on_listings = [c for listing in listings for c in listing["cards"]]
    assert on_listings and all(shown.get(c["url"], c) is c for c in on_listings)
    second = corpus.entries["tin-tuc/2026/bai-2.md"].article
    assert cards(second) == card(second, registries)  # the same values, frozen
    with pytest.raises(TypeError):
        cards(second)["title"] = "changed by a template"


def test_a_page_key_depends_on_the_cards_shown_not_on_who_made_them(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    registries = corpus.registries
    entry = corpus.entries["tin-tuc/2026/bai-3.md"]
    shared = Cards(registries)
    for other in corpus.entries.values():  # the shared cards printed before, on other pages
        view_key(article_page(other, corpus, registries, False, shared), [], False)
    alone = view_key(article_page(entry, corpus, registries, False), [], False)
    assert alone is not None
    assert view_key(article_page(entry, corpus, registries, False, shared), [], False) == alone
    retitled = _corpus(tmp_path / "b", fourth="Một tiêu đề khác")  # a related article
    entry = retitled.entries["tin-tuc/2026/bai-3.md"]
    cards = Cards(retitled.registries)
    assert (
        view_key(article_page(entry, retitled, retitled.registries, False, cards), [], False)
        != alone
    )


@given(st.integers(1, 3000).flatmap(lambda total: st.tuples(st.integers(1, total), st.just(total))))
def test_a_pagination_shows_every_page_or_the_ends_and_five_around(pages: tuple[int, int]) -> None:
    current, total = pages
    shown = shown_page_numbers(current, total)
    assert shown == sorted(set(shown)) and current in shown
    if total <= FULL_PAGINATION:
        assert shown == list(range(1, total + 1))
    else:
        around = [n for n in range(current - 2, current + 3) if 1 <= n <= total]
        assert shown == sorted({1, total, *around})
        assert len(shown) <= 7


def test_a_listing_page_links_to_the_pages_its_pagination_shows(tmp_path: Path) -> None:
    files = {
        f"tin-tuc/2026/bai-{n:02}.md": article(
            f"bai-{n:02}", f"Bài {n}", f"2026-05-{n:02}T08:00:00+07:00"
        )
        for n in range(1, 21)
    }
    corpus = make_corpus(tmp_path, files)
    cards = Cards(corpus.registries)
    by_url = {p.scope.url(p.number): p for p in listing_pages(corpus, corpus.registries, "vi", 1)}
    news = [p for p in by_url.values() if p.scope.is_all]
    assert max(p.total for p in news) == 20
    tenth = next(p for p in news if p.number == 10)
    view = listing_page(tenth, cards)
    assert [(p["number"], p["current"]) for p in view["pages"]] == [
        (1, False),
        (8, False),
        (9, False),
        (10, True),
        (11, False),
        (12, False),
        (20, False),
    ]
    assert all(p["url"] == tenth.scope.url(p["number"]) for p in view["pages"])
    assert view["pages"][0]["url"] == tenth.scope.url() and "/trang/20/" in view["pages"][-1]["url"]
