"""``newsroom``: the editors' command line (Vietnamese first, English second)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import (
    approve_command,
    build_command,
    check_command,
    deploy_command,
    desk_command,
    new_command,
    report_command,
    withdraw_command,
)

COMMANDS = {
    "new": new_command,
    "check": check_command,
    "approve": approve_command,
    "withdraw": withdraw_command,
    "build": build_command,
    "report": report_command,
    "desk": desk_command,
    "deploy": deploy_command,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsroom",
        description=(
            "Công cụ dành cho biên tập viên Newsroom — Newsroom editors' tool.\n"
            "Mã thoát / exit codes: 0 ổn / ok, 1 nội dung có lỗi / content errors, "
            "2 dùng sai lệnh / usage error."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--config",
        "-f",
        default="mkdocs.yml",
        help="tệp cấu hình trang / site config file (mặc định / default: mkdocs.yml)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH/COMMAND")
    for name, module in COMMANDS.items():
        module.register(sub, name)
    for each in (parser, *sub.choices.values()):
        _bilingual(each)
    return parser


def _bilingual(parser: argparse.ArgumentParser) -> None:
    """Section titles and ``-h`` in Vietnamese and English (argparse's are English only)."""
    parser._positionals.title = "đối số / arguments"
    parser._optionals.title = "tuỳ chọn / options"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "in hướng dẫn này rồi thoát / show this help and exit"
        elif isinstance(action, argparse._SubParsersAction):  # nested: newsroom desk add
            for nested in action.choices.values():
                _bilingual(nested)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
