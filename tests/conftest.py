"""Shared fixtures: the chart, the real Helm engine and the Kubernetes validator."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from schema_gen.contract.components import CONTROL_PLANE as _CP
from schema_gen.contract.components import CONTROLLERS as _CTL
from schema_gen.contract.k8s import KUBERNETES_VERSION
from schema_gen.tools import helm_engine

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
    from schema_gen.contract.renders import deep_merge

    return deep_merge(values, BOTH)


def load_yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def render(values: dict[str, Any] | None = None, chart: Path = CHART) -> helm_engine.Rendered:
    """Return what Helm renders; the repository's chart is read once (tests/rendering.py)."""
    if chart == CHART:
        from tests import rendering

        return rendering.render(CHART, values)
    return helm_engine.render(chart, values)


@functools.cache
def _strict_validator(api_version: str, kind: str) -> Any:
    """Return kubernetes-validate's --strict validator for ``kind`` at the pinned version.

    The same schema files and validator class ``kubernetes_validate.validate`` uses,
    built once per kind: it re-reads the shared definitions (megabytes of JSON) and
    rebuilds the validator on every call, about 60 ms per object.
    """
    from kubernetes_validate import utils
    from referencing import Registry, Resource

    version = [v for v in utils.all_versions() if utils.major_minor(v) <= KUBERNETES_VERSION][-1]
    folder = f"kubernetes-json-schema/v{version}-local-strict"
    group = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)  # rbac.authorization.k8s.io/v1
    schema = utils.schema_contents(f"{folder}/{kind.lower()}-{group}.json", version)
    definitions = utils.schema_contents(f"{folder}/_definitions.json", version)
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)


def assert_valid_kubernetes(obj: dict[str, Any]) -> None:
    """Fail unless ``obj`` passes kubernetes-validate --strict at the pinned version."""
    error = jsonschema.exceptions.best_match(
        _strict_validator(obj["apiVersion"], obj["kind"]).iter_errors(obj)
    )
    if error is not None:
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


TIERS = ("unit", "chart", "e2e", "property")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier, the folder it stands in (``-m unit`` runs one tier)."""
    for item in items:
        tier = Path(str(item.path)).relative_to(REPO / "tests").parts[0]
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture
def chart_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the chart, for tests that change its files."""
    return Path(shutil.copytree(CHART, tmp_path / "agents"))


@pytest.fixture
def gitops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A GitOps folder, the working directory: values-dev.yaml over values-prod.yaml."""
    from tests.shared.lint_each import DEV, PROD

    monkeypatch.chdir(tmp_path)
    Path("values-dev.yaml").write_text(DEV)
    Path("values-prod.yaml").write_text(PROD)
    return tmp_path
