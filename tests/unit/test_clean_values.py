"""Lint's fast answer: a clean file passes without the models, and only a clean one does."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from schema_gen.generated import values_contract
from schema_gen.tools.clean_values import is_clean
from schema_gen.tools.lint import merged, report
from schema_gen.tools.values_files import ValuesFile, read_values_file
from tests.conftest import CHART, REPO

SAMPLES = sorted(
    [
        *(CHART / "ci").glob("*.yaml"),
        # Every troubleshooting sample (api/ and notes/ too), not what the CLIs printed.
        *(
            p
            for p in (REPO / "docs" / "troubleshooting").rglob("*.yaml")
            if p.parent.name != "captured"
        ),
        *(REPO / "tests" / "adversarial").glob("*.yaml"),
        *(REPO / "tests" / "property" / "regressions").glob("*.yaml"),
    ]
)


SCHEMA = jsonschema.Draft7Validator(
    json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
)


def _readable(path: Path) -> ValuesFile | None:
    try:
        return read_values_file(path)
    except Exception:  # unreadable samples are lint's exit 2, decided before either path
        return None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_clean_exactly_when_the_models_have_nothing_to_say(sample):
    values_file = _readable(sample)
    if values_file is None:
        pytest.skip("Helm cannot read it")
    problems, refused = report([values_file], None)
    assert is_clean([values_file], None, None) == (problems == [] and not refused), problems


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_compiled_schema_gives_jsonschemas_verdict(sample):
    values_file = _readable(sample)
    if values_file is None:
        pytest.skip("Helm cannot read it")
    values = merged([values_file], None)
    try:
        values_contract.validate(values)
        compiled = True
    except values_contract.JsonSchemaValueException:
        compiled = False
    assert compiled == SCHEMA.is_valid(values)


def test_the_generated_defaults_are_the_models():
    from schema_gen.contract.models import chart_defaults
    from schema_gen.contract.notices import template_data

    assert chart_defaults() == values_contract.DEFAULTS
    assert template_data() == values_contract.NOTICES


def _file(data: dict, path: str = "values.yaml") -> ValuesFile:
    return ValuesFile(Path(path), data)


@pytest.mark.parametrize(
    ("why", "data"),
    [
        ("a notice (lint warns, exit 0)", {"controller": {"leaderElection": {"enabled": False}}}),
        (
            "a NaN, which passes every bound in Python",
            {"controlPlane": {"replicaCount": float("nan")}},
        ),
        ("a schema problem", {"nope": 1}),
        ("a cross-entry problem", {"extraVolumeMounts": [{"name": "gone", "mountPath": "/m"}]}),
    ],
)
def test_anything_lint_would_print_is_not_clean(why, data):
    assert not is_clean([_file(data)], None, None), why


def test_a_file_helm_3_and_helm_4_read_differently_is_not_clean(tmp_path):
    two = tmp_path / "values.yaml"
    two.write_bytes(b"extraVolumes: []\n---\nextraVolumeMounts: []\n")  # Helm 3 reads one
    values_file = read_values_file(two)
    assert values_file.helm3 is not None
    assert not is_clean([values_file], None, None)


def test_generating_without_the_compiler_says_what_to_install(monkeypatch):
    from schema_gen.contract.k8s import MissingDependency
    from schema_gen.generator import compiled

    monkeypatch.setitem(sys.modules, "fastjsonschema", None)  # import fails
    with pytest.raises(MissingDependency, match=r"fastjsonschema==2\.22\.3"):
        compiled.validator_code({"type": "object"})
