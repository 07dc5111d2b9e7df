"""Where this chart renders differently from upstream chart 0.9.29, and why.

For the same values, the chart renders the objects upstream 0.9.29 renders, field
for field, except here. Each :class:`Difference` holds values that show it, what
this chart renders for them, and the fields it explains (``explains``: a predicate
over ``Kind/name:field`` as the parity test flattens rendered objects, both values
there and the values file); the tests render every one, the parity and differential
tests refuse any difference no entry explains, and the docs page "Differences from
upstream" is generated from these lists, so none can drift. :data:`REFUSED` lists
the values this chart refuses while upstream renders them, each for a reason the API
server or the contract gives and with the predicate that says which files it
covers; :data:`WIDENED` what this chart renders and upstream refuses, by the lines of
upstream's refusal it takes; :data:`BY_DESIGN` what is not a rendering difference of
the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from schema_gen.contract.chart_rules import fullname
from schema_gen.contract.components import AGENTS_SHELL, CONTROL_PLANE, CONTROLLERS, RELEASE

UPSTREAM = "0.9.29"
_CP = CONTROL_PLANE.deployment
_CTL = CONTROLLERS.deployment
_CP_ENV = f"spec.template.spec.containers[{CONTROL_PLANE.container}].env"
_CTL_ENV = f"spec.template.spec.containers[{CONTROLLERS.container}].env"


@dataclass(frozen=True)
class Difference:
    """One way this chart renders the same values differently from upstream 0.9.29."""

    title: str
    upstream: str  # what upstream renders
    ours: str  # what this chart renders
    why: str
    values: dict[str, Any]  # values that show the difference
    # Where it shows: (kind, name, field); [x] picks the list item named x, [0] by index.
    at: tuple[str, str, str]
    expect: Any  # what this chart renders there
    # Whether it explains a difference the parity test found: the flattened field
    # ("Kind/name:field"), this chart's and upstream's value there, and the values.
    explains: Callable[[Seen], bool] = lambda _seen: False


@dataclass(frozen=True)
class Seen:
    """A difference the parity test found between the two renders of ``values``, installed
    as ``release`` (objects are named after the release, or the name overrides)."""

    path: str
    ours: Any
    theirs: Any
    values: Mapping[str, Any]
    release: str = RELEASE

    def at(self, pattern: str) -> re.Match[str] | None:
        """Return the match of ``pattern`` over the whole path, if it matches."""
        return re.fullmatch(pattern, self.path)

    def servers(self) -> str:
        """Return a pattern of the server Deployments, ``Deployment/(name)``, for these values."""
        full = re.escape(fullname(self.values, self.release))
        return rf"Deployment/({full}|{full}-controllers)"

    def component(self, deployment: str) -> str:
        """Return the values key of the server Deployment named ``deployment``."""
        controllers = f"{fullname(self.values, self.release)}-controllers"
        return CONTROLLERS.key if deployment == controllers else CONTROL_PLANE.key

    def server_container(self) -> str:
        return rf"{self.servers()}:spec\.template\.spec\.containers\[[^\]]+\]"


def _env_var(seen: Seen) -> tuple[str, str] | None:
    """Return (component, variable) when ``seen`` is a server container's variable."""
    found = seen.at(rf"{seen.server_container()}\.env\[([A-Z0-9_]+)\]\..*")
    if not found:
        return None
    return seen.component(found.group(1)), found.group(2)


def _vars(values: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    node: Any = values
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


def _value(values: Mapping[str, Any], *keys: str) -> Any:
    """Return the value at ``keys``, or None."""
    *maps, last = keys
    return _vars(values, *maps).get(last)


def _operator_sets(seen: Seen) -> bool:
    found = _env_var(seen)
    if not found:
        return False
    component, name = found
    return name in _vars(seen.values, "env", "vars") or name in _vars(
        seen.values, component, "env", "vars"
    )


def _both_set(seen: Seen) -> bool:
    found = _env_var(seen)
    if not found:
        return False
    component, name = found
    return name in _vars(seen.values, "env", "vars") and name in _vars(
        seen.values, component, "env", "vars"
    )


def _float_notation(ours: Any, theirs: Any) -> bool:
    """Whether ``theirs`` is Go's float notation of the whole number ``ours`` writes in digits."""
    if not isinstance(ours, str) or not ours.isdigit() or not isinstance(theirs, str):
        return False
    try:
        return "e+" in theirs and float(theirs) == int(ours)
    except ValueError:
        return False


# A server Deployment's field -> the key a component sets to override it.
_OVERRIDDEN = {
    "strategy": "deploymentStrategy",
    "minReadySeconds": "deploymentLifecycle",
    "progressDeadlineSeconds": "deploymentLifecycle",
    "revisionHistoryLimit": "deploymentLifecycle",
    "livenessProbe": "livenessProbe",
    "readinessProbe": "readinessProbe",
    "startupProbe": "startupProbe",
    "lifecycle": "lifecycle",
}


def _component_overrides(seen: Seen) -> bool:
    found = seen.at(
        rf"{seen.servers()}:spec\.(?:template\.spec\.containers\[[^\]]+\]\.)?(\w+)(\..*)?"
    )
    if not found or found.group(2) not in _OVERRIDDEN:
        return False
    component = seen.component(found.group(1))
    return bool(_vars(seen.values, component).get(_OVERRIDDEN[found.group(2)]))


def _both_budgets(seen: Seen) -> bool:
    """Both PodDisruptionBudgets on: upstream writes no ``---`` between them, and the
    controllers' one replaces the control plane's."""
    on = (
        _value(seen.values, "podDisruptionBudget", "enabled")
        and _value(seen.values, CONTROLLERS.key, "enabled")
        and _value(seen.values, CONTROLLERS.key, "podDisruptionBudget", "enabled")
    )
    full = re.escape(fullname(seen.values, seen.release))
    return bool(on) and bool(seen.at(rf"PodDisruptionBudget/{full}:"))


RENDERED: tuple[Difference, ...] = (
    Difference(
        "Mounts keep every field",
        "An `extraVolumeMounts` entry keeps only `name`, `mountPath` and `subPath`: "
        "`readOnly`, `mountPropagation`, `recursiveReadOnly` and `subPathExpr` are dropped, "
        "in both server pods.",
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
        lambda seen: bool(
            seen.at(
                rf"{seen.server_container()}\.volumeMounts\[[^\]]+\]\."
                r"(readOnly|mountPropagation|recursiveReadOnly|subPathExpr)"
            )
        ),
    ),
    Difference(
        "Whole numbers are written in digits",
        "Numbers of a million or more are written in float notation: the default "
        '`controller.agentRunRetentionSeconds` becomes `"2.592e+06"`.',
        '`"2592000"`.',
        "Helm reads numbers as floats; an app that parses the variable as an integer reads "
        "2.592e+06 as 2.",
        {},
        ("Deployment", _CP, f"{_CP_ENV}[AGENTS_CONTROLLER_AGENTRUN_RETENTION_SECONDS].value"),
        "2592000",
        lambda seen: bool(_env_var(seen)) and _float_notation(seen.ours, seen.theirs),
    ),
    Difference(
        "A GitHub App's IDs are written in digits",
        "`versionControlProvider.auth.app.appId` and `installationId` given as numbers of a "
        'million or more are written in float notation: `appId: 1234567` becomes `"1.234567e+06"`.',
        '`"1234567"`, as written.',
        "The provider reads the ID as the GitHub App's number; 1.234567e+06 is no App's ID.",
        {
            "versionControlProvider": {
                "enabled": True,
                "auth": {
                    "method": "app",
                    "app": {"appId": 1234567, "privateKeySecretRef": {"name": "github-app"}},
                },
            }
        },
        ("VersionControlProvider", "github", "spec.auth.app.appId"),
        "1234567",
        lambda seen: (
            bool(seen.at(r"VersionControlProvider/[^:]+:spec\.auth\.app\.(appId|installationId)"))
            and _float_notation(seen.ours, seen.theirs)
        ),
    ),
    Difference(
        "A count in quotes is a count",
        'A rolling update\'s `maxSurge: "1"` or `maxUnavailable: "1"` is written as the string '
        '"1", which the API server refuses (a string there must be a percentage).',
        "The count 1, as upstream writes a PodDisruptionBudget's bounds: in quotes or not, a "
        'count means the same; "25%" stays a percentage.',
        "A value that means something in one field of the chart means the same in the next.",
        {"deploymentStrategy": {"rollingUpdate": {"maxSurge": "1"}}},
        ("Deployment", _CP, "spec.strategy.rollingUpdate.maxSurge"),
        1,
        lambda seen: (
            bool(
                seen.at(
                    r"Deployment/[^:]+:spec\.strategy\.rollingUpdate\.(maxSurge|maxUnavailable)"
                )
            )
            and isinstance(seen.theirs, str)
            and seen.theirs == str(seen.ours)
        ),
    ),
    Difference(
        "Both PodDisruptionBudgets are kept",
        "With `podDisruptionBudget` and `controllers.podDisruptionBudget` both on, the two "
        "objects are written with no `---` between them: they read as one, the controllers' "
        "keys replacing the control plane's, and the control plane's budget is lost.",
        "Two PodDisruptionBudgets, `{fullname}` and `{fullname}-controllers`.",
        "Each server Deployment asked for its own budget; a budget silently dropped lets a "
        "drain take every control plane pod at once.",
        {
            "podDisruptionBudget": {"enabled": True},
            "controllers": {"enabled": True, "podDisruptionBudget": {"enabled": True}},
        },
        ("PodDisruptionBudget", _CP, "spec.selector.matchLabels[app.kubernetes.io/name]"),
        "agents",
        _both_budgets,
    ),
    Difference(
        "A variable set in env.vars is set once, to that value",
        "Only some variables step aside for `env.vars`; for the others (`AGENTS_IMAGE`, the "
        "controller settings, the runner defaults, ...) the container gets the name twice and "
        "the chart's later entry wins.",
        "Every variable the chart sets steps aside when `env.vars` (or a component's "
        "`env.vars`) names it; no name appears twice.",
        "An operator's explicit variable is the last word, and a duplicate name is a "
        "warning on every apply.",
        {"env": {"vars": {"AGENTS_IMAGE": "registry.example.com/agents:pinned"}}},
        ("Deployment", _CP, f"{_CP_ENV}[AGENTS_IMAGE].value"),
        "registry.example.com/agents:pinned",
        _operator_sets,
    ),
    Difference(
        "A component's env.vars win over env.vars",
        "`env.vars` wins over `controlPlane.env.vars`, and over `controllers.env.vars` for "
        "every variable the chart does not reserve (sprig's `merge` keeps the first map's keys).",
        "The component's own value wins, as the design document's precedence says.",
        "An overlay that cannot override is no overlay.",
        {
            "env": {"vars": {"LOG_LEVEL": "info"}},
            "controlPlane": {"env": {"vars": {"LOG_LEVEL": "debug"}}},
        },
        ("Deployment", _CP, f"{_CP_ENV}[LOG_LEVEL].value"),
        "debug",
        _both_set,
    ),
    Difference(
        "controller.jobTtlSeconds reaches the controllers Deployment",
        "The controllers Deployment reads only `jobTtlSecondsAfterFinished` for "
        "`AGENTS_AGENT_RUNNER_JOB_TTL_SECONDS`; the control plane prefers `jobTtlSeconds`.",
        "Both Deployments prefer `jobTtlSeconds`, and fall back to "
        "`jobTtlSecondsAfterFinished` when it is null.",
        "One key must mean the same in both pods.",
        {"controllers": {"enabled": True}, "controller": {"jobTtlSeconds": 120}},
        ("Deployment", _CTL, f"{_CTL_ENV}[AGENTS_AGENT_RUNNER_JOB_TTL_SECONDS].value"),
        "120",
        lambda seen: bool(
            seen.at(
                rf"Deployment/{re.escape(fullname(seen.values, seen.release))}-controllers:"
                r".*\.env\[AGENTS_AGENT_RUNNER_JOB_TTL_SECONDS\]\..*"
            )
        ),
    ),
    Difference(
        "A component's probes, strategy and lifecycle override the top-level ones",
        "`controlPlane.livenessProbe`, `controllers.deploymentStrategy`, "
        "`controlPlane.deploymentLifecycle` and the like are merged under the top-level key: "
        "a key the top level sets (every probe key does by default) cannot be overridden.",
        "The component's keys win, key by key.",
        "A per-component setting that cannot take effect is a trap.",
        {"controlPlane": {"readinessProbe": {"path": "/probe"}}},
        ("Deployment", _CP, "spec.template.spec.containers[agents].readinessProbe.httpGet.path"),
        "/probe",
        _component_overrides,
    ),
    Difference(
        "A Recreate strategy drops rollingUpdate",
        "`deploymentStrategy: {type: Recreate}` keeps the chart's default `rollingUpdate`, "
        "which the API server refuses beside `type: Recreate`.",
        "`rollingUpdate` is left out whenever the type is Recreate.",
        "Otherwise the documented way to ask for Recreate fails at install time.",
        {"deploymentStrategy": {"type": "Recreate"}},
        ("Deployment", _CP, "spec.strategy.rollingUpdate"),
        None,
        lambda seen: bool(seen.at(rf"{seen.servers()}:spec\.strategy\.rollingUpdate(\..*)?")),
    ),
    Difference(
        "controller.leaderElection.enabled: false turns leader election off",
        "`false | default true` is true: leader election stays on whatever is written.",
        '`"false"`; lint and NOTES.txt say so where it is written.',
        "Turning a feature off must turn it off.",
        {"controller": {"leaderElection": {"enabled": False}}},
        ("Deployment", _CP, f"{_CP_ENV}[AGENTS_LEADER_ELECTION_ENABLED].value"),
        "false",
        lambda seen: (
            bool(
                seen.at(rf"{seen.server_container()}\.env\[AGENTS_LEADER_ELECTION_ENABLED\]\.value")
            )
            and seen.ours == "false"
        ),
    ),
    Difference(
        "The scripts are this chart's own",
        "agents-shell's workspace bootstrap and the Argo CD hook Jobs run upstream's scripts.",
        "Scripts of this chart that take the same steps: clone or fast-forward the "
        "repository and keep a dirty checkout; delete, apply and wait for the smoke run "
        "(names are quoted, and the git identity comes from agentsShell.env.vars).",
        "The chart's code is its own; the behaviour is upstream's.",
        {
            AGENTS_SHELL.key: {
                "enabled": True,
                "workspace": {"bootstrap": {"enabled": True}},
            }
        },
        (
            "Deployment",
            AGENTS_SHELL.deployment,
            "spec.template.spec.initContainers[bootstrap-workspace].command[1]",
        ),
        "-ec",
        lambda seen: bool(
            seen.at(
                r"Deployment/[^:]+:spec\.template\.spec\.initContainers"
                r"\[bootstrap-workspace\]\.args\[0\]"
            )
            or seen.at(r"Job/[^:]+:spec\.template\.spec\.containers\[(smoke|cleanup)\]\..*")
        ),
    ),
    Difference(
        "The Grafana dashboard is this chart's own",
        "Upstream's dashboard JSON.",
        "A dashboard of this chart's: pods up, CPU, memory and restarts of the release's pods.",
        "The chart's content is its own.",
        {},
        ("ConfigMap", f"{_CP}-dashboard", "metadata.labels[app.kubernetes.io/component]"),
        "dashboard",
        lambda seen: bool(seen.at(r"ConfigMap/[^:]+-dashboard:data\.agents-observability\.json")),
    ),
)


def _mentions(values: Any, keys: frozenset[str]) -> bool:
    """Whether any map in ``values``, at any depth, has one of ``keys``."""
    if isinstance(values, Mapping):
        return any(k in keys or _mentions(v, keys) for k, v in values.items())
    if isinstance(values, list):
        return any(_mentions(v, keys) for v in values)
    return False


def _null_at(values: Mapping[str, Any], *keys: str) -> bool:
    """Whether the file sets ``keys`` to null (Helm then deletes the default)."""
    *maps, last = keys
    node = _vars(values, *maps)
    return last in node and node[last] is None


_PORTS = (
    ("service", "port"),
    ("grpc", "port"),
    ("grpc", "servicePort"),
    ("metrics", "service", "port"),
    ("agentsShell", "service", "port"),
)
# Keys whose values are Kubernetes objects this chart types and upstream leaves open.
_KUBERNETES_OBJECTS = frozenset(
    {"affinity", "tolerations", "securityContext", "containerSecurityContext",
     "podSecurityContext", "extraRules", "ingress", "egress", "lifecycle", "tls",
     "topologySpreadConstraints", "scopeSelector", "limits", "middlewares", "extra",
     "relabelings", "metricRelabelings", "agentRun"}
)  # fmt: skip


def _both_bounds(merged: Mapping[str, Any]) -> bool:
    for budget in (("podDisruptionBudget",), (CONTROLLERS.key, "podDisruptionBudget")):
        node = _vars(merged, *budget)
        if node.get("enabled") and all(
            node.get(k) not in (None, "") for k in ("minAvailable", "maxUnavailable")
        ):
            return True
    return False


def _reserved_used(values: Mapping[str, Any]) -> bool:
    """Whether an extra volume or mount takes a name the chart reserves for its own."""
    from schema_gen.contract.reserved import reserved_names

    names = set(reserved_names())
    return any(
        isinstance(entry, Mapping) and entry.get("name") in names
        for key in ("extraVolumes", "extraVolumeMounts")
        for entry in (values.get(key) or [])
    )


_ZERO = (0, "0", "0%")


def _stalled_rollouts(values: Mapping[str, Any]) -> list[str]:
    """Return the components whose rolling update has maxSurge and maxUnavailable both 0,
    as this chart merges it (the component's keys over the top level's)."""
    found = []
    for key, top in (
        (CONTROL_PLANE.key, _vars(values, "deploymentStrategy")),
        (CONTROLLERS.key, _vars(values, "deploymentStrategy")),
        (AGENTS_SHELL.key, {}),
    ):
        own = _vars(values, key, "deploymentStrategy")
        rolling = {**_vars(top, "rollingUpdate"), **_vars(own, "rollingUpdate")}
        if own.get("type", top.get("type")) != "Recreate" and all(
            rolling.get(k) in _ZERO for k in ("maxSurge", "maxUnavailable")
        ):
            found.append(key)
    return found


@dataclass(frozen=True)
class Refusal:
    """Values upstream renders and this chart refuses, and why the API server (or the
    contract) would refuse them anyway."""

    title: str
    why: str
    values: dict[str, Any]  # values that show it
    # Whether a values file (and the values it makes, merged over upstream's defaults by
    # Helm) holds what this entry refuses; the differential test asks
    # it only of files whose upstream render the API server refuses, unless ``despite``
    # names the rendered difference through which upstream ignores the refused value.
    covers: Callable[[Mapping[str, Any], Mapping[str, Any]], bool]
    despite: str = ""
    # Refused whether or not the API server would take upstream's render (the volume
    # contract; a port of 0, which is no port, even where upstream renders no port).
    always: bool = False


REFUSED: tuple[Refusal, ...] = (
    Refusal(
        "A port of 0",
        "Kubernetes refuses a Service or container port of 0; `service.port`, `grpc.port`, "
        "`grpc.servicePort`, `metrics.service.port` and `agentsShell.service.port` must be "
        "1 to 65535 (`controllers.service.port: 0` means `grpc.servicePort`, as upstream), "
        "also where the port is off (`grpc.enabled: false`), so turning it on cannot fail.",
        {"service": {"port": 0}},
        lambda values, _merged: any(_value(values, *at) == 0 for at in _PORTS),
        always=True,
    ),
    Refusal(
        "A name Kubernetes refuses",
        "`nameOverride` and `fullnameOverride` are cut to 63 characters and one trailing "
        '"-" is dropped, as upstream does; what is left must be a DNS-1123 label (upstream '
        "renders `x--` as objects named `x-`, which the API server refuses).",
        {"fullnameOverride": "agents--"},
        lambda values, _merged: any(values.get(k) for k in ("nameOverride", "fullnameOverride")),
    ),
    Refusal(
        "A gRPC port of null",
        "Both servers read `grpc.port` (upstream then renders `AGENTS_GRPC_PORT` as "
        '"<nil>"): it cannot be null, gRPC on or off.',
        {"grpc": {"port": None}},
        lambda values, _merged: _null_at(values, "grpc", "port"),
        always=True,  # the API server takes the string "<nil>"; the servers do not
    ),
    Refusal(
        "An object without a name",
        "Kubernetes refuses a ServiceAccount without a name: "
        "`linearMcpGateway.serviceAccount.name` cannot be null, the gateway on or off (so "
        "that turning it on cannot fail).",
        {
            "linearMcpGateway": {
                "enabled": True,
                "databaseSecret": {"name": "db"},
                "serviceAccount": {"name": None},
            }
        },
        lambda values, _merged: _null_at(values, "linearMcpGateway", "serviceAccount", "name"),
        always=True,
    ),
    Refusal(
        "A Kubernetes object the API server refuses",
        "Affinity, tolerations, security contexts, RBAC and NetworkPolicy rules and volume "
        "sources are checked against the Kubernetes definitions: a seccompProfile without "
        "its type, a toleration with an unknown operator, a volume with two sources; where "
        "written, the component on or off (so that turning it on cannot fail).",
        {"agentsShell": {"securityContext": {"seccompProfile": {"type": None}}}},
        lambda values, _merged: _mentions(values, _KUBERNETES_OBJECTS | {"extraVolumes"}),
        always=True,
    ),
    Refusal(
        "The volume contract",
        "Reserved names, a mount without its volume, duplicate names and mount paths, and "
        "a component's own entries while its Deployment is off (see the contract's rules).",
        {"extraVolumes": [{"name": "db-ca-cert", "volume": {"emptyDir": {}}}]},
        lambda values, _merged: (
            _reserved_used(values)
            or _mentions(values, frozenset({"extraVolumes", "extraVolumeMounts"}))
        ),
        always=True,
    ),
    Refusal(
        "Bounds Kubernetes cannot take together",
        "A PodDisruptionBudget with both minAvailable and maxUnavailable: set minAvailable "
        "to null to use maxUnavailable; a rolling update with maxSurge and maxUnavailable "
        "both 0.",
        {"podDisruptionBudget": {"enabled": True, "maxUnavailable": 1}},
        lambda _values, merged: _both_bounds(merged) or bool(_stalled_rollouts(merged)),
    ),
    Refusal(
        "Both bounds in a budget upstream loses",
        "`podDisruptionBudget` with both minAvailable and maxUnavailable while the "
        "controllers' budget is on too: upstream loses the control plane's budget (see Both "
        "PodDisruptionBudgets are kept), so the API server never sees it; here it is kept, "
        "and refused as it would be alone.",
        {
            "podDisruptionBudget": {"enabled": True, "maxUnavailable": 1},
            "controllers": {"enabled": True, "podDisruptionBudget": {"enabled": True}},
        },
        lambda _values, merged: (
            _both_bounds(merged)
            and bool(_value(merged, CONTROLLERS.key, "enabled"))
            and bool(_value(merged, CONTROLLERS.key, "podDisruptionBudget", "enabled"))
        ),
        despite="Both PodDisruptionBudgets are kept",
    ),
    Refusal(
        "A component's rolling update Kubernetes refuses",
        "`controlPlane.deploymentStrategy.rollingUpdate.maxSurge: 0` under the default "
        "`maxUnavailable: 0`: upstream ignores the component's key (see A component's "
        "probes, strategy and lifecycle override the top-level ones) and renders; here it "
        "takes effect, and the API server would refuse a rolling update that can move no pod.",
        {"controlPlane": {"deploymentStrategy": {"rollingUpdate": {"maxSurge": 0}}}},
        lambda values, merged: any(
            _vars(values, key, "deploymentStrategy", "rollingUpdate")
            for key in _stalled_rollouts(merged)
        ),
        despite="A component's probes, strategy and lifecycle override the top-level ones",
    ),
)


@dataclass(frozen=True)
class Widening:
    """Values upstream refuses and this chart renders, and why."""

    title: str
    why: str
    values: dict[str, Any]  # values that show it
    # Upstream's words for what this entry takes: a line of its refusal that matches is
    # explained (a refusal with any other line is not).
    refusal: str


WIDENED: tuple[Widening, ...] = (
    Widening(
        "gRPC Service type",
        "`grpc.serviceType` also takes NodePort and LoadBalancer (upstream: ClusterIP only).",
        {"grpc": {"serviceType": "NodePort"}},
        r"- at '/grpc/serviceType': value must be 'ClusterIP'",
    ),
    Widening(
        "A null envFrom list is no list",
        "`envFromSecretRefs: null` or `envFromConfigMapRefs: null` (Helm's way to unset a "
        "key) renders as no entries; upstream's templates fail on it (`len of nil pointer`).",
        {"envFromSecretRefs": None},
        r"(Error: )?template: agents/templates/deployment(-controllers)?\.yaml:\d+:\d+: "
        r'executing "[^"]+" at <len \.Values\.envFrom(Secret|ConfigMap)Refs>: '
        r"error calling len: len of nil pointer",
    ),
)


# What differs by design rather than in how the same values render.
BY_DESIGN: tuple[tuple[str, str], ...] = (
    (
        "Values are typed, with the fix in every refusal",
        "Every key is typed and unknown keys are refused at every level with a did-you-mean, "
        "as upstream's schema does with `additionalProperties: false` on its objects; this "
        "chart also types what upstream leaves open (affinity, tolerations, security "
        "contexts, RBAC and NetworkPolicy rules, env entries), so such a value upstream "
        "renders and the API server refuses is refused here, naming the key.",
    ),
    (
        "The volume contract",
        "Reserved names, per-component `extraVolumes`/`extraVolumeMounts` (for the control "
        "plane, the controllers, agents-shell and the Linear MCP gateway), the cross-entry "
        "rules and `validation.mode` (see The contract and its rules). The global lists "
        "keep upstream's meaning: both server pods.",
    ),
    (
        "Render-time checks, worded per key",
        "Upstream's template checks (namespace scopes, JANGAR_* variables, image digests, "
        "the gRPC variables, reserved envFrom keys, rollout checksums, agents-shell's "
        "workspace, the Linear gateway's names) are kept, reported all at once and worded "
        "per key; `schema-gen lint` applies them too.",
    ),
    (
        "Chart metadata",
        "The chart's own version label and NOTES.txt are this chart's; names, selectors, "
        "container names and ServiceAccounts are upstream's, so a release upgrades in place.",
    ),
    (
        "CRDs",
        "Not in this chart: they come from the agents API's own code generation; install "
        "them before the chart (the switching guide says how to keep the installed ones).",
    ),
)


def explained(seen: Seen) -> list[Difference]:
    """Return the listed differences that explain a difference the parity test found."""
    return [d for d in RENDERED if d.explains(seen)]


def refusals_covering(values: Mapping[str, Any], merged: Mapping[str, Any]) -> list[Refusal]:
    """Return the listed refusals that hold for a values file, and the values it makes."""
    return [r for r in REFUSED if r.covers(values, merged)]


def widenings_explaining(line: str) -> list[Widening]:
    """Return the listed widenings whose upstream refusal ``line`` is."""
    return [w for w in WIDENED if re.fullmatch(w.refusal, line.strip())]


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
