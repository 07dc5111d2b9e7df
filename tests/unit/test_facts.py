"""Facts written in prose by hand follow the one place each is kept."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib

import pytest
import yaml

from schema_gen.contract import k8s
from schema_gen.contract.k8s import KUBERNETES_VERSION
from schema_gen.generator import compiled
from tests.conftest import CHART, REPO

HAND_WRITTEN = [REPO / "README.md", CHART / "README.md", *sorted((REPO / "docs").glob("*.md"))]
KUBE_VERSION = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))["kubeVersion"]


@pytest.mark.parametrize("page", HAND_WRITTEN, ids=lambda p: str(p.relative_to(REPO)))
def test_the_kubernetes_versions_named_are_the_pinned_ones(page):
    text = page.read_text(encoding="utf-8")
    schema = set(re.findall(r"Kubernetes (\d+\.\d+)(?: core/v1)? (?:schema|definitions)", text))
    assert schema <= {KUBERNETES_VERSION}, (
        f"{page}: names {schema}; k8s.py pins {KUBERNETES_VERSION}"
    )
    oldest = set(re.findall(r"Kubernetes (\d+\.\d+) or newer \(the chart's `kubeVersion`\)", text))
    assert {f">={v}.0-0" for v in oldest} <= {KUBE_VERSION}, (
        f"{page}: Chart.yaml says {KUBE_VERSION}"
    )


def test_the_chart_readme_names_the_schemas_version():
    text = (CHART / "README.md").read_text(encoding="utf-8")
    assert f"Kubernetes {KUBERNETES_VERSION} schema" in text


@pytest.mark.parametrize(
    "missing",
    [
        lambda: k8s._definitions_file(),
        lambda: compiled.validator_code({"type": "object"}),
    ],
    ids=["kubernetes-validate", "fastjsonschema"],
)
def test_a_missing_generate_dependency_names_the_requirement_pyproject_pins(missing, monkeypatch):
    # The message tells a maintainer what to install: the requirement as the generate
    # group pins it, never another version.
    group = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pinned = [r for r in group["dependency-groups"]["generate"] if isinstance(r, str)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda _name, *_a: None)
    monkeypatch.setitem(sys.modules, "fastjsonschema", None)  # its import fails
    with pytest.raises(k8s.MissingDependency) as caught:
        missing()
    named = re.match(r"(\S+) is not installed here", str(caught.value)).group(1)
    assert named in pinned, (named, pinned)
    assert "--group generate" in str(caught.value)
