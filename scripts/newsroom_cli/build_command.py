"""``newsroom build``: the production build into ``site/``, skipped when nothing changed."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from newsroom.common import collector
from newsroom.common.clock import ClockError
from newsroom.content.registries import RegistryError
from newsroom.site import build, incremental, uptodate

from .common import EXIT_CONTENT, EXIT_OK, CommandError, fail


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="dựng trang chính thức vào site/ / production build into site/",
        description="Dựng trang chính thức (mkdocs build --strict). Nếu nguồn, mẫu, mã, "
        "gói cài đặt và thời điểm (so với mọi mốc giờ trong nội dung) đều như lần dựng trước "
        "và site/ còn nguyên, không dựng lại; nếu chỉ bài viết thay đổi, chỉ dựng lại các trang "
        "hiển thị chúng. "
        "Production build (mkdocs build --strict); skipped when the sources, templates, code, "
        "installed packages and the moment (against every time the content holds) are those "
        "of the last build and site/ is untouched; when only articles changed, only the pages "
        "that show them are rendered again.",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="luôn dựng lại toàn bộ / build every page even if nothing changed",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = Path(args.config)
    if not config.is_file():
        return fail(CommandError(f"không tìm thấy / not found: {config}"))
    collector.tune()
    try:
        inputs = uptodate.read(config)
    except (RegistryError, ClockError) as exc:
        return fail(CommandError(str(exc), EXIT_CONTENT))
    if not args.force and inputs.site_is_current():
        print(
            f"{inputs.site_dir.name}/ đã khớp với nguồn, không cần dựng lại / "
            "is up to date: nothing changed since the last build"
        )
        return EXIT_OK
    # Only pages that changed are rendered when site/ is what the last build wrote (then the
    # hooks compare the site-wide digest with that build's record: newsroom.site.incremental).
    partial = not args.force and inputs.site_is_intact()
    # An incremental build reads the recorded listing of site/ as its "before"; if it fails
    # after changing site/, the listing no longer matches and the next build is complete.
    if inputs.cache_dir is not None and not partial:
        uptodate.forget(inputs.cache_dir)
        incremental.forget(inputs.cache_dir)
    arguments = ["build", "--strict", "-f", str(config), "-d", str(inputs.site_dir)]
    if partial:
        arguments.append("--dirty")
    os.environ.update({**inputs.environment(), incremental.ENV_VAR: inputs.site_wide})
    site_before = inputs.site_folder[1] if partial else None
    build.hand_over(build.HandedOver(inputs.site, inputs.sources_read, site_before))
    code = 1
    try:
        code = _mkdocs(arguments)
    finally:
        if inputs.cache_dir is not None:
            if code == 0:
                listing = build.take_handed_back()
                uptodate.record(inputs.cache_dir, inputs.site_dir, inputs.fingerprint, listing)
            else:  # site/ may be half-changed (or MkDocs raised): the next build is complete
                incremental.forget(inputs.cache_dir)
    return EXIT_OK if code == 0 else EXIT_CONTENT


def _mkdocs(arguments: list[str]) -> int:
    """Run MkDocs' command line in this process (its exit status): the build takes the
    project just loaded (``newsroom.site.build.hand_over``) instead of starting another
    Python and scanning every article again."""
    from mkdocs.__main__ import cli

    argv = sys.argv
    # static-i18n builds its other languages dirty when "--dirty" is in sys.argv
    sys.argv = ["mkdocs", *arguments]
    try:
        cli.main(args=arguments, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as done:  # click always ends this way: 0 on success
        if done.code is None:
            return 0
        return done.code if isinstance(done.code, int) else 1
    finally:
        sys.argv = argv
    return 0
