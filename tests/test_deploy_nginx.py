"""The generated nginx configuration, served by a real nginx over a real release.

The fixture site is released with ``newsroom deploy release`` and served through the config
``newsroom deploy nginx-config`` writes; every check is an HTTP request to 127.0.0.1.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_project
from lxml import html as lxml_html
from nginx_support import Nginx, free_port, newsroom, require_nginx, serve

require_nginx()

HOME = "/"
ARTICLE = "/tin-tuc/2026/cong-bo/"
SECRET = "MARKER-OUTSIDE-RELEASE-77aa"


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("deploy-nginx")
    project = make_project(base / "project")
    root = base / "releases"
    done = newsroom(project, "deploy", "release", "--releases", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    # Planted after the release: what an attacker with write access to a release might add.
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    live = root / "current"
    (live / "tep" / "link.txt").symlink_to(outside / "secret.txt")
    (live / "leak").symlink_to(os.path.relpath(outside, live))
    (live / ".git").mkdir()
    (live / ".git" / "config").write_text(SECRET, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(releases: Path) -> Iterator[Nginx]:
    project = releases.parent / "project"
    nginx = serve(releases, project, releases.parent)
    yield nginx
    nginx.stop()


@pytest.fixture
def live(releases: Path) -> Path:
    return (releases / "current").resolve()


MEDIA_TYPES = {
    HOME: "text/html; charset=utf-8",
    "/feeds/rss.xml": "application/rss+xml; charset=utf-8",
    "/feeds/atom.xml": "application/atom+xml; charset=utf-8",
    "/en/feeds/rss.xml": "application/rss+xml; charset=utf-8",
    "/feeds/feed.json": "application/feed+json; charset=utf-8",
    "/feeds/hop-bao.ics": "text/calendar; charset=utf-8",
    "/feeds/feeds.opml": "text/x-opml; charset=utf-8",
    "/sitemap.xml": "application/xml; charset=utf-8",
    "/assets/logo.svg": "image/svg+xml; charset=utf-8",
    "/assets/search.js": "text/javascript; charset=utf-8",
    "/assets/newsroom.css": "text/css; charset=utf-8",
    "/pagefind/pagefind-entry.json": "application/json; charset=utf-8",
    "/pagefind/pagefind.js": "text/javascript; charset=utf-8",
    "/pagefind/wasm.unknown.pagefind": "application/octet-stream",
    "/tep/tai-lieu.txt": "text/plain; charset=utf-8",
    "/build-id.txt": "text/plain; charset=utf-8",
}


@pytest.mark.parametrize(("path", "media"), MEDIA_TYPES.items())
def test_media_types(server, path, media):
    response = server.get(path)
    assert response.status == 200, path
    assert response.header("Content-Type") == media


def test_category_feeds_are_typed_as_feeds(server, live):
    rss = next((live / "feeds" / "chuyen-muc").glob("*.rss.xml"))
    atom = next((live / "feeds" / "chuyen-muc").glob("*.atom.xml"))
    path = "/" + rss.relative_to(live).as_posix()
    assert server.get(path).header("Content-Type").startswith("application/rss+xml")
    path = "/" + atom.relative_to(live).as_posix()
    assert server.get(path).header("Content-Type").startswith("application/atom+xml")


def test_pagefind_index_files_are_binary(server, live):
    for pattern in ("pagefind/*.pf_meta", "pagefind/fragment/*", "pagefind/index/*"):
        path = "/" + next(live.glob(pattern)).relative_to(live).as_posix()
        response = server.get(path, {"Accept-Encoding": "gzip"})
        assert response.header("Content-Type") == "application/octet-stream"
        assert "Content-Encoding" not in {k.title() for k in response.headers}


def _inline_script_hashes(page: bytes) -> set[str]:
    tree = lxml_html.fromstring(page)
    found = set()
    for script in tree.iter("script"):
        if script.get("src") or script.get("type") not in (None, "text/javascript", "module"):
            continue
        digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def _csp(response) -> dict[str, list[str]]:
    policy = response.header("Content-Security-Policy")
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize("path", [HOME, ARTICLE, "/feeds/rss.xml", "/assets/search.js", "/nope"])
def test_every_response_has_every_security_header(server, path):
    response = server.get(path)
    csp = _csp(response)
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    # nothing external is allowed when the EMC snippet is off (the default)
    for directive in ("script-src", "connect-src", "img-src", "style-src", "font-src"):
        assert not [s for s in csp[directive] if s.startswith("http")], directive
    assert csp["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.header("Permissions-Policy")
    assert "geolocation=()" in response.header("Permissions-Policy")
    assert response.header("X-Frame-Options") == "DENY"
    assert response.header("Server") == "nginx"  # no version
    assert "Strict-Transport-Security" not in {k.title() for k in response.headers}  # off


def test_csp_allows_exactly_the_theme_inline_scripts(server):
    for path in (HOME, ARTICLE, "/en/", "/bao-chi/nguon-tin/"):
        response = server.get(path)
        needed = _inline_script_hashes(response.body)
        assert needed, path
        assert needed <= set(_csp(response)["script-src"]), path


CACHE = {
    HOME: "public, max-age=60, must-revalidate",
    ARTICLE: "public, max-age=60, must-revalidate",
    "/feeds/rss.xml": "public, max-age=60, must-revalidate",
    "/feeds/feed.json": "public, max-age=60, must-revalidate",
    "/sitemap.xml": "public, max-age=60, must-revalidate",
    "/pagefind/pagefind-entry.json": "no-cache",
    "/pagefind/2026/pagefind-entry.json": "no-cache",  # a year's index (search_shards)
    "/pagefind/newsroom-indexes.json": "no-cache",
    "/pagefind/pagefind.js": "no-cache",
    "/assets/search.js": "public, max-age=300, must-revalidate",
    "/tep/tai-lieu.txt": "public, max-age=300, must-revalidate",
}


@pytest.mark.parametrize(("path", "expected"), CACHE.items())
def test_cache_headers_by_kind(server, path, expected):
    response = server.get(path)
    assert response.header("Cache-Control") == expected
    assert response.header("ETag") and response.header("Last-Modified")


def test_fingerprinted_assets_and_index_files_are_immutable(server, live):
    bundle = next((live / "assets" / "javascripts").glob("bundle.*.min.js"))
    fragment = next((live / "pagefind" / "fragment").iterdir())
    year = next((live / "pagefind" / "2026" / "fragment").iterdir())
    for file in (bundle, fragment, year):
        response = server.get("/" + file.relative_to(live).as_posix())
        assert response.status == 200
        assert response.header("Cache-Control") == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", [HOME, ARTICLE, "/feeds/rss.xml", "/assets/search.js"])
def test_gzip_is_negotiated(server, live, path):
    original = (
        live / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    ).read_bytes()
    plain = server.get(path)
    assert "Content-Encoding" not in {k.title() for k in plain.headers}
    assert plain.body == original
    packed = server.get(path, {"Accept-Encoding": "gzip, deflate, br"})
    assert packed.header("Content-Encoding") == "gzip"
    assert packed.header("Vary") == "Accept-Encoding"
    assert len(packed.body) < len(original)
    assert gzip.decompress(packed.body) == original
    refused = server.get(path, {"Accept-Encoding": "gzip;q=0, identity"})
    assert refused.body == original


def test_404_in_the_visitors_language(server, live):
    vietnamese = server.get("/khong-co-trang-nay/")
    assert vietnamese.status == 404 and b'lang="vi"' in vietnamese.body
    assert vietnamese.body == (live / "404.html").read_bytes()
    english = live / "en" / "404.html"
    assert english.exists()  # the portal writes a 404 page per language
    response = server.get("/en/no-such-page/")
    assert response.status == 404 and response.body == english.read_bytes()
    assert b'lang="en"' in response.body
    # a release without the English page: the Vietnamese one, still with status 404
    hidden = english.with_name("404.html.moved")
    english.rename(hidden)
    try:
        fallback = server.get("/en/no-such-page/")
        assert fallback.status == 404 and fallback.body == vietnamese.body
    finally:
        hidden.rename(english)


def test_404_without_any_404_page_is_plain_and_final(server, live):
    pages = [live / "404.html", live / "en" / "404.html"]
    for page in pages:
        page.rename(page.with_name("404.html.moved"))
    try:
        for path in ("/nope/", "/en/nope/"):
            response = server.get(path)
            assert response.status == 404
            assert b"404 Not Found" in response.body
    finally:
        for page in pages:
            page.with_name("404.html.moved").rename(page)


def test_directories_redirect_once_and_are_never_listed(server):
    response = server.get("/tin-tuc")
    assert response.status == 301 and response.header("Location") == "/tin-tuc/"
    assert server.get("/tin-tuc/").status == 200
    for path in ("/assets/", "/assets/javascripts/", "/pagefind/", "/tep/"):
        listing = server.get(path)
        assert listing.status == 404, path
        assert b"Index of" not in listing.body


@pytest.mark.parametrize("path", ["/tep/link.txt", "/leak/secret.txt", "/.git/config"])
def test_nothing_is_served_from_outside_the_release(server, path):
    response = server.get(path)
    assert response.status == 404
    assert SECRET.encode() not in response.body


def test_the_release_switches_through_current(server, releases, live):
    build_id = server.get("/build-id.txt").body.decode()
    assert build_id.split("\n")[0] == live.name
    for path in (HOME, ARTICLE, "/en/"):
        page = server.get(path).body.decode()
        assert page.count(f'<meta name="newsroom-build" content="{live.name}">') == 1
    assert re.fullmatch(r"\d{8}T\d{12}Z-[0-9a-f]{12}", live.name)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is missing")
def test_tls_with_the_operators_certificate(releases, tmp_path):
    key, cert = tmp_path / "site.key", tmp_path / "site.pem"
    request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
    subprocess.run(
        ["openssl", *request, "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    config = tmp_path / "tls.conf"
    done = newsroom(
        releases.parent / "project",
        "deploy",
        "nginx-config",
        "--releases",
        str(releases),
        "--listen",
        f"127.0.0.1:{port}",
        "--tls-certificate",
        str(cert),
        "--tls-key",
        str(key),
        "--output",
        str(config),
    )
    assert done.returncode == 0, done.stderr
    nginx = Nginx(tmp_path / "nginx", config, port).start()
    try:
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
        connection.request("GET", "/")
        reply = connection.getresponse()
        assert reply.status == 200 and b"<html" in reply.read()
        assert reply.getheader("X-Content-Type-Options") == "nosniff"
        assert "script-src 'self'" in reply.getheader("Content-Security-Policy")
        connection.close()
    finally:
        nginx.stop()
