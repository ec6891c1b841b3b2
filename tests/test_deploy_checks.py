"""Deployment settings, the policy they produce and the checks a release must pass."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXED_NOW, SITE_URL, make_project
from newsroom.content import settings as site_settings
from newsroom.content.loading import load as load_site
from newsroom.deploy import csp, nginx, release, verify
from newsroom.deploy.options import DeployError, DeployOptions
from nginx_support import newsroom

EMC = "https://emc.example.gov.vn/tracking/emc.js"


def test_defaults_load_nothing_external():
    options = DeployOptions.from_mapping(None)
    assert (options.keep, options.hsts, options.emc, options.schedule) == (5, False, False, "*:0/5")
    assert options.emc_origin is None


@pytest.mark.parametrize(
    "raw",
    [{"kep": 3}, {"keep": 1}, {"emc": True}, {"emc": True, "emc_script": "http://x.vn/a.js"}],
)
def test_bad_settings_are_refused(raw):
    with pytest.raises(DeployError):
        DeployOptions.from_mapping(raw)


def test_the_repository_settings_are_valid():
    loaded = site_settings.load(Path(__file__).resolve().parents[1] / "mkdocs.yml")
    assert DeployOptions.from_mapping(dict(loaded.deploy)) == DeployOptions()


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_emc_widens_the_policy_to_its_origin_only_when_on():
    inline = csp.InlineCode({"'sha256-abc'"}, set())
    off = _directives(csp.policy(inline, ["www.youtube-nocookie.com"]))
    on_options = DeployOptions.from_mapping({"emc": True, "emc_script": EMC})
    on = _directives(csp.policy(inline, ["www.youtube-nocookie.com"], on_options.emc_origin))
    origin = "https://emc.example.gov.vn"
    for directive in ("script-src", "connect-src", "img-src"):
        assert origin in on[directive] and origin not in off[directive]
    for directive in ("style-src", "font-src", "frame-src", "default-src"):
        assert on[directive] == off[directive]
    assert "'unsafe-hashes'" not in off["script-src"]  # no inline handler, no 'unsafe-hashes'


def test_hsts_is_a_setting():
    def config(**raw) -> str:
        spec = nginx.ServerSpec(Path("/srv/r"), "127.0.0.1:80", "x", DeployOptions(**raw))
        return nginx.render(spec)

    assert "Strict-Transport-Security" not in config()
    assert 'add_header Strict-Transport-Security "max-age=31536000" always;' in config(hsts=True)


def test_inline_code_is_found_as_the_browser_sees_it():
    found = csp.InlineCode()
    found.add_page(
        '<script>run()</script><script type="application/json">{"a": 1}</script>'
        '<script src="x.js"></script><script type="module">go()</script>'
        '<button onclick="say(&quot;hi&quot;)">x</button>'
    )
    assert found.scripts == {csp.sha256("run()"), csp.sha256("go()")}
    assert found.handlers == {csp.sha256('say("hi")')}
    assert csp.missing_from(found, f"script-src {csp.sha256('run()')}") == sorted(
        {csp.sha256("go()"), csp.sha256('say("hi")')}
    )


@pytest.mark.build
def test_emc_snippet_is_in_every_page_only_when_on(tmp_path, fixture_build):
    for page in fixture_build.site.rglob("*.html"):  # off (the default): nothing external
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", page.read_text("utf-8")), page
    project = make_project(tmp_path / "emc")
    config = project / "mkdocs.yml"
    text = (
        config.read_text(encoding="utf-8")
        .replace("emc: false", "emc: true")
        .replace('emc_script: ""', f'emc_script: "{EMC}"')
    )
    config.write_text(text, encoding="utf-8")
    releases = tmp_path / "releases"
    done = newsroom(project, "deploy", "release", "--releases", str(releases))
    assert done.returncode == 0, done.stdout + done.stderr
    pages = list((releases / "current").rglob("*.html"))
    assert pages and all(
        f'<script src="{EMC}" async></script>' in p.read_text(encoding="utf-8") for p in pages
    )
    written = newsroom(
        project, "deploy", "nginx-config", "--releases", str(releases), "--listen", "1.2.3.4:80"
    )
    assert "script-src 'self' 'wasm-unsafe-eval'" in written.stdout
    assert written.stdout.count("https://emc.example.gov.vn") >= 3


def test_a_clean_build_passes_the_release_checks(fixture_build, monkeypatch):
    monkeypatch.setenv("NEWSROOM_NOW", FIXED_NOW)
    loaded = load_site(site_settings.load(fixture_build.root / "mkdocs.yml"))
    assert verify.broken_links(fixture_build.site, SITE_URL) == []
    assert verify.unpublished_leaks(fixture_build.site, loaded) == []


def test_the_checks_find_a_broken_link_and_an_unpublished_page(
    tmp_path, fixture_build, monkeypatch
):
    site = tmp_path / "site"
    shutil.copytree(fixture_build.site, site)
    page = site / "gioi-thieu" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>", '<a href="../khong-co/">x</a><img src="/assets/mat.png"></body>'
        ),
        encoding="utf-8",
    )
    draft = site / "tin-tuc" / "2026" / "ban-nhap"
    draft.mkdir(parents=True)
    (draft / "index.html").write_text("MARKER-DRAFT-7f3a", encoding="utf-8")
    (site / "tep" / "bi-mat.txt").write_text("private", encoding="utf-8")
    feed = site / "feeds" / "rss.xml"
    feed.write_text(
        feed.read_text().replace("</channel>", "<link>/tin-tuc/2026/hen-gio/</link></channel>")
    )
    assert verify.broken_links(site, SITE_URL) == [
        "/gioi-thieu/index.html → ../khong-co/",
        "/gioi-thieu/index.html → /assets/mat.png",
    ]
    monkeypatch.setenv("NEWSROOM_NOW", FIXED_NOW)
    loaded = load_site(site_settings.load(fixture_build.root / "mkdocs.yml"))
    leaks = verify.unpublished_leaks(site, loaded)
    assert "/tin-tuc/2026/ban-nhap/ (draft)" in leaks
    assert "/tep/bi-mat.txt" in leaks
    assert "/tin-tuc/2026/hen-gio/ in /feeds/rss.xml" in leaks


def test_a_release_needing_new_script_hashes_waits_for_the_config(tmp_path):
    """A page one level deeper than any before gets a new inline script (Material's
    ``__md_scope`` differs by depth): the publisher refuses to switch until the nginx
    config allows it, keeps the release on disk, and switches once the config is written."""
    project = make_project(tmp_path / "project")
    releases, config = tmp_path / "releases", tmp_path / "newsroom.conf"
    publish = ("deploy", "release", "--releases", str(releases), "--nginx-config", str(config))
    generate = ("deploy", "nginx-config", "--releases", str(releases), "--listen", "127.0.0.1:80")
    first = newsroom(project, *publish)  # no config yet: nothing to keep working
    assert first.returncode == 0, first.stdout + first.stderr
    live = release.live(releases)
    assert newsroom(project, *generate, "--output", str(config)).returncode == 0
    deep = project / "docs" / "mot" / "hai" / "ba" / "bon" / "nam.md"
    deep.parent.mkdir(parents=True)
    deep.write_text("# Trang sâu\n\nNội dung.\n", encoding="utf-8")
    refused = newsroom(project, *publish)
    assert refused.returncode == 1
    assert "does not allow the new release's inline scripts (1)" in refused.stderr
    assert " newsroom-publish failed current=" + live in refused.stdout
    assert release.live(releases) == live and len(release.releases(releases)) == 2
    assert newsroom(project, *generate, "--output", str(config)).returncode == 0
    switched = newsroom(project, *publish)
    assert switched.returncode == 0, switched.stderr
    assert "released" in switched.stdout and "same content as a kept release" in switched.stdout
    assert release.live(releases) == release.releases(releases)[-1] != live


@pytest.mark.parametrize(
    "args",
    [
        ("release", "--releases", "/proc/newsroom-releases"),
        ("rollback", "--releases", "/proc/newsroom-releases"),
        ("nginx-config", "--releases", "/tmp", "--listen", "1:2", "-o", "/proc/x/y.conf"),
        ("systemd", "--releases", "/r", "--source", "/s", "--output-dir", "/proc/x"),
    ],
)
def test_operator_mistakes_are_one_line_never_a_traceback(tmp_path, args):
    (tmp_path / "mkdocs.yml").write_text("extra: {newsroom: {deploy: {keep: 3}}}\n")
    done = newsroom(tmp_path, "deploy", *args)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr and done.stderr.strip()


def test_a_wrong_setting_is_named():
    with pytest.raises(DeployError, match="hsts"):
        DeployOptions.from_mapping({"hsts": "yes please"})
    with pytest.raises(DeployError, match=r"extra\.newsroom\.deploy: invalid literal"):
        DeployOptions.from_mapping({"keep": "many"})
