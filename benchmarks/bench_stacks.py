"""Benchmark: `schema-gen lint STACK` on a three-layer GitOps stack against `schema-gen lint`
of the same merged values as one file (goal: at most 1.5x), for each tool.

The GitOps sample values (charts/agents/ci/gitops-values.yaml) are cut into three layers
by top-level key; each stack hands Helm exactly the sample's values:

- kustomize: `valuesFile` (layer 1, which kyaml merges with `valuesInline`, layer 3) and
  `additionalValuesFiles` (layer 2);
- Argo CD: two `valueFiles` and `valuesObject`;
- Flux: two ConfigMaps in `valuesFrom` and `spec.values`.

Each figure is a whole process, timed in one interleaved run (see timing.py); the ratio is
judged against the one-file lint, the floor here. A clean stack takes lint's fast path,
as a clean file does: the ratio is the cost of reading and merging the layers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml
from timing import Command, interleaved, judged, ratio

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SAMPLE = ROOT / "charts" / "agents" / "ci" / "gitops-values.yaml"
GOAL = 1.5
ONE_FILE = "lint merged values, one file"


def _layers() -> list[dict]:
    values = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    keys = list(values)
    third = len(keys) // 3
    cuts = [keys[:third], keys[third : 2 * third], keys[2 * third :]]
    return [{key: values[key] for key in cut} for cut in cuts]


def _dump(values: dict, indent: int = 0) -> str:
    text = yaml.safe_dump(values, sort_keys=False)
    return "".join(" " * indent + line + "\n" for line in text.splitlines())


def _stacks(scratch: Path) -> dict[str, Path]:
    """Write the one file and a stack of each kind; return name -> what lint is given."""
    first, second, third = _layers()
    (scratch / "merged.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    kustomize = scratch / "kustomize"
    kustomize.mkdir()
    (kustomize / "values.yaml").write_text(_dump(first))
    (kustomize / "values-prod.yaml").write_text(_dump(second))
    (kustomize / "kustomization.yaml").write_text(
        "helmCharts:\n  - name: agents\n    releaseName: agents\n    namespace: agents\n"
        "    valuesFile: values.yaml\n    additionalValuesFiles: [values-prod.yaml]\n"
        "    valuesInline:\n" + _dump(third, 6)
    )
    argocd = scratch / "argocd"
    (argocd / ".git").mkdir(parents=True)
    (argocd / "chart").mkdir()
    (argocd / "chart" / "Chart.yaml").write_text("name: agents\n")
    (argocd / "chart" / "values.yaml").write_text(_dump(first))
    (argocd / "chart" / "values-prod.yaml").write_text(_dump(second))
    (argocd / "app.yaml").write_text(
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: agents\n"
        "spec:\n  destination:\n    namespace: agents\n  source:\n"
        "    repoURL: https://example.com/gitops.git\n    path: chart\n    helm:\n"
        "      valueFiles: [values.yaml, values-prod.yaml]\n      valuesObject:\n" + _dump(third, 8)
    )
    flux = scratch / "flux"
    flux.mkdir()
    config_maps = "".join(
        f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agents-{n}\n"
        f"data:\n  values.yaml: |\n{_dump(layer, 4)}"
        for n, layer in enumerate((first, second))
    )
    (flux / "values.yaml").write_text(config_maps)
    (flux / "helmrelease.yaml").write_text(
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: agents\n"
        "  namespace: agents\nspec:\n  interval: 5m\n  chart:\n    spec:\n      chart: agents\n"
        "  valuesFrom:\n    - kind: ConfigMap\n      name: agents-0\n"
        "    - kind: ConfigMap\n      name: agents-1\n  values:\n" + _dump(third, 4)
    )
    return {
        ONE_FILE: scratch / "merged.yaml",
        "lint kustomize stack, 3 layers": kustomize,
        "lint Argo CD Application, 3 layers": argocd / "app.yaml",
        "lint Flux HelmRelease, 3 layers": flux / "helmrelease.yaml",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="interleaved rounds")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="schema-gen-stacks-") as scratch:
        named = _stacks(Path(scratch))
        commands = {
            name: Command([PY, "-m", "schema_gen", "lint", "-q", "-n", "agents", str(path)], ROOT)
            for name, path in named.items()
        }
        times = interleaved(commands, runs)
    for name, values in times.items():
        median = sorted(values)[len(values) // 2]
        shown = "" if name == ONE_FILE else f", {ratio(times, name, ONE_FILE):5.2f}x one file"
        print(f"{name:>36}: median {median * 1000:7.1f} ms over {runs} runs{shown}")
    for name in times:
        if name != ONE_FILE:
            print(judged(f"{name} / {ONE_FILE}", ratio(times, name, ONE_FILE), GOAL))


if __name__ == "__main__":
    main()
