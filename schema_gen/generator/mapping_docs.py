"""The Config Mapping: where each values key renders, which variables it sets, and the
environment a values file gives each Deployment.

The rows come from the :class:`~schema_gen.contract.renders.Renders` and
:class:`~schema_gen.contract.environment.EnvVar` declarations on the models, which the tests
render, so a row cannot lie.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from schema_gen.contract import components, environment, renders
from schema_gen.contract.models import Values
from schema_gen.generator.markdown_blocks import stacking, table
from schema_gen.generator.reference_docs import linked


@functools.cache
def config_mapping_md() -> str:
    """Return the Config Mapping, from the Renders metadata on the models: the rows grouped
    by where they render, then the environment variables, forced ones first."""
    groups: dict[str, list[list[str]]] = {}
    for row in renders.rows(Values):
        groups.setdefault(_group(row), []).append(
            [
                linked(row.value),
                f"`{row.renders.field}`",
                _where(row),
                linked(row.renders.behavior),
            ]
        )
    ordered = sorted(groups.items(), key=lambda item: _GROUP_ORDER.index(item[0].split(" `")[0]))
    parts = [
        f"### {name}\n\n" + stacking("mapping", table(_MAPPING_HEADER, rows))
        for name, rows in ordered
    ]
    return (
        "\n".join(parts)
        + f"\nObjects are named for a release called `{components.RELEASE}`.\n\n"
        + "### Environment variables\n\n"
        + env_rows_md()
    )


_GROUP_ORDER = ["Every Deployment", "Deployment", "Other objects", "NOTES.txt"]
_MAPPING_HEADER = ["Helm value", "Rendered field", "Rendered in", "Behavior"]


@functools.cache
def volume_mapping_md() -> str:
    """Return the Config Mapping of the extra volumes/mounts contract alone, for the chart
    README: its rows with each rendered field under the pod template and beside its
    Deployments, so the table fits GitHub's 980 px column (the site has every key)."""
    rows = [
        [row.value, f"`{row.renders.field.removeprefix(f'{renders.POD}.')}` in {_where(row)}",
         row.renders.behavior]
        for row in renders.rows(Values)
        if row.renders.field.endswith(("volumes[]", "volumeMounts[]"))
    ]  # fmt: skip
    return table(["Helm value", "Rendered field", "Behavior"], rows)


def _group(row: renders.Row) -> str:
    """Return the heading a Config Mapping row goes under."""
    if row.renders.resource:
        return "Other objects"
    if row.renders.scope == "notes":
        return "NOTES.txt"
    if len(row.deployments) > 1:
        return "Every Deployment"
    return f"Deployment `{row.deployments[0]}`"


def _where(row: renders.Row) -> str:
    if row.renders.resource:
        kind, name = row.renders.resource
        return f"{kind} `{name}`"
    return ", ".join(f"`{d}`" for d in row.deployments) or "none (NOTES.txt)"


def _set_in(var: environment.EnvVar) -> str:
    """Return which Deployments get ``var``, with and without the controllers Deployment."""
    own = [c for c in var.components if c not in components.IN_BOTH]
    if own:
        return ", ".join(f"`{components.DEPLOYMENTS[c]}`" for c in own)
    control_plane = f"`{components.CONTROL_PLANE.deployment}`"
    controllers = f"`{components.CONTROLLERS.deployment}`"
    switch = f"`{components.CONTROLLERS.key}.enabled`"
    loops = f"the loops' Deployment: {control_plane}, or {controllers} with {switch}"
    cp, ctl = components.CONTROL_PLANE.key, components.CONTROLLERS.key
    # (one Deployment, controllers.enabled) -> the words
    words = {
        ((cp,), (cp, ctl)): "both server Deployments",
        ((cp,), (cp,)): control_plane,
        ((cp,), (ctl,)): loops,
        ((), (ctl,)): f"{controllers} (with {switch})",
        ((cp,), ()): f"{control_plane}, unless {switch}",
        ((), ()): "none",
    }
    alone = tuple(sorted(environment.containers(var, split=False), key=components.KEYS.index))
    split = tuple(sorted(environment.containers(var, split=True), key=components.KEYS.index))
    said = words[(alone, split)]
    if var.format in environment.SWITCHES and split == (ctl,):
        return f"both server Deployments; on only in {said}"
    return said


def env_rows_md() -> str:
    """Return the environment table: value, variable, the Deployments that get it, its form."""
    typed = [
        [
            f"`{item.path}`",
            f"`{item.var.name}`",
            _set_in(item.var),
            environment.FORMATS[item.var.format].documented,
        ]
        for item in environment.declarations(Values)
    ]
    forced = [
        (component, name, value, "")
        for component, pairs in environment.FORCED.items()
        for name, value in pairs.items()
    ]
    rows = [
        [
            f"none: forced to `{value}`{when}",
            f"`{name}`",
            f"`{components.DEPLOYMENTS[component]}`",
            f"beats `env.vars`; only `{component}.env.vars` overrides it.",
        ]
        for component, name, value, when in forced
    ] + typed  # what the chart forces first: it overrides env.vars
    header = ["Helm value", "Environment variable", "Set in", "Form"]
    intro = (
        "Precedence, lowest first: the typed key, then `env.vars`, then the variables the "
        "chart forces, then the component's own `env.vars`. A variable named in `env.vars` "
        "(or the component's) is set once, to that value: the chart leaves its own out. "
        "Variables of the reconcile loops go to the Deployment that runs them: the control "
        "plane, or `agents-controllers` when `controllers.enabled`.\n\n"
    )
    shown = [[linked(row[0]), row[1], linked(row[2]), linked(row[3])] for row in rows]
    return intro + stacking("env", table(header, shown))


def effective_env_md(merged: Mapping[str, Any], containers: Mapping[str, dict]) -> str:
    """Return, per Deployment, the environment its container gets, and what set each variable:
    its ``env``, then the Secrets and ConfigMaps its ``envFrom`` takes every key of.

    ``containers``: Deployment name -> the container Helm rendered for chart-merged ``merged``.
    """
    declared = environment.declarations(Values)
    parts = []
    for component, deployment in components.DEPLOYMENTS.items():
        if deployment not in containers:
            continue
        origin = environment.sources(merged, component, declared)
        rows = [
            [
                f"`{item['name']}`",
                _shown(item.get("value", item.get("valueFrom"))),
                f"`{origin.get(item['name'], environment.CHART_SOURCE)}`",
            ]
            for item in containers[deployment].get("env") or []
        ]
        parts.append(
            f"### Deployment `{deployment}`\n\n"
            + table(["Variable", "Value", "Set by"], rows)
            + _env_from(containers[deployment].get("envFrom") or [])
        )
    return "\n".join(parts)


# The keys that list the sources of a container's envFrom, by the kind of reference.
_ENV_FROM = {"secretRef": ("Secret", "envFromSecretRefs"),
             "configMapRef": ("ConfigMap", "envFromConfigMapRefs")}  # fmt: skip


def _env_from(sources: list[dict]) -> str:
    """Return the sentence naming the sources an ``envFrom`` takes every key of, or ""."""
    named = []
    for source in sources:
        (kind, ref), *_ = source.items()
        holder, key = _ENV_FROM[kind]
        optional = " (optional)" if ref.get("optional") else ""
        named.append(f"{holder} `{ref['name']}`{optional} (`{key}`)")
    if not named:
        return ""
    return (
        f"\nAnd every key of {', '.join(named)} as a variable of its own name "
        "(`envFrom`), except a name the table above sets: Kubernetes lets `env` win.\n"
    )


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        (kind, ref), *_ = value.items()
        if kind == "fieldRef":
            return f"the pod's `{ref['fieldPath']}`"
        holder = "ConfigMap" if kind == "configMapKeyRef" else "Secret"
        return f"from {holder} `{ref['name']}`, key `{ref['key']}`"
    return f"`{value}`"
