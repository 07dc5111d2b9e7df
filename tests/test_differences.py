"""Upstream parity: the upgrade-relevant names are upstream 0.9.1's, and every listed
difference renders as the list says."""

from __future__ import annotations

import pytest

from schema_gen import differences
from schema_gen.models import Values
from tests.conftest import BOTH, merged_values, render

# Upstream 0.9.1 (proompteng/lab charts/agents at 24216f8e), release "agents" in namespace
# "agents": the names and selectors an in-place upgrade must keep (selectors are immutable).
UPSTREAM_0_9_1 = {
    ("Deployment", "agents"): {
        "selector": {"app.kubernetes.io/name": "agents", "app.kubernetes.io/instance": "agents"},
        "container": "agents",
    },
    ("Deployment", "agents-controllers"): {
        "selector": {
            "app.kubernetes.io/name": "agents-controllers",
            "app.kubernetes.io/instance": "agents",
        },
        "container": "agents-controllers",
    },
}
UPSTREAM_SERVICE_ACCOUNT = "agents-sa"
UPSTREAM_SERVICES = {"agents": 80, "agents-grpc": 50051, "agents-metrics": 9090}


def test_names_selectors_and_service_account_are_upstreams():
    rendered = render(BOTH)
    for (kind, name), facts in UPSTREAM_0_9_1.items():
        deployment = rendered.get(kind, name)
        assert deployment["spec"]["selector"]["matchLabels"] == facts["selector"]
        pod = deployment["spec"]["template"]
        assert facts["selector"].items() <= pod["metadata"]["labels"].items()
        assert pod["spec"]["containers"][0]["name"] == facts["container"]
        assert pod["spec"]["serviceAccountName"] == UPSTREAM_SERVICE_ACCOUNT
    rendered.get("ServiceAccount", UPSTREAM_SERVICE_ACCOUNT)
    control_plane = UPSTREAM_0_9_1[("Deployment", "agents")]["selector"]
    for name, port in UPSTREAM_SERVICES.items():
        service = rendered.get("Service", name)
        assert service["spec"]["selector"] == control_plane
        assert service["spec"]["ports"][0]["port"] == port


@pytest.mark.parametrize(
    ("release", "overrides", "expected"),
    [
        ("agents", {}, "agents"),  # the release name holds the chart's name
        ("prod", {}, "prod-agents"),
        ("prod", {"fullnameOverride": "jangar"}, "jangar"),
        ("prod", {"nameOverride": "jangar"}, "prod-jangar"),
    ],
)
def test_object_names_follow_upstreams_fullname(release, overrides, expected):
    from schema_gen import helm_engine
    from tests.conftest import CHART

    rendered = helm_engine.render(CHART, overrides, release=release)
    deployment = rendered.get("Deployment", expected)
    name = overrides.get("nameOverride", "agents")
    assert deployment["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"] == name


@pytest.mark.parametrize("difference", differences.RENDERED, ids=lambda d: d.title)
def test_each_listed_difference_renders_as_listed(difference):
    Values.model_validate(merged_values(difference.values))
    kind, name, field = difference.at
    assert differences.found(render(difference.values).get(kind, name), field) == difference.expect


def test_the_found_lookup_picks_named_items_and_dotted_keys():
    obj = {"a": [{"name": "x", "v": 1}, {"name": "y", "v": 2}], "m": {"k.io/h": "z"}}
    assert differences.found(obj, "a[y].v") == 2
    assert differences.found(obj, "a[0].v") == 1
    assert differences.found(obj, "m[k.io/h]") == "z"
    assert differences.found(obj, "a[missing].v") is None
