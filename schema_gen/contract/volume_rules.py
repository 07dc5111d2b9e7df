"""The volume contract's cross-entry rules, which JSON Schema cannot express.

R2 a mount names a volume of its pod, R3 one name per volume, R4 one mountPath per
container, R7 a component's own entries need its Deployment. Mirrored word for word by
``templates/_validation.tpl`` (the tests compare the two on every troubleshooting sample
and on generated values); ``validation.mode: warn`` turns them into NOTES.txt warnings.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from typing import Any

from schema_gen.contract import components, reserved
from schema_gen.contract.findings import Finding, list_at, mapping_at, said
from schema_gen.contract.values_paths import ValuesPath, dotted


def _clean(path: str) -> str:
    """Return ``path`` as Go's path.Clean (sprig's ``clean``) writes it: /a, /a/ and //a/. agree.

    The kubelet mounts them at the same place, so R4 compares them cleaned.
    """
    cleaned = posixpath.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def _entries(
    values: Mapping[str, Any], component: components.ChartComponent, key: str
) -> Iterator[tuple[ValuesPath, dict]]:
    """Yield the entries that reach ``component``'s pod, in order, whose shape the rules read.

    The rest have their own per-entry problems, so lint reports both kinds in one pass.
    """
    needed = ("name", "mountPath") if key == "extraVolumeMounts" else ("name",)
    shared = list_at(values, key) if component.global_extras else []
    own = list_at(values.get(component.key), key)
    for where, entry in [
        *(((key, i), e) for i, e in enumerate(shared)),
        *(((component.key, key, i), e) for i, e in enumerate(own)),
    ]:
        if isinstance(entry, Mapping) and all(isinstance(entry.get(f), str) for f in needed):
            yield where, entry


def _where_to_add(component: components.ChartComponent) -> str:
    if component.global_extras:
        return f"extraVolumes or {component.key}.extraVolumes"
    return f"{component.key}.extraVolumes"


def _component_findings(
    values: Mapping[str, Any], component: components.ChartComponent
) -> Iterator[Finding]:
    # volume name -> values path that defines it; mountPath -> values path that mounts there
    volumes, paths = reserved.occupied(values, component.key)
    for where, volume in _entries(values, component, "extraVolumes"):
        name = volume["name"]
        if name in volumes:
            yield where, f'volume name "{name}" is already used by {volumes[name]}'
        else:
            volumes[name] = dotted(where)
    paths = {_clean(path): owner for path, owner in paths.items()}
    for where, mount in _entries(values, component, "extraVolumeMounts"):
        name, path = mount["name"], mount["mountPath"]
        if name not in volumes:
            yield (
                where,
                f'volume "{name}" is not defined for {component.key} '
                f"(add it to {_where_to_add(component)})",
            )
        if _clean(path) in paths:
            yield where, f'mountPath "{path}" is already used by {paths[_clean(path)]}'
        else:
            paths[_clean(path)] = dotted(where)


def rendered(values: Mapping[str, Any]) -> list[str]:
    """Return the components (values keys) whose Deployment ``values`` render, in order."""
    return [
        c.key
        for c in components.COMPONENTS
        if not c.optional or mapping_at(values, c.key).get("enabled")
    ]


def _without_pod(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R7: a component's own entries when its Deployment is off; they would go nowhere."""
    on = rendered(values)
    for c in components.COMPONENTS:
        if c.key in on:
            continue
        elsewhere = (
            f", or move it to {{key}} (both server pods) or {components.CONTROL_PLANE.key}.{{key}}"
            if c.global_extras
            else ", or remove it"
        )
        for key in ("extraVolumes", "extraVolumeMounts"):
            for i, _entry in enumerate(list_at(values.get(c.key), key)):
                yield (
                    (c.key, key, i),
                    f"{c.key}.enabled is false, so no pod gets this entry; set {c.key}.enabled: "
                    f"true" + elsewhere.format(key=key),
                )


def contract_findings(values: Mapping[str, Any]) -> list[Finding]:
    """Return (values path, message) for every volume contract problem, once each, in order.

    A problem among global entries shows up in both server components; it is reported once.
    """
    on = rendered(values)
    found = [
        p for c in components.COMPONENTS if c.key in on for p in _component_findings(values, c)
    ]
    return list(dict.fromkeys([*found, *_without_pod(values)]))


def contract_problems(values: Mapping[str, Any]) -> list[str]:
    """Return every volume contract problem of camelCase ``values`` as Helm words it."""
    return said(contract_findings(values))
