"""Each rule's bad values are refused by Helm with the values path, and by the models too."""

from __future__ import annotations

import re
from pathlib import Path

import pydantic
import pytest

from schema_gen import rules
from schema_gen.helm_engine import RenderRejected
from schema_gen.models import Values
from tests.conftest import TROUBLESHOOTING, load_yaml, merged_values, render

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
    with pytest.raises(pydantic.ValidationError):
        Values.model_validate(merged)


@pytest.mark.parametrize(
    "sample", [s for s in INVALID if _header(s, "stage") == ["template"]], ids=lambda p: p.stem
)
def test_helm_and_python_report_the_same_cross_entry_problems(sample):
    values = load_yaml(sample)
    with pytest.raises(RenderRejected) as caught:
        render(values)
    assert _template_messages(caught.value) == rules.contract_problems(merged_values(values))


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
    for problem in rules.contract_problems(merged):
        assert f"  - {problem}\n" in rendered.notes
    Values.model_validate(merged)  # warn mode: Python accepts what Helm renders


def test_warn_mode_does_not_relax_the_schema():
    values = load_yaml(TROUBLESHOOTING / "r1-global-volume-reserved.yaml")
    values["validation"] = {"mode": "warn"}
    with pytest.raises(RenderRejected) as caught:
        render(values)
    assert caught.value.stage == "schema"


def test_clean_values_leave_no_warning_in_notes():
    assert "WARNING" not in render().notes
