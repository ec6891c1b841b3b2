"""``newsroom``: the editors' command line (Vietnamese first, English second)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import check_command

COMMANDS = {"check": check_command}


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
        "--config", "-f", default="mkdocs.yml",
        help="tệp cấu hình trang / site config file (mặc định / default: mkdocs.yml)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH/COMMAND")
    for name, module in COMMANDS.items():
        module.register(sub, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
