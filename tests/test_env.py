"""Values to environment variables: every variable, from every source, wins as documented."""

from __future__ import annotations

from typing import Any

import pytest

from schema_gen import environment
from schema_gen.components import DEPLOYMENTS
from schema_gen.models import Values
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
SAMPLES = sorted((CHART / "ci").glob("*-values.yaml"))
# Each format's example: a typed key's value and the variable it renders as.
PROBES = {name: form.example for name, form in environment.FORMATS.items()}
# Every variable a typed key sets, and every variable the chart forces.
VARIABLES = [(d.path, d.var.name, d.var.format) for d in DECLARED] + [
    (None, name, "string")
    for forced in environment.FORCED.values()
    for name in forced
    if name not in {d.var.name for d in DECLARED}
]
# Which sources each case sets: the typed key, the shared env.vars, the components' own.
CASES = [("typed",), ("typed", "shared"), ("typed", "shared", "own"), ("shared",), ()]
DEFAULTS = merged_values({})


def _at(values: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        values = values.get(key) if isinstance(values, dict) else None
    return values


def _with(values: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        values = values.setdefault(key, {})
    values[last] = value


def _env(rendered, deployment: str) -> dict[str, Any]:
    return {
        e["name"]: e.get("value", e.get("valueFrom"))
        for e in main_container(rendered, deployment).get("env", [])
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_rendered_env_is_the_effective_env_of_the_models(sample):
    values = load_yaml(sample)
    rendered = render(values)
    merged = merged_values(values)
    for component, deployment in DEPLOYMENTS.items():
        expected = environment.container_env(environment.effective_env(merged, component, DECLARED))
        assert main_container(rendered, deployment).get("env", []) == expected


@pytest.mark.parametrize("sources", CASES, ids=lambda c: "+".join(c) or "none")
@pytest.mark.parametrize(("path", "name", "form"), VARIABLES, ids=[v[1] for v in VARIABLES])
def test_each_source_wins_where_the_documented_precedence_says(path, name, form, sources):
    typed_value, typed_rendered = PROBES[form]
    values: dict[str, Any] = {}
    given = {"shared": "from-env.vars"}
    if "typed" in sources and path:
        _with(values, path, typed_value)
    if "shared" in sources:
        _with(values, "env.vars", {name: given["shared"]})
    if "own" in sources:
        for component in DEPLOYMENTS:
            _with(values, f"{component}.env.vars", {name: f"from-{component}"})
    rendered = render(values)
    typed_components = {c for d in DECLARED if d.var.name == name for c in d.var.components}
    if not ("typed" in sources and path):  # the chart's own default for the key, if any
        typed_rendered = path and environment.FORMATS[form].python(_at(DEFAULTS, path))
    for component, deployment in DEPLOYMENTS.items():
        present = {
            environment.TYPED: component in typed_components and typed_rendered is not None,
            environment.SHARED: "shared" in sources,
            environment.FORCED_SOURCE: name in environment.FORCED.get(component, {}),
            f"{component}.env.vars": "own" in sources,
        }
        order = environment.precedence(component, name, typed=component in typed_components)
        winners = [source for source in order if present.get(source)]
        expected = (
            {
                environment.TYPED: typed_rendered,
                environment.SHARED: given["shared"],
                environment.FORCED_SOURCE: environment.FORCED.get(component, {}).get(name),
                f"{component}.env.vars": f"from-{component}",
            }.get(winners[-1])
            if winners
            else None
        )
        assert _env(rendered, deployment).get(name) == expected, (deployment, winners)


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
    assert control_plane["JANGAR_GRPC_ENABLED"] == "true"
    assert control_plane["JANGAR_GRPC_PORT"] == "50051"
    for env in (controllers, control_plane):
        assert env["DATABASE_URL"] == {"secretKeyRef": {"name": "jangar-db-app", "key": "uri"}}


def test_cluster_scoped_rbac_by_default():
    kinds = {o["kind"] for o in render().objects}
    assert {"ClusterRole", "ClusterRoleBinding", "ServiceAccount"} <= kinds
    assert "Service" not in kinds  # no gRPC Service unless grpc.enabled


@pytest.mark.parametrize("form", environment.FORMATS.values(), ids=lambda f: f.name)
def test_each_format_renders_its_example_and_sets_nothing_when_unset(form):
    value, shown = form.example
    assert form.python(value) == shown
    assert form.python(None) is None


def test_the_precedence_is_the_one_the_design_documents():
    # env.vars is the base, a typed key below it; the chart's forced controller
    # variables hold unless the component's own env.vars overrides them.
    assert environment.precedence("controllers", "JANGAR_MIGRATIONS", typed=False) == [
        "env.vars",
        "forced by the chart",
        "controllers.env.vars",
    ]
    assert environment.precedence("controlPlane", "JANGAR_GRPC_PORT", typed=True) == [
        "typed key",
        "env.vars",
        "controlPlane.env.vars",
    ]


def test_a_forced_variable_yields_to_the_components_own_env_vars_only():
    shared = _env(render({"env": {"vars": {"JANGAR_MIGRATIONS": "run"}}}), CONTROLLERS)
    own = _env(
        render({"controllers": {"env": {"vars": {"JANGAR_MIGRATIONS": "run"}}}}), CONTROLLERS
    )
    assert (shared["JANGAR_MIGRATIONS"], own["JANGAR_MIGRATIONS"]) == ("skip", "run")
