"""``newsroom check [PATH...]``: the same checks as the build, for some or all files."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsroom.common.issues import Issue

from .common import EXIT_CONTENT, EXIT_OK, CommandError, fail, load_site


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="kiểm tra bài viết như khi build / check articles as the build does",
        description="Kiểm tra toàn bộ nội dung (hoặc các tệp được nêu) và in mọi lỗi. "
        "Checks all content (or the given files) and prints every problem.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="tệp hoặc thư mục cần kiểm tra / files or folders to check",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="định dạng kết quả / output format (github = annotations)",
    )
    parser.add_argument(
        "--lang", choices=("vi", "en"), default=None, help="ngôn ngữ thông báo / message language"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        site = load_site(args)
    except CommandError as error:
        return fail(error)
    language = args.lang or site.settings.message_language
    # Overdue press items are reminders, not content issues: printed here (annotations on a
    # pull request with --format github) but never a reason for the build to fail.
    reminders = site.desk.reminders()
    found = _select([*site.corpus.issues, *reminders], args.paths, site.settings.docs_dir)
    for item in found:
        print(item.format_github(language) if args.format == "github" else item.format(language))
    errors = sum(1 for i in found if i.is_error)
    warnings = len(found) - errors
    total = len(site.corpus.entries)
    if args.format == "text":
        print(
            f"{total} bài, {errors} lỗi, {warnings} cảnh báo / "
            f"{total} articles, {errors} errors, {warnings} warnings"
        )
    return EXIT_CONTENT if errors else EXIT_OK


def _select(issues: list[Issue], paths: list[str], docs_dir: Path) -> list[Issue]:
    """Keep the issues of the named files or folders (all when none are named)."""
    if not paths:
        return issues
    wanted = [Path(p).resolve() for p in paths]
    base = docs_dir.parent

    def chosen(item: Issue) -> bool:
        target = (base / item.path).resolve()
        return any(target == w or w in target.parents for w in wanted)

    return [i for i in issues if chosen(i)]
