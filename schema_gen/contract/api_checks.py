"""The API server's volume and mount checks that JSON Schema cannot express.

Each spans fields or entries (``pkg/apis/core/validation``), on what the pods get:

- the files of a projected volume have distinct paths across all its sources;
- with ``iscsi.initiatorName``, "<volume name>:<iscsi.targetPortal>" fits in 64 bytes;
- an ephemeral claim's ``dataSource`` and ``dataSourceRef``, both set, name one object;
- a claim template's annotations hold at most 256 KiB of keys and values;
- ``mountPropagation: Bidirectional`` needs a privileged container;
- a downward API divisor is one the resource allows (:data:`divisors.DIVISORS`; the
  schema could say it, at a cost every render would pay).

``templates/_api_rules.tpl`` makes the same walk, with the same messages in the
same order; the tests compare the two. The API server refuses these whatever
``validation.mode`` says, so they always fail the render. Messages name values
paths, never values, so each stays on one line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from schema_gen.contract.divisors import DIVISORS
from schema_gen.contract.findings import list_at, mapping_at
from schema_gen.contract.values_paths import ValuesPath, dotted
from schema_gen.contract.volume_rules import rendered

ANNOTATIONS_MAX = 256 * 1024  # TotalAnnotationSizeLimitB, bytes of keys and values
ISCSI_NAME_MAX = 64  # "<volume name>:<targetPortal>" with an initiatorName
CONTAINER_SECURITY_CONTEXT = "containerSecurityContext"  # every container's, in the values
_PROJECTED_LISTS = ("secret", "configMap", "downwardAPI")  # in the API server's order


def _bytes(text: Any) -> int:
    return len(text.encode()) if isinstance(text, str) else 0


def _lists(values: Mapping[str, Any], key: str) -> Iterator[tuple[ValuesPath, Any]]:
    """Yield (values path, entry) of the ``key`` entries the rendered pods get, in order."""
    yield from (((key, i), entry) for i, entry in enumerate(list_at(values, key)))
    for component in rendered(values):
        own = list_at(values.get(component), key)
        yield from (((component, key, i), entry) for i, entry in enumerate(own))


def _projected(where: ValuesPath, projected: Mapping[str, Any]) -> Iterator[tuple]:
    at = (*where, "volume", "projected")
    seen: dict[str, str] = {}  # path -> where in the volume it was first projected
    for s, source in enumerate(list_at(projected, "sources")):
        files = [
            ((kind, "items", j, "path"), item.get("path"))
            for kind in _PROJECTED_LISTS
            for j, item in enumerate(list_at(mapping_at(source, kind), "items"))
            if isinstance(item, Mapping) and item.get("path")
        ]
        if isinstance(source, Mapping) and "clusterTrustBundle" in source:
            bundle = mapping_at(source, "clusterTrustBundle")
            files.append((("clusterTrustBundle", "path"), bundle.get("path")))
        for inner, path in files:
            if not isinstance(path, str):
                continue
            place = dotted(("sources", s, *inner))
            if path in seen:
                yield (
                    (*at, "sources", s, *inner),
                    f"the projected volume already has a file at this path, from {seen[path]}; "
                    "give each file its own path",
                )
            else:
                seen[path] = place


def _iscsi(where: ValuesPath, name: Any, iscsi: Mapping[str, Any]) -> Iterator[tuple]:
    if "initiatorName" not in iscsi:
        return
    length = _bytes(name) + 1 + _bytes(iscsi.get("targetPortal"))
    if length > ISCSI_NAME_MAX:
        yield (
            (*where, "name"),
            f"with iscsi.initiatorName set, the volume name, ':' and iscsi.targetPortal must fit "
            f"in {ISCSI_NAME_MAX} characters, not {length}; shorten the name or the portal",
        )


def _ephemeral(where: ValuesPath, ephemeral: Mapping[str, Any]) -> Iterator[tuple]:
    at = (*where, "volume", "ephemeral", "volumeClaimTemplate")
    claim = mapping_at(ephemeral, "volumeClaimTemplate")
    spec = mapping_at(claim, "spec")
    source, ref = mapping_at(spec, "dataSource"), mapping_at(spec, "dataSourceRef")
    if "dataSource" in spec and "dataSourceRef" in spec and not ref.get("namespace"):
        same_group = ("apiGroup" in source) == ("apiGroup" in ref) and source.get(
            "apiGroup"
        ) == ref.get("apiGroup")
        if not same_group or any(source.get(k) != ref.get(k) for k in ("kind", "name")):
            yield (
                (*at, "spec", "dataSource"),
                "must name the same object as dataSourceRef (apiGroup, kind and name) when "
                "both are set; keep one of them",
            )
    annotations = mapping_at(mapping_at(claim, "metadata"), "annotations")
    size = sum(_bytes(key) + _bytes(value) for key, value in annotations.items())
    if size > ANNOTATIONS_MAX:
        yield (
            (*at, "metadata", "annotations"),
            f"hold {size} bytes of keys and values; the API server allows at most "
            f"{ANNOTATIONS_MAX} (256 KiB)",
        )


def _divisors(where: ValuesPath, source: Mapping[str, Any]) -> Iterator[tuple]:
    """Check the divisor of each downward API file: the volume's, then each projection's."""
    files = [(("downwardAPI",), mapping_at(source, "downwardAPI"))]
    for s, projection in enumerate(list_at(mapping_at(source, "projected"), "sources")):
        files.append(
            (("projected", "sources", s, "downwardAPI"), mapping_at(projection, "downwardAPI"))
        )
    for at, downward in files:
        for j, item in enumerate(list_at(downward, "items")):
            ref = mapping_at(item, "resourceFieldRef")
            if "divisor" not in ref:
                continue
            for rule in DIVISORS:
                if rule.applies(ref.get("resource")) and not rule.allows(ref["divisor"]):
                    path = (*where, "volume", *at, "items", j, "resourceFieldRef", "divisor")
                    yield path, rule.message


def _volume_findings(values: Mapping[str, Any]) -> Iterator[tuple[ValuesPath, str]]:
    for where, entry in _lists(values, "extraVolumes"):
        source = mapping_at(entry, "volume")
        name = entry.get("name") if isinstance(entry, Mapping) else None
        yield from _iscsi(where, name, mapping_at(source, "iscsi"))
        yield from _projected(where, mapping_at(source, "projected"))
        yield from _ephemeral(where, mapping_at(source, "ephemeral"))
        yield from _divisors(where, source)


def _mount_findings(values: Mapping[str, Any]) -> Iterator[tuple[ValuesPath, str]]:
    if mapping_at(values, CONTAINER_SECURITY_CONTEXT).get("privileged") is True:
        return
    for where, mount in _lists(values, "extraVolumeMounts"):
        if isinstance(mount, Mapping) and mount.get("mountPropagation") == "Bidirectional":
            yield (
                (*where, "mountPropagation"),
                "Bidirectional propagation needs a privileged container: set "
                f"{CONTAINER_SECURITY_CONTEXT}.privileged: true, or use HostToContainer",
            )


def findings(values: Mapping[str, Any]) -> list[tuple[ValuesPath, str]]:
    """Return (values path, message) for each check the camelCase ``values`` break, in order."""
    return [*_volume_findings(values), *_mount_findings(values)]


def problems(values: Mapping[str, Any]) -> list[str]:
    """Return each broken check as Helm words it: ``values.path: message``."""
    return [f"{dotted(where)}: {message}" for where, message in findings(values)]
