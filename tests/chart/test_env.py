"""Values to environment variables: each declared variable renders, where and as declared,
and the operator's variables win as documented."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from schema_gen.contract import environment
from schema_gen.contract.components import COMPONENTS, DEPLOYMENTS, LINEAR_GATEWAY
from schema_gen.contract.models.agent_comms import DEFAULT_NATS_URL
from schema_gen.contract.renders import deep_merge
from schema_gen.tools.helm_engine import RenderRejected
from tests import parity
from tests.conftest import (
    CHART,
    CONTROL_PLANE,
    CONTROLLERS,
    REPO,
    assert_valid_kubernetes,
    load_yaml,
    main_container,
    merged_values,
    render,
)
from tests.shared.env import DECLARED

DEFAULTS = merged_values({})


# Values that open every gate a declared variable sits behind: the agents controller's
# auth Secret, NATS with literal credentials, the database CA, the http audit sink,
# the Linear MCP gateway, and namespaces listed (rbac.clusterScoped lets the loops
# watch a namespace other than the release's).
GATES: dict[str, Any] = {
    "controller": {"authSecret": {"name": "auth"}, "namespaces": ["agents"]},
    "orchestrationController": {"namespaces": ["agents"]},
    "supportingController": {"namespaces": ["agents"]},
    "rbac": {"clusterScoped": True},
    "agentComms": {"enabled": True, "subjects": ["s"], "nats": {"user": "u", "password": "p"}},
    "database": {"caSecret": {"name": "ca"}},
    "audit": {"sink": {"type": "http", "http": {"url": "https://audit.example"}}},
    **LINEAR_GATEWAY.turned_on(),
}


# A changed value for the keys whose type the generic change below cannot pick.
CHANGED: dict[str, Any] = {
    "database.secretRef": {"name": "probe-db", "key": "k"},
    "database.caSecret": {"name": "ca", "key": "probe.crt"},
    "runner.image": {"repository": "probe.example/runner", "tag": "1"},
    "image": {"repository": "probe.example/agents", "tag": "1"},
    "audit.sink.type": "stdout",
    "audit.sink.http.headers": {"X-Probe": "1"},
    "controller.agentRunArtifacts.max": 7,
    "controller.runtimeDebrisCleanup.mode": "audit",
    "controller.defaultWorkload.resources": {"requests": {"cpu": "1"}},
    "controller.namespaces": ["probe-ns"],
    "orchestrationController.namespaces": ["probe-ns"],
    "supportingController.namespaces": ["probe-ns"],
    # The release namespace, which the gateway must name: the probe installs elsewhere.
    "linearMcpGateway.config.namespace": "probe-ns",
    "kubernetesApi.port": "7443",
    "controller.repoConcurrency.overrides": {"probe/repo": 1},
    "controller.vcsProviders.deprecatedTokenTypes": {"gitlab": ["pat"]},
    "controller.vcsProviders.prRateLimits": {"github": {"maxRequests": 3}},
    "controller.defaultWorkload.nodeSelector": {"pool": "probe"},
    "controller.defaultWorkload.tolerations": [{"operator": "Exists"}],
    "controller.defaultWorkload.affinity": {"nodeAffinity": {}},
    "controller.defaultWorkload.topologySpreadConstraints": [
        {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}
    ],
    "controller.defaultWorkload.podSecurityContext": {"runAsUser": 1},
}


# Keys whose change the chart refuses unless another key changes with it.
COMPANIONS: dict[str, dict[str, Any]] = {
    "linearMcpGateway.config.runnerServiceAccount": {
        "linearMcpGateway": {"runnerServiceAccount": {"name": "probe-value"}}
    },
    "linearMcpGateway.config.namespace": {"namespaceOverride": "probe-ns"},
}


def _at(values: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        values = values.get(key) if isinstance(values, dict) else None
    return values


def _with(values: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(values)
    *parents, last = path.split(".")
    node = changed
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    return changed


def _changed(path: str, base: dict[str, Any]) -> Any:
    """Return a valid value for ``path`` other than the one it has over ``base``."""
    if path in CHANGED:
        return CHANGED[path]
    value = _at(deep_merge(DEFAULTS, base), path)
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return int(value) + 1
    if isinstance(value, str):
        return "probe-value"
    if isinstance(value, list):
        return [*value, "probe-value"]
    raise AssertionError(f"{path}: add a changed value to CHANGED")


def _forced(component: str) -> dict[str, str]:
    return environment.forced(component, {"controllers": {"enabled": True}})


def _env(rendered, deployment: str) -> dict[str, Any]:
    return {
        e["name"]: e.get("value", e.get("valueFrom"))
        for e in main_container(rendered, deployment).get("env", [])
    }


def _envs(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return component key -> its container's env, for the Deployments ``values`` render."""
    rendered = render(values)
    names = {o["metadata"]["name"] for o in rendered.objects if o["kind"] == "Deployment"}
    return {c.key: _env(rendered, c.deployment) for c in COMPONENTS if c.deployment in names}


# The Config Mapping page's environment table, as a reader sees it: each row's key,
# variable, "Set in" and "Form" cells, links reduced to their words.
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_PAGE = (REPO / "docs" / "generated" / "config-mapping.md").read_text(encoding="utf-8")
PAGE_ROWS = {
    (cells[0].strip("`"), cells[1].strip("`")): (cells[2], cells[3])
    for line in _PAGE[_PAGE.index("### Environment variables") :].splitlines()
    for cells in [[_LINK.sub(r"\1", c).strip() for c in line.strip("| ").split(" | ")]]
    if line.startswith("| ") and cells[0].startswith("`")  # a key's row, not a forced one
}
_CP, _CTL = CONTROL_PLANE, CONTROLLERS
_LOOPS = "the loops' Deployment: `agents`, or `agents-controllers` with `controllers.enabled`"
# What each "Set in" says, read as a reader would: the Deployments whose container a change
# of the key reaches, with one Deployment and with controllers.enabled.
SET_IN: dict[str, tuple[set[str], set[str]]] = {
    "`agents`": ({_CP}, {_CP}),
    "both server Deployments": ({_CP}, {_CP, _CTL}),
    _LOOPS: ({_CP}, {_CTL}),
    f"both server Deployments; on only in {_LOOPS}": ({_CP}, {_CTL}),
    "`agents-controllers` (with `controllers.enabled`)": (set(), {_CTL}),
    "`agents`, unless `controllers.enabled`": ({_CP}, set()),
    "`agents-linear-mcp-gateway`": ({"agents-linear-mcp-gateway"},) * 2,
}
# What each "Form" says the container gets, as a check of the rendered value.
FORMS: dict[str, Any] = {
    "the number in digits, quoted.": lambda v: isinstance(v, str) and v.lstrip("-").isdigit(),
    "`true` or `false`.": lambda v: v in ("true", "false"),
    "`1` when true (then the loop's other variables are set), `0` when false.": lambda v: (
        v in ("0", "1")
    ),
    "the negation: `false` when on, `true` when off.": lambda v: v in ("true", "false"),
    "the value as JSON, unset when empty.": lambda v: isinstance(json.loads(v), dict | list),
    "the value as JSON, `{}` when empty.": lambda v: isinstance(json.loads(v), dict),
    "a `secretKeyRef` to that Secret key, when `name` is set.": lambda v: "secretKeyRef" in v,
    "the certificate's path under the chart's mount, when name is set.": lambda v: v.startswith(
        "/etc/agents/ca/"
    ),
    "repository:tag, then @digest when set; unset when repository is empty.": lambda v: ":" in v,
    **dict.fromkeys(
        [
            "the string, unset when empty.",
            "the list joined with commas, unset when empty.",
            "the list joined with commas; unset = the release namespace.",
            "the value, unset when `none`.",
            "the image's tag alone, unset when empty.",
            "the ServiceAccount's name, always set.",
        ],
        lambda v: isinstance(v, str) and v != "",
    ),
}
_DEPLOYMENT = {c.key: c.deployment for c in COMPONENTS}


def test_the_page_has_a_row_for_every_declared_variable_in_words_this_test_reads():
    assert {(d.path, d.var.name) for d in DECLARED} <= set(PAGE_ROWS)
    assert {where for where, _form in PAGE_ROWS.values()} <= set(SET_IN)
    assert {form for _where, form in PAGE_ROWS.values()} <= set(FORMS)


@pytest.mark.parametrize("split", [False, True], ids=["one-deployment", "split-controllers"])
@pytest.mark.parametrize("item", DECLARED, ids=lambda d: f"{d.path}->{d.var.name}")
def test_each_key_sets_its_variable_where_and_as_the_config_mapping_page_says(item, split):
    # The oracle is the published page, read as an operator reads it, not the declarations
    # the page and the code share: a wrong "Set in" or "Form" cell fails here.
    set_in, form = PAGE_ROWS[(item.path, item.var.name)]
    base = deep_merge(GATES, {"controllers": {"enabled": split}})
    changed = deep_merge(
        _with(base, item.path, _changed(item.path, base)), COMPANIONS.get(item.path, {})
    )
    before, after = _envs(base), _envs(changed)
    changed_in = {c for c in after if before[c].get(item.var.name) != after[c].get(item.var.name)}
    assert {_DEPLOYMENT[c] for c in changed_in} == SET_IN[set_in][split]
    for component in changed_in:
        assert FORMS[form](after[component][item.var.name]), (component, form)
    # Components no declaration of this variable names must not get it (two keys may set
    # one name for different pods: database.url and the gateway's databaseSecret).
    named = {c for d in DECLARED if d.var.name == item.var.name for c in d.var.components}
    for component, env in after.items():
        if component not in named and item.var.name not in _forced(component):
            assert item.var.name not in env, component


@pytest.mark.parametrize("split", [False, True], ids=["one-deployment", "split-controllers"])
@pytest.mark.parametrize("name", sorted({d.var.name for d in DECLARED}))
def test_a_variable_the_operator_sets_appears_once_with_their_value(name, split):
    values = deep_merge(GATES, {"controllers": {"enabled": split}, "env": {"vars": {name: "op"}}})
    if name in environment.GRPC_MANAGED:  # grpc.* says what they are: env.vars may not differ
        with pytest.raises(RenderRejected, match=f'env.vars.{name}: is "op"'):
            render(values)
        return
    rendered = render(values)
    for component in COMPONENTS[: 2 if split else 1]:
        env = main_container(rendered, component.deployment)["env"]
        found = [e.get("value", e.get("valueFrom")) for e in env if e["name"] == name]
        if component.key == CONTROLLERS_KEY and name in environment.CONTROLLERS_RESERVED:
            assert len(found) <= 1 and found != ["op"], component  # env.vars stops short of it
        else:
            assert found == ["op"], component
    own = deep_merge(values, {"controlPlane": {"env": {"vars": {name: "own"}}}})
    assert _env(render(own), CONTROL_PLANE)[name] == "own"


def test_forced_variables_beat_env_vars_and_yield_to_the_components_own():
    shared = {"controllers": {"enabled": True}, "env": {"vars": {"AGENTS_MIGRATIONS": "run"}}}
    own = deep_merge(shared, {"controllers": {"env": {"vars": {"AGENTS_MIGRATIONS": "own"}}}})
    for values, expected in ((shared, "skip"), (own, "own")):
        env = _env(render(values), CONTROLLERS)
        assert env["AGENTS_MIGRATIONS"] == expected
    for component, forced in environment.FORCED.items():
        env = _env(render({"controllers": {"enabled": True}}), DEPLOYMENTS[component])
        assert {name: env[name] for name in forced} == forced
    # With the loops in their own Deployment the control plane leaves the primitives
    # reconciler to it (as upstream: a variable env.vars may still set).
    control_plane = _env(render({"controllers": {"enabled": True}}), CONTROL_PLANE)
    alone = _env(render({}), CONTROL_PLANE)
    assert (
        control_plane["AGENTS_PRIMITIVES_RECONCILER"],
        "AGENTS_PRIMITIVES_RECONCILER" in alone,
    ) == ("0", False)


def test_env_vars_do_not_reach_the_controllers_reserved_variables():
    values = {
        "controllers": {"enabled": True},
        "env": {"vars": {"AGENTS_GRPC_HOST": "0.0.0.0", "AGENTS_AGENTRUN_ARTIFACTS_MAX": "9"}},
    }
    env = _env(render(values), CONTROLLERS)
    assert (env["AGENTS_GRPC_HOST"], env["AGENTS_AGENTRUN_ARTIFACTS_MAX"]) == ("0.0.0.0", "50")
    own = deep_merge(
        values, {"controllers": {"env": {"vars": {"AGENTS_AGENTRUN_ARTIFACTS_MAX": "9"}}}}
    )
    assert _env(render(own), CONTROLLERS)["AGENTS_AGENTRUN_ARTIFACTS_MAX"] == "9"


CONTROLLERS_KEY = COMPONENTS[1].key


def test_gitops_desired_state_renders_valid_objects_with_namespaced_rbac():
    rendered = render(load_yaml(CHART / "ci" / "gitops-values.yaml"))
    for obj in rendered.objects:
        if not obj["apiVersion"].startswith(("monitoring.coreos.com", "traefik.io")):
            assert_valid_kubernetes(obj)
    kinds = {
        (o["kind"], o["metadata"]["name"], o["metadata"].get("namespace")) for o in rendered.objects
    }
    assert ("Role", "agents", "agents") in kinds and ("RoleBinding", "agents", "agents") in kinds
    assert ("ClusterRole", "agents", None) not in kinds
    service = rendered.get("Service", f"{CONTROL_PLANE}-grpc")
    assert service["spec"]["type"] == "ClusterIP"
    assert service["spec"]["ports"] == [
        {"name": "grpc", "port": 50051, "targetPort": "grpc", "protocol": "TCP"}
    ]
    controllers = _env(rendered, CONTROLLERS)
    assert controllers["AGENTS_CONTROLLER_NAMESPACES"] == "agents"
    assert controllers["AGENTS_PRIMITIVES_NAMESPACES"] == "agents"
    assert controllers["AGENTS_MIGRATIONS"] == "skip"
    assert controllers["AGENTS_GRPC_ENABLED"] == "0"
    assert controllers["AGENTS_LEADER_ELECTION_ENABLED"] == "true"
    control_plane = _env(rendered, CONTROL_PLANE)
    assert control_plane["AGENTS_CONTROLLER_ENABLED"] == "0"
    assert control_plane["AGENTS_GRPC_ENABLED"] == "true"
    assert control_plane["AGENTS_GRPC_PORT"] == "50051"
    for env in (controllers, control_plane):
        assert env["DATABASE_URL"] == {"secretKeyRef": {"name": "agents-db-app", "key": "uri"}}


def test_the_defaults_render_one_namespaced_deployment_with_its_services():
    objects = {(o["kind"], o["metadata"]["name"]) for o in render().objects}
    assert objects == {
        ("Deployment", CONTROL_PLANE),
        ("ServiceAccount", f"{CONTROL_PLANE}-sa"),
        ("Role", CONTROL_PLANE),
        ("RoleBinding", CONTROL_PLANE),
        ("Service", CONTROL_PLANE),
        ("Service", f"{CONTROL_PLANE}-grpc"),
        ("Service", f"{CONTROL_PLANE}-metrics"),
        ("ConfigMap", f"{CONTROL_PLANE}-dashboard"),
    }


def _as_env(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


# Every value a key's template may read as "not set": null (Helm drops the key), and the
# empty value of its form, which upstream's `| default` reads as unset too.
_UNSET = {"int": (None, 0), "string": (None, ""), "bool": (None,), "csv": (None, [])}
UNSET_CASES = [
    (declared, unset)
    for declared in DECLARED
    if declared.var.line == "typed"
    for unset in _UNSET.get(declared.var.format, (None,))
]


@pytest.mark.parametrize(
    ("declared", "unset"),
    UNSET_CASES,
    ids=[f"{d.path}={u!r}->{d.var.name}" for d, u in UNSET_CASES],
)
def test_a_value_the_template_reads_as_unset_renders_what_upstream_renders(declared, unset):
    # The oracle is upstream 0.9.29's render of the same values: the fallback each typed
    # variable renders (the generated table's) must be the one upstream's template has.
    values = deep_merge(_with(GATES, declared.path, unset), {"controllers": {"enabled": True}})
    theirs = parity.render(parity.UPSTREAM_CHARTS["0.9.29"], values)
    if isinstance(theirs, parity.Refused):
        pytest.skip(f"upstream refuses {declared.path}={unset!r}: {theirs.message[:80]}")
    try:
        ours = _envs(values)
    except RenderRejected as error:  # a refusal upstream lacks is the differences page's
        pytest.skip(f"ours refuses {declared.path}={unset!r}: {error.message[:80]}")
    for component in environment.containers(declared.var, split=True):
        deployment = DEPLOYMENTS[component]
        upstream = {
            e["name"]: e.get("value")
            for e in theirs[f"Deployment/{deployment}"]["spec"]["template"]["spec"]["containers"][
                0
            ]["env"]
        }
        assert ours[component].get(declared.var.name) == upstream.get(declared.var.name), component


def test_an_empty_nats_url_renders_the_default_server_the_model_documents():
    values = deep_merge(GATES, {"agentComms": {"nats": {"url": ""}}})
    env = _envs(values)["controlPlane"]
    assert env["NATS_URL"] == DEFAULT_NATS_URL
