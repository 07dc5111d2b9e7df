"""Upstream parity: the upgrade-relevant names are upstream 0.9.29's, and every listed
difference renders as the list says."""

from __future__ import annotations

import pytest

from schema_gen.contract import components, differences
from schema_gen.contract.models import Values
from tests import differential, parity, rendering
from tests.conftest import CHART, merged_values, render

# Upstream 0.9.29 (proompteng/lab charts/agents at e33cfb02), release "agents" in namespace
# "agents": the names and selectors an in-place upgrade must keep (selectors are immutable).
UPSTREAM_0_9_29 = {
    ("Deployment", "agents"): {
        "selector": {"app.kubernetes.io/name": "agents", "app.kubernetes.io/instance": "agents"},
        "container": "agents",
        "account": "agents-sa",
    },
    ("Deployment", "agents-controllers"): {
        "selector": {
            "app.kubernetes.io/name": "agents-controllers",
            "app.kubernetes.io/instance": "agents",
        },
        "container": "agents-controllers",
        "account": "agents-sa",
    },
    ("Deployment", "agents-shell"): {
        "selector": {
            "app.kubernetes.io/name": "agents-shell",
            "app.kubernetes.io/instance": "agents",
            "app.kubernetes.io/component": "agents-shell",
        },
        "container": "agents-shell",
        "account": "agents-shell",
    },
    ("Deployment", "agents-linear-mcp-gateway"): {
        "selector": {
            "app.kubernetes.io/name": "agents-linear-mcp-gateway",
            "app.kubernetes.io/instance": "agents",
        },
        "container": "gateway",
        "account": "agents-linear-mcp-gateway",
    },
}


UPSTREAM_SERVICE_ACCOUNTS = {"agents-sa", "agents-shell", "agents-linear-mcp-gateway",
                             "codex-linear-runner"}  # fmt: skip


UPSTREAM_SERVICES = {
    "agents": ("agents", 80),
    "agents-grpc": ("agents", 50051),
    "agents-metrics": ("agents", 9090),
    "agents-controllers-grpc": ("agents-controllers", 50051),
    "agents-shell": ("agents-shell", 80),
    "agents-linear-mcp-gateway": ("agents-linear-mcp-gateway", 8080),
}


EVERYTHING = {**components.every_deployment(), "controllers": {"enabled": True,
              "service": {"enabled": True}}}  # fmt: skip


def test_names_selectors_and_service_accounts_are_upstreams():
    rendered = render(EVERYTHING)
    for (kind, name), facts in UPSTREAM_0_9_29.items():
        deployment = rendered.get(kind, name)
        assert deployment["spec"]["selector"]["matchLabels"] == facts["selector"]
        pod = deployment["spec"]["template"]
        assert facts["selector"].items() <= pod["metadata"]["labels"].items()
        assert pod["spec"]["containers"][0]["name"] == facts["container"]
        assert pod["spec"]["serviceAccountName"] == facts["account"]
    for account in UPSTREAM_SERVICE_ACCOUNTS:
        rendered.get("ServiceAccount", account)
    for name, (selecting, port) in UPSTREAM_SERVICES.items():
        service = rendered.get("Service", name)
        wanted = UPSTREAM_0_9_29[("Deployment", selecting)]["selector"]
        assert service["spec"]["selector"] == wanted
        assert service["spec"]["ports"][0]["port"] == port


def test_the_upgrade_facts_are_what_the_pinned_upstream_renders():
    # The table above is checked against upstream's own render, so it cannot drift.
    theirs = parity.render(parity.UPSTREAM_CHARTS["0.9.29"], EVERYTHING)
    assert not isinstance(theirs, parity.Refused), theirs
    for (kind, name), facts in UPSTREAM_0_9_29.items():
        pod = theirs[f"{kind}/{name}"]["spec"]["template"]
        assert theirs[f"{kind}/{name}"]["spec"]["selector"]["matchLabels"] == facts["selector"]
        assert pod["spec"]["containers"][0]["name"] == facts["container"]
        assert pod["spec"]["serviceAccountName"] == facts["account"]
    assert {n.split("/", 1)[1] for n in theirs if n.startswith("ServiceAccount/")} == (
        UPSTREAM_SERVICE_ACCOUNTS
    )


@pytest.mark.parametrize(
    ("release", "overrides", "expected"),
    [
        ("agents", {}, "agents"),  # the release name holds the chart's name
        ("prod", {}, "prod-agents"),
        ("prod", {"fullnameOverride": "platform"}, "platform"),
        ("prod", {"nameOverride": "platform"}, "prod-platform"),
    ],
)
def test_object_names_follow_upstreams_fullname(release, overrides, expected):
    from schema_gen.tools import helm_engine

    rendered = helm_engine.render(CHART, overrides, release=release)
    deployment = rendered.get("Deployment", expected)
    name = overrides.get("nameOverride", "agents")
    assert deployment["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"] == name


@pytest.mark.parametrize("difference", differences.RENDERED, ids=lambda d: d.title)
def test_each_listed_difference_renders_as_listed(difference):
    Values.model_validate(merged_values(difference.values))
    kind, name, field = difference.at
    assert differences.found(render(difference.values).get(kind, name), field) == difference.expect


@pytest.mark.parametrize("difference", differences.RENDERED, ids=lambda d: d.title)
def test_each_listed_difference_is_one_from_upstream_and_explains_itself(difference):
    ours = parity.render(CHART, difference.values)
    theirs = parity.render(parity.UPSTREAM_CHARTS["0.9.29"], difference.values)
    assert not isinstance(ours, parity.Refused) and not isinstance(theirs, parity.Refused)
    seen = [
        differences.Seen(d.path, d.ours, d.theirs, difference.values)
        for d in parity.differences(ours, theirs)
    ]
    assert seen, "upstream renders these values alike: not a difference"
    assert any(difference in differences.explained(s) for s in seen)


@pytest.mark.parametrize("refusal", differences.REFUSED, ids=lambda r: r.title)
def test_each_listed_refusal_is_upstreams_render_and_ours_refusal(refusal):
    upstream = parity.UPSTREAM_CHARTS["0.9.29"]
    theirs = parity.render(upstream, refusal.values, whole=True)
    assert not isinstance(theirs, parity.Refused), theirs.message
    assert isinstance(parity.render(CHART, refusal.values, whole=True), parity.Refused)
    assert refusal.covers(refusal.values, rendering.merged(upstream, refusal.values))


@pytest.mark.parametrize("widening", differences.WIDENED, ids=lambda w: w.title)
def test_each_listed_widening_is_upstreams_refusal_and_ours_render(widening):
    theirs = parity.render(parity.UPSTREAM_CHARTS["0.9.29"], widening.values, whole=True)
    assert isinstance(theirs, parity.Refused)
    lines = differential.refusal_lines(theirs.message)
    assert all(differences.widenings_explaining(line) == [widening] for line in lines), lines
    assert not isinstance(parity.render(CHART, widening.values, whole=True), parity.Refused)


# Differences no entry of the page may explain: each field and values are ones no
# listed difference is about, so an entry that explains one is too broad (it would hide
# an unlisted difference the differential test should report).
_CP_CONTAINER = "Deployment/agents:spec.template.spec.containers[agents]"
DECOYS = [
    differences.Seen("Deployment/agents:spec.replicas", 2, 1, {}),
    differences.Seen(f"{_CP_CONTAINER}.env[AGENTS_PROBE].value", "a", "b", {}),
    differences.Seen(f"{_CP_CONTAINER}.image", "a:1", "b:1", {}),
    differences.Seen("Service/agents:spec.ports[http].port", 80, 8080, {}),
    differences.Seen(f"{_CP_CONTAINER}.volumeMounts[probe@/probe].mountPath", "/probe", None, {}),
    differences.Seen("Deployment/agents:metadata.labels.probe", "a", None, {}),
]


@pytest.mark.parametrize("decoy", DECOYS, ids=lambda s: s.path)
def test_no_entry_explains_a_difference_it_is_not_about(decoy):
    assert [d.title for d in differences.explained(decoy)] == []
