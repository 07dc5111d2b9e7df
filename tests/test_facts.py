"""Facts written in prose by hand follow the one place each is kept."""

from __future__ import annotations

import re

import pytest
import yaml

from schema_gen.k8s import KUBERNETES_VERSION
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
