"""CI runs on any forge: plain steps, and only actions that Gitea/Forgejo mirror."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"
#: Actions every forge provides (Forgejo mirrors them at data.forgejo.org; Gitea resolves
#: them from github.com): anything else would tie CI to GitHub.
PORTABLE = {"actions/checkout", "actions/setup-python"}


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_ci_uses_plain_steps_and_portable_actions_only():
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
    used = {step["uses"].split("@")[0] for step in _steps(ci) if "uses" in step}
    assert used <= PORTABLE, used
    assert "google-chrome" not in str(ci["jobs"]["check-build-test"].get("env", ""))


def test_pages_deploy_is_an_option_that_other_forges_skip():
    deploy = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    # the deploy job needs the build job, which runs only on github.com
    assert deploy["jobs"]["build"]["if"] == "github.server_url == 'https://github.com'"
    assert deploy["jobs"]["deploy"]["needs"] == "build"
