"""What the tiers' tests of GitOps stacks share: stacks written as files, and lint run on them."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from schema_gen.cli import main
from tests.conftest import CHART


def write_tree(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``files`` (relative name -> text) under ``root``; return ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def with_local_chart(root: Path) -> Path:
    """Put the chart where kustomize looks for it (``charts/agents`` beside the
    kustomization), so that ``kubectl kustomize`` needs no network."""
    shutil.copytree(CHART, root / "charts" / "agents", dirs_exist_ok=True)
    return root


def lint(capsys, *args: str) -> tuple[int, list[str], str]:
    """Run ``schema-gen lint ARGS``; return its status, stdout lines and stderr."""
    status = main(["lint", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def tree_state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file under ``root`` with its bytes and mode: lint must change none."""
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# A value the chart refuses, and the words lint uses for it.
RESERVED = "db-ca-cert"
RESERVED_WORDS = f'"{RESERVED}" is reserved'


def volume(name: str) -> str:
    """Return a controllers.extraVolumes item (YAML, indented for the list) named ``name``."""
    return f"    - name: {name}\n      volume:\n        emptyDir: {{}}\n"


def volumes(*names: str) -> str:
    """Return values that turn the controllers on with extraVolumes named ``names`` (the
    n-th item's name on line 4 + 3n)."""
    return "controllers:\n  enabled: true\n  extraVolumes:\n" + "".join(volume(n) for n in names)


# kustomize stacks for the differential test against kubectl kustomize (tests/e2e) and
# the attribution tests (tests/unit): name -> files. Each kustomization's first helmCharts
# entry deploys the chart.
KUSTOMIZE_STACKS: dict[str, dict[str, str]] = {
    "files-only": {
        "kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    releaseName: agents\n    namespace: agents\n"
            "    valuesFile: values.yaml\n    additionalValuesFiles:\n      - values-prod.yaml\n"
        ),
        "values.yaml": "replicaCount: 2\ncontrollers:\n  enabled: true\n  extraVolumes:\n"
        + volume("a"),
        "values-prod.yaml": "replicaCount: 3\ncontrollers:\n  replicaCount: null\n",
    },
    "override": {
        "kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n    valuesInline:\n"
            "      replicaCount: 4\n      podAnnotations:\n        a: null\n        c: '3'\n"
            "      controllers:\n        extraVolumes:\n          - name: inline\n"
            "            volume: {emptyDir: {}}\n      nodeSelector: null\n"
        ),
        "values.yaml": (
            "replicaCount: 1\npodAnnotations:\n  a: '1'\n  b: '2'\nnodeSelector:\n  disk: ssd\n"
            + volumes("base-1", "base-2")
            + "tolerations: ~\naffinity:\n"
        ),
    },
    "merge": {
        "kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n    valuesMerge: merge\n"
            "    valuesInline:\n      replicaCount: 9\n      podLabels:\n        team: x\n"
            "        tier: null\n      podAnnotations:\n        kept: 'yes'\n"
        ),
        "values.yaml": "replicaCount: 1\npodLabels:\n  tier: web\n  app: null\n",
    },
    "replace": {
        "kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n    valuesMerge: replace\n"
            "    valuesInline:\n      replicaCount: 5\n      nodeSelector: null\n"
            "    additionalValuesFiles: [extra/values.yaml]\n"
        ),
        "values.yaml": "replicaCount: 1\npodLabels: {a: b}\n",
        "extra/values.yaml": "podLabels:\n  extra: 'true'\n",
    },
    "chart-values": {
        "kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    valuesInline:\n      controllers:\n"
            "        enabled: true\n      image: null\n"
        ),
    },
    "yaml-1.2": {
        "kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n    valuesInline:\n"
            "      podLabels:\n        y: 'on'\n"
        ),
        "values.yaml": (
            "podAnnotations:\n  a: yes\n  b: off\n  c: 2001-12-14\n  d: 0o17\n  e: 017\n"
            "  f: 1e3\n  g: 2001-12-14 21:59:43.10\n  h: 0x1F\n  i: 1_000\n"
        ),
    },
    "aliases": {
        "kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n    valuesInline:\n"
            "      replicaCount: 2\n"
        ),
        "values.yaml": (
            "podLabels: &labels\n  team: x\npodAnnotations: *labels\ntolerations:\n"
            "  - &t {key: a, operator: Exists}\n  - *t\n  - <<: *t\n    key: b\n"
        ),
    },
    "two-documents": {
        "kustomization.yaml": "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n",
        "values.yaml": "replicaCount: 2\n---\nreplicaCount: 3\n",
    },
    "overlay": {
        "overlay/kustomization.yaml": "resources:\n  - ../base\nnamePrefix: prod-\n",
        "base/kustomization.yaml": (
            "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n    valuesInline:\n"
            "      replicaCount: 3\n"
        ),
        "base/values.yaml": "replicaCount: 1\n",
    },
}
# Where each stack's kustomization is, when not at its top.
KUSTOMIZE_ROOTS = {"overlay": "overlay"}


# Stacks kustomize refuses: name -> (files, what the error names).
KUSTOMIZE_REFUSED: dict[str, tuple[dict[str, str], str]] = {
    "unknown-values-merge": (
        {
            "kustomization.yaml": (
                "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n"
                "    valuesMerge: deep\n    valuesInline: {replicaCount: 2}\n"
            ),
            "values.yaml": "replicaCount: 1\n",
        },
        "kustomization.yaml:4: valuesMerge must be one of [merge override replace]",
    ),
    "missing-additional-file": (
        {
            "kustomization.yaml": (
                "helmCharts:\n  - name: agents\n    additionalValuesFiles:\n      - nope.yaml\n"
            )
        },
        "kustomization.yaml:4: additionalValuesFile nope.yaml is not there",
    ),
    "wrong-node-kind": (
        {
            "kustomization.yaml": (
                "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n"
                "    valuesInline:\n      podLabels: flat\n"
            ),
            "values.yaml": "podLabels:\n  a: b\n",
        },
        "values.yaml:1: kustomize cannot merge valuesInline at podLabels: wrong node kind",
    ),
    "unknown-field": (
        {"kustomization.yaml": "helmCharts:\n  - name: agents\n    valueFile: values.yaml\n"},
        'kustomization.yaml:3: kustomize refuses the field "valueFile"',
    ),
    "empty-values-file": (
        {
            "kustomization.yaml": (
                "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n"
                "    valuesInline: {replicaCount: 2}\n"
            ),
            "values.yaml": "# nothing yet\n",
        },
        "values.yaml: kustomize cannot merge valuesInline into it",
    ),
    "nan": (
        {
            "kustomization.yaml": (
                "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n"
                "    valuesInline: {replicaCount: 2}\n"
            ),
            "values.yaml": "podAnnotations:\n  a: .nan\n",
        },
        "values.yaml:2: kustomize cannot hand Helm '.nan'",
    ),
}
