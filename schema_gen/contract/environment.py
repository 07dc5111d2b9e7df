"""Values to environment variables: which key sets which, where, in what form, what wins.

Model fields declare an :class:`EnvVar` for each variable they set; the forms a
value takes (:data:`FORMATS`), the variables the chart forces (:data:`FORCED`),
the names the shared ``env.vars`` does not carry to the controllers
(:data:`CONTROLLERS_RESERVED`) and the precedence of sources (:data:`PRECEDENCE`)
are declared here once. The chart's ``_env.tpl`` writes one line per variable, in
the order upstream 0.9.29 does; the generated ``_env_mapping.tpl`` gives it the
lists below, and the Config Mapping, ``schema-gen explain`` and the tests read the
same declarations. The tests render every declared variable to prove that the
declarations and the template agree, and ``generate`` refuses a declaration whose
variable no template writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from schema_gen.contract.components import AGENTS_SHELL, CONTROL_PLANE, CONTROLLERS, LINEAR_GATEWAY
from schema_gen.contract.model_fields import walk
from schema_gen.contract.values_paths import value_at


@dataclass(frozen=True)
class Format:
    """How a typed key's value appears in its variable."""

    name: str
    documented: str  # how the Config Mapping describes the form, after the precedence


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("string", "the string, unset when empty."),
        Format("int", "the number in digits, quoted."),
        Format("bool", "`true` or `false`."),
        Format("flag", "`1` when true (then the loop's other variables are set), `0` when false."),
        Format("not", "the negation: `false` when on, `true` when off."),
        Format("list", "the list joined with commas; unset = the release namespace."),
        Format("csv", "the list joined with commas, unset when empty."),
        Format("json", "the value as JSON, unset when empty."),
        Format("jsonAlways", "the value as JSON, `{}` when empty."),
        Format("unlessNone", "the value, unset when `none`."),
        Format("path", "the certificate's path under the chart's mount, when name is set."),
        Format("image", "repository:tag, then @digest when set; unset when repository is empty."),
        Format("tag", "the image's tag alone, unset when empty."),
        Format("account", "the ServiceAccount's name, always set."),
        Format("secretKeyRef", "a `secretKeyRef` to that Secret key, when `name` is set."),
    )
}


# The forms the templates' ``agents.typed`` helper writes, reading each variable's form
# and fallback from the generated table (``typed_table``): a variable of these forms is
# one template line that names it and its key, nothing more.
TYPED_FORMS = frozenset({"string", "int", "bool", "json", "jsonAlways", "csv"})
# Forms whose unset value (null, absent; 0 for an int, as upstream's ``| default N``)
# renders the key's default, though no Fallback is declared: upstream writes every such
# variable that way.
DEFAULTED_FORMS = frozenset({"int", "bool"})


# The forms of a reconcile loop's on/off switch: the loops' container gets the value, the
# other server container (when controllers.enabled splits them) gets the switch off.
SWITCHES = frozenset({"flag", "not"})


@dataclass(frozen=True)
class EnvVar:
    """A container environment variable that a values key sets."""

    name: str
    components: tuple[str, ...]  # the components (values keys) whose container may get it
    format: str = "string"  # a key of FORMATS
    # Set only in the container that runs the reconcile loops: the controllers' when
    # controllers.enabled, else the control plane's (as upstream does).
    loops: bool = False
    when: str = ""  # a condition besides the key's own value, as the docs word it
    # "typed": written by the templates' agents.typed helper (a form of TYPED_FORMS);
    # "own": on a line of its own, for a condition or a source the helper does not know.
    line: Literal["typed", "own"] = "typed"

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"{self.name}: unknown format {self.format!r}; see FORMATS")
        if self.line == "typed" and self.format not in TYPED_FORMS:
            object.__setattr__(self, "line", "own")  # only the helper's forms go through it


def loop_var(
    name: str,
    form: str = "string",
    components: tuple[str, ...] = (CONTROL_PLANE.key, CONTROLLERS.key),
) -> EnvVar:
    """Return a variable of the reconcile loops: set only in the container that runs them."""
    return EnvVar(name, components, form, loops=True)


NO_FALLBACK = None  # an unset value renders nothing


@dataclass(frozen=True)
class Declared:
    """An :class:`EnvVar` with the dotted values path of the key that sets it."""

    path: str
    var: EnvVar
    # What the template renders for an unset value: the key's Fallback, else its default
    # for the DEFAULTED_FORMS; NO_FALLBACK otherwise.
    fallback: Any = NO_FALLBACK


# Deployments other than the two servers: each gets its variables whenever it renders.
_OWN_DEPLOYMENTS = {AGENTS_SHELL.key, LINEAR_GATEWAY.key}


def containers(var: EnvVar, *, split: bool) -> set[str]:
    """Return the components whose container gets ``var`` (``split``: controllers.enabled)."""
    rendered = {CONTROL_PLANE.key, CONTROLLERS.key} if split else {CONTROL_PLANE.key}
    if var.loops:
        rendered = {CONTROLLERS.key if split else CONTROL_PLANE.key}
    return (rendered | _OWN_DEPLOYMENTS) & set(var.components)


def declarations(model: Any) -> list[Declared]:
    """Return every EnvVar declared on ``model`` and the models below it, in field order."""
    from schema_gen.contract.models.base import Fallback  # the models import this module

    found = []
    for at in walk(model):
        marked = at.metadata(Fallback)
        for var in at.metadata(EnvVar):
            fallback = marked[0].value(at.field) if marked else NO_FALLBACK
            if not marked and var.format in DEFAULTED_FORMS:
                fallback = at.field.default
            found.append(Declared(".".join(map(str, at.path)), var, fallback))
    return found


def typed_table(declared: list[Declared]) -> dict[str, dict[str, Any]]:
    """Return, for each variable the ``agents.typed`` helper writes, its form and fallback."""
    table: dict[str, dict[str, Any]] = {}
    for item in declared:
        if item.var.line == "typed":
            row = {"form": item.var.format}
            if item.fallback is not NO_FALLBACK:
                row["fallback"] = item.fallback
            table[item.var.name] = row
    return table


# Forced in the controllers unless controllers.env.vars sets them. The controllers run
# the same server as the control plane, which alone runs migrations, serves gRPC and
# keeps the cache.
FORCED: dict[str, dict[str, str]] = {
    CONTROLLERS.key: {
        "AGENTS_MIGRATIONS": "skip",
        "AGENTS_GRPC_ENABLED": "0",
        "AGENTS_CONTROL_PLANE_CACHE_ENABLED": "0",
        "AGENTS_AGENTRUN_IDEMPOTENCY_ENABLED": "true",
        "AGENTS_AGENTRUN_IDEMPOTENCY_RETENTION_DAYS": "30",
    },
}
# The variables env.vars does not carry to the controllers: the forced ones, and those
# the chart sets there from its own keys. Only controllers.env.vars sets them there.
CONTROLLERS_RESERVED: tuple[str, ...] = (
    "AGENTS_MIGRATIONS",
    "AGENTS_GRPC_ENABLED",
    "AGENTS_GRPC_HOST",
    "AGENTS_GRPC_PORT",
    "AGENTS_CONTROL_PLANE_CACHE_ENABLED",
    "AGENTS_AGENTRUN_IDEMPOTENCY_ENABLED",
    "AGENTS_AGENTRUN_IDEMPOTENCY_RETENTION_DAYS",
    "AGENTS_AGENTRUN_ARTIFACTS_MAX",
    "AGENTS_AGENTRUN_ARTIFACTS_STRICT",
)
# The control plane's gRPC variables, which the chart derives from grpc.* while
# grpc.manageEnvVar (and refuses env.vars that set them otherwise).
GRPC_MANAGED: tuple[str, ...] = ("AGENTS_GRPC_ENABLED", "AGENTS_GRPC_HOST", "AGENTS_GRPC_PORT")
# Reserved in the control plane, for validation.reservedEnvKeysEnforced.
CONTROL_PLANE_RESERVED: tuple[str, ...] = (*GRPC_MANAGED, "AGENTS_MIGRATIONS")
# Variables the application no longer reads; refused wherever env.vars names them.
REMOVED: dict[str, str] = {
    "AGENTS_AGENT_IMAGE": "set runner.image.repository/tag/digest, or "
    "AGENTS_AGENT_RUNNER_IMAGE in env.vars",
}
# The prefix of the variables chart 0.9.1's application read: today's reads none.
LEGACY_PREFIX = "JANGAR_"


@dataclass(frozen=True)
class Layer:
    """A source of a container's variables; a later layer wins over an earlier one."""

    kind: Literal["typed", "vars", "forced"]
    path: str = ""  # "vars": the name -> value map's values path; {component} is filled in

    def source(self, component: str) -> str:
        """Return how the docs and ``explain`` name this source in ``component``."""
        names = {"typed": TYPED, "forced": FORCED_SOURCE}
        return names.get(self.kind) or self.path.format(component=component)


TYPED = "typed key"
FORCED_SOURCE = "forced by the chart"
SHARED = "env.vars"
# Lowest first, in each server container.
PRECEDENCE: tuple[Layer, ...] = (
    Layer("typed"),
    Layer("vars", SHARED),
    Layer("forced"),
    Layer("vars", "{component}.env.vars"),
)


def forced(component: str, values: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Return the variables the chart forces in ``component`` (the same with any values)."""
    return dict(FORCED.get(component, {}))


def _at(values: Mapping[str, Any], path: str) -> Any:
    node: Any = values
    for part in path.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return node


# The lists of an env map that add variables after every other (agents.refVars), in
# the order the templates write them: a later entry of a name wins in the container.
REF_LISTS: tuple[str, ...] = ("secrets", "config", "extra")


def operator_sources(values: Mapping[str, Any], component: str) -> dict[str, str]:
    """Return name -> the values key that set it, for the variables the operator wrote
    (the env.vars layers, the forced variables between them, then the env lists)."""
    if component not in (CONTROL_PLANE.key, CONTROLLERS.key):
        env = f"{component}.env"
        found = dict.fromkeys(_at(values, f"{env}.vars") or {}, f"{env}.vars")
    else:
        env = SHARED.rsplit(".", 1)[0]  # the servers' lists are the shared env's
        found = {}
        for layer in PRECEDENCE[1:]:
            if layer.kind == "forced":
                names = forced(component, values)
            else:
                names = dict(_at(values, layer.path.format(component=component)) or {})
                if layer.path == SHARED and component == CONTROLLERS.key:
                    names = {k: v for k, v in names.items() if k not in CONTROLLERS_RESERVED}
            found.update(dict.fromkeys(names, layer.source(component)))
    for listed in REF_LISTS:
        for item in _at(values, f"{env}.{listed}") or []:
            if isinstance(item, Mapping) and "name" in item:
                found[item["name"]] = f"{env}.{listed}"
    return found


# Variables the chart sets from no values key, per component (fieldRefs and fixed names).
FIXED: dict[str, dict[str, str]] = {
    CONTROL_PLANE.key: {
        "AGENTS_SERVER_PROFILE": "agents-control-plane",
        "AGENTS_POD_NAMESPACE": "the pod's namespace (a fieldRef)",
        "AGENTS_POD_UID": "the pod's UID (a fieldRef)",
        "AGENTS_GRPC_HOST": "0.0.0.0",
        "AGENTS_PRIMITIVES_RECONCILER": "0, when controllers.enabled",
    },
    CONTROLLERS.key: {
        "AGENTS_SERVER_PROFILE": "agents-controllers",
        "AGENTS_POD_NAMESPACE": "the pod's namespace (a fieldRef)",
        "AGENTS_POD_UID": "the pod's UID (a fieldRef)",
        "AGENTS_GRPC_HOST": "0.0.0.0",
    },
    AGENTS_SHELL.key: {"AGENTS_POD_NAMESPACE": "the pod's namespace (a fieldRef)"},
    LINEAR_GATEWAY.key: {
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "BUN_INSTALL_CACHE_DIR": "/tmp/bun-cache",
        "AGENTS_MIGRATIONS": "auto",
        "NODE_ENV": "production",
        "LINEAR_MCP_OAUTH_CLIENT_SECRET": "key client-secret of linearMcpGateway.oauthSecretName",
        "LINEAR_MCP_ACTOR_ID": "key actor-id of linearMcpGateway.oauthSecretName",
    },
}
CHART_SOURCE = "the chart"


def sources(values: Mapping[str, Any], component: str, declared: list[Declared]) -> dict[str, str]:
    """Return variable -> what set it in ``component``, for the variables the values can set.

    A variable the operator's layers hold is theirs (the chart leaves its own out);
    else the first typed key that declares it and is set (database.url before
    database.secretRef); else the chart.
    """
    found = dict.fromkeys(FIXED.get(component, {}), CHART_SOURCE)
    for item in sorted(declared, key=lambda d: not value_at(values, d.path)):
        if component in item.var.components:
            found.setdefault(item.var.name, item.path)
    found.update(operator_sources(values, component))
    return found


def template_data(declared: list[Declared]) -> dict[str, Any]:
    """Return what the generated ``agents.envMapping`` helper holds for the templates."""
    return {
        "typed": typed_table(declared),
        "forced": FORCED,
        "controllersReserved": list(CONTROLLERS_RESERVED),
        "controlPlaneReserved": list(CONTROL_PLANE_RESERVED),
        "grpcManaged": list(GRPC_MANAGED),
        "removed": REMOVED,
    }
