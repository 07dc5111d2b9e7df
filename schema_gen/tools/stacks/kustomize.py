"""kustomize's ``helmCharts``: which values Helm gets for each entry that deploys the chart.

From kustomize v5.7.1 (``api/internal/builtins/HelmChartInflationGenerator.go``,
``api/types/helmchartargs.go``, ``api/types/kustomization.go``): kustomize decodes
the kustomization with sigs.k8s.io/yaml (Helm's decoder) and refuses an unknown field.
For each ``helmCharts`` entry it runs ``helm template RELEASE CHART --namespace NS -f
VALUES -f ADDITIONAL...``, where VALUES is

- the ``valuesFile`` as it is, when ``valuesInline`` is empty (or the chart's own
  ``values.yaml`` in ``chartHome``, when no ``valuesFile`` is named);
- with ``valuesInline``: ``replace`` hands Helm the inline values alone; ``override``
  (the default) and ``merge`` hand it the file and the inline values merged by kyaml
  (:mod:`.kyaml_merge`), the inline values winning or the file winning.

``additionalValuesFiles`` follow as further ``-f`` files, untouched by ``valuesInline``.
Files are named relative to the kustomization's folder and must stay below it (kustomize's
default load restrictor). A kustomization's ``resources`` and ``components`` that are
folders are kustomizations of their own, built with their own folder as the root: an
overlay pulls its base's ``helmCharts`` in, unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from schema_gen.contract import components
from schema_gen.tools.stacks import kyaml_merge
from schema_gen.tools.stacks.kinds import KUSTOMIZATION_NAMES
from schema_gen.tools.stacks.layers import Layer, Merge, Stack, StackError, nearest
from schema_gen.tools.stacks.manifests import Manifest, manifests_of
from schema_gen.tools.values_files import read_sources, read_values_file

MERGES = ("merge", "override", "replace")  # legalMergeOptions
DEFAULT_HOME = "charts"  # types.HelmDefaultHome
# The fields of a Kustomization (api/types/kustomization.go, kustomize v5.7.1):
# kustomize refuses any other (DisallowUnknownFields).
FIELDS = {
    "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace",
    "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902",
    "patches", "images", "imageTags", "replacements", "replicas", "vars", "sortOptions",
    "resources", "components", "crds", "bases", "configMapGenerator", "secretGenerator",
    "helmGlobals", "helmCharts", "helmChartInflationGenerator", "generatorOptions",
    "configurations", "generators", "transformers", "validators", "buildMetadata",
}  # fmt: skip
CHART_FIELDS = {  # types.HelmChart
    "name", "version", "repo", "releaseName", "namespace", "additionalValuesFiles",
    "valuesFile", "valuesInline", "valuesMerge", "includeCRDs", "skipHooks", "apiVersions",
    "kubeVersion", "nameTemplate", "skipTests", "debug", "devel",
}  # fmt: skip
GLOBAL_FIELDS = {"chartHome", "configHome"}  # types.HelmGlobals


def kustomization_in(path: Path) -> Path | None:
    """Return the kustomization file ``path`` names (itself, or the one in the folder)."""
    if path.is_dir():
        found = [path / name for name in KUSTOMIZATION_NAMES if (path / name).is_file()]
        if len(found) > 1:
            raise StackError(
                path,
                None,
                "kustomize refuses a folder with more than one "
                f"kustomization file ({', '.join(p.name for p in found)})",
            )
        return found[0] if found else None
    return path if path.name in KUSTOMIZATION_NAMES else None


def read_kustomization(path: Path) -> Manifest:
    """Return the kustomization at ``path`` as kustomize reads it (its first document)."""
    source = read_sources([path])[0]
    documents = manifests_of(source.path, source.raw)
    kustomization = documents[0] if documents else Manifest(path, {}, {(): 1}, "")
    for key in kustomization.data:
        if key not in FIELDS:
            raise kustomization.error(
                (key,),
                f'kustomize refuses the field "{key}" (invalid Kustomization: unknown field)',
            )
    return kustomization


def _joined(root: Path, name: str) -> Path:
    return Path(os.path.normpath(root / name))


def _below(root: Path, path: Path) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _file(kustomization: Manifest, at: tuple[Any, ...], name: Any, what: str) -> Path:
    """Return the file a helmCharts entry names, as kustomize's loader finds it."""
    if not isinstance(name, str) or not name:
        raise kustomization.error(at, f"{what} must be a file name")
    if "://" in name:
        raise kustomization.error(
            at,
            f"{what} {name} is remote: kustomize fetches it, "
            "schema-gen reads no network; keep the file in the repository",
        )
    root = kustomization.path.parent
    path = _joined(root, name)
    if not _below(root, path):
        raise kustomization.error(
            at,
            f"{what} {name} is not in or below {root} (kustomize's "
            "load restrictor refuses it); move it below the kustomization",
        )
    if not path.is_file():
        raise kustomization.error(at, f"{what} {name} is not there ({path}); check the path")
    return path


def _entry_checked(kustomization: Manifest, index: int, entry: Any) -> dict[str, Any]:
    at = ("helmCharts", index)
    if not isinstance(entry, dict):
        raise kustomization.error(at, "a helmCharts entry must be a mapping")
    for key in entry:
        if key not in CHART_FIELDS:
            raise kustomization.error(
                (*at, key),
                f'kustomize refuses the field "{key}" of a helmCharts entry (unknown field)',
            )
    if not entry.get("name"):
        raise kustomization.error(
            at, "kustomize refuses a helmCharts entry without a name (chart name cannot be empty)"
        )
    merge = entry.get("valuesMerge") or "override"
    if merge not in MERGES:
        raise kustomization.error(
            (*at, "valuesMerge"),
            f"valuesMerge must be one of [merge override replace], not {merge!r}",
        )
    inline = entry.get("valuesInline")
    if inline is not None and not isinstance(inline, dict):
        raise kustomization.error((*at, "valuesInline"), "valuesInline must be a mapping")
    extra = entry.get("additionalValuesFiles")
    if extra is not None and not isinstance(extra, list):
        raise kustomization.error(
            (*at, "additionalValuesFiles"), "additionalValuesFiles must be a list of file names"
        )
    for key in ("releaseName", "namespace", "valuesFile", "version", "repo"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise kustomization.error((*at, key), f"{key} must be a string")
    return entry


def _chart_home(kustomization: Manifest, entry: dict[str, Any]) -> Path:
    """Return where kustomize looks for the chart (``absChartHome``)."""
    helm_globals = kustomization.data.get("helmGlobals") or {}
    home = helm_globals.get("chartHome") if isinstance(helm_globals, dict) else None
    root = kustomization.path.parent
    base = Path(home) if home and Path(home).is_absolute() else _joined(root, home or DEFAULT_HOME)
    if entry.get("version") and entry.get("repo"):
        return base / f"{entry['name']}-{entry['version']}"
    return base


def _values_file(kustomization: Manifest, index: int, entry: dict[str, Any], chart: Path) -> Path:
    """Return the values file the entry hands Helm: its valuesFile or the chart's own."""
    at = ("helmCharts", index, "valuesFile")
    if entry.get("valuesFile"):
        return _file(kustomization, at, entry["valuesFile"], "valuesFile")
    local = _chart_home(kustomization, entry) / entry["name"] / "values.yaml"
    return local if local.is_file() else chart / "values.yaml"  # kustomize pulls the chart


def _inline_layer(kustomization: Manifest, index: int, values: dict[str, Any]) -> Layer:
    return kustomization.block(("helmCharts", index, "valuesInline"), "valuesInline", values)


def _main_layer(kustomization: Manifest, index: int, entry: dict[str, Any], chart: Path) -> Layer:
    """Return the first ``-f`` file kustomize hands Helm for the entry, as a layer."""
    path = _values_file(kustomization, index, entry, chart)
    inline = entry.get("valuesInline") or {}
    name = path.name if entry.get("valuesFile") else "the chart's values.yaml"
    if not inline:
        return Layer.of_file(read_values_file(path), name)
    inline_layer = _inline_layer(kustomization, index, inline)
    mode = entry.get("valuesMerge") or "override"
    if mode == "replace":
        return inline_layer
    text = read_sources([path])[0].raw.decode("utf-8", "replace")
    lines: dict[tuple[Any, ...], int] = {}  # filled once the file is read
    file_layer = Layer(name, {}, nearest(path, lines))
    root = kyaml_merge.read(path, text, file_layer)
    lines.update(kyaml_merge.lines_of(root))
    merged = kyaml_merge.merge(root, kyaml_merge.from_values(inline, inline_layer), mode, path)
    values = kyaml_merge.handed_to_helm(merged, path)
    return Layer(f"{name} merged with valuesInline ({mode})", values, kyaml_merge.locate_in(merged))


def entry_stack(kustomization: Manifest, index: int, entry: dict[str, Any], chart: Path) -> Stack:
    """Return the stack of one helmCharts entry that deploys the chart."""
    steps = [Merge(_main_layer(kustomization, index, entry, chart))]
    reads = [_values_file(kustomization, index, entry, chart)]
    for number, name in enumerate(entry.get("additionalValuesFiles") or []):
        at = ("helmCharts", index, "additionalValuesFiles", number)
        path = _file(kustomization, at, name, "additionalValuesFile")
        steps.append(Merge(Layer.of_file(read_values_file(path), path.name)))
        reads.append(path)
    release = entry.get("releaseName")
    label = f"helmCharts[{index}]" + (f" (release {release})" if release else "")
    return Stack(
        kustomization.path,
        lambda: kustomization.where(("helmCharts", index)),
        label,
        steps,
        entry.get("namespace") or None,
        release or None,
        reads=reads,
    )


def stacks(path: Path, chart: Path, seen: set[Path] | None = None) -> Iterator[Stack | str | Path]:
    """Yield the stacks of the kustomization at ``path`` and of the kustomizations its
    resources and components name, a note for each entry that deploys another chart, and
    each resource file (where an Application or a HelmRelease may be)."""
    seen = set() if seen is None else seen
    key = Path(os.path.realpath(path))
    if key in seen:
        return
    seen.add(key)
    kustomization = read_kustomization(path)
    charts = kustomization.data.get("helmCharts") or []
    if not isinstance(charts, list):
        raise kustomization.error(("helmCharts",), "helmCharts must be a list")
    for index, raw in enumerate(charts):
        entry = _entry_checked(kustomization, index, raw)
        if entry["name"] != components.CHART:
            where = kustomization.where(("helmCharts", index))
            yield (
                f"{where}: helmCharts[{index}] deploys the chart {entry['name']!r}, not "
                f"{components.CHART!r}: not checked"
            )
            continue
        yield entry_stack(kustomization, index, entry, chart)
    for field in ("resources", "bases", "components"):
        for index, name in enumerate(kustomization.data.get(field) or []):
            if not isinstance(name, str):
                continue
            target = _joined(path.parent, name)
            if "://" in name or name.startswith("git@") or not target.exists():
                if "://" in name or name.startswith("git@"):
                    where = kustomization.where((field, index))
                    yield f"{where}: {field}[{index}] {name} is remote: not checked"
                    continue
                raise kustomization.error(
                    (field, index),
                    f"{field}[{index}] {name} is not there ({target}); check the path",
                )
            nested = kustomization_in(target) if target.is_dir() else None
            if nested is not None:
                yield from stacks(nested, chart, seen)
            elif target.is_file():
                yield target
