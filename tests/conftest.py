"""Shared fixtures: the chart, the real Helm engine and the Kubernetes validator."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from schema_gen import helm_engine
from schema_gen.components import CONTROL_PLANE as _CP
from schema_gen.components import CONTROLLERS as _CTL
from schema_gen.k8s import KUBERNETES_VERSION

REPO = Path(__file__).resolve().parent.parent
CHART = REPO / "charts" / "agents"
# Bad values, one per rule violation, with the error Helm must print; the docs show them.
TROUBLESHOOTING = REPO / "docs" / "troubleshooting"
# The Deployments of a release named components.RELEASE.
CONTROL_PLANE = _CP.deployment
CONTROLLERS = _CTL.deployment


# Turns on the optional controllers Deployment, for tests about both pods.
BOTH = {_CTL.key: {"enabled": True}}


def with_both(values: dict[str, Any]) -> dict[str, Any]:
    """Return ``values`` with the controllers Deployment on, as a ``-f`` file over them would."""
    from schema_gen.renders import deep_merge

    return deep_merge(values, BOTH)


def load_yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def render(values: dict[str, Any] | None = None, chart: Path = CHART) -> helm_engine.Rendered:
    return helm_engine.render(chart, values)


def assert_valid_kubernetes(obj: dict[str, Any]) -> None:
    """Fail unless ``obj`` passes kubernetes-validate --strict at the pinned version."""
    try:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        where = ".".join(str(p) for p in error.path)
        pytest.fail(f"{obj['kind']}/{obj['metadata']['name']} at {where}: {error.message}")


def pod_spec(rendered: helm_engine.Rendered, deployment: str) -> dict[str, Any]:
    return rendered.get("Deployment", deployment)["spec"]["template"]["spec"]


def main_container(rendered: helm_engine.Rendered, deployment: str) -> dict[str, Any]:
    return pod_spec(rendered, deployment)["containers"][0]


def merged_values(values: dict[str, Any]) -> dict[str, Any]:
    """Return ``values`` coalesced over the chart's defaults by Helm itself."""
    import helm_python

    with helm_python.Chart.load(CHART) as chart:
        return chart.merge_values(values)


@pytest.fixture
def chart_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the chart, for tests that change its files."""
    return Path(shutil.copytree(CHART, tmp_path / "agents"))
