"""Each rule's bad values are refused by Helm with the values path, and by the models too."""

from __future__ import annotations

import re
from pathlib import Path

import pydantic
import pytest

from schema_gen import components, reserved, rules
from schema_gen.helm_engine import RenderRejected
from schema_gen.models import Values
from schema_gen.models.database import NEEDS_URL
from schema_gen.values_paths import dotted
from tests.conftest import TROUBLESHOOTING, load_yaml, merged_values, render, with_both

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
    merged = merged_values(values)
    expected = rules.scope_problems(merged) + rules.contract_problems(merged)
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


# Each cross-entry rule broken within one list: the global one or a component's own.
LISTS = [(), *((key,) for key in components.KEYS)]
_VOLUME = {"name": "v", "volume": {"emptyDir": {}}}
_CA = reserved.reserved_volume("db-ca-cert")


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
        **_in(at, [_VOLUME], [{"name": "v", "mountPath": _CA.mount_path}]),
        "database": {"caSecret": {"name": "pg-ca"}}},
     lambda at: f'{_where(at, "extraVolumeMounts", 0)}: mountPath "{_CA.mount_path}" is '
     f"already used by {_CA.values_key}"),
    ("R4 one path spelled two ways", lambda at: _in(
        at, [_VOLUME], [{"name": "v", "mountPath": "/v"}, {"name": "v", "mountPath": "//v/./"}]),
     lambda at: f'{_where(at, "extraVolumeMounts", 1)}: mountPath "//v/./" is already used by '
     f'{_where(at, "extraVolumeMounts", 0)}'),
    ("R4 chart-managed path with a trailing slash", lambda at: {
        **_in(at, [_VOLUME], [{"name": "v", "mountPath": _CA.mount_path + "/"}]),
        "database": {"caSecret": {"name": "pg-ca"}}},
     lambda at: f'{_where(at, "extraVolumeMounts", 0)}: mountPath "{_CA.mount_path}/" is '
     f"already used by {_CA.values_key}"),
    ("control: chart-managed volume on, nothing broken", lambda at: {
        **_in(at, [{**_VOLUME, "name": "x"}], []), "database": {"caSecret": {"name": "pg-ca"}}},
     None),
]  # fmt: skip


@pytest.mark.parametrize("at", LISTS, ids=lambda at: ".".join(at) or "global")
@pytest.mark.parametrize(("rule", "values", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_rule_holds_in_each_list(rule, values, expected, at):
    values = with_both(values(at))
    python = rules.contract_problems(merged_values(values))
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
        render(load_yaml(TROUBLESHOOTING / "r3-duplicate-global.yaml"), chart=chart_copy)
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
