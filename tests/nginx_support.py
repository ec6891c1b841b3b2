"""A real nginx (Debian's, `make nginx`) on 127.0.0.1 with its own prefix, over a releases dir.

The project's release and configuration commands are run as an operator runs them
(``newsroom deploy release`` / ``nginx-config``), then nginx serves the generated config.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXED_NOW, SITE_URL

NGINX = Path(os.environ.get("NEWSROOM_NGINX", "/usr/sbin/nginx"))
NEWSROOM = Path(sys.executable).parent / "newsroom"


def require_nginx() -> None:
    if not NGINX.exists():
        reason = f"{NGINX} is missing: run `make nginx` or set NEWSROOM_NGINX"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason, allow_module_level=True)


def newsroom(project: Path, *args: str, now: str = FIXED_NOW) -> subprocess.CompletedProcess:
    """Run the CLI in ``project`` as an operator would (fixed clock and site address)."""
    env = {**os.environ, "NEWSROOM_NOW": now, "NEWSROOM_SITE_URL": SITE_URL}
    return subprocess.run(
        [str(NEWSROOM), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class Nginx:
    """nginx in the foreground with its own prefix, pid, logs and temp paths."""

    def __init__(self, prefix: Path, server_config: Path, port: int) -> None:
        self.prefix = prefix
        self.port = port
        for sub in ("logs", "tmp"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the tmp_path tree
        temp = "".join(
            f"  {kind}_temp_path {prefix}/tmp/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        self.config = prefix / "nginx.conf"
        self.config.write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\n"
            f"error_log {prefix}/logs/error.log warn;\n"
            "events { worker_connections 128; }\n"
            f"http {{\n  access_log off;\n{temp}  sendfile on;\n  include {server_config};\n}}\n",
            encoding="utf-8",
        )
        self.process: subprocess.Popen | None = None

    def command(self, *extra: str) -> list[str]:
        log = str(self.prefix / "logs" / "error.log")
        return [str(NGINX), "-p", str(self.prefix), "-c", str(self.config), "-e", log, *extra]

    def start(self) -> Nginx:
        checked = subprocess.run(self.command("-t"), capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen(self.command(), stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise AssertionError("nginx did not start: " + self.errors())

    def errors(self) -> str:
        log = self.prefix / "logs" / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers or {})
            reply = connection.getresponse()
            body = reply.read()
            names = {k.lower(): v for k, v in reply.getheaders()}
            return Response(reply.status, names, body)
        finally:
            connection.close()


def serve(releases: Path, project: Path, where: Path) -> Nginx:
    """Generate the config with the CLI for ``releases`` and start nginx on a free port."""
    port = free_port()
    where.mkdir(parents=True, exist_ok=True)
    config = where / "newsroom.conf"
    done = newsroom(
        project,
        "deploy",
        "nginx-config",
        "--releases",
        str(releases),
        "--listen",
        f"127.0.0.1:{port}",
        "--output",
        str(config),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return Nginx(where / "nginx", config, port).start()
