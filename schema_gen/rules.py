"""The rules that span entries, which JSON Schema cannot express.

The volume contract's R2-R4 (and R7: controllers.* entries need the controllers
Deployment) obey validation.mode; the namespace-scope rule always applies.

``templates/_validation.tpl`` implements the same walk in Go templates, with
the same messages in the same order, so that Helm and Python agree word for
word; the tests compare the two.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from typing import Any

from schema_gen import components, reserved
from schema_gen.values_paths import ValuesPath, dotted


def _clean(path: str) -> str:
    """Return ``path`` as Go's path.Clean (sprig's ``clean``) writes it: /a, /a/ and //a/. agree.

    The kubelet mounts them at the same place, so R4 compares them cleaned.
    """
    cleaned = posixpath.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def _list(node: Any, key: str) -> list[Any]:
    found = node.get(key) if isinstance(node, Mapping) else None
    return found if isinstance(found, list) else []


def _entries(
    values: Mapping[str, Any], component: str, key: str
) -> Iterator[tuple[ValuesPath, dict]]:
    """Yield the entries of a list whose shape the rules can read; the rest have their own
    per-entry problems, so lint reports both kinds in one pass."""
    needed = ("name", "mountPath") if key == "extraVolumeMounts" else ("name",)
    own = [((component, key, i), e) for i, e in enumerate(_list(values.get(component), key))]
    for where, entry in [*(((key, i), e) for i, e in enumerate(_list(values, key))), *own]:
        if isinstance(entry, Mapping) and all(isinstance(entry.get(f), str) for f in needed):
            yield where, entry


def _component_problems(
    values: Mapping[str, Any], component: str
) -> Iterator[tuple[ValuesPath, str]]:
    # volume name -> values path that defines it; mountPath -> values path that mounts there
    volumes, paths = reserved.occupied(values)
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
                (
                    f'volume "{name}" is not defined for {component} '
                    f"(add it to extraVolumes or {component}.extraVolumes)"
                ),
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
        if not c.optional or (values.get(c.key) or {}).get("enabled")
    ]


def _without_pod(values: Mapping[str, Any]) -> Iterator[tuple[ValuesPath, str]]:
    """R7: a component's own entries when its Deployment is off; they would go nowhere."""
    for c in components.COMPONENTS:
        if c.key in rendered(values):
            continue
        for key in ("extraVolumes", "extraVolumeMounts"):
            for i, _entry in enumerate(_list(values.get(c.key), key)):
                yield (
                    (c.key, key, i),
                    f"{c.key}.enabled is false, so no pod gets this entry; set {c.key}.enabled: "
                    f"true, or move it to {key} (every pod) or "
                    f"{components.CONTROL_PLANE.key}.{key}",
                )


def contract_findings(values: Mapping[str, Any]) -> list[tuple[ValuesPath, str]]:
    """Return (values path, message) for every cross-entry problem, once each, in a fixed order.

    A problem among global entries shows up in both components; it is reported once.
    """
    found = [p for c in rendered(values) for p in _component_problems(values, c)]
    return list(dict.fromkeys([*found, *_without_pod(values)]))


# The loops whose namespaces values list, and the key that lists them.
WATCHERS = ("controller", "orchestrationController", "supportingController")


def scope_findings(values: Mapping[str, Any]) -> list[tuple[ValuesPath, str]]:
    """R8: return (values path, message) where a loop watches more than a Role can grant.

    A Role reaches one namespace; several, or "*", need the ClusterRole.
    """
    if (values.get("rbac") or {}).get("clusterScoped"):
        return []
    found = []
    for loop in WATCHERS:
        namespaces = _list(values.get(loop), "namespaces")
        if len(namespaces) > 1 or "*" in namespaces:
            found.append(
                (
                    (loop, "namespaces"),
                    f"watching {', '.join(map(str, namespaces))} needs rbac.clusterScoped: true "
                    "(a Role reaches one namespace); set it, or list one namespace",
                )
            )
    return found


def contract_problems(values: Mapping[str, Any]) -> list[str]:
    """Return every cross-entry problem of camelCase ``values`` as Helm words it."""
    return [f"{dotted(where)}: {message}" for where, message in contract_findings(values)]


def scope_problems(values: Mapping[str, Any]) -> list[str]:
    """Return every namespace-scope problem of camelCase ``values`` as Helm words it."""
    return [f"{dotted(where)}: {message}" for where, message in scope_findings(values)]
