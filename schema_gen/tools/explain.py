"""``schema-gen explain``: what each pod gets from a set of values files, and from where.

The chart is rendered by the Helm engine; each environment variable is labelled
with the source that set it (the models' precedence, which the tests hold the
templates to) and each volume and mount with the values key that added it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from schema_gen.contract import components, environment, reserved
from schema_gen.contract.models import Values
from schema_gen.contract.values_paths import ValuesPath, value_at
from schema_gen.tools import helm_engine, lint
from schema_gen.tools.values_files import Source, decoded, merged_user_values


def _origins(values: dict[str, Any], component: str, key: str, field: str) -> dict[str, str]:
    """Return item identity (name or mountPath) -> the values list that adds it, last wins."""
    shared = values.get(key) or [] if components.BY_KEY[component].global_extras else []
    found = {v[field]: key for v in shared}
    found.update({v[field]: f"{component}.{key}" for v in values[component].get(key) or []})
    return found


def _chart_managed(merged: dict[str, Any], component: str) -> tuple[dict[str, str], dict[str, str]]:
    """Return (volume name -> label, mountPath -> label) of the chart-managed entries in use."""
    names, paths = reserved.occupied(merged, component)
    return (
        {name: f"chart-managed ({key})" for name, key in names.items()},
        {path: f"chart-managed ({key})" for path, key in paths.items()},
    )


def _value(value: Any) -> str:
    if isinstance(value, dict) and value:  # a valueFrom: say where the container reads it
        (kind, ref), *_ = value.items()
        ref = ref if isinstance(ref, dict) else {}
        if kind == "fieldRef":
            return f"<the pod's {ref.get('fieldPath')}>"
        if kind == "resourceFieldRef":
            return f"<the container's {ref.get('resource')}>"
        holder = {"configMapKeyRef": "ConfigMap", "secretKeyRef": "Secret"}.get(kind, kind)
        return f"<{holder} {ref.get('name')}, key {ref.get('key')}>"
    return "" if value is None else str(value)


# Where an envFrom source comes from: the object it names, and the values key that lists it.
ENV_FROM = {
    "secretRef": ("Secret", "envFromSecretRefs"),
    "configMapRef": ("ConfigMap", "envFromConfigMapRefs"),
}


def _env_from_lines(container: dict[str, Any]) -> list[str]:
    lines = []
    for source in container.get("envFrom") or []:
        for kind, ref in source.items():
            if kind in ENV_FROM:
                holder, key = ENV_FROM[kind]
                lines.append(f"    all keys of {holder} {ref.get('name')}  [{key}]")
    return ["  envFrom (a variable under env wins over these):", *lines] if lines else []


def deployments(rendered: helm_engine.Rendered) -> dict[str, dict[str, Any]]:
    """Return component key -> its rendered Deployment, for the components Helm rendered.

    Found by what was rendered, not by an assumed name: the control plane's
    Deployment is named the release's full name (which the release name,
    ``nameOverride`` and ``fullnameOverride`` decide) and its container the chart's
    name; every other Deployment is named from one of the two and its suffix. The
    full name is the one that, so read, names the most Deployments.
    """
    rendered_names = {
        obj["metadata"]["name"]: obj for obj in rendered.objects if obj["kind"] == "Deployment"
    }
    best: dict[str, dict[str, Any]] = {}
    for fullname, deployment in sorted(rendered_names.items()):
        name = deployment["spec"]["template"]["spec"]["containers"][0]["name"]
        named = {c.key: c.deployment_name(fullname, name) for c in components.COMPONENTS}
        found = {key: rendered_names[n] for key, n in named.items() if n in rendered_names}
        if len(found) > len(best):
            best = found
    return best


# Where a source key was written, for a stack: a values path -> "FILE:LINE", None where no
# layer wrote it (the chart's default).
Written = Callable[[ValuesPath], str | None]


def _from(label: str, written: Written | None, *below: str | int) -> str:
    """Return a source label, with the file and line that wrote it when that is known."""
    if written is None or label == environment.CHART_SOURCE or label.startswith("chart-"):
        return label
    where = written((*label.split("."), *below))
    return f"{label} from {where}" if where else f"{label}, the chart's default"


def _index(values: dict[str, Any], label: str, field: str, identity: Any) -> list[int]:
    items = value_at(values, label) if label else None
    found = [
        i for i, v in enumerate(items or []) if isinstance(v, dict) and v.get(field) == identity
    ]
    return found[-1:]


def _deployment_lines(
    deployment: dict[str, Any],
    merged: dict[str, Any],
    component: str,
    written: Written | None = None,
) -> list[str]:
    spec = deployment["spec"]["template"]["spec"]
    container = spec["containers"][0]
    origin = environment.sources(merged, component, environment.declarations(Values))
    managed_volumes, managed_paths = _chart_managed(merged, component)
    volumes = {**managed_volumes, **_origins(merged, component, "extraVolumes", "name")}
    paths = {**managed_paths, **_origins(merged, component, "extraVolumeMounts", "mountPath")}
    lines = [f"Deployment {deployment['metadata']['name']} ({component})", "  env:"]
    for item in container.get("env") or []:
        shown = item.get("value", item.get("valueFrom"))
        source = origin.get(item["name"], environment.CHART_SOURCE)
        below = (item["name"],) if source.endswith(".vars") else ()
        lines.append(f"    {item['name']}={_value(shown)}  [{_from(source, written, *below)}]")
    lines += _env_from_lines(container)
    lines.append("  volumes:")
    for volume in spec.get("volumes") or []:
        kind = ", ".join(k for k in volume if k != "name")
        label = volumes.get(volume["name"], "?")
        index = _index(merged, label, "name", volume["name"]) if label != "?" else []
        lines.append(f"    {volume['name']} ({kind})  [{_from(label, written, *index)}]")
    lines.append("  mounts:")
    for mount in container.get("volumeMounts") or []:
        extras = [
            f"{k}={json.dumps(v)}" for k, v in mount.items() if k not in ("name", "mountPath")
        ]
        detail = f" ({', '.join(extras)})" if extras else ""
        where = paths.get(mount["mountPath"], "?")
        index = _index(merged, where, "mountPath", mount["mountPath"]) if where != "?" else []
        shown = _from(where, written, *index)
        lines.append(f"    {mount['mountPath']} <- {mount['name']}{detail}  [{shown}]")
    return lines


def explain(
    sources: Sequence[Source], chart: Path, namespace: str | None = None
) -> tuple[list[str], list[str]]:
    """Return (lines describing each Deployment, problems and warnings).

    The lines are empty when Helm refuses the values; warnings (validation.mode:
    warn) come with the lines, as Helm renders them. ``namespace`` is the release
    namespace (``helm -n``); without it the chart renders into components.NAMESPACE.
    """
    files = [decoded(source) for source in sources]
    verdict = lint.report(files, chart, namespace)
    user = merged_user_values(files)
    return described(user, lint.merged(files, chart), verdict, chart, namespace,
                     blamed=sources[-1].path)  # fmt: skip


def described(
    user: dict[str, Any],
    merged: dict[str, Any],
    verdict: tuple[list[str], bool],
    chart: Path,
    namespace: str | None,
    *,
    blamed: Path,
    release: str = components.RELEASE,
    written: Written | None = None,
) -> tuple[list[str], list[str]]:
    """Return (lines describing each Deployment, problems) for ``user`` values (``merged``
    over the chart's defaults) that lint gave ``verdict``; ``written`` says which file and
    line wrote a key (a stack's layers), ``blamed`` where Helm's own refusal is shown."""
    problems, refused = verdict
    if refused:
        return [], problems
    try:
        rendered = helm_engine.render(
            chart, user, namespace=namespace or components.NAMESPACE, release=release
        )
    except helm_engine.RenderRejected as error:  # Helm refuses what the checks let through
        return [], [
            *problems,
            f"{blamed}:1: Helm refuses the values:",
            *error.message.splitlines(),
        ]
    lines: list[str] = []
    for component, deployment in deployments(rendered).items():
        lines += [*_deployment_lines(deployment, merged, component, written), ""]
    return lines[:-1], problems
