"""What the API server would refuse in a volume or mount is refused at render time instead.

Each rule of schema_gen/contract/api_rules.py has an invalid sample, which Helm, pydantic
and jsonschema (on values.schema.json) all refuse, and a valid neighbour, which
all three accept and which renders into Deployments kubernetes-validate passes.
"""

from __future__ import annotations

import json
from typing import Any

import pydantic
import pytest

from schema_gen.contract import api_checks, go_regex
from schema_gen.contract.models import Values
from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import (
    CHART,
    CONTROL_PLANE,
    CONTROLLERS,
    assert_valid_kubernetes,
    merged_values,
    render,
    with_both,
)
from tests.shared.api_rules import (
    _BIDIRECTIONAL,
    _EMPTY_DIR,
    CASES,
    DIVISORS,
    TEMPLATE_CASES,
    _divisor,
    _in,
    _mount,
    _secret_item,
    _volume,
)

SCHEMA = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))


EDGE_CASES = [
    ("subPath of ..data", _mount(subPath="..data")),
    ("defaultMode 0 and 511", {"extraVolumes": [
        {"name": "zero", "volume": {"secret": {"secretName": "s", "defaultMode": 0}}},
        {"name": "all", "volume": {"configMap": {"name": "c", "defaultMode": 511}}},
    ]}),
    ("name of 63 characters starting with a digit", {"extraVolumes": [
        {"name": "0" + "a" * 62, "volume": {"emptyDir": {}}},
    ]}),
    ("one volume at two paths with different subPaths", {"controllers": {
        "extraVolumes": [{"name": "cfg", "volume": {"configMap": {"name": "c"}}}],
        "extraVolumeMounts": [
            {"name": "cfg", "mountPath": "/etc/a.yaml", "subPath": "a.yaml"},
            {"name": "cfg", "mountPath": "/etc/b.yaml", "subPath": "b.yaml"},
        ],
    }}),
]  # fmt: skip


def _schema_accepts(values: dict[str, Any]) -> bool:
    # Patterns read as Helm's Go validators read them ("$" is the end of the text).
    return go_regex.validator(SCHEMA).is_valid(merged_values(values))


def _models_accept(values: dict[str, Any]) -> bool:
    try:
        Values.model_validate(merged_values(values))
    except pydantic.ValidationError:
        return False
    return True


@pytest.mark.parametrize(("rule", "bad", "good", "where"), CASES, ids=[c[0] for c in CASES])
def test_invalid_sample_is_refused_by_helm_pydantic_and_jsonschema(rule, bad, good, where):
    bad = with_both(bad)  # else the controllers' entries would be refused for another reason
    with pytest.raises(RenderRejected) as caught:
        render(bad)
    assert caught.value.stage == "schema"
    assert where in caught.value.message
    assert not _models_accept(bad)
    assert not _schema_accepts(bad)


@pytest.mark.parametrize(("rule", "bad", "good", "where"), CASES, ids=[c[0] for c in CASES])
def test_valid_neighbour_renders_and_passes_kubernetes_validation(rule, bad, good, where):
    good = with_both(good)
    rendered = render(good)
    assert_valid_kubernetes(rendered.get("Deployment", CONTROLLERS))
    assert _models_accept(good)
    assert _schema_accepts(good)


@pytest.mark.parametrize(("case", "values"), EDGE_CASES, ids=[c[0] for c in EDGE_CASES])
def test_valid_edge_cases_stay_accepted(case, values):
    values = with_both(values)
    rendered = render(values)
    for deployment in (CONTROL_PLANE, CONTROLLERS):
        assert_valid_kubernetes(rendered.get("Deployment", deployment))
    assert _models_accept(values)


def test_rule_errors_from_the_models_say_what_to_fix():
    bad = _volume(_secret_item(path="../etc/passwd"))
    with pytest.raises(pydantic.ValidationError) as caught:
        Values.model_validate(merged_values(bad))
    (error,) = caught.value.errors()
    assert error["loc"][-1] == "volume"
    assert "secret.items[0].path: must not contain a '..' path segment" in error["msg"]


def _template_problems(error: RenderRejected) -> list[str]:
    return [line[2:] for line in error.message.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize(
    ("rule", "bad", "good", "expected"), TEMPLATE_CASES, ids=[c[0] for c in TEMPLATE_CASES]
)
def test_invalid_sample_is_refused_by_the_templates_and_pydantic(rule, bad, good, expected):
    bad = with_both(bad)
    with pytest.raises(RenderRejected) as caught:
        render(bad)
    assert caught.value.stage == "template"
    python = api_checks.problems(merged_values(bad))
    assert _template_problems(caught.value) == python  # the same words, in the same order
    assert any(problem.startswith(expected) for problem in python), python
    assert not _models_accept(bad)
    assert _schema_accepts(bad)  # the schema cannot say it; the templates do


@pytest.mark.parametrize(
    ("rule", "bad", "good", "expected"), TEMPLATE_CASES, ids=[c[0] for c in TEMPLATE_CASES]
)
def test_valid_neighbour_of_a_template_check_renders(rule, bad, good, expected):
    good = with_both(good)
    rendered = render(good)
    for deployment in (CONTROL_PLANE, CONTROLLERS):
        assert_valid_kubernetes(rendered.get("Deployment", deployment))
    assert api_checks.problems(merged_values(good)) == []
    assert _models_accept(good)


def test_warn_mode_does_not_relax_the_api_servers_checks():
    _rule, bad, _good, expected = TEMPLATE_CASES[0]
    bad = with_both({**bad, "validation": {"mode": "warn"}})
    with pytest.raises(RenderRejected) as caught:
        render(bad)
    assert any(line.startswith(expected) for line in _template_problems(caught.value))
    assert not _models_accept(bad)


def test_a_disabled_components_entries_reach_no_api_check():
    values = _in(("controllers",), _EMPTY_DIR, _BIDIRECTIONAL)  # controllers.enabled: false
    assert api_checks.problems(merged_values(values)) == []


@pytest.mark.parametrize(
    ("resource", "divisor", "accepted"), DIVISORS, ids=[f"{d[0]}={d[1]!r}" for d in DIVISORS]
)
def test_divisor_is_taken_as_the_api_server_takes_it(resource, divisor, accepted):
    values = with_both(_volume(_divisor(resource, divisor)))
    assert _models_accept(values) is accepted
    assert _schema_accepts(values)  # the templates check the divisor, where it is set
    assert (not api_checks.problems(merged_values(values))) is accepted
    if not accepted:
        with pytest.raises(RenderRejected):
            render(values)
        return
    ref = render(values).get("Deployment", CONTROLLERS)["spec"]["template"]["spec"]["volumes"][-1]
    assert ref["downwardAPI"]["items"][0]["resourceFieldRef"]["divisor"] == divisor
