"""The chart, rendered by the real Helm engine, puts each volume and mount where promised."""

from __future__ import annotations

import copy

import pytest

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
    pod_spec,
    render,
)

CI_SAMPLES = sorted((CHART / "ci").glob("*-values.yaml"))


def test_defaults_render_two_valid_deployments_without_extras():
    rendered = render()
    deployments = [o for o in rendered.objects if o["kind"] == "Deployment"]
    assert sorted(d["metadata"]["name"] for d in deployments) == [CONTROL_PLANE, CONTROLLERS]
    for deployment in deployments:
        assert_valid_kubernetes(deployment)
        spec = deployment["spec"]["template"]["spec"]
        assert "volumes" not in spec
        assert "volumeMounts" not in spec["containers"][0]
    assert main_container(rendered, CONTROL_PLANE)["name"] == "control-plane"
    assert main_container(rendered, CONTROLLERS)["name"] == "controllers"


@pytest.mark.parametrize("sample", CI_SAMPLES, ids=lambda p: p.name)
def test_ci_sample_renders_valid_deployments_and_the_models_agree(sample):
    values = load_yaml(sample)
    rendered = render(values)
    for name in (CONTROL_PLANE, CONTROLLERS):
        assert_valid_kubernetes(rendered.get("Deployment", name))
    Values.model_validate(merged_values(values))


@pytest.mark.parametrize("sample", CI_SAMPLES, ids=lambda p: p.name)
def test_every_entry_lands_whole_in_the_right_pods_in_contract_order(sample):
    values = load_yaml(sample)
    rendered = render(values)
    for component, deployment in DEPLOYMENTS.items():
        own = values.get(component, {})
        expected_volumes = [
            {"name": v["name"], **v["volume"]}
            for v in values.get("extraVolumes", []) + own.get("extraVolumes", [])
        ]
        expected_mounts = values.get("extraVolumeMounts", []) + own.get("extraVolumeMounts", [])
        chart_managed = 1 if values.get("database", {}).get("caSecret", {}).get("name") else 0
        volumes = pod_spec(rendered, deployment).get("volumes", [])
        mounts = main_container(rendered, deployment).get("volumeMounts", [])
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
    rendered = render({"database": {"caSecret": {"name": "pg-ca", "key": "root.crt"}}})
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
        "controllers": {"extraVolumeMounts": [copy.deepcopy(mount)]},
    }
    rendered = render(values)
    assert main_container(rendered, CONTROLLERS)["volumeMounts"] == [mount]
    assert "volumeMounts" not in main_container(rendered, CONTROL_PLANE)


def test_image_is_pinned_by_tag_and_digest():
    digest = "sha256:" + "a" * 64
    rendered = render(
        {"controllers": {"image": {"repository": "r/jangar", "tag": "v1", "digest": digest}}}
    )
    assert main_container(rendered, CONTROLLERS)["image"] == f"r/jangar:v1@{digest}"
