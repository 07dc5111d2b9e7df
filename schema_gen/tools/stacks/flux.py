"""Flux's ``HelmRelease``: which values Helm gets, from ``valuesFrom`` and ``spec.values``.

From helm-controller (``internal/controller/helmrelease_controller.go``, ``api/v2``) and
fluxcd/pkg ``chartutil/values.go`` (``ChartValuesFromReferences``, ``ReplacePathValue``)
and ``merge.go`` (``MergeMaps``): each ``valuesFrom`` entry, in order, reads a key
(``valuesKey``, default ``values.yaml``) of a ConfigMap or Secret in the HelmRelease's
namespace;

- without ``targetPath`` the key's text is read as values (Helm's ``ReadValues``: the
  first YAML document) and merged over what came before (``MergeMaps``: nulls kept);
- with ``targetPath`` the inline ``spec.values`` are merged in first, then the text is
  written at the path as ``--set`` writes it (``--set-string`` when it is quoted; as it
  is with ``literal``), into the merged values in place: where the path runs through a
  map or list the inline values brought, the inline values themselves change, so the
  written value outlives the final merge of ``spec.values``;
- a missing object or key is an error unless ``optional``.

``spec.values`` are merged last. The release is ``spec.releaseName`` or
``[targetNamespace-]name`` (shortened past 53 characters as helm-controller does), the
namespace ``targetNamespace`` or the HelmRelease's. ConfigMaps and Secrets are looked
for among the files named, the YAML files beside the HelmRelease and the
``configMapGenerator``/``secretGenerator`` entries of the kustomization there, whose
source files are the layers.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema_gen.contract import components
from schema_gen.contract.values_paths import ValuesPath
from schema_gen.tools.stacks import kustomize
from schema_gen.tools.stacks.kinds import KUSTOMIZATION_NAMES
from schema_gen.tools.stacks.layers import (
    Layer,
    Merge,
    Set,
    Stack,
    StackError,
    Step,
    Where,
    nearest,
)
from schema_gen.tools.stacks.manifests import Manifest, list_at, map_at, read_manifests
from schema_gen.tools.values_decoding import UnreadableValues, helm3_reading
from schema_gen.tools.values_files import read_sources

API_GROUP = "helm.toolkit.fluxcd.io/"
REFERENCE_FIELDS = {"kind", "name", "valuesKey", "targetPath", "optional", "literal"}
DEFAULT_KEY = "values.yaml"  # ValuesReference.GetValuesKey


def is_helm_release(manifest: Manifest) -> bool:
    return manifest.kind == "HelmRelease" and manifest.api_version.startswith(API_GROUP)


def shortened(name: str) -> str:
    """Return a release name as helm-controller shortens one past 53 characters."""
    if len(name) <= 53:
        return name
    return name[:40] + "-" + hashlib.sha256(name.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Key:
    """One key of a ConfigMap or Secret: its text, its file, and where it is written
    (found only when a message needs it)."""

    text: str
    path: Path
    where: Callable[[], Where]
    read: Callable[[str], Layer]  # the text read as values (ReadValues), as a layer


@dataclass
class Resource:
    kind: str  # "ConfigMap" | "Secret"
    name: str
    namespace: str | None
    keys: dict[str, Key]


def _read_values(path: Path, text: str, name: str, locate: Callable[[Any], Where] | None) -> Layer:
    """Return ``text`` read as Flux reads a key (Helm's ``ReadValues``), as a layer whose
    lines are ``locate``'s, or the file's own."""
    try:
        reading = helm3_reading(path, text.encode("utf-8"))
    except UnreadableValues as error:
        where = locate(()) if locate else Where(path, error.line or 1)
        raise StackError(
            where.path, where.line, f"Flux cannot read it as values: {error.why}"
        ) from None
    return Layer(name, reading.data, locate or nearest(path, reading.lines))


def _file_key(path: Path, text: str) -> Key:
    """Return a generator's file source: the file is the layer, line for line."""
    return Key(
        text, path, lambda: Where(path, 1), lambda name: _read_values(path, text, name, None)
    )


def _on_line(manifest: Manifest, at: ValuesPath, text: str) -> Key:
    """Return a key whose whole text is written on one line (base64 data, a literal)."""
    where = functools.cache(lambda: manifest.where(at))

    def read(name: str) -> Layer:
        return _read_values(manifest.path, text, name, lambda _at: where())

    return Key(text, manifest.path, where, read)


def _text_key(manifest: Manifest, at: ValuesPath, text: str) -> Key:
    """Return a key of YAML text in a manifest (``data``, ``stringData``): its lines."""
    return Key(text, manifest.path, lambda: manifest.where(at),
               lambda name: manifest.text_block(at, name, text, by_cli=False))  # fmt: skip


def manifest_resources(manifest: Manifest, namespace: str | None) -> Resource | None:
    """Return a ConfigMap or Secret manifest's keys, as the API server would store them."""
    if manifest.api_version != "v1" or manifest.kind not in ("ConfigMap", "Secret"):
        return None
    keys: dict[str, Key] = {}
    data = map_at(manifest, ("data",), "data") or {}
    for key, value in data.items():
        at = ("data", key)
        if manifest.kind == "ConfigMap":
            keys[key] = _text_key(manifest, at, value if isinstance(value, str) else str(value))
            continue
        try:
            decoded = base64.b64decode(str(value), validate=True).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            raise manifest.error(
                at,
                f"Secret data {key} is not base64 (the API server refuses "
                "it); put plain text under stringData",
            ) from None
        keys[key] = _on_line(manifest, at, decoded)
    if manifest.kind == "Secret":
        for key, value in (map_at(manifest, ("stringData",), "stringData") or {}).items():
            text = value if isinstance(value, str) else str(value)
            keys[key] = _text_key(manifest, ("stringData", key), text)
    return Resource(manifest.kind, manifest.name, manifest.namespace or namespace, keys)


def generated_resources(kustomization: Manifest) -> Iterator[Resource]:
    """Yield what the kustomization's configMapGenerator and secretGenerator make."""
    root = kustomization.path.parent
    namespace = kustomization.data.get("namespace") or None
    for field, kind in (("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")):
        for index, entry in enumerate(list_at(kustomization, (field,), field)):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                continue
            keys: dict[str, Key] = {}
            for number, spec in enumerate(entry.get("files") or []):
                key, _, name = str(spec).rpartition("=")
                path = Path(os.path.normpath(root / name))
                try:
                    text = read_sources([path])[0].raw.decode("utf-8", "replace")
                except UnreadableValues as error:
                    raise kustomization.error(
                        (field, index, "files", number),
                        f"{kind} generator file {name}: {error.why}",
                    ) from None
                keys[key or path.name] = _file_key(path, text)
            for number, spec in enumerate(entry.get("literals") or []):
                key, _, value = str(spec).partition("=")
                at = (field, index, "literals", number)
                keys[key] = _on_line(kustomization, at, value.strip("'\""))
            ns = entry.get("namespace") or namespace
            yield Resource(kind, entry["name"], ns, keys)


def _neighbours(release: Manifest, named: Iterable[Path]) -> tuple[list[Resource], str | None]:
    """Return the ConfigMaps and Secrets Flux could find for ``release``, and the namespace
    the kustomization beside it gives it."""
    folder = release.path.parent
    kustomization = kustomize.kustomization_in(folder)
    namespace = None
    resources: list[Resource] = []
    if kustomization is not None:
        read = kustomize.read_kustomization(kustomization)
        namespace = read.data.get("namespace") or None
        resources += generated_resources(read)
    files = [*named]
    files += sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    for path in dict.fromkeys(files):
        if path.name in KUSTOMIZATION_NAMES:
            continue
        try:
            documents = read_manifests(path)
        except (StackError, UnreadableValues):
            continue  # not a manifest: values or something else beside it
        ns = namespace if path.parent == folder else None
        resources += [r for d in documents if (r := manifest_resources(d, ns))]
    return resources, namespace


def _find(
    resources: list[Resource], kind: str, name: str, namespace: str | None
) -> Resource | None:
    for resource in reversed(resources):  # the files named win over the files beside
        same_namespace = resource.namespace in (None, namespace) or namespace is None
        if resource.kind == kind and resource.name == name and same_namespace:
            return resource
    return None


def _deploys_chart(release: Manifest, manifests: list[Manifest]) -> tuple[bool | None, str]:
    """Return whether the HelmRelease deploys the chart (None: cannot tell), and what it deploys."""
    spec = release.data.get("spec") or {}
    chart, ref = spec.get("chart"), spec.get("chartRef")
    if bool(chart) == bool(ref):
        raise release.error(
            ("spec",),
            "either chart or chartRef must be set (helm-controller "
            "refuses a HelmRelease with both or neither)",
        )
    if chart:
        name = ((chart.get("spec") or {}) if isinstance(chart, dict) else {}).get("chart")
        if not isinstance(name, str) or not name:
            raise release.error(("spec", "chart"), "spec.chart.spec.chart must name the chart")
        return name.rstrip("/").rsplit("/", 1)[-1] == components.CHART, name
    if not isinstance(ref, dict) or not ref.get("kind") or not ref.get("name"):
        raise release.error(("spec", "chartRef"), "spec.chartRef needs a kind and a name")
    for manifest in manifests:
        if manifest.kind == ref["kind"] and manifest.name == ref["name"]:
            source = manifest.data.get("spec") or {}
            if ref["kind"] == "OCIRepository":
                url = str(source.get("url", ""))
                return url.rstrip("/").rsplit("/", 1)[-1] == components.CHART, url
            chart_name = str(source.get("chart", ""))
            return chart_name.rstrip("/").rsplit("/", 1)[-1] == components.CHART, chart_name
    return None, f"{ref['kind']}/{ref['name']}"


def release_stack(
    release: Manifest, resources: list[Resource], beside_namespace: str | None
) -> Stack:
    """Return the stack of a HelmRelease that deploys the chart."""
    spec = release.data.get("spec") or {}
    namespace = release.namespace or beside_namespace
    inline_values = map_at(release, ("spec", "values"), "spec.values")
    inline = release.block(("spec", "values"), "spec.values", inline_values or {})
    steps: list[Step] = []
    reads: list[Path] = []
    for index, ref in enumerate(list_at(release, ("spec", "valuesFrom"), "spec.valuesFrom")):
        at = ("spec", "valuesFrom", index)
        if not isinstance(ref, dict):
            raise release.error(at, "a valuesFrom entry must be a mapping")
        for key in ref:
            if key not in REFERENCE_FIELDS:
                raise release.error((*at, key), f'a valuesFrom entry has no field "{key}"')
        kind, name = ref.get("kind"), ref.get("name")
        if kind not in ("ConfigMap", "Secret") or not isinstance(name, str) or not name:
            raise release.error(at, "a valuesFrom entry needs kind ConfigMap or Secret and a name")
        values_key = ref.get("valuesKey") or DEFAULT_KEY
        resource = _find(resources, kind, name, namespace)
        key = resource.keys.get(values_key) if resource else None
        if key is None:
            if ref.get("optional"):
                continue
            missing = (
                f"{kind} {name}" if resource is None else f"key {values_key!r} of {kind} {name}"
            )
            raise release.error(
                at,
                f"could not resolve {kind} chart values reference "
                f"'{namespace or '?'}/{name}' with key '{values_key}': {missing} is not "
                "among the files named, beside the HelmRelease or generated there; "
                "name its file, or mark the reference optional",
            )
        label = f"{kind} {name} key {values_key}"
        reads.append(key.path)
        target = ref.get("targetPath")
        if not target:
            steps.append(Merge(key.read(label)))
            continue
        steps.append(Merge(inline))
        layer = Layer(label, {}, lambda _at, key=key: key.where())
        steps.append(target_path_step(str(target), key.text, layer, bool(ref.get("literal"))))
    steps.append(Merge(inline))
    release_name = spec.get("releaseName") or (
        f"{spec['targetNamespace']}-{release.name}" if spec.get("targetNamespace") else release.name
    )
    return Stack(
        release.path,
        lambda: release.where(()),
        f"HelmRelease {release.name}",
        steps,
        spec.get("targetNamespace") or namespace,
        shortened(release_name),
        reads=reads,
    )


def target_path_step(path: str, text: str, layer: Layer, literal: bool) -> Set:
    """Return the ``--set`` write of ``ReplacePathValue`` or ``ReplacePathLiteralValue``."""
    if literal:
        escaped = text
        for char, spelled in (
            ("\\", "\\\\"),
            (",", "\\,"),
            ("[", "\\["),
            ("]", "\\]"),
            ("{", "\\{"),
            ("}", "\\}"),
        ):
            escaped = escaped.replace(char, spelled)
        return Set(f"{path}={escaped}", layer, as_string=True)
    single = text.startswith("'") and text.endswith("'")
    double = text.startswith('"') and text.endswith('"')
    if single or double:
        return Set(f"{path}={text.strip(chr(39) + chr(34))}", layer, as_string=True)
    return Set(f"{path}={text}", layer)


def stacks(
    manifest: Manifest, named: list[Manifest], named_files: Iterable[Path]
) -> Iterator[Stack | str]:
    """Yield the HelmRelease's stack when it deploys the chart, else a note saying why not."""
    ours, what = _deploys_chart(manifest, named)
    if ours is None:
        where = manifest.where(("spec",))
        yield (
            f"{where}: HelmRelease {manifest.name} deploys the chart of {what}, which is not "
            "among the files named: not checked (name its file too)"
        )
        return
    if not ours:
        where = manifest.where(("spec",))
        yield (
            f"{where}: HelmRelease {manifest.name} deploys {what!r}, not {components.CHART!r}: "
            "not checked"
        )
        return
    resources, namespace = _neighbours(manifest, [])
    for path in dict.fromkeys(named_files):
        try:
            documents = read_manifests(path)
        except (StackError, UnreadableValues):
            continue
        resources += [r for d in documents if (r := manifest_resources(d, None))]
    yield release_stack(manifest, resources, namespace)
