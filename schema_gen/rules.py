"""The contract's cross-entry rules (R2-R4), which JSON Schema cannot express.

``templates/_validation.tpl`` implements the same walk in Go templates, with
the same messages in the same order, so that Helm and Python agree word for
word; the tests compare the two.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from schema_gen import components, reserved
from schema_gen.values_paths import ValuesPath, dotted


def _entries(
    values: Mapping[str, Any], component: str, key: str
) -> Iterator[tuple[ValuesPath, dict]]:
    for i, entry in enumerate(values.get(key) or []):
        yield (key, i), entry
    for i, entry in enumerate((values.get(component) or {}).get(key) or []):
        yield (component, key, i), entry


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
        if path in paths:
            yield where, f'mountPath "{path}" is already used by {paths[path]}'
        else:
            paths[path] = dotted(where)


def contract_findings(values: Mapping[str, Any]) -> list[tuple[ValuesPath, str]]:
    """Return (values path, message) for every cross-entry problem, once each, in a fixed order.

    A problem among global entries shows up in both components; it is reported once.
    """
    return list(dict.fromkeys(p for c in components.KEYS for p in _component_problems(values, c)))


def contract_problems(values: Mapping[str, Any]) -> list[str]:
    """Return every cross-entry problem of camelCase ``values`` as Helm words it."""
    return [f"{dotted(where)}: {message}" for where, message in contract_findings(values)]
