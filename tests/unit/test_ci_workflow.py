"""The pull-request workflow runs every Helm CLI test on the leg of that Helm.

Each leg of the tests job is played through its steps, as GitHub would run them: which
Helm it installs, what it puts in the environment, whether it runs the tests session.
On a Helm 3 leg the Helm 3 tests must find a Helm 3 binary in $HELM3_BIN (as
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
_STARTS_WITH = re.compile(r"^\s*startsWith\(\s*matrix\.helm\s*,\s*'([^']*)'\s*\)\s*$")


@dataclass
class Leg:
    """What one matrix leg of the tests job does, step by step."""

    helm: str  # the matrix's Helm version
    installed: str | None = None  # the version the setup-helm step installs
    env: dict[str, str] = field(default_factory=dict)  # set before the tests session runs
    tests_run: bool = False


def _runs(step: dict[str, Any], leg: str) -> bool:
    condition = step.get("if")
    if condition is None:
        return True
    found = _STARTS_WITH.match(str(condition))
    if not found:
        pytest.fail(f"teach this test the condition {condition!r} (step {step.get('name')!r})")
    return leg.startswith(found.group(1))


def _played(job: dict[str, Any], helm: str) -> Leg:
    leg = Leg(helm, env=dict(job.get("env") or {}))
    for step in job["steps"]:
        if not _runs(step, helm):
            continue
        if str(step.get("uses", "")).startswith("azure/setup-helm"):
            leg.installed = str(step["with"]["version"]).replace("${{ matrix.helm }}", helm)
        run = str(step.get("run", ""))
        for name in re.findall(r'echo "([A-Z0-9_]+)=[^"]*" >> "\$GITHUB_ENV"', run):
            leg.env[name] = "set"
        if re.search(r"\bnox -s [^\n]*\btests\b", run):
            leg.tests_run = True
            leg.env |= {k: str(v) for k, v in (step.get("env") or {}).items()}
            break
    return leg


def _legs() -> list[Leg]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    job = workflow["jobs"]["tests"]
    return [_played(job, helm) for helm in job["strategy"]["matrix"]["helm"]]


def test_there_is_a_leg_for_each_helm_major():
    assert sorted({leg.helm[:3] for leg in _legs()}) == ["v3.", "v4."]


@pytest.mark.parametrize("leg", _legs(), ids=lambda leg: leg.helm)
def test_each_leg_runs_the_tests_with_its_helm_named_as_the_tests_need(leg: Leg):
    assert leg.tests_run, f"the {leg.helm} leg never runs `nox -s tests`"
    assert leg.installed == leg.helm, "the leg must put its own Helm on PATH"
    if leg.helm.startswith("v3."):
        assert "HELM3_BIN" in leg.env, "the Helm 3 leg must name its binary in HELM3_BIN"
    else:
        assert "HELM3_BIN" not in leg.env, "HELM3_BIN would point at another Helm"
