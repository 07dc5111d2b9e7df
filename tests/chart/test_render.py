"""The chart, rendered by the real Helm engine, puts each volume and mount where promised."""

from __future__ import annotations

import copy

import pytest

from schema_gen.contract import components, reserved, volume_rules
from schema_gen.contract.components import BY_KEY, DEPLOYMENTS, LINEAR_GATEWAY
from schema_gen.contract.models import Values
from tests.conftest import (
    BOTH,
    CHART,
    CONTROL_PLANE,
    CONTROLLERS,
    assert_valid_kubernetes,
    load_yaml,
    main_container,
    merged_values,
    pod_spec,
    render,
    with_both,
)

# Objects kubernetes-validate knows; a ServiceMonitor or a VersionControlProvider needs its CRD.
KUBERNETES_API_VERSIONS = {
    "v1",
    "apps/v1",
    "autoscaling/v2",
    "batch/v1",
    "policy/v1",
    "networking.k8s.io/v1",
    "rbac.authorization.k8s.io/v1",
}

CI_SAMPLES = sorted((CHART / "ci").glob("*-values.yaml"))


def _deployments(rendered) -> list[str]:
    return sorted(o["metadata"]["name"] for o in rendered.objects if o["kind"] == "Deployment")


@pytest.mark.parametrize(
    ("values", "expected"), [({}, [CONTROL_PLANE]), (BOTH, [CONTROL_PLANE, CONTROLLERS])]
)
def test_one_deployment_by_default_two_with_the_controllers_on(values, expected):
    rendered = render(values)
    assert _deployments(rendered) == expected
    for name in expected:
        deployment = rendered.get("Deployment", name)
        assert_valid_kubernetes(deployment)
        spec = deployment["spec"]["template"]["spec"]
        # Upstream writes the keys with nothing in them: null, as here.
        assert spec["volumes"] is None
        assert spec["containers"][0]["volumeMounts"] is None


@pytest.mark.parametrize("sample", CI_SAMPLES, ids=lambda p: p.name)
def test_ci_sample_renders_only_valid_objects_and_the_models_agree(sample):
    values = load_yaml(sample)
    rendered = render(values)
    expected = [DEPLOYMENTS[c] for c in volume_rules.rendered(merged_values(values))]
    assert _deployments(rendered) == sorted(expected)
    for obj in rendered.objects:
        if obj["apiVersion"] in KUBERNETES_API_VERSIONS:
            assert_valid_kubernetes(obj)
    Values.model_validate(merged_values(values))


@pytest.mark.parametrize("sample", CI_SAMPLES, ids=lambda p: p.name)
def test_every_entry_lands_whole_in_the_right_pods_in_contract_order(sample):
    values = load_yaml(sample)
    rendered = render(values)
    merged = merged_values(values)
    for component in volume_rules.rendered(merged):
        deployment = DEPLOYMENTS[component]
        own = values.get(component, {})
        shared = BY_KEY[component].global_extras
        expected_volumes = [
            {"name": v["name"], **v["volume"]}
            for v in (values.get("extraVolumes", []) if shared else [])
            + own.get("extraVolumes", [])
        ]
        expected_mounts = (values.get("extraVolumeMounts", []) if shared else []) + own.get(
            "extraVolumeMounts", []
        )
        chart_managed = len(reserved.enabled(merged, component))
        volumes = pod_spec(rendered, deployment).get("volumes") or []
        mounts = main_container(rendered, deployment).get("volumeMounts") or []
        assert volumes[chart_managed:] == expected_volumes
        assert mounts[chart_managed:] == expected_mounts


def test_global_entries_reach_both_pods_and_component_entries_only_their_own():
    values = load_yaml(CHART / "ci" / "combined-values.yaml")
    rendered = render(values)
    cp_volumes = [v["name"] for v in pod_spec(rendered, CONTROL_PLANE)["volumes"]]
    ctl_volumes = [v["name"] for v in pod_spec(rendered, CONTROLLERS)["volumes"]]
    assert cp_volumes == ["db-ca-cert", "shared-config", "api-tls"]
    assert ctl_volumes == ["db-ca-cert", "shared-config", "workspace"]


def test_database_ca_is_chart_managed_read_only_in_both_containers():
    rendered = render(with_both({"database": {"caSecret": {"name": "pg-ca", "key": "root.crt"}}}))
    for deployment in (CONTROL_PLANE, CONTROLLERS):
        assert pod_spec(rendered, deployment)["volumes"] == [
            {
                "name": "db-ca-cert",
                "secret": {
                    "secretName": "pg-ca",
                    "items": [{"key": "root.crt", "path": "root.crt"}],
                },
            }
        ]
        assert main_container(rendered, deployment)["volumeMounts"] == [
            {"name": "db-ca-cert", "mountPath": "/etc/agents/ca", "readOnly": True}
        ]
        env = {e["name"]: e.get("value") for e in main_container(rendered, deployment)["env"]}
        assert env["PGSSLROOTCERT"] == "/etc/agents/ca/root.crt"


def test_mount_fields_are_never_dropped():
    mount = {
        "name": "data",
        "mountPath": "/data",
        "readOnly": True,
        "subPath": "a",
        "mountPropagation": "None",
        "recursiveReadOnly": "Enabled",
    }
    values = {
        "extraVolumes": [{"name": "data", "volume": {"emptyDir": {}}}],
        "controllers": {"enabled": True, "extraVolumeMounts": [copy.deepcopy(mount)]},
    }
    rendered = render(values)
    assert main_container(rendered, CONTROLLERS)["volumeMounts"] == [mount]
    assert main_container(rendered, CONTROL_PLANE)["volumeMounts"] is None


def test_image_is_pinned_by_tag_and_digest():
    digest = "sha256:" + "a" * 64
    rendered = render(
        with_both(
            {"controllers": {"image": {"repository": "r/agents", "tag": "v1", "digest": digest}}}
        )
    )
    assert main_container(rendered, CONTROLLERS)["image"] == f"r/agents:v1@{digest}"
    # Each empty field of a component's image inherits image.* (the repository has its own).
    assert (
        main_container(rendered, CONTROL_PLANE)["image"]
        == "ghcr.io/proompteng/agents-control-plane:latest"
    )


def test_the_gateway_takes_each_empty_image_field_from_the_controllers_then_image():
    digest = "sha256:" + "b" * 64
    values = {
        **LINEAR_GATEWAY.turned_on(),
        "image": {"tag": "v2", "digest": digest},
        "controllers": {"image": {"repository": "r/controller"}},
        "linearMcpGateway": {**LINEAR_GATEWAY.turned_on()["linearMcpGateway"],
                             "image": {"tag": "v3"}},
    }  # fmt: skip
    container = main_container(render(values), LINEAR_GATEWAY.deployment)
    assert container["image"] == f"r/controller:v3@{digest}"


def test_each_chart_managed_volume_is_where_the_registry_says():
    values = {**components.every_deployment(), "database": {"caSecret": {"name": "pg-ca"}}}
    rendered = render(values)
    merged = merged_values(values)
    for component in components.COMPONENTS:
        mounts = main_container(rendered, component.deployment)["volumeMounts"]
        volumes = [v["name"] for v in pod_spec(rendered, component.deployment)["volumes"]]
        for volume in reserved.enabled(merged, component.key):
            assert volume.mount() in mounts, component.key
            assert volume.name in volumes, component.key
            if volume.env:  # the variable that points the app at the mounted file
                env = {e["name"]: e.get("value") for e in main_container(
                    rendered, component.deployment)["env"]}  # fmt: skip
                assert env[volume.env].startswith(f"{volume.mount_path}/"), component.key
