"""GitHub workflows pass actionlint (the binary ships in the wheel: nothing is downloaded)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def test_actionlint_passes():
    result = subprocess.run(
        [str(ACTIONLINT)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(REPO), "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_needs_no_network():
    """Run it in a namespace without network when the system allows one."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rn", "true"], check=False).returncode:
        pytest.skip("no user namespaces here")
    result = subprocess.run(
        [unshare, "-rn", str(ACTIONLINT)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_is_least_privilege_and_uses_the_real_clock():
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in deploy["jobs"]["build"]
    triggers = deploy[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
    for job in deploy["jobs"].values():  # the real clock decides what is published
        assert "NEWSROOM_NOW" not in str(job)
    ci = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in ci["jobs"]["check-build-test"]["steps"])
    assert "newsroom check --format github" in steps
    assert "make build" in steps and "make test" in steps
