"""`schema-gen lint` finds what Helm refuses, says where (FILE:LINE) and how to fix it."""

from __future__ import annotations

import pytest

from schema_gen.tools.helm_engine import RenderRejected
from schema_gen.tools.values_files import coalesced, merged_user_values, read_values_file
from tests.conftest import CHART, REPO, load_yaml, merged_values, render
from tests.shared.lint import CI_SAMPLES, INVALID, _lint

REGRESSIONS = sorted((REPO / "tests" / "property" / "regressions").glob("*.yaml"))


@pytest.mark.parametrize("sample", CI_SAMPLES + INVALID + REGRESSIONS, ids=lambda p: p.name)
def test_merging_matches_helm(sample):
    ours = coalesced(
        read_values_file(CHART / "values.yaml").data,
        merged_user_values([read_values_file(sample)]),
    )
    assert ours == merged_values(load_yaml(sample))


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # YAML 1.1 as Helm reads it: y is true, 0o17 is 15, 1e3 is a number, 12:30 a string.
        ("grpc:\n  enabled: y\n", 0),
        ("extraVolumes:\n  - name: 1e3\n    volume: {emptyDir: {}}\n", 1),
        ("env:\n  vars:\n    T: 12:30\n", 0),
        ("env:\n  vars:\n    D: 2024-01-01\n", 0),
        ("extraVolumes:\n- name: a\n  volume: {secret: {secretName: s, defaultMode: 0o644}}\n", 0),
        # Helm ignores tags (documents, encodings: tests/test_values_reading.py).
        ("grpc:\n  enabled: !custom true\n", 1),  # a tagged scalar is a string
        # Helm refuses aliases that contain themselves.
        ("a: &x [*x]\n", 2),
    ],
)
def test_values_are_read_as_helm_reads_them(tmp_path, capsys, text, verdict):
    values = tmp_path / "values.yaml"
    values.write_text(text, encoding="utf-8")
    assert _lint(capsys, str(values))[0] == verdict
    if verdict == 2:
        return
    try:
        render(read_values_file(values).data)  # decoded by Helm itself
        helm = 0
    except RenderRejected:
        helm = 1
    assert helm == verdict
