"""What goes into the search index: folding, the hidden tail, page selection, the built bundle."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import shutil
from concurrent.futures import Future
from pathlib import Path

import pytest
from conftest import (
    ENGLISH_MARKER,
    PUBLISHED_MARKER,
    UNPUBLISHED_MARKERS,
    WITHDRAWN_MARKER,
    Build,
    make_project,
    run_build_after,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.common import forking
from newsroom.common.text import fold
from newsroom.outputs import pagefind_chunks, pagefind_runs, search, search_finish, search_shards
from newsroom.site import sitedir

PAGE = """<!doctype html><html lang="vi"><head><title>x</title></head><body>
<nav>Đăng nhập Điều hướng</nav>
<article data-pagefind-body><h1>Luật Đất đai<a class="headerlink" href="#x">¶</a></h1>
<p class="nr-article__kicker">Địa phương</p>
<p>Thi hành án về <b>đất</b><i>đai</i>.</p><p data-pagefind-ignore>Đoạn bỏ qua</p></article>
<footer>Đường dây nóng</footer></body></html>"""


def test_fold_maps_d_and_drops_marks():
    assert fold("Đất đai, thi hành án") == "Dat dai, thi hanh an"


def test_folded_words_keep_only_d_words_in_order_with_repeats():
    assert search.folded_words("Luật Đất đai và đất đai") == ["Dat", "dai", "dat", "dai"]
    assert search.folded_words("thi hành án") == []


def test_folded_words_normalise_nfd_first():
    assert search.folded_words("đa\u0301t") == ["dat"]  # NFD "đát"


def test_tail_carries_folded_copy_meta_and_filters_safely():
    tail = search.tail_html(
        "dat dai", {"title": 'A, "B" <c>', "lead": "x, y"}, {"type": ["Họp báo"]}
    )
    assert tail.startswith('<div data-pagefind-body hidden data-nr-search-tail="">')
    assert 'data-pagefind-meta="title[data-v]" data-v="A, &quot;B&quot; &lt;c&gt;"' in tail
    assert 'data-pagefind-meta="fold_len[data-v]" data-v="7"' in tail
    assert 'data-pagefind-filter="type[data-v]" data-v="Họp báo"' in tail
    assert tail.endswith("dat dai</div>")


def test_tail_without_d_words_has_no_fold_len():
    assert "fold_len" not in search.tail_html("", {"title": "x"}, {})


def test_with_tail_goes_before_the_last_body_close():
    assert search.with_tail("<body>a</body>", "<i>t</i>") == "<body>a<i>t</i></body>"
    assert search.with_tail("fragment", "<i>t</i>") == "fragment<i>t</i>"


def test_indexed_text_is_the_marked_body_without_chrome_or_ignored_parts():
    text = search.indexed_text(PAGE)
    assert text is not None
    assert "Đất đai" in text and "đất" in text
    for chrome in ("Đăng nhập", "Đường dây", "Đoạn bỏ qua", "¶", "Địa phương"):
        assert chrome not in text
    assert search.fold_tail(text).split() == ["Dat", "dai", "dat", "dai"]


def test_indexed_text_is_none_without_a_marked_body():
    assert search.indexed_text("<html><body><p>Đất</p></body></html>") is None
    assert search.indexed_text("<p>data-pagefind-body</p><p title='data-pagefind-body'>") is None


def test_indexed_text_starts_at_the_first_marked_tag_whatever_text_comes_before():
    """Only the page from the first marked start tag is parsed: the attribute's name in
    text or in another attribute before it changes nothing, nested and later marked
    elements are all read."""
    page = (
        '<html><head><meta name="description" content="x data-pagefind-body y"></head>'
        "<body><p>data-pagefind-body Đầu trang</p>"
        "<main data-pagefind-body><p>Đất <b>đai</b></p><div data-pagefind-body>Hai</div></main>"
        "<aside data-pagefind-body=''>Ba</aside></body></html>"
    )
    assert search.indexed_text(page) == "Đất  đai Hai Hai Ba"


def test_indexed_text_leaves_out_what_pagefind_leaves_out_by_whole_class_names():
    """A class is left out by its whole name among the attribute's names (separated by any
    XML white space, as CSS reads them), never by a part of a name; an ignored element
    takes the marked elements inside it with it; a marked element of a left-out class is
    left out; the document element itself is never dropped."""
    page = (
        '<html><body><main data-pagefind-body><p class="a\theaderlink">Đi</p>'
        '<p class="headerlinks">Được</p><div data-pagefind-ignore=""><div data-pagefind-body>'
        'Đó</div></div>Đây<span class=" nr-meta ">Đâu</span></main>'
        '<p data-pagefind-body class="x nr-meta">Đều</p></body></html>'
    )
    assert search.indexed_text(page) == "Được Đây"
    whole = '<html data-pagefind-ignore class="nr-meta"><body><p data-pagefind-body>Đủ</p>'
    assert search.indexed_text(whole) == "Đủ"
    assert search.indexed_text('<p data-pagefind-body class="nr-meta">Đủ</p>') == ""


#: Pieces of hostile or ordinary HTML around the attribute's name, in any order.
_PIECES = st.sampled_from(
    [
        "<p",
        "<1",
        "<",
        ">",
        " ",
        "\t",
        "=",
        "/",
        "x",
        " data-pagefind-body",
        "data-pagefind-body",
        "'",
        "Đất",
    ]
)


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_the_first_marked_tag_is_the_patterns_first_match(page: str) -> None:
    """The attribute's name found first, the pattern tried only at its tag: the same match
    as searching the pattern from the top, on any text."""
    found = search._first_marked_tag(page)
    expected = search._FIRST_BODY_TAG.search(page)
    assert (found and found.span()) == (expected and expected.span())


_ARTICLE = '<article class="nr-article" data-pagefind-body><p>Đất đai</p>{inside}</article>'
_AFTER = '<section class="nr-related"><p>Điều khác</p></section><footer>Địa chỉ</footer>'


def _staged(inside: str = "", between: str = "\n", after: str = _AFTER) -> str:
    page = f'<html lang="vi"><body><header>Đầu</header>{_ARTICLE.format(inside=inside)}'
    page += f"{between}{search.INDEX_END}{after}</body></html>"
    first = search._first_marked_tag(page)
    assert first is not None
    return search.trimmed(page, first)


def test_an_article_page_is_given_to_pagefind_up_to_the_end_of_the_article():
    staged = _staged()
    assert staged.startswith('<!doctype html>\n<html lang="vi"><body>\n<article class="nr-art')
    assert staged.endswith("<p>Đất đai</p></article>\n\n</body>\n</html>\n")
    assert search.indexed_text(staged) == "Đất đai"
    # the last mark counts: one in the article (a template's, say) cuts nothing there
    inner = _staged(inside=f"<p>Đã</p>{search.INDEX_END}<p>Đủ</p>", after="<p>Điều</p>")
    assert "Điều" not in inner and search.indexed_text(inner) == "Đất đai Đã Đủ"


def test_a_page_is_given_whole_when_the_mark_may_not_follow_its_marked_article():
    """Pagefind drops a page whose marked element it never sees closed: the cut is made only
    right after the end tag that closes the first marked element, an ``<article>``."""
    whole = [
        _staged(inside="<article><p>Đây</p>"),  # the end tag before the mark is another's
        _staged(between="<p>Đó</p>"),  # not right after the article
        _staged(between="</div>"),
    ]
    for staged in whole:
        assert staged.endswith(f"{search.INDEX_END}{_AFTER}</body></html>"), staged
    page = f"<div data-pagefind-body><p>Đất</p></div>{search.INDEX_END}{_AFTER}"
    first = search._first_marked_tag(page)
    assert first is not None and search.trimmed(page, first).endswith(_AFTER)


def test_prepare_adds_the_content_model_metadata_and_the_folded_tail(tmp_path: Path):
    path = tmp_path / "index.html"
    path.write_text(PAGE, encoding="utf-8")
    meta = {"title": "Luật Đất đai", "date": "2026-02-01T08:00:00+07:00"}
    document = search.Document("tin-tuc/2026/x/", path, "vi", meta, {"type": ["Tin hoạt động"]})
    prepared = search.prepare(document)
    assert prepared is not None
    assert 'data-pagefind-meta="date[data-v]" data-v="2026-02-01T08:00:00+07:00"' in prepared
    assert prepared.count("data-pagefind-filter") == 1
    assert prepared.index("data-nr-search-tail") < prepared.index("</body>")
    # only indexed text is folded: not the nav, footer, kicker, permalink or ignored parts
    assert ">Dat dai dat dai</div>" in prepared


def test_a_page_found_to_mark_nothing_is_read_again_only_when_its_file_changed(tmp_path: Path):
    """An incremental build stages a shard again without reading the listing pages the last
    build found unmarked, while their files are those files (size, modification time,
    inode); any write to one makes it read again."""
    site = tmp_path / "site"
    listing = site / "tin-tuc" / "index.html"
    listing.parent.mkdir(parents=True)
    listing.write_text(f"<html><body><main>Tin tức{' ' * 40}</main></body></html>", "utf-8")
    page = site / "gioi-thieu" / "index.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    documents = [
        search.Document("tin-tuc/", listing, "vi"),
        search.Document("gioi-thieu/", page, "vi"),
    ]
    pages, _missing, found = search.stage(tmp_path / "a", documents)
    assert pages == {"vi": 1} and list(found) == ["tin-tuc/"]
    # the same file, now marked, written in place at the same size and time: not read
    info = listing.stat()
    marked = "<html><body><p data-pagefind-body>Tin tức</p></body></html>"
    marked = marked.replace("</body>", " " * (info.st_size - len(marked.encode())) + "</body>")
    assert len(marked.encode()) == info.st_size
    listing.write_text(marked, encoding="utf-8")
    os.utime(listing, ns=(info.st_atime_ns, info.st_mtime_ns))
    pages, _missing, again = search.stage(tmp_path / "b", documents, unmarked=found)
    assert pages == {"vi": 1} and again == found
    # written by a build (a new modification time): read, and indexed
    os.utime(listing, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    pages, _missing, third = search.stage(tmp_path / "c", documents, unmarked=again)
    assert pages == {"vi": 2} and third == {}
    assert (tmp_path / "c" / "tin-tuc" / "index.html").is_file()


def test_the_pages_of_a_site_are_listed_without_the_last_build_s_being_deleted(tmp_path: Path):
    """A clean build sets the last build's pages aside in a dot folder that a thread deletes
    while it runs (``sitedir``): the search never lists them (it indexed them, and ended in
    an error when a folder of them was deleted as it was listed)."""
    site = tmp_path / "site"
    for page in ("index.html", "a/index.html", "a/b/index.html", "en/index.html", "a/x.txt"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<p>x</p>", encoding="utf-8")
    trash = site / f"{sitedir.TRASH_PREFIX}123" / "c"
    trash.mkdir(parents=True)
    (trash / "index.html").write_text("<p>old</p>", encoding="utf-8")
    (site / ".hidden.html").write_text("<p>x</p>", encoding="utf-8")
    expected = ["a/b/index.html", "a/index.html", "en/index.html", "index.html"]
    assert search.built_pages(site) == expected
    assert expected == [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if not any(part.startswith(".") for part in p.relative_to(site).parts)
    ]  # the order of the paths, as the incremental build lists its own


def test_search_pages_are_never_indexed():
    assert search.search_page_urls() == {"tim-kiem/", "en/tim-kiem/"}


# -- the built bundle ------------------------------------------------------------------------
def _fragments(site: Path) -> list[dict]:
    """Every page of every index (the root and each year's folder)."""
    found = []
    for path in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        found.append(json.loads(raw[raw.index(b"{") :]))
    return found


def _index_folders(site: Path) -> dict[str, list[str]]:
    return json.loads((site / "pagefind" / search_shards.MANIFEST).read_text(encoding="utf-8"))


def _fragments_in(folder: Path) -> list[dict]:
    """The pages of one index folder."""
    found = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        found.append(json.loads(raw[raw.index(b"{") :]))
    return found


@pytest.mark.build
def test_bundle_has_an_index_per_language_and_year(fixture_build: Build):
    listed = _index_folders(fixture_build.site)
    articles = [f["url"] for f in _fragments(fixture_build.site) if "/tin-tuc/" in f["url"]]
    years = sorted({url.split("/tin-tuc/", 1)[1][:4] for url in articles})
    assert len(years) >= 2
    assert listed["vi"] == ["", *(f"{year}/" for year in reversed(years))]  # root, newest first
    assert set(listed) == {"vi", "en"} and listed["en"][0] == ""
    for lang, folders in listed.items():
        for folder in folders:
            entry = json.loads(fixture_build.text(f"pagefind/{folder}pagefind-entry.json"))
            assert lang in entry["languages"]
    for year in years:  # a year's folder holds that year's articles only
        urls = {f["url"] for f in _fragments_in(fixture_build.site / "pagefind" / year)}
        assert urls and all(url.split("/tin-tuc/", 1)[1].startswith(f"{year}/") for url in urls)
    root_urls = {f["url"] for f in _fragments_in(fixture_build.site / "pagefind")}
    assert "/gioi-thieu/" in root_urls and not any("/tin-tuc/" in url for url in root_urls)
    # a year's folder has the search program files, not Pagefind's own UI
    names = {p.name for p in (fixture_build.site / "pagefind" / years[-1]).iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind"} <= names
    assert not any(name.startswith("pagefind-ui") for name in names)
    assert "Tìm kiếm / search: en:" in fixture_build.output


@pytest.mark.build
def test_bundle_holds_published_articles_and_static_pages_only(fixture_build: Build):
    fragments = _fragments(fixture_build.site)
    urls = {f["url"] for f in fragments}
    assert "/tin-tuc/2026/cong-bo/" in urls and "/en/tin-tuc/2026/cong-bo/" in urls
    assert "/gioi-thieu/" in urls  # a static page
    assert "/tin-tuc/2026/go-bo/" not in urls  # withdrawn: page exists, not searchable
    assert not {"/", "/en/", "/tim-kiem/", "/en/tim-kiem/", "/404.html"} & urls
    assert not any(
        u.startswith(("/chuyen-muc/", "/loai-tin/", "/tin-tuc/2026/trang")) for u in urls
    )
    text = " ".join(f["content"] for f in fragments)
    for marker in (*UNPUBLISHED_MARKERS, WITHDRAWN_MARKER):
        assert marker not in text
    assert PUBLISHED_MARKER in text and ENGLISH_MARKER in text


@pytest.mark.build
def test_articles_carry_title_lead_date_type_and_category(fixture_build: Build):
    by_url = {f["url"]: f for f in _fragments(fixture_build.site)}
    vi = by_url["/tin-tuc/2026/cong-bo/"]
    assert vi["meta"]["title"] == "Cưỡng chế thi hành án về đất đai tại Hà Nội"
    assert vi["meta"]["lead"].startswith("Cơ quan thi hành án dân sự")
    assert vi["meta"]["date"] == "2026-05-10T09:30:00+07:00"
    assert vi["meta"]["date_label"] == "10/05/2026"
    assert vi["meta"]["type"] == "Tin hoạt động"
    assert vi["filters"] == {"category": ["Thi hành án dân sự"], "type": ["Tin hoạt động"]}
    en = by_url["/en/tin-tuc/2026/cong-bo/"]
    assert en["meta"]["type"] == "News" and en["meta"]["date_label"] == "10 May 2026"
    tail = vi["content"][-int(vi["meta"]["fold_len"]) - 1 :]
    assert "dat dai" in tail and "đ" not in tail


# -- index chunks ------------------------------------------------------------------------------
def _all_words(bundle: Path) -> dict[str, list[tuple[str, bytes]]]:
    return {
        lang: [word for *_, words in chunks for word in words]
        for lang, chunks in pagefind_chunks.index_chunks(bundle).items()
    }


@pytest.mark.build
def test_rechunk_cuts_by_encoded_size_and_keeps_every_word_byte_for_byte(
    fixture_build: Build, tmp_path: Path
):
    bundle = tmp_path / "pagefind"
    shutil.copytree(fixture_build.site / "pagefind", bundle)
    before = _all_words(bundle)
    counts = pagefind_chunks.rechunk(bundle, target=150)
    chunks = pagefind_chunks.index_chunks(bundle)
    assert _all_words(bundle) == before  # same words, same order, same encoded data
    assert {lang: len(listed) for lang, listed in chunks.items()} == counts
    assert counts["vi"] > 20
    for listed in chunks.values():
        for first, last, _, words in listed:
            assert len(words) == 1 or sum(len(entry) for _, entry in words) <= 150
            assert words[0][0].startswith(first) and words[-1][0].startswith(last)
        for (_, last, _, _), (first, _, _, _) in itertools.pairwise(listed):
            assert last < first  # ranges in order, without overlap
    names = {name for listed in chunks.values() for _, _, name, _ in listed}
    assert {p.stem for p in (bundle / "index").glob("*.pf_index")} == names  # old ones gone
    assert len(list(bundle.glob("pagefind.*.pf_meta"))) == 2


@pytest.mark.build
def test_a_bundle_rechunked_in_memory_is_the_bundle_rechunked_in_its_folder(
    fixture_build: Build, tmp_path: Path
):
    """The build re-cuts what it read of Pagefind's output in memory (``rechunk_files``),
    leaving what it was given as it was; re-cutting a folder in place (``rechunk``, which
    the other tests here check word by word) leaves exactly those files on disk, the old
    chunks and meta file deleted."""
    bundle = tmp_path / "pagefind"
    shutil.copytree(fixture_build.site / "pagefind", bundle)
    files = pagefind_chunks.read_folder(bundle)
    given = dict(files)
    in_memory, counts = pagefind_chunks.rechunk_files(files, target=150)
    assert files == given
    assert pagefind_chunks.rechunk(bundle, target=150) == counts
    assert in_memory == pagefind_chunks.read_folder(bundle) != given


@pytest.mark.build
def test_the_built_bundle_is_rechunked(fixture_build: Build):
    assert "index chunks left" not in fixture_build.output
    for folders in _index_folders(fixture_build.site).values():
        for folder in folders:
            limit = search.SHARD_CHUNK_BYTES if folder else pagefind_chunks.CHUNK_BYTES
            bundle = fixture_build.site / "pagefind" / folder
            for listed in pagefind_chunks.index_chunks(bundle).values():
                for *_, words in listed:
                    assert len(words) == 1 or sum(len(e) for _, e in words) <= limit


@pytest.mark.build
def test_rechunk_changes_nothing_in_a_bundle_it_does_not_know(fixture_build: Build, tmp_path: Path):
    bundle = tmp_path / "pagefind"
    shutil.copytree(fixture_build.site / "pagefind", bundle)
    chunk = next((bundle / "index").glob("vi_*.pf_index"))
    chunk.write_bytes(gzip.compress(b"pagefind_dcd" + b"\x81\x82\x83"))  # a cut-off chunk
    files = {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    with pytest.raises(pagefind_chunks.ChunkFormatError):
        pagefind_chunks.rechunk(bundle)
    entry = bundle / "pagefind-entry.json"
    entry.write_text(entry.read_text().replace('"1.5.2"', '"1.6.0"'))
    with pytest.raises(pagefind_chunks.ChunkFormatError, match=r"1\.6\.0"):
        pagefind_chunks.rechunk(bundle)
    del files[entry]
    assert {p: p.read_bytes() for p in files} == files


def test_chunk_ranges_are_shortened_as_pagefind_does():
    # pagefind/src/index/mod.rs chunk_meta: each side keeps one character past the common prefix
    ranges = pagefind_chunks.chunk_ranges([["an", "anh"], ["ao", "ba"], ["bac", "thi"]])
    assert ranges == [("an", "an"), ("ao", "ba"), ("bac", "thi")]


def test_indexing_again_and_again_always_finishes_the_bundle(fixture_build: Build, tmp_path: Path):
    """The race of issue 8: the bundle must be complete every time Pagefind returns.

    Pagefind's Python service answered before its files were on disk and was then killed, so
    about one build in ten read an empty ``pagefind-entry.json``. Run the indexer repeatedly
    (with the other core busy, as in CI) and read the whole bundle back each time.
    """
    site = tmp_path / "site"
    shutil.copytree(fixture_build.site, site, ignore=shutil.ignore_patterns("pagefind"))
    pages = []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        pages.append(search.Document(url, path, "en" if url.startswith("en/") else "vi"))
    for _ in range(8):
        report = search_finish.write_index(site, pages)
        assert report.rechunk_skipped == ""
        entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {"vi", "en"}
        assert all(pagefind_chunks.index_chunks(site / "pagefind").values())


@pytest.mark.build
def test_pagefind_indexes_a_trimmed_page_as_it_indexes_the_whole_page(
    fixture_build: Build, tmp_path: Path
):
    """Pagefind is given each page from its first marked tag on, an article's page up to the
    end of the article (``search.trimmed``): the same pages, titles, excerpts, anchors and
    word index as from the whole built page, byte for byte, for every page the fixture site
    indexes (articles, static pages, both languages), with Pagefind's own detection of
    titles (no metadata given)."""
    site = fixture_build.site
    staged = {"whole": tmp_path / "whole", "trimmed": tmp_path / "trimmed"}
    count = cut = 0
    for path in sorted(site.rglob("index.html")):
        if path.relative_to(site).parts[0] == "pagefind":
            continue
        url = path.parent.relative_to(site).as_posix() + "/"
        document = search.Document(url, path, "en" if url.startswith("en/") else "vi")
        trimmed = search.prepare(document)
        if trimmed is None:
            continue
        page_html = path.read_text(encoding="utf-8")
        tail = trimmed[trimmed.index('<div data-pagefind-body hidden data-nr-search-tail=""') :]
        tail = tail[: tail.rindex("</div>") + len("</div>")]
        assert len(trimmed) < len(page_html)
        if search.INDEX_END in page_html:  # an article's page: its related links, footer
            assert 'class="nr-related"' not in trimmed and "md-footer" not in trimmed
            cut += 1
        for name, content in (("whole", search.with_tail(page_html, tail)), ("trimmed", trimmed)):
            target = staged[name] / "site" / url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        count += 1
    assert count > 10 and cut > 5
    indexed = {}
    for name, root in staged.items():
        config = {"site": str(root / "site"), "output_path": str(root / "bundle")}
        config["exclude_selectors"] = list(search.EXCLUDE_SELECTORS)
        (root / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        pagefind_runs.Runs().submit(root).result()
        indexed[name] = {
            path.relative_to(root / "bundle").as_posix(): gzip.decompress(path.read_bytes())
            for path in (root / "bundle").rglob("*.pf_*")
            if path.parent.name in ("fragment", "index")
        }
    assert len(indexed["whole"]) > count
    assert indexed["trimmed"] == indexed["whole"]


# -- the bundle written from both ends ---------------------------------------------------------
def _job(shard: str, pages: int, status: int | None = 0) -> search.IndexJob:
    """A job whose Pagefind run ended with ``status`` (``None``: still running)."""
    run: Future[int] = Future()
    if status is not None:
        run.set_result(status)
    return search.IndexJob("vi", shard, pages, [], None, run=run)


def test_a_copy_does_its_share_of_a_list_of_work_and_nothing_when_it_fails():
    shared = forking.Shared([2, 3], lambda n: (n * n, os.getpid()))
    done = shared.results()
    assert {n: square for n, (square, _) in done.items()} == {2: 4, 3: 9}
    assert all(pid != os.getpid() for _, pid in done.values())
    assert forking.Shared([1], lambda n: 1 / 0).results() == {}
    shared = forking.Shared([1], lambda n: n)
    shared.end()  # killed before it is waited for: nothing left behind
    assert shared.results() == {}


def test_a_copy_packs_the_latest_shards_whose_indexes_are_made_up_to_half_the_pages():
    """Never the first shard (its bundle gives the program files), the root, a shard whose
    Pagefind still runs or failed (a copy cannot wait for the build's runs, and the build
    reports failures)."""
    shards = {
        "2026": [_job("2026", 10)],
        "2025": [_job("2025", 5)],
        "2024": [_job("2024", 4, None)],
        "2023": [_job("2023", 3), _job("2023", 1)],
        "2022": [_job("2022", 2, 1)],
        "2021": [_job("2021", 9)],
        "": [_job("", 6)],
    }
    seen = []

    def finish(shard: str) -> search_finish.Finished:
        seen.append(shard)  # (in the copy: not here)
        return search_finish.Finished({"vi": len(shard)}, 100, "", (f"name-{shard}",))

    beside = search_finish._finish_beside(shards, finish)
    assert beside is not None and beside.items == {"2021", "2023", "2025"}  # 18 of 40 pages
    assert beside.results() == {
        shard: search_finish.Finished({"vi": len(shard)}, 100, "", (f"name-{shard}",))
        for shard in ("2021", "2023", "2025")
    }
    assert seen == []
    assert (
        search_finish._finish_beside({"2026": shards["2026"], "2024": shards["2024"]}, finish)
        is None
    )


@pytest.mark.build
def test_a_bundle_written_partly_by_a_copy_is_the_bundle_the_build_writes_alone(tmp_path: Path):
    """A copy writes the index folders of years whose indexes are made
    (``search_finish._finish_beside``; here the build waits for every run first, so that it does);
    built again with the build writing every folder itself, every file is the same."""
    from test_rebuild import assert_same, output

    root = make_project(tmp_path / "project")
    waiting = (
        "from newsroom.outputs import search_finish; "
        "search_finish._made = lambda job: job.packed is not None or job.run.result() == 0"
    )
    shared = run_build_after(root, tmp_path / "shared", waiting)
    written = re.search(r"(\d+) ghi song song / written alongside", shared.output)
    assert written and int(written.group(1)) >= 1, shared.output
    alone = run_build_after(
        root,
        tmp_path / "alone",
        "from newsroom.outputs import search_finish; search_finish.FINISH_BESIDE = False",
    )
    assert "written alongside" not in alone.output
    assert len(list((alone.site / "pagefind").rglob("*.pf_fragment"))) > 10
    assert_same(output(alone), output(shared))


# -- the split by year -------------------------------------------------------------------------
def _page(published: tuple[int, int] | None, lang: str = "vi") -> search.Document:
    return search.Document("x/", Path("x"), lang, published=published)


def test_articles_are_split_by_year_and_other_pages_go_to_the_root():
    pages = [_page((2024, 3)), _page(None), _page((2025, 1)), _page((2024, 12))]
    shards = search_shards.split(pages)
    assert {name: [p.published for p in listed] for name, listed in shards.items()} == {
        "2024": [(2024, 3), (2024, 12)],
        "": [None],
        "2025": [(2025, 1)],
    }


def test_a_large_year_is_split_into_month_ranges_of_equal_length():
    per_month = search_shards.SHARD_PAGES // 4  # 3 × SHARD_PAGES in the year: three parts
    pages = [_page((2024, month)) for month in range(1, 13) for _ in range(per_month)]
    shards = search_shards.split(pages)
    assert sorted(shards) == ["2024-1", "2024-2", "2024-3"]
    assert {p.published[1] for p in shards["2024-2"]} == {5, 6, 7, 8}
    assert all(len(listed) <= search_shards.SHARD_PAGES for listed in shards.values())
    # never more parts than months, however large the year
    assert search_shards.shard_name((2024, 12), {2024: 10**6}) == "2024-12"


def test_index_folders_are_never_paths_and_the_manifest_lists_root_then_newest():
    assert search_shards.folder(Path("/b"), "") == Path("/b")
    assert search_shards.folder(Path("/b"), "2024-3") == Path("/b/2024-3")
    for bad in ("../x", "2024/..", "/etc", "20245", "a"):
        with pytest.raises(ValueError):
            search_shards.folder(Path("/b"), bad)
    listed = json.loads(search_shards.manifest({"vi": ["2024", "", "2026", "2025-2"]}))
    assert listed == {"vi": ["", "2026/", "2025-2/", "2024/"]}
