"""Where this chart renders differently from upstream chart 0.9.1, and why.

For the same values, the chart renders the objects chart 0.9.1 renders, field for
field, except here. Each :class:`Difference` holds values that show it and what
this chart renders for them; the tests render every one, and the docs page
"Differences from the upstream chart 0.9.1" is generated from this list, so
neither can drift from the templates. :data:`BY_DESIGN` lists what is not a
rendering difference of the same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from schema_gen.components import CONTROL_PLANE, CONTROLLERS

_CP = CONTROL_PLANE.deployment
_CTL = CONTROLLERS.deployment
_CP_ENV = f"spec.template.spec.containers[{CONTROL_PLANE.container}].env"
_CTL_ENV = f"spec.template.spec.containers[{CONTROLLERS.container}].env"


@dataclass(frozen=True)
class Difference:
    """One way this chart renders the same values differently from chart 0.9.1."""

    title: str
    upstream: str  # what chart 0.9.1 renders
    ours: str  # what this chart renders
    why: str
    values: dict[str, Any]  # values that show the difference
    # Where it shows: (kind, name, field); [x] picks the list item named x, [0] by index.
    at: tuple[str, str, str]
    expect: Any  # what this chart renders there


RENDERED: tuple[Difference, ...] = (
    Difference(
        "Mounts keep every field",
        "An `extraVolumeMounts` entry keeps only `name`, `mountPath` and `subPath`: "
        "`readOnly`, `mountPropagation`, `recursiveReadOnly` and `subPathExpr` are dropped, "
        "in both pods.",
        "Each entry is copied whole.",
        "A mount the operator wrote read-only must not be mounted read-write.",
        {
            "extraVolumes": [{"name": "ca", "volume": {"configMap": {"name": "ca"}}}],
            "extraVolumeMounts": [{"name": "ca", "mountPath": "/ca", "readOnly": True}],
        },
        (
            "Deployment",
            _CP,
            f"spec.template.spec.containers[{CONTROL_PLANE.container}].volumeMounts[ca].readOnly",
        ),
        True,
    ),
    Difference(
        "An explicit false is honoured: metrics",
        '`metrics.enabled: false` sets `AGENTS_PROMETHEUS_METRICS_ENABLED` to `"true"` '
        "(`| default true` replaces false).",
        '`"false"`.',
        "Turning metrics off must turn them off.",
        {"metrics": {"enabled": False}},
        ("Deployment", _CP, f"{_CP_ENV}[AGENTS_PROMETHEUS_METRICS_ENABLED].value"),
        "false",
    ),
    Difference(
        "An explicit false is honoured: VCS providers",
        "`controller.vcsProviders.enabled: false` sets "
        '`AGENTS_CONTROLLER_VCS_PROVIDERS_ENABLED` to `"true"`.',
        '`"false"`, and the Role no longer grants `versioncontrolproviders` (as upstream).',
        "The variable and the RBAC must agree with the value.",
        {"controller": {"vcsProviders": {"enabled": False}}},
        ("Deployment", _CP, f"{_CP_ENV}[AGENTS_CONTROLLER_VCS_PROVIDERS_ENABLED].value"),
        "false",
    ),
    Difference(
        "Whole numbers are written in digits",
        "Numbers of a million or more are written in float notation: the default "
        '`controller.agentRunRetentionSeconds` becomes `"2.592e+06"`.',
        '`"2592000"`.',
        "Helm reads numbers as floats; an app that parses the variable as an integer reads "
        "2.592e+06 as 2.",
        {},
        (
            "Deployment",
            _CP,
            f"{_CP_ENV}[AGENTS_CONTROLLER_AGENTRUN_RETENTION_SECONDS].value",
        ),
        "2592000",
    ),
    Difference(
        "A variable set in env.vars is set once, to that value",
        "Only the `runtime.*`, gRPC and a few other variables step aside for `env.vars`; for "
        "the others (`AGENTS_IMAGE`, `AGENTS_AGENT_RUNNER_IMAGE`, the controller settings, ...) "
        "the container gets the name twice and the chart's later entry wins.",
        "Every variable the chart sets steps aside when `env.vars` (or a component's "
        "`env.vars`) names it; no name appears twice.",
        "An operator's explicit variable is the last word, and a duplicate name is a "
        "warning on every apply.",
        {"env": {"vars": {"AGENTS_IMAGE": "registry.example.com/jangar:pinned"}}},
        ("Deployment", _CP, f"{_CP_ENV}[AGENTS_IMAGE].value"),
        "registry.example.com/jangar:pinned",
    ),
    Difference(
        "A component's env.vars win over env.vars",
        "`env.vars` wins over `controlPlane.env.vars` and `controllers.env.vars` on the same "
        "name (sprig's `merge` keeps the first map's keys).",
        "The component's own value wins, as the design document's precedence says.",
        "An overlay that cannot override is no overlay.",
        {
            "env": {"vars": {"LOG_LEVEL": "info"}},
            "controlPlane": {"env": {"vars": {"LOG_LEVEL": "debug"}}},
        },
        ("Deployment", _CP, f"{_CP_ENV}[LOG_LEVEL].value"),
        "debug",
    ),
    Difference(
        "controller.jobTtlSeconds reaches the controllers Deployment",
        "The controllers Deployment reads only `jobTtlSecondsAfterFinished` for "
        "`AGENTS_AGENT_RUNNER_JOB_TTL_SECONDS`; the control plane prefers `jobTtlSeconds`.",
        "Both Deployments prefer `jobTtlSeconds`.",
        "One key must mean the same in both pods.",
        {"controllers": {"enabled": True}, "controller": {"jobTtlSeconds": 120}},
        ("Deployment", _CTL, f"{_CTL_ENV}[AGENTS_AGENT_RUNNER_JOB_TTL_SECONDS].value"),
        "120",
    ),
    Difference(
        "Both Argo CD hook Jobs render",
        "With the PreSync and the PostSync hook both on, the PreSync Job's text runs into the "
        "next document and the smoke-cleanup Job is lost.",
        "Both Jobs render.",
        "Each hook the values turn on must exist.",
        {
            "argocdHooks": {
                "enabled": True,
                "smoke": {"agentRun": {"kind": "AgentRun", "metadata": {"name": "smoke"}}},
            }
        },
        ("Job", f"{_CP}-smoke-cleanup", "metadata.annotations[argocd.argoproj.io/hook]"),
        "PreSync",
    ),
)

# What differs by design rather than in how the same values render.
BY_DESIGN: tuple[tuple[str, str], ...] = (
    (
        "Values are checked, not guessed",
        "Every key is typed and unknown keys are refused at every level with a did-you-mean "
        "(upstream's schema checks only the top-level names); affinity, tolerations, security "
        "contexts, RBAC rules and NetworkPolicy rules are checked against Kubernetes "
        "definitions. A values file upstream renders can therefore be refused here: the "
        "message names the key and the fix.",
    ),
    (
        "The volume contract",
        "Reserved names, per-component `extraVolumes`/`extraVolumeMounts`, the cross-entry "
        "rules and `validation.mode` (see The contract and its rules). `controllers.*` entries "
        "are refused while `controllers.enabled` is false: no pod would get them.",
    ),
    (
        "Namespace scope",
        "Upstream's check that several watched namespaces (or `*`) need "
        "`rbac.clusterScoped` is kept, worded per key, and `schema-gen lint` applies it too.",
    ),
    (
        "gRPC Service type",
        "`grpc.serviceType` also takes NodePort and LoadBalancer (upstream: ClusterIP only).",
    ),
    (
        "Empty lists are left out",
        "A pod without extra volumes has no `volumes:` key (upstream renders it empty); an empty "
        "`versionControlProvider.repositoryPolicy` is left out of the resource.",
    ),
    (
        "Chart metadata",
        "The chart's own version label, NOTES.txt and Grafana dashboard are this chart's; "
        "names, selectors, container names and the ServiceAccount are upstream's, so a release "
        "upgrades in place.",
    ),
    (
        "CRDs",
        "Not in this chart: they come from the Jangar API's own code generation; install them "
        "before the chart.",
    ),
)


def found(obj: Any, field: str) -> Any:
    """Return what sits at ``field``: dotted keys; ``[x]`` picks list item x (a name or an
    index) or map key x, dots and all."""
    for key, pick in re.findall(r"([^.\[\]]+)|\[([^\]]+)\]", field):
        if isinstance(obj, list):
            index = pick if pick.isdigit() else None
            named = (item for item in obj if isinstance(item, dict) and item.get("name") == pick)
            obj = obj[int(index)] if index else next(named, None)
        elif isinstance(obj, dict):
            obj = obj.get(key or pick)
        else:
            return None
    return obj
