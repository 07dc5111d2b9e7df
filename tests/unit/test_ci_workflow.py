"""The pull-request workflow runs the README's tests, every Helm CLI test on the leg of
that Helm, and so do .ci/run and the release: one definition of "the tests".

Each leg of the tests job is played through its steps, as GitHub would run them: which
Helm it installs, what it puts in the environment, whether it runs the README's test
command. On a Helm 3 leg the Helm 3 tests must find a Helm 3 binary in $HELM3_BIN (as
tests/helm_clis.py requires), and no other leg may point $HELM3_BIN at another Helm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
# .ci/run takes the README's test command from the line marked so, and runs it.
MARKER = "# lint, drift check and tests"


def readme_test_command() -> str:
    """Return the nox command of the README's marked line, as .ci/run finds that line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if MARKER in line)
    command = line.split("#", 1)[0].strip()
    return command.rsplit("&&", 1)[-1].strip()  # after the install of nox


_STARTS_WITH = re.compile(r"^\s*startsWith\(\s*matrix\.helm\s*,\s*'([^']*)'\s*\)\s*$")


@dataclass
class Leg:
    """What one matrix leg of the tests job does, step by step."""

    helm: str  # the matrix's Helm version
    installed: str | None = None  # the version the setup-helm step installs
    env: dict[str, str] = field(default_factory=dict)  # set before the tests session runs
    tests_run: bool = False


_GIVEN = re.compile(r"^\s*inputs\.dist\s*!=\s*''\s*$")


def _runs(step: dict[str, Any], leg: str, dist: str) -> bool:
    condition = step.get("if")
    if condition is None:
        return True
    if _GIVEN.match(str(condition)):  # a release's call names its files; a pull request not
        return bool(dist)
    found = _STARTS_WITH.match(str(condition))
    if not found:
        pytest.fail(f"teach this test the condition {condition!r} (step {step.get('name')!r})")
    return leg.startswith(found.group(1))


def _played(job: dict[str, Any], helm: str, dist: str = "") -> Leg:
    leg = Leg(helm, env=dict(job.get("env") or {}))
    for step in job["steps"]:
        if not _runs(step, helm, dist):
            continue
        if str(step.get("uses", "")).startswith("azure/setup-helm"):
            leg.installed = str(step["with"]["version"]).replace("${{ matrix.helm }}", helm)
        run = str(step.get("run", ""))
        for name in re.findall(r'echo "([A-Z0-9_]+)=[^"]*" >> "\$GITHUB_ENV"', run):
            leg.env[name] = "set"
        if run.strip() == readme_test_command():
            leg.tests_run = True
            leg.env |= {k: str(v) for k, v in (step.get("env") or {}).items()}
            break
    return leg


def _legs(dist: str = "") -> list[Leg]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    job = workflow["jobs"]["tests"]
    return [_played(job, helm, dist) for helm in job["strategy"]["matrix"]["helm"]]


def test_a_releases_legs_test_the_files_it_publishes_and_a_pull_requests_build_their_own():
    for leg in _legs(dist="release-dist"):
        assert leg.tests_run and "SCHEMA_GEN_DIST" in leg.env, leg.helm
    for leg in _legs():
        assert leg.tests_run and "SCHEMA_GEN_DIST" not in leg.env, leg.helm


def test_the_readme_ci_run_the_pull_requests_and_the_release_run_one_test_command():
    assert readme_test_command() == "nox"  # the sessions noxfile.py makes the default
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"marker='{MARKER}'" in ci_run and 'eval "$command"' in ci_run
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert {"pull_request", "push", "workflow_call"} <= set(triggers)
    assert list(workflow["jobs"]) == ["tests"]  # no other job with its own idea of the tests
    release = yaml.safe_load((WORKFLOW.parent / "release.yml").read_text(encoding="utf-8"))
    assert release["jobs"]["verify"]["uses"] == "./.github/workflows/ci.yml"
    for path in WORKFLOW.parent.glob("*.yml"):  # no workflow runs a tier or sessions of its own
        jobs = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
        for run in (s.get("run", "") for job in jobs for s in job.get("steps", [])):
            assert not re.search(r"nox -s [^\n]*\b(tests|property|unit|lint|ci)\b", run), path


def test_there_is_a_leg_for_each_helm_major():
    assert sorted({leg.helm[:3] for leg in _legs()}) == ["v3.", "v4."]


@pytest.mark.parametrize("leg", _legs(), ids=lambda leg: leg.helm)
def test_each_leg_runs_the_tests_with_its_helm_named_as_the_tests_need(leg: Leg):
    assert leg.tests_run, f"the {leg.helm} leg never runs the README's test command"
    assert leg.installed == leg.helm, "the leg must put its own Helm on PATH"
    if leg.helm.startswith("v3."):
        assert "HELM3_BIN" in leg.env, "the Helm 3 leg must name its binary in HELM3_BIN"
    else:
        assert "HELM3_BIN" not in leg.env, "HELM3_BIN would point at another Helm"
