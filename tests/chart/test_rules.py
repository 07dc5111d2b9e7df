"""Each rule's bad values are refused by Helm with the values path, and by the models too."""

from __future__ import annotations

import re
from pathlib import Path

import pydantic
import pytest

from schema_gen.contract import chart_rules, components, reserved, volume_rules
from schema_gen.contract.models import Values
from schema_gen.contract.models.database import NEEDS_URL
from schema_gen.contract.renders import deep_merge
from schema_gen.contract.values_paths import dotted
from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import TROUBLESHOOTING, load_yaml, merged_values, render

NAMESPACE = components.NAMESPACE  # the release namespace the tests render in

INVALID = sorted((TROUBLESHOOTING).glob("*.yaml"))


def _header(sample: Path, key: str) -> list[str]:
    pattern = re.compile(rf"^# {key}: (.*)$")
    lines = sample.read_text(encoding="utf-8").splitlines()
    return [m.group(1) for line in lines if (m := pattern.match(line))]


def _template_messages(error: RenderRejected) -> list[str]:
    return [line[2:] for line in error.message.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("sample", INVALID, ids=lambda p: p.stem)
def test_helm_rejects_the_sample_naming_the_values_path(sample):
    values = load_yaml(sample)
    with pytest.raises(RenderRejected) as caught:
        render(values)
    assert caught.value.stage == _header(sample, "stage")[0]
    for fragment in _header(sample, "expect"):
        assert fragment in caught.value.message


@pytest.mark.parametrize("sample", INVALID, ids=lambda p: p.stem)
def test_the_models_reject_the_sample_too(sample):
    merged = merged_values(load_yaml(sample))
    with pytest.raises(pydantic.ValidationError):  # in the namespace Helm renders them in
        Values.model_validate(merged, context={"namespace": NAMESPACE})


@pytest.mark.parametrize(
    "sample", [s for s in INVALID if _header(s, "stage") == ["template"]], ids=lambda p: p.stem
)
def test_helm_and_python_report_the_same_cross_entry_problems(sample):
    values = load_yaml(sample)
    with pytest.raises(RenderRejected) as caught:
        render(values)
    merged = merged_values(values)
    expected = chart_rules.chart_problems(merged, NAMESPACE) + volume_rules.contract_problems(
        merged
    )
    assert _template_messages(caught.value) == expected


def test_reserved_name_error_from_the_models_says_why_and_what_to_do():
    values = merged_values(load_yaml(TROUBLESHOOTING / "r1-controllers-volume-reserved.yaml"))
    with pytest.raises(pydantic.ValidationError) as caught:
        Values.model_validate(values)
    (error,) = caught.value.errors()
    assert error["loc"] == ("controllers", "extraVolumes", 0, "name")
    assert "reserved for the chart-managed volume" in error["msg"]
    assert "choose another name" in error["msg"]


def test_warn_mode_renders_and_lists_the_problems_in_notes():
    values = load_yaml(TROUBLESHOOTING / "r2-r3-r4-all-reported-at-once.yaml")
    values["validation"] = {"mode": "warn"}
    rendered = render(values)
    merged = merged_values(values)
    for problem in volume_rules.contract_problems(merged):
        assert f"  - {problem}\n" in rendered.notes
    Values.model_validate(merged)  # warn mode: Python accepts what Helm renders


def test_warn_mode_does_not_relax_the_schema():
    values = load_yaml(TROUBLESHOOTING / "r1-reserved-name.yaml")
    values["validation"] = {"mode": "warn"}
    with pytest.raises(RenderRejected) as caught:
        render(values)
    assert caught.value.stage == "schema"


def test_clean_values_leave_no_warning_in_notes():
    assert "WARNING" not in render().notes


# Each cross-entry rule broken within one list: the global one or a component's own.
LISTS = [(), *((key,) for key in components.KEYS)]
_VOLUME = {"name": "v", "volume": {"emptyDir": {}}}
# The chart-managed volume of each list's pod, and the values that turn it on.
_MANAGED = {
    components.AGENTS_SHELL.key: (reserved.WORKSPACE, {}),
    components.LINEAR_GATEWAY.key: (reserved.GATEWAY_TMP, {}),
}
_CA_ON = {"database": {"caSecret": {"name": "pg-ca"}}}


def _managed(at: tuple[str, ...]) -> tuple[reserved.ReservedVolume, dict]:
    return _MANAGED.get(at[0] if at else "", (reserved.DB_CA, _CA_ON))


def _in(at: tuple[str, ...], volumes: list, mounts: list) -> dict:
    own = {"extraVolumes": volumes, "extraVolumeMounts": mounts}
    return {at[0]: own} if at else own


def _where(at: tuple[str, ...], key: str, index: int) -> str:
    return dotted((*at, key, index))


BROKEN = [
    ("R2 missing volume", lambda at: _in(at, [_VOLUME], [{"name": "w", "mountPath": "/w"}]),
     lambda at: f'{_where(at, "extraVolumeMounts", 0)}: volume "w" is not defined for'),
    ("R3 duplicate name", lambda at: _in(at, [_VOLUME, _VOLUME], []),
     lambda at: f'{_where(at, "extraVolumes", 1)}: volume name "v" is already used by '
     f'{_where(at, "extraVolumes", 0)}'),
    ("R4 duplicate path", lambda at: _in(
        at, [_VOLUME], [{"name": "v", "mountPath": "/v"}, {"name": "v", "mountPath": "/v"}]),
     lambda at: f'{_where(at, "extraVolumeMounts", 1)}: mountPath "/v" is already used by '
     f'{_where(at, "extraVolumeMounts", 0)}'),
    ("R4 chart-managed path", lambda at: {
        **_in(at, [_VOLUME], [{"name": "v", "mountPath": _managed(at)[0].mount_path}]),
        **_managed(at)[1]},
     lambda at: f'{_where(at, "extraVolumeMounts", 0)}: mountPath "{_managed(at)[0].mount_path}" '
     f"is already used by {_managed(at)[0].values_key}"),
    ("R4 one path spelled two ways", lambda at: _in(
        at, [_VOLUME], [{"name": "v", "mountPath": "/v"}, {"name": "v", "mountPath": "//v/./"}]),
     lambda at: f'{_where(at, "extraVolumeMounts", 1)}: mountPath "//v/./" is already used by '
     f'{_where(at, "extraVolumeMounts", 0)}'),
    ("R4 chart-managed path with a trailing slash", lambda at: {
        **_in(at, [_VOLUME], [{"name": "v", "mountPath": _managed(at)[0].mount_path + "/"}]),
        **_managed(at)[1]},
     lambda at: f'{_where(at, "extraVolumeMounts", 0)}: mountPath '
     f'"{_managed(at)[0].mount_path}/" is already used by {_managed(at)[0].values_key}'),
    ("control: chart-managed volume on, nothing broken", lambda at: {
        **_in(at, [{**_VOLUME, "name": "x"}], []), **_managed(at)[1]},
     None),
]  # fmt: skip


@pytest.mark.parametrize("at", LISTS, ids=lambda at: ".".join(at) or "global")
@pytest.mark.parametrize(("rule", "values", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_rule_holds_in_each_list(rule, values, expected, at):
    values = deep_merge(values(at), components.every_deployment())
    python = volume_rules.contract_problems(merged_values(values))
    if expected is None:  # a control: the same shape with nothing broken renders
        assert python == []
        render(values)
        return
    with pytest.raises(RenderRejected) as caught:
        render(values)
    assert _template_messages(caught.value) == python
    assert any(problem.startswith(expected(at)) for problem in python), python


def test_the_contracts_message_wins_over_another_templates_failure(chart_copy):
    # Names that sort before and after the contract's folder, and one as deep as it.
    for name in ("zz-other.yaml", "versioncontrolprovider.yaml", "other/deep.yaml", "a.yaml"):
        target = chart_copy / "templates" / name
        target.parent.mkdir(exist_ok=True)
        target.write_text('{{ fail "another template failed" }}\n')
    with pytest.raises(RenderRejected) as caught:
        render(load_yaml(TROUBLESHOOTING / "r3-duplicate-volume-name.yaml"), chart=chart_copy)
    assert "chart's rules" in caught.value.message
    with pytest.raises(RenderRejected) as caught:  # the other failures are real
        render({}, chart=chart_copy)
    assert "another template failed" in caught.value.message


def test_a_database_secret_without_a_url_is_refused_by_helm_and_the_models():
    values = {"database": {"createSecret": {"enabled": True}}}
    with pytest.raises(RenderRejected) as caught:
        render(values)
    assert caught.value.stage == "schema"
    assert "/database/url" in caught.value.message
    with pytest.raises(pydantic.ValidationError) as refused:
        Values.model_validate(merged_values(values))
    assert NEEDS_URL in str(refused.value)
    with_url = {"database": {"createSecret": {"enabled": True}, "url": "postgres://db"}}
    secret = render(with_url).get("Secret", "agents-db")
    assert secret["data"] == {"url": "cG9zdGdyZXM6Ly9kYg=="}  # base64 of the URL


_DIGEST = "sha256:" + "a" * 64
_SUM = "b" * 64
# The chart's rules (R8 and up): values that break one, and values that keep it, each with
# a phrase of the one message Helm and lint must give (None: renders, no message).
CHART_RULES = [
    ("R8 '*' among namespaces", {"controller": {"namespaces": ["*", "a"]},
     "rbac": {"clusterScoped": True}}, 'controller.namespaces: mixes "*" with other namespaces'),
    ("R8 a namespace twice", {"supportingController": {"namespaces": ["a", "a"]},
     "rbac": {"clusterScoped": True}}, "supportingController.namespaces: lists a more than once"),
    ("R8 several namespaces, a Role", {"controller": {"namespaces": ["a", "b"]}},
     "controller.namespaces: watching a, b needs rbac.clusterScoped: true"),
    ("R8 every namespace, a Role", {"orchestrationController": {"namespaces": ["*"]}},
     "orchestrationController.namespaces: watching * needs rbac.clusterScoped: true"),
    ("R8 another namespace, a Role", {"controller": {"namespaces": ["other"]}},
     "controller.namespaces: watching other needs rbac.clusterScoped: true (the Role is in the "
     "release namespace, agents)"),
    ("R8 the release namespace, a Role", {"controller": {"namespaces": ["agents"]}}, None),
    ("R8 several namespaces, a ClusterRole", {"controller": {"namespaces": ["a", "b"]},
     "rbac": {"clusterScoped": True}}, None),
    ("R9 a JANGAR_ variable", {"controllers": {"env": {"vars": {"JANGAR_MIGRATIONS": "x"}}}},
     "controllers.env.vars.JANGAR_MIGRATIONS: today's application reads AGENTS_MIGRATIONS"),
    ("R9 a webhook variable",
     {"env": {"vars": {"JANGAR_AGENTS_CONTROLLER_WEBHOOK_QUEUE_SIZE": "1"}}},
     "reads AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_QUEUE_SIZE"),
    ("R9 a variable no longer read", {"env": {"vars": {"AGENTS_AGENT_IMAGE": "x"}}},
     "env.vars.AGENTS_AGENT_IMAGE: is no longer read"),
    ("R10 no digest", {"imagePolicy": {"requireDigest": True}},
     "controlPlane.image.digest: imagePolicy.requireDigest is true"),
    ("R10 the runner's digest", {"imagePolicy": {"requireDigest": True},
     "image": {"digest": _DIGEST}}, "runner.image.digest: imagePolicy.requireDigest is true"),
    ("R10 every digest", {"imagePolicy": {"requireDigest": True}, "image": {"digest": _DIGEST},
     "runner": {"image": {"digest": _DIGEST}}}, None),
    ("R10 a runner image set in env.vars", {"imagePolicy": {"requireDigest": True},
     "image": {"digest": _DIGEST}, "env": {"vars": {"AGENTS_AGENT_RUNNER_IMAGE": "r:1"}}},
     "env.vars.AGENTS_AGENT_RUNNER_IMAGE: imagePolicy.requireDigest is true"),
    ("R10 agents-shell's digest", {"imagePolicy": {"requireDigest": True},
     "image": {"digest": _DIGEST}, "runner": {"image": {"digest": _DIGEST}},
     "agentsShell": {"enabled": True}}, "agentsShell.image.digest: imagePolicy.requireDigest"),
    ("R11 a gRPC listener without its Service", {"controllers": {"enabled": True,
     "env": {"vars": {"AGENTS_GRPC_ENABLED": "true"}}}},
     "controllers.env.vars.AGENTS_GRPC_ENABLED: turns the controllers' gRPC listener on"),
    ("R11 with its Service", {"controllers": {"enabled": True, "service": {"enabled": True},
     "env": {"vars": {"AGENTS_GRPC_ENABLED": "true"}}}}, None),
    ("R12 a gRPC port grpc.* does not say", {"env": {"vars": {"AGENTS_GRPC_PORT": "1"}}},
     'env.vars.AGENTS_GRPC_PORT: is "1", but grpc.* makes it "50051"'),
    ("R12 the port grpc.* says", {"env": {"vars": {"AGENTS_GRPC_PORT": "50051"}}}, None),
    ("R12 not managed", {"grpc": {"manageEnvVar": False},
     "env": {"vars": {"AGENTS_GRPC_PORT": "1"}}}, None),
    ("R12 the controllers disagree", {"env": {"vars": {"AGENTS_GRPC_HOST": "0.0.0.0"}},
     "controllers": {"env": {"vars": {"AGENTS_GRPC_HOST": "127.0.0.1"}}}},
     'controllers.env.vars.AGENTS_GRPC_HOST: is "127.0.0.1" while env.vars sets "0.0.0.0"'),
    ("R13 a reserved key in envFrom", {"env": {"vars": {"AGENTS_MIGRATIONS": None}},
     "envFromSecretRefs": [{"name": "s", "keys": ["AGENTS_MIGRATIONS"]}]},
     "envFromSecretRefs[0].keys: lists AGENTS_MIGRATIONS, which the chart manages"),
    ("R13 a reserved key env.vars sets too",
     {"envFromSecretRefs": [{"name": "s", "keys": "AGENTS_MIGRATIONS"}]}, None),
    ("R13 a reserved key in two entries", {"envFromSecretRefs": [
        {"name": "s", "keys": ["AGENTS_MIGRATIONS"]}],
     "envFromConfigMapRefs": [{"name": "c", "keys": ["AGENTS_MIGRATIONS"]}]},
     "envFromConfigMapRefs[0].keys: lists AGENTS_MIGRATIONS, which envFromSecretRefs[0].keys "
     "lists too"),
    ("R13 not enforced", {"validation": {"reservedEnvKeysEnforced": False},
     "env": {"vars": {"AGENTS_MIGRATIONS": None}},
     "envFromSecretRefs": [{"name": "s", "keys": ["AGENTS_MIGRATIONS"]}]}, None),
    ("R14 a Secret without its checksum", {"rolloutChecksums": {"enabled": True},
     "database": {"secretRef": {"name": "db"}}},
     "rolloutChecksums.secrets: has no entry for Secret agents/db"),
    ("R14 every checksum", {"rolloutChecksums": {"enabled": True, "secrets": [
        {"name": "db", "checksum": _SUM}]}, "database": {"secretRef": {"name": "db"}}}, None),
    ("R14 a checksum twice", {"rolloutChecksums": {"enabled": True, "configMaps": [
        {"name": "c", "checksum": _SUM}, {"name": "c", "namespace": "agents", "checksum": _SUM}]}},
     "rolloutChecksums.configMaps[1]: names agents/c twice"),
    ("R14 the chart's own Secret", {"rolloutChecksums": {"enabled": True, "secrets": [
        {"name": "agents-db", "checksum": _SUM}]},
     "database": {"url": "postgres://db", "createSecret": {"enabled": True}}},
     "rolloutChecksums.secrets[0]: names agents/agents-db, the Secret the chart creates"),
    ("R15 a claim that is not made", {"agentsShell": {"enabled": True,
     "workspace": {"enabled": False}}}, "agentsShell.workspace.enabled: is false"),
    ("R15 a scratch workspace", {"agentsShell": {"enabled": True,
     "workspace": {"enabled": False, "volumeMode": "emptyDir"}}}, None),
    ("R16 no database", {"linearMcpGateway": {"enabled": True}},
     "linearMcpGateway.databaseSecret.name: is empty"),
    ("R16 another namespace", {"linearMcpGateway": {"enabled": True,
     "databaseSecret": {"name": "db"}, "config": {"namespace": "other"}}},
     'linearMcpGateway.config.namespace: is "other", but the release namespace is agents'),
    ("R16 two runner accounts", {"linearMcpGateway": {"enabled": True,
     "databaseSecret": {"name": "db"}, "runnerServiceAccount": {"name": "r"}}},
     'linearMcpGateway.config.runnerServiceAccount: is "codex-linear-runner", but'),
    ("R17 both bounds", {"podDisruptionBudget": {"enabled": True, "maxUnavailable": 1}},
     "podDisruptionBudget.maxUnavailable: and minAvailable are both set"),
    ("R17 maxUnavailable alone", {"podDisruptionBudget": {"enabled": True,
     "minAvailable": None, "maxUnavailable": 1}}, None),
    ("R17 the controllers' bounds", {"controllers": {"enabled": True, "podDisruptionBudget": {
        "enabled": True, "minAvailable": 0, "maxUnavailable": "50%"}}},
     "controllers.podDisruptionBudget.maxUnavailable: and minAvailable are both set"),
]  # fmt: skip


@pytest.mark.parametrize(("values", "expected"), [c[1:] for c in CHART_RULES],
                         ids=[c[0] for c in CHART_RULES])  # fmt: skip
@pytest.mark.parametrize("mode", ["fail", "warn"])
def test_each_chart_rule_refuses_in_every_mode_as_python_words_it(values, expected, mode):
    values = deep_merge(values, {"validation": {"mode": mode}})
    merged = merged_values(values)
    python = chart_rules.chart_problems(merged, NAMESPACE)
    if expected is None:
        assert python == []
        render(values)
        return
    assert [p for p in python if expected in p], python
    with pytest.raises(RenderRejected) as caught:  # warn mode relaxes the contract only
        render(values)
    assert _template_messages(caught.value) == python
    with pytest.raises(pydantic.ValidationError, match=re.escape(expected)):
        Values.model_validate(merged, context={"namespace": NAMESPACE})


def test_a_rule_on_the_release_namespace_waits_for_it():
    # lint without -n cannot know where the release goes: it does not guess.
    merged = merged_values({"controller": {"namespaces": ["other"]}})
    assert chart_rules.chart_problems(merged, None) == []
    assert (
        chart_rules.chart_problems(deep_merge(merged, {"namespaceOverride": "agents"}), None) != []
    )
