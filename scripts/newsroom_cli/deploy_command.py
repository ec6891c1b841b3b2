"""``newsroom deploy``: the nginx configuration, atomic releases and rollback (DEPLOY.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import subprocess
import sys
from pathlib import Path

from newsroom.deploy import csp, nginx, release, systemd
from newsroom.deploy.options import DeployError, DeployOptions

from .common import EXIT_CONTENT, EXIT_OK, CommandError, fail, load_settings


def register(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="tự vận hành máy chủ: nginx, phát hành, quay lui / self-hosting",
        description="Phục vụ trang bằng nginx trên máy chủ của Bộ / serve the site with nginx "
        "on the Ministry's servers: DIR/current is the live release (DEPLOY.md).",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="VIỆC/ACTION")
    config = actions.add_parser(
        "nginx-config", help="viết cấu hình nginx / write the nginx configuration"
    )
    _releases(config)
    _server(config)
    config.add_argument("--output", "-o", metavar="FILE", help="ghi ra tệp / write to FILE")
    config.set_defaults(run=run_config)

    publish = actions.add_parser(
        "release", help="xây dựng, kiểm tra, đưa lên / build, verify, switch"
    )
    _releases(publish)
    publish.add_argument(
        "--resume", action="store_true", help="bỏ lệnh giữ sau quay lui / lift a rollback hold"
    )
    publish.add_argument(
        "--nginx-config",
        metavar="FILE",
        help="kiểm tra (có --listen: viết lại) cấu hình nginx trước khi chuyển / check "
        "(with --listen: rewrite) the nginx config before switching",
    )
    _server(publish, required=False)
    publish.add_argument(
        "--reload",
        metavar="COMMAND",
        default="nginx -s reload",
        help="lệnh nạp lại nginx khi cấu hình đổi / reload command when the config changed",
    )
    publish.set_defaults(run=run_release)

    back = actions.add_parser("rollback", help="quay lại bản trước / back to the previous release")
    _releases(back)
    back.add_argument("--to", metavar="NAME", help="bản phát hành cụ thể / a given release")
    back.set_defaults(run=run_rollback)

    units = actions.add_parser(
        "systemd", help="dịch vụ + hẹn giờ đăng bài / publishing service and timer"
    )
    _releases(units)
    units.add_argument("--source", required=True, metavar="DIR", help="bản sao kho / checkout")
    units.add_argument("--user", default="newsroom", help="người chạy / service user")
    units.add_argument(
        "--output-dir", required=True, metavar="DIR", help="thư mục ghi / where to write"
    )
    units.set_defaults(run=run_systemd)

    status = actions.add_parser("list", help="các bản phát hành / list the releases")
    _releases(status)
    status.set_defaults(run=run_list)


def _releases(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--releases", required=True, metavar="DIR", help="thư mục các bản / releases directory"
    )


def _server(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--listen", required=required, metavar="ADDR:PORT", help="địa chỉ nghe / listen address"
    )
    parser.add_argument("--server-name", default="_", metavar="NAME", help="tên miền / host name")
    parser.add_argument("--tls-certificate", metavar="FILE", help="chứng thư / certificate")
    parser.add_argument("--tls-key", metavar="FILE", help="khoá riêng / certificate key")


def _options(args: argparse.Namespace) -> DeployOptions:
    return DeployOptions.from_mapping(dict(load_settings(args).deploy))


def _render(args: argparse.Namespace, extra_site: Path | None = None) -> str:
    """The configuration, allowing the inline code of every kept release (rollback works)."""
    settings = load_settings(args)
    options = DeployOptions.from_mapping(dict(settings.deploy))
    root = Path(args.releases).resolve()
    inline = csp.InlineCode()
    sites = [root / name for name in release.releases(root)]
    for site in [*sites, *([extra_site] if extra_site else [])]:
        inline.update(csp.scan(site))
    if not inline.scripts:
        print(
            "newsroom: chưa có bản phát hành: chạy lại sau lần phát hành đầu / no release yet: "
            "run again after the first release (inline scripts are allowed by hash)",
            file=sys.stderr,
        )
    if bool(args.tls_certificate) != bool(args.tls_key):
        raise CommandError("--tls-certificate và / and --tls-key đi cùng nhau / go together")
    policy = csp.policy(
        inline, settings.iframe_hosts, options.emc_origin, upgrade_insecure=options.hsts
    )
    spec = nginx.ServerSpec(
        releases=root,
        listen=args.listen,
        csp=policy,
        options=options,
        server_name=args.server_name,
        certificate=Path(args.tls_certificate).resolve() if args.tls_certificate else None,
        certificate_key=Path(args.tls_key).resolve() if args.tls_key else None,
    )
    return nginx.render(spec)


def run_config(args: argparse.Namespace) -> int:
    try:
        text = _render(args)
    except (CommandError, DeployError, OSError) as error:
        return fail(error if isinstance(error, CommandError) else CommandError(str(error)))
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            return fail(CommandError(f"không ghi được / cannot write {args.output}: {error}"))
    else:
        print(text, end="")
    return EXIT_OK


def run_release(args: argparse.Namespace) -> int:
    root = Path(args.releases).resolve()

    def nginx_allows(new_release: Path) -> None:
        """With --listen: rewrite the config and reload nginx; without: only check it."""
        if not args.nginx_config:
            return
        target = Path(args.nginx_config)
        if args.listen:
            text = _render(args, new_release)
            if target.is_file() and target.read_text(encoding="utf-8") == text:
                return
            target.write_text(text, encoding="utf-8")
            done = subprocess.run(shlex.split(args.reload), check=False, capture_output=True)
            if done.returncode != 0:
                error = done.stderr.decode(errors="replace").strip()
                raise DeployError(f"{args.reload}: {error}")
            return
        if not target.is_file():
            return  # nginx is not configured yet: nothing to keep working
        written = target.read_text(encoding="utf-8")
        absent = csp.missing_from(csp.scan(new_release), written)
        if absent:
            raise DeployError(
                f"{target}: chưa cho phép mã nội tuyến mới / does not allow the new release's "
                f"inline scripts ({len(absent)}): run `newsroom deploy nginx-config` and reload"
            )

    try:
        options = _options(args)
        outcome = release.release(
            root, Path(args.config).resolve(), options, None, args.resume, nginx_allows
        )
    except (CommandError, DeployError, OSError) as error:
        _log("failed", release.live(root) or "-", str(error).splitlines()[0])
        print(str(error), file=sys.stderr)
        return EXIT_CONTENT
    _log(outcome.action, outcome.release, outcome.detail)
    return EXIT_OK


def run_rollback(args: argparse.Namespace) -> int:
    try:
        before, after = release.rollback(Path(args.releases).resolve(), args.to)
    except (DeployError, OSError) as error:
        return fail(CommandError(str(error)))
    _log("rolled-back", after, f"from {before}; new releases held until `release --resume`")
    return EXIT_OK


def run_systemd(args: argparse.Namespace) -> int:
    try:
        options = _options(args)
        paths = systemd.Paths(
            str(Path(args.source).resolve()), str(Path(args.releases).resolve()), args.user
        )
        target = Path(args.output_dir)
        target.mkdir(parents=True, exist_ok=True)
        for name, text in systemd.units(paths, options).items():
            (target / name).write_text(text, encoding="utf-8")
            print(target / name)
    except (CommandError, DeployError, OSError) as error:
        return fail(error if isinstance(error, CommandError) else CommandError(str(error)))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    root = Path(args.releases).resolve()
    current = release.live(root)
    for name in release.releases(root):
        print(f"{'*' if name == current else ' '} {name}")
    if (root / release.HOLD).exists():
        print(f"hold: {(root / release.HOLD).read_text(encoding='utf-8').strip()}")
    return EXIT_OK


def _log(action: str, name: str, detail: str = "") -> None:
    """One line per run, for the journal: time, what happened, the live release."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(f"{stamp} newsroom-publish {action} current={name}" + (f" {detail}" if detail else ""))
