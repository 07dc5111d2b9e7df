"""Three validators, one verdict: pydantic, the real Helm engine and jsonschema agree.

Hypothesis builds values documents around the contract: valid ones and near
misses for every rule (reserved and malformed names, broken sources, bad
mount fields, missing volumes, duplicate names and paths). On each, the models
and Helm (schema and templates) must accept or refuse together, and jsonschema
on values.schema.json must agree with the models' per-entry rules. A document
on which they once disagreed is kept in regressions/ and checked on every run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from schema_gen.contract import components, go_regex
from schema_gen.contract.models import Values
from schema_gen.generated import values_contract
from schema_gen.tools.helm_engine import RenderRejected
from tests import rendering
from tests.conftest import CHART, merged_values
from tests.shared.api_rules import CASES

# CI replays the same documents every run, so a red build is reproducible; local runs
# draw new ones each time and keep exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REGRESSIONS = sorted((Path(__file__).parent / "regressions").glob("*.yaml"))
# Each document costs a whole Helm render (about a tenth of a second, most of it Helm
# compiling the schema), so the count is the session's to choose: `nox -s property`
# draws 2,000; `nox`'s CI session, which must finish in minutes on two cores, fewer.
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "2000"))
# Two tests of half the examples each, this one and test_second_half.py's, so that
# `pytest -n --dist loadfile` runs them on two cores; under the CI profile each is
# derandomized from its own name, so the halves draw different documents.
HALF = EXAMPLES // 2
# jsonschema, reading the schema's patterns as Helm's Go validators do ("$" ends the text).
SCHEMA_VALIDATOR = go_regex.validator(
    json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
)


def _sources_from_cases() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    # The broken and the valid sources of the API-rule table, as near misses and neighbours.
    bad, good = [], []
    for _rule, bad_values, good_values, _where in CASES:
        for values, pool in ((bad_values, bad), (good_values, good)):
            pool += [e["volume"] for e in values["controllers"].get("extraVolumes", [])]
    return bad, good


def mostly(valid: st.SearchStrategy, near_miss: st.SearchStrategy) -> st.SearchStrategy:
    """Return a strategy that draws ``valid`` seven times in eight.

    A document holds many entries; near misses that are any likelier would
    leave hardly a document valid, and the rules that need a valid rest
    (duplicates, mounts without volumes) would go untested.
    """
    return st.one_of(*[valid] * 7, near_miss)


BAD_SOURCES, GOOD_SOURCES = _sources_from_cases()
NAMES = mostly(
    st.sampled_from(["a", "b", "c", "0" + "x" * 62]),
    st.sampled_from(["db-ca-cert", "Bad_Name", "y" * 64, ""]),
)
SOURCES = mostly(
    st.sampled_from([{"emptyDir": {}}, {"secret": {"secretName": "s"}}, *GOOD_SOURCES]),
    st.sampled_from(
        [{}, {"emptyDir": {}, "secret": {"secretName": "s"}}, {"secrets": {}}, *BAD_SOURCES]
    ),
)
VOLUME = mostly(
    st.fixed_dictionaries({"name": NAMES, "volume": SOURCES}),
    st.fixed_dictionaries({"name": NAMES}, optional={"volume": SOURCES, "readOnly": st.just(True)}),
)
MOUNT_FIELDS = {
    "readOnly": mostly(st.booleans(), st.just("true")),
    "subPath": mostly(st.sampled_from(["x", "..data", ""]), st.sampled_from(["/x", "a/../b"])),
    "subPathExpr": mostly(st.just("$(POD_NAME)"), st.just("../x")),
    "mountPropagation": mostly(st.sampled_from(["None", "HostToContainer"]), st.just("Up")),
    "recursiveReadOnly": mostly(st.just("Disabled"), st.sampled_from(["Enabled", "On"])),
    "mountpath": st.just("/typo"),
}
MOUNT_PATHS = mostly(
    st.sampled_from(["/a", "/b", "/data", "/data/", "/etc/jangar/ca"]), st.just("")
)


TOLERATIONS = [{"key": "k", "operator": "Exists"}, {"operator": "Exists", "effect": "NoSchedule"}]
ENV_VARS = st.dictionaries(
    mostly(st.sampled_from(["LOG_LEVEL", "JANGAR_MIGRATIONS", "_X.y-z"]), st.just("1BAD")),
    mostly(st.sampled_from(["info", "", "0"]), st.sampled_from([5, True])),
    max_size=3,
)
ENV = {"vars": {"LOG_LEVEL": "debug"}}
NAMESPACES = st.lists(
    mostly(st.sampled_from(["agents", "agents-ci", "*"]), st.just("Not_A_Label")), max_size=2
)
CONTROLLER = st.fixed_dictionaries(
    {},
    optional={
        "enabled": st.booleans(),
        "namespaces": NAMESPACES,
        "concurrency": st.fixed_dictionaries(
            {}, optional={"perNamespace": mostly(st.integers(1, 50), st.sampled_from([0, "5"]))}
        ),
        "agentRunRetentionSeconds": mostly(st.integers(0, 10**7), st.just(-1)),
        "vcsProviders": st.fixed_dictionaries({"enabled": mostly(st.booleans(), st.just("yes"))}),
        "admissionPolicy": st.fixed_dictionaries(
            {"labels": st.fixed_dictionaries({"required": st.lists(st.just("team"), max_size=1)})}
        ),
        "defaultWorkload": st.fixed_dictionaries(
            {}, optional={"tolerations": st.lists(st.sampled_from(TOLERATIONS), max_size=1)}
        ),
    },
)
# The rest of the values interface: each key's valid values and near misses.
CHART_KEYS = {
    "replicaCount": mostly(st.integers(1, 5), st.sampled_from([0, "2"])),
    "image": st.fixed_dictionaries(
        {}, optional={"tag": mostly(st.just("v1"), st.just(1)), "pullSecrets": st.just(["r"])}
    ),
    "resources": st.fixed_dictionaries(
        {}, optional={"limits": mostly(st.just({"cpu": "1"}), st.just({"cpu": ["1"]}))}
    ),
    "autoscaling": st.fixed_dictionaries(
        {"enabled": st.booleans()}, optional={"maxReplicas": mostly(st.just(4), st.just(0))}
    ),
    "service": st.fixed_dictionaries(
        {}, optional={"type": mostly(st.just("NodePort"), st.just("Ingress"))}
    ),
    "grpc": st.fixed_dictionaries(
        {}, optional={"enabled": st.booleans(), "port": mostly(st.just(6000), st.just(70000))}
    ),
    "metrics": st.fixed_dictionaries(
        {}, optional={"enabled": st.booleans(), "serviceMonitor": st.just({"enabled": True})}
    ),
    "rbac": st.fixed_dictionaries({"clusterScoped": st.booleans()}),
    "orchestrationController": st.fixed_dictionaries({"namespaces": NAMESPACES}),
    "agentComms": st.fixed_dictionaries(
        {"enabled": st.booleans()}, optional={"subjects": st.just(["a"])}
    ),
    "database": st.fixed_dictionaries(
        {}, optional={"url": st.just("postgres://db"), "createSecret": st.just({"enabled": True})}
    ),
    "tolerations": st.lists(
        mostly(st.sampled_from(TOLERATIONS), st.just({"efect": "x"})), max_size=2
    ),
    "affinity": mostly(st.just({"nodeAffinity": {}}), st.just({"nodeAfinity": {}})),
    "securityContext": mostly(st.just({"runAsNonRoot": True}), st.just({"runAsNonRoot": "yes"})),
    "podDisruptionBudget": st.fixed_dictionaries(
        {"enabled": st.booleans()}, optional={"minAvailable": mostly(st.just("50%"), st.just(1.5))}
    ),
    "networkPolicy": st.fixed_dictionaries(
        {"enabled": st.booleans()},
        optional={"ingress": mostly(st.just([{"from": []}]), st.just([{"form": []}]))},
    ),
    "versionControlProvider": st.fixed_dictionaries(
        {"enabled": st.booleans()},
        optional={"cloneProtocol": mostly(st.just("ssh"), st.just("git"))},
    ),
}


def _mounts(draw: st.DrawFn, names: list[str]) -> list[dict[str, Any]]:
    # Mostly mounts of volumes the document defines, so that documents get past
    # R2 often enough for duplicates (R3, R4) and field rules to be exercised.
    name = mostly(st.sampled_from(names), NAMES) if names else NAMES
    mount = st.fixed_dictionaries({"name": name, "mountPath": MOUNT_PATHS}, optional=MOUNT_FIELDS)
    return draw(st.lists(mount, max_size=3))


def _volumes(draw: st.DrawFn) -> list[dict[str, Any]]:
    return draw(st.lists(VOLUME, max_size=3, unique_by=lambda v: v.get("name")))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Return a values document around the contract: valid, or a near miss of some rule."""
    doc: dict[str, Any] = {}
    shared = _volumes(draw)
    shared_names = [v["name"] for v in shared if "name" in v]
    if shared or draw(st.booleans()):
        doc["extraVolumes"] = shared
    pods = []  # the volume names each component's pod has
    for component in components.KEYS:
        names = list(shared_names)
        if draw(st.booleans()):  # an absent component's pod has the global volumes only
            own = _volumes(draw)
            names += [v["name"] for v in own if "name" in v]
            doc[component] = {"extraVolumes": own, "extraVolumeMounts": _mounts(draw, names)}
        pods.append(names)
    common = [n for n in pods[0] if all(n in names for names in pods[1:])] or shared_names
    if draw(st.booleans()):
        doc["extraVolumeMounts"] = _mounts(draw, common)
    if draw(st.booleans()):
        doc["database"] = {"caSecret": {"name": draw(st.sampled_from(["", "pg-ca"]))}}
    if draw(st.booleans()):
        doc["validation"] = {"mode": draw(mostly(st.just("fail"), st.just("warn")))}
    if draw(st.booleans()):
        doc.setdefault(draw(st.sampled_from(components.KEYS)), {})["env"] = ENV
    if draw(st.booleans()):
        doc["env"] = {"vars": draw(ENV_VARS)}
    if draw(st.booleans()):
        doc["controller"] = draw(CONTROLLER)
    if components.CONTROLLERS.key in doc or draw(st.booleans()):
        # Mostly on: with the controllers Deployment off its own entries are refused (R7).
        switch = mostly(st.just(True), st.just(False))
        doc.setdefault(components.CONTROLLERS.key, {})["enabled"] = draw(switch)
    for key in draw(st.lists(st.sampled_from(sorted(CHART_KEYS)), max_size=4, unique=True)):
        doc[key] = draw(CHART_KEYS[key])
    return doc


def _models_accept(merged: dict[str, Any]) -> bool:
    try:
        Values.model_validate(merged)
    except pydantic.ValidationError:
        return False
    return True


def _helm_accepts(values: dict[str, Any]) -> bool:
    try:  # the whole way: Helm's verdict is the one under test
        rendering.render_whole(CHART, values)
    except RenderRejected:
        return False
    return True


def assert_one_verdict(values: dict[str, Any]) -> bool:
    """Assert the three validators agree on ``values``; return whether they accept it."""
    merged = merged_values(values)
    models = _models_accept(merged)
    assert _helm_accepts(values) == models, f"Helm and the models disagree on {values}"
    # Per-entry rules only: the schema has no cross-entry rules.
    try:
        Values.model_validate(merged, context={"per_entry_only": True})
        per_entry = True
    except pydantic.ValidationError:
        per_entry = False
    assert SCHEMA_VALIDATOR.is_valid(merged) == per_entry, f"jsonschema disagrees on {values}"
    # Lint passes clean values with the schema compiled to Python (generator/compiled.py).
    assert _compiled_accepts(merged) == per_entry, f"the compiled schema disagrees on {values}"
    return models


def _compiled_accepts(merged: dict[str, Any]) -> bool:
    try:
        values_contract.validate(merged)
    except values_contract.JsonSchemaValueException:
        return False
    return True


ONE_VERDICT = settings(
    max_examples=HALF,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@ONE_VERDICT
@given(documents())
def test_models_helm_and_jsonschema_give_one_verdict(values):
    event("accepted" if assert_one_verdict(values) else "refused")


@pytest.mark.parametrize("sample", REGRESSIONS, ids=lambda p: p.stem)
def test_documents_they_once_disagreed_on(sample):
    assert_one_verdict(yaml.safe_load(sample.read_text(encoding="utf-8")) or {})
