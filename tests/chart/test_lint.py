"""`schema-gen lint` finds what Helm refuses, says where (FILE:LINE) and how to fix it."""

from __future__ import annotations

import tarfile

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


def _packaged(tmp_path) -> str:
    """Return the chart packaged as `helm package` lays it out: CHART-VERSION.tgz of agents/."""
    archive = tmp_path / "agents-0.11.0.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(CHART, arcname="agents")
    return str(archive)


def test_a_packaged_chart_is_taken_as_helm_takes_it(tmp_path, capsys):
    chart = _packaged(tmp_path)
    broken = tmp_path / "values.yaml"
    broken.write_text(
        "controllers:\n  extraVolumes:\n    - {name: db-ca-cert, volume: {emptyDir: {}}}\n"
    )
    for sample in CI_SAMPLES:  # what renders from the folder renders from the package
        assert _lint(capsys, "--chart", chart, "-n", "agents", str(sample)) == (0, [], "")
    status, lines, _err = _lint(capsys, "--chart", chart, str(broken))
    assert status == 1 and "controllers.extraVolumes[0].name" in lines[0]
    status, lines, err = _lint(capsys, "--chart", str(tmp_path / "nope.tgz"), str(broken))
    assert status == 2 and err.startswith(f"{tmp_path / 'nope.tgz'}: Helm cannot load this chart")
    from schema_gen.cli import main

    assert main(["explain", "--chart", chart, "-n", "agents", str(CI_SAMPLES[0])]) == 0
    assert "Deployment agents (controlPlane)" in capsys.readouterr().out
