"""Values to environment variables: each declared variable renders, where and as declared,
and the operator's variables win as documented."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from schema_gen import environment
from schema_gen.components import COMPONENTS, DEPLOYMENTS
from schema_gen.models import Values
from schema_gen.renders import deep_merge
from tests.conftest import (
    CHART,
    CONTROL_PLANE,
    CONTROLLERS,
    assert_valid_kubernetes,
    load_yaml,
    main_container,
    merged_values,
    render,
)

DECLARED = environment.declarations(Values)
DEFAULTS = merged_values({})
# Values that open every gate a declared variable sits behind: the agents controller's
# auth Secret, NATS with literal credentials, the database CA, no runner image (so
# runtime.agentRunnerImage shows).
GATES: dict[str, Any] = {
    "controller": {"authSecret": {"name": "auth"}},
    "agentComms": {"enabled": True, "subjects": ["s"], "nats": {"user": "u", "password": "p"}},
    "database": {"caSecret": {"name": "ca"}},
    "runner": {"image": {"repository": ""}},
}
# A changed value for the keys whose type the generic change below cannot pick.
CHANGED: dict[str, Any] = {
    "database.secretRef": {"name": "probe-db", "key": "k"},
    "database.caSecret": {"name": "ca", "key": "probe.crt"},
    "runner.image": {"repository": "probe.example/runner", "tag": "1"},
    "image": {"repository": "probe.example/jangar", "tag": "1"},
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


@pytest.mark.parametrize("split", [False, True], ids=["one-deployment", "split-controllers"])
@pytest.mark.parametrize("item", DECLARED, ids=lambda d: f"{d.path}->{d.var.name}")
def test_each_declared_key_sets_its_variable_in_declared_containers_only(item, split):
    base = deep_merge(GATES, {"controllers": {"enabled": split}})
    before, after = _envs(base), _envs(_with(base, item.path, _changed(item.path, base)))
    changed_in = {c for c in after if before[c].get(item.var.name) != after[c].get(item.var.name)}
    assert changed_in == environment.containers(item.var, split=split)
    for component, env in after.items():
        if component not in item.var.components and item.var.name not in _forced(component):
            assert item.var.name not in env, component


@pytest.mark.parametrize("split", [False, True], ids=["one-deployment", "split-controllers"])
@pytest.mark.parametrize("name", sorted({d.var.name for d in DECLARED}))
def test_a_variable_the_operator_sets_appears_once_with_their_value(name, split):
    values = deep_merge(GATES, {"controllers": {"enabled": split}, "env": {"vars": {name: "op"}}})
    rendered = render(values)
    for component in COMPONENTS[: 2 if split else 1]:
        env = main_container(rendered, component.deployment)["env"]
        expected = _forced(component.key).get(name, "op")
        assert [e.get("value") for e in env if e["name"] == name] == [expected], component
    own = deep_merge(values, {"controlPlane": {"env": {"vars": {name: "own"}}}})
    assert _env(render(own), CONTROL_PLANE)[name] == "own"


def test_forced_variables_beat_env_vars_and_yield_to_the_components_own():
    shared = {"controllers": {"enabled": True}, "env": {"vars": {"JANGAR_MIGRATIONS": "run"}}}
    own = deep_merge(shared, {"controllers": {"env": {"vars": {"JANGAR_MIGRATIONS": "own"}}}})
    for values, expected in ((shared, "skip"), (own, "own")):
        env = _env(render(values), CONTROLLERS)
        assert env["JANGAR_MIGRATIONS"] == expected
    for component, forced in environment.FORCED.items():
        env = _env(render({"controllers": {"enabled": True}}), DEPLOYMENTS[component])
        assert {name: env[name] for name in forced} == forced
    control_plane = _env(render({"controllers": {"enabled": True}}), CONTROL_PLANE)
    alone = _env(render({}), CONTROL_PLANE)
    for name, value in environment.FORCED_WITH_CONTROLLERS[CONTROL_PLANE_KEY].items():
        assert (control_plane[name], name in alone) == (value, False)


CONTROL_PLANE_KEY = COMPONENTS[0].key


def test_every_format_is_used_by_a_declaration():
    assert {d.var.format for d in DECLARED} == set(environment.FORMATS)


def test_the_precedence_is_the_one_the_design_documents():
    # A typed key lowest, env.vars as the shared base, the chart's forced variables
    # over it, and a component's own env.vars over everything in that Deployment.
    assert [layer.source("controllers") for layer in environment.PRECEDENCE] == [
        "typed key",
        "env.vars",
        "forced by the chart",
        "controllers.env.vars",
    ]


def test_gitops_desired_state_renders_valid_objects_with_namespaced_rbac():
    rendered = render(load_yaml(CHART / "ci" / "gitops-values.yaml"))
    for obj in rendered.objects:
        assert_valid_kubernetes(obj)
    kinds = {
        (o["kind"], o["metadata"]["name"], o["metadata"].get("namespace")) for o in rendered.objects
    }
    assert ("Role", "agents", "agents") in kinds and ("RoleBinding", "agents", "agents") in kinds
    assert not any(kind.startswith("Cluster") for kind, _name, _ns in kinds)
    service = rendered.get("Service", f"{CONTROL_PLANE}-grpc")
    assert service["spec"]["type"] == "ClusterIP"
    assert service["spec"]["ports"] == [
        {"name": "grpc", "port": 50051, "targetPort": "grpc", "protocol": "TCP"}
    ]
    controllers = _env(rendered, CONTROLLERS)
    assert controllers["JANGAR_AGENTS_CONTROLLER_NAMESPACES"] == "agents"
    assert controllers["JANGAR_PRIMITIVES_NAMESPACES"] == "agents"
    assert controllers["JANGAR_MIGRATIONS"] == "skip"
    assert controllers["JANGAR_GRPC_ENABLED"] == "0"
    control_plane = _env(rendered, CONTROL_PLANE)
    assert control_plane["JANGAR_AGENTS_CONTROLLER_ENABLED"] == "0"
    assert control_plane["JANGAR_GRPC_ENABLED"] == "true"
    assert control_plane["JANGAR_GRPC_PORT"] == "50051"
    for env in (controllers, control_plane):
        assert env["DATABASE_URL"] == {"secretKeyRef": {"name": "jangar-db-app", "key": "uri"}}


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
