"""kustomize's helmCharts: the values Helm gets, and each problem at the layer that wrote it.

kustomize's own cases are the oracles here: kyaml's merge2 tests (the schema-less ones,
kyaml_merge2_cases.json, cited there) and HelmChartInflationGenerator's valuesMerge tests
(plugin/builtin/helmchartinflationgenerator/HelmChartInflationGenerator_test.go,
kustomize v5.7.1). tests/e2e/test_stacks_kustomize.py holds the same stacks to what
``kubectl kustomize`` itself hands Helm.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from schema_gen.tools.stacks import kustomize, kyaml_merge
from schema_gen.tools.stacks.layers import Layer, Where, replay
from schema_gen.tools.values_files import coalesced
from tests.conftest import CHART
from tests.shared.stacks import (
    KUSTOMIZE_REFUSED,
    RESERVED,
    RESERVED_WORDS,
    lint,
    tree_state,
    volumes,
    write_tree,
)

MERGE2 = json.loads((Path(__file__).parent / "kyaml_merge2_cases.json").read_text())["cases"]
_NOWHERE = Layer("test", {}, lambda _at: Where(Path("test"), 1))


def _node(text: str) -> kyaml_merge.Node:
    return kyaml_merge.read(Path("test.yaml"), text, _NOWHERE)


@pytest.mark.parametrize("case", MERGE2, ids=[f"{c['file']}: {c['description']}" for c in MERGE2])
def test_kyamls_own_merge2_cases(case):
    # merge2.MergeStrings(source, dest): the source wins, as valuesInline does in override.
    merged = kyaml_merge.merge(_node(case["dest"]), _node(case["source"]), "override", Path("t"))
    assert kyaml_merge.handed_to_helm(merged, Path("t")) == yaml.safe_load(case["expected"])


# HelmChartInflationGenerator_test.go's values-merge chart (testdata/charts/values-merge).
VALUES_MERGE_CHART = "a: 1\nb: 2\nlist:\n- a\n- b\nmap:\n  a: 4\n  b: 5\n"
INLINE = (
    "  valuesInline:\n    a: 4\n    c: 3\n    list:\n    - c\n    map:\n      a: 7\n      c: 6\n"
)


def _rendered_values(root: Path, entry: str) -> dict:
    """Return the chart's values as Helm renders them for the helmCharts entry."""
    chart = write_tree(root, {"charts/values-merge/values.yaml": VALUES_MERGE_CHART})
    text = f"helmCharts:\n- name: values-merge\n  releaseName: values-merge\n{entry}"
    write_tree(root, {"kustomization.yaml": text})
    read = kustomize.read_kustomization(root / "kustomization.yaml")
    stack = kustomize.entry_stack(read, 0, read.data["helmCharts"][0], chart)
    return coalesced(yaml.safe_load(VALUES_MERGE_CHART), replay(stack)[0])


def test_kustomizes_values_override_case(tmp_path):
    # TestHelmChartInflationGeneratorValuesOverride
    got = _rendered_values(tmp_path, "  valuesMerge: override\n" + INLINE)
    assert got == {"a": 4, "b": 2, "c": 3, "list": ["c"], "map": {"a": 7, "b": 5, "c": 6}}


def test_kustomizes_values_merge_case(tmp_path):
    # TestHelmChartInflationGeneratorValuesMerge: the chart's values.yaml wins.
    got = _rendered_values(tmp_path, "  valuesMerge: merge\n" + INLINE)
    assert got == {"a": 1, "b": 2, "c": 3, "list": ["a", "b"], "map": {"a": 4, "b": 5, "c": 6}}


def test_kustomizes_values_replace_case(tmp_path):
    # TestHelmChartInflationGeneratorValuesReplace: the valuesFile is dropped, the chart's
    # defaults stay (its c: null is a key Helm never got).
    write_tree(tmp_path, {"replacedValues.yaml": "a: 7\nb: 7\nc: 7\nlist:\n- g\n"})
    entry = (
        "  valuesMerge: replace\n  valuesFile: replacedValues.yaml\n  valuesInline:\n"
        "    a: 1\n    b: 2\n    list:\n    - c\n    map:\n      a: 4\n      b: 5\n"
    )
    expected = {"a": 1, "b": 2, "list": ["c"], "map": {"a": 4, "b": 5}}
    assert _rendered_values(tmp_path, entry) == expected


def test_yaml_1_2_reading_of_the_values_file_with_valuesinline(tmp_path):
    # kyaml reads the file as YAML 1.2 (go-yaml v3) before Helm sees it: yes stays a
    # string, a date becomes RFC 3339; kubectl kustomize hands Helm exactly this
    # (tests/e2e/test_stacks_kustomize.py, stack "yaml-1.2").
    values = "podAnnotations:\n  a: yes\n  c: 2001-12-14\n  d: 0o17\n  e: 017\n"
    entry = "  valuesFile: values.yaml\n  valuesInline:\n    replicaCount: 2\n"
    write_tree(tmp_path, {"values.yaml": values})
    text = f"helmCharts:\n- name: agents\n{entry}"
    write_tree(tmp_path, {"kustomization.yaml": text})
    read = kustomize.read_kustomization(tmp_path / "kustomization.yaml")
    got = replay(kustomize.entry_stack(read, 0, read.data["helmCharts"][0], CHART))[0]
    assert got["podAnnotations"] == {"a": "yes", "c": "2001-12-14T00:00:00Z", "d": 15, "e": 15}


# --- lint on kustomize stacks: the layer that wrote the bad value ------------------------


def _kustomization(inline: str = "", merge: str = "", extra: str = "") -> str:
    text = "helmCharts:\n  - name: agents\n    releaseName: agents\n    valuesFile: values.yaml\n"
    if merge:
        text += f"    valuesMerge: {merge}\n"
    if extra:
        text += f"    additionalValuesFiles: [{extra}]\n"
    return text + (f"    valuesInline:\n{inline}" if inline else "")


def test_an_error_in_the_values_file_is_at_its_line(tmp_path, capsys):
    values = "replicaCount: 1\n" + volumes("ok", RESERVED)
    write_tree(tmp_path, {"kustomization.yaml": _kustomization(), "values.yaml": values})
    status, lines, _err = lint(capsys, "-q", str(tmp_path))
    assert status == 1
    reserved = next(line for line in lines if RESERVED_WORDS in line)
    assert reserved.startswith(f"{tmp_path}/values.yaml:8: controllers.extraVolumes[1].name:")


def test_an_error_in_valuesinline_is_at_the_kustomizations_line(tmp_path, capsys):
    inline = "      controllers:\n        extraVolumes:\n          - name: db-ca-cert\n"
    inline += "            volume: {emptyDir: {}}\n"
    write_tree(tmp_path, {"kustomization.yaml": _kustomization(inline),
                          "values.yaml": "controllers:\n  enabled: true\n"})  # fmt: skip
    status, lines, _err = lint(capsys, "-q", str(tmp_path / "kustomization.yaml"))
    assert status == 1
    assert lines[0].startswith(
        f"{tmp_path}/kustomization.yaml:8: controllers.extraVolumes[0].name:"
    )


def test_a_null_in_valuesinline_removes_the_bad_value(tmp_path, capsys):
    # The false alarm lint of the plain values file raises: kustomize never hands it over.
    inline = "      controllers:\n        extraVolumes: null\n"
    write_tree(tmp_path, {"kustomization.yaml": _kustomization(inline),
                          "values.yaml": volumes(RESERVED)})  # fmt: skip
    assert lint(capsys, "-q", str(tmp_path))[:2] == (0, [])


def test_in_merge_mode_the_file_wins_over_valuesinline(tmp_path, capsys):
    inline = "      controllers:\n        extraVolumes:\n          - name: db-ca-cert\n"
    write_tree(tmp_path, {"kustomization.yaml": _kustomization(inline, merge="merge"),
                          "values.yaml": volumes("fine")})  # fmt: skip
    assert lint(capsys, "-q", str(tmp_path))[:2] == (0, [])


def test_a_list_is_written_whole_by_the_last_layer(tmp_path, capsys):
    # The later file's list replaces the earlier one: its second item is the only one there.
    write_tree(tmp_path, {
        "kustomization.yaml": _kustomization(extra="values-prod.yaml"),
        "values.yaml": volumes("a", "b", "c"),
        "values-prod.yaml": "# prod\n" + volumes("ok", RESERVED),
    })  # fmt: skip
    status, lines, _err = lint(capsys, "-q", str(tmp_path))
    assert status == 1
    assert lines[0].startswith(f"{tmp_path}/values-prod.yaml:8: controllers.extraVolumes[1].name")
    # ... and a bad item the later list drops is no problem.
    write_tree(tmp_path, {"values.yaml": volumes("a", RESERVED),
                          "values-prod.yaml": volumes("ok")})  # fmt: skip
    assert lint(capsys, "-q", str(tmp_path))[:2] == (0, [])


def test_a_stack_with_another_chart_lints_ours_and_says_so(tmp_path, capsys):
    text = _kustomization() + "  - name: grafana\n    valuesInline: {adminPassword: x}\n"
    write_tree(tmp_path, {"kustomization.yaml": text, "values.yaml": "replicaCount: 1\n"})
    status, lines, _err = lint(capsys, str(tmp_path))
    assert status == 0
    assert any("helmCharts[1] deploys the chart 'grafana'" in line for line in lines)
    assert any(line.endswith("helmCharts[0] (release agents): no problems") for line in lines)


def test_an_overlay_lints_its_bases_helmcharts(tmp_path, capsys):
    write_tree(tmp_path, {
        "overlay/kustomization.yaml": "resources:\n  - ../base\n",
        "base/kustomization.yaml": _kustomization(),
        "base/values.yaml": volumes(RESERVED),
    })  # fmt: skip
    status, lines, _err = lint(capsys, "-q", str(tmp_path / "overlay"))
    assert status == 1
    assert lines[0].startswith(f"{tmp_path}/base/values.yaml:4: controllers.extraVolumes[0].name")


@pytest.mark.parametrize("name", sorted(KUSTOMIZE_REFUSED))
def test_what_kustomize_refuses_is_exit_2_at_its_line_and_writes_nothing(tmp_path, capsys, name):
    files, words = KUSTOMIZE_REFUSED[name]
    write_tree(tmp_path, files)
    before = tree_state(tmp_path)
    status, lines, err = lint(capsys, str(tmp_path))
    assert status == 2, (lines, err)
    assert words in err and "Traceback" not in err
    assert tree_state(tmp_path) == before


def test_a_folder_without_a_kustomization_is_no_stack_and_exit_2(tmp_path, capsys):
    status, _lines, err = lint(capsys, str(tmp_path))
    assert status == 2 and "name a values file, not a directory" in err


def test_where_helm_3_and_helm_4_read_a_layer_differently_both_verdicts_count(tmp_path, capsys):
    # Helm 4 merges a values file's documents, Helm 3 reads the first: the second document's
    # reserved name is refused with Helm 4 only, and the difference is said.
    values = "replicaCount: 1\n---\n" + volumes(RESERVED)
    write_tree(tmp_path, {"kustomization.yaml": _kustomization(), "values.yaml": values})
    status, lines, _err = lint(capsys, "-q", str(tmp_path))
    assert status == 1
    assert any("Helm 3 and Helm 4 read different values from this file" in line for line in lines)
    assert any(line.endswith("(with Helm 4)") and RESERVED_WORDS in line for line in lines)
