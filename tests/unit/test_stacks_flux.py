"""Flux's HelmRelease: the values helm-controller hands Helm, and where each was written.

The cases are Flux's own: fluxcd/pkg chartutil/values_test.go (TestChartValuesFromReferences,
TestReplacePathValue, TestReplacePathLiteralValue) and merge_test.go (TestMergeMaps), and
helm-controller's config/testdata/valuesfrom (helmrelease.yaml, configmap.yaml, secret.yaml
and golden.txt, the values Helm got); their inputs written as manifests here and their
expectations written out as Flux's tests state them.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from schema_gen.tools.stacks import flux
from schema_gen.tools.stacks.layers import Layer, Merge, Stack, StackError, Where, replay
from schema_gen.tools.stacks.manifests import read_manifests
from tests.shared.stacks import RESERVED, RESERVED_WORDS, lint, tree_state, volumes, write_tree

HEADER = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: agents\n"
CHART = "  interval: 5m\n  chart:\n    spec:\n      chart: agents\n"


def _release(value_refs: str = "", values: str = "", extra_spec: str = "") -> str:
    text = HEADER + "spec:\n" + CHART + extra_spec
    if value_refs:
        text += "  valuesFrom:\n" + value_refs
    if values:
        text += "  values:\n" + "".join(f"    {line}\n" for line in values.splitlines())
    return text


def config_map(name: str, data: dict[str, str]) -> str:
    body = "".join(
        f"  {key}: |\n" + "".join(f"    {line}\n" for line in text.splitlines())
        if "\n" in text else f"  {key}: {text!r}\n"
        for key, text in data.items()
    )  # fmt: skip
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n{body}"


def secret(name: str, data: dict[str, str]) -> str:
    body = "".join(f"  {k}: {base64.b64encode(v.encode()).decode()}\n" for k, v in data.items())
    return f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\ndata:\n{body or '  {}'}\n"


def ref(kind: str, name: str, key: str = "", target: str = "", **more: str) -> str:
    text = f"    - kind: {kind}\n      name: {name}\n"
    text += f"      valuesKey: {key}\n" if key else ""
    text += f"      targetPath: '{target}'\n" if target else ""
    return text + "".join(f"      {k}: {v}\n" for k, v in more.items())


def _values(root: Path, release: str, *resources: str) -> dict:
    files = {"helmrelease.yaml": release}
    files.update({f"resource-{i}.yaml": text for i, text in enumerate(resources)})
    write_tree(root, files)
    manifest = read_manifests(root / "helmrelease.yaml")[0]
    stack = next(s for s in flux.stacks(manifest, [manifest], []) if isinstance(s, Stack))
    return replay(stack)[0]


# --- TestChartValuesFromReferences ----------------------------------------------------------

MERGES_CM = config_map("values", {"values.yaml": "flat: value\nnested:\n  configuration: value\n"})
MERGES_SECRET = secret("values", {"values.yaml": "flat:\n  nested: value\nnested: value\n"})
LISTED = "flat: value\nnested:\n  configuration:\n  - one\n  - two\n  - three\n"
REFERENCES = [
    ("merges", ref("ConfigMap", "values") + ref("Secret", "values"), "other: values",
     [MERGES_CM, MERGES_SECRET],
     {"flat": {"nested": "value"}, "nested": "value", "other": "values"}),
    ("with target path", ref("Secret", "values", "single", "merge.at.specific.path"), "",
     [secret("values", {"single": "value"})],
     {"merge": {"at": {"specific": {"path": "value"}}}}),
    ("target path precedence over all",
     ref("Secret", "values", "key", "nested.configuration[0]") + ref("ConfigMap", "values"),
     "nested:\n  configuration:\n  - list\n  - item\n  - option",
     [config_map("values", {"values.yaml": LISTED}), secret("values", {"key": "value"})],
     {"flat": "value", "nested": {"configuration": ["value", "item", "option"]}}),
    ("target path for string type array item",
     ref("ConfigMap", "values") + ref("Secret", "values", target="nested.configuration[1]"),
     "other: values",
     [config_map("values", {"values.yaml": "flat: value\nnested:\n  configuration:\n  - list\n"
                                           "  - item\n  - option\n"}),
      secret("values", {"values.yaml": "foo"})],
     {"flat": "value", "nested": {"configuration": ["list", "foo", "option"]}, "other": "values"}),
    ("values reference to non existing secret", ref("Secret", "missing"), "", [], None),
    ("optional values reference to non existing secret",
     ref("Secret", "missing", optional="true"), "", [], {}),
    ("values reference to non existing config map", ref("ConfigMap", "missing"), "", [], None),
    ("optional values reference to non existing config map",
     ref("ConfigMap", "missing", optional="true"), "", [], {}),
    ("missing secret key", ref("Secret", "values", "nonexisting"), "",
     [secret("values", {})], None),
    ("missing config map key", ref("ConfigMap", "values", "nonexisting"), "",
     [config_map("values", {"other": "x"})], None),
    ("unsupported values reference kind", ref("Unsupported", "values"), "", [], None),
    ("invalid values", ref("ConfigMap", "values"), "",
     [config_map("values", {"values.yaml": "\ninvalid"})], None),
    ("non-literal target path mangles value with commas",
     ref("ConfigMap", "values", "application.yml", "externalConfig.application\\.yml.content"),
     "", [config_map("values", {"application.yml": "endpoints: [a,b,c]"})], None),
    ("literal target path preserves helm-set metacharacters",
     ref("ConfigMap", "values", "application.yml", "externalConfig.application\\.yml.content",
         literal="true"), "",
     [config_map("values", {"application.yml": "server:\n  port: 8080\n"})],
     {"externalConfig": {"application.yml": {"content": "server:\n  port: 8080\n"}}}),
    ("literal flag without targetPath is ignored (root YAML merge)",
     ref("ConfigMap", "values", literal="true"), "",
     [config_map("values", {"values.yaml": "flat: value\n"})], {"flat": "value"}),
    ("flux2#2625 non-literal: comma-separated brokers fail to merge",
     ref("Secret", "kafka", "brokers", "kafka.brokers"), "",
     [secret("kafka", {"brokers": "kafka01.net:9092,kafka02.net:9092,kafka03.net:9092"})], None),
    ("flux2#2625 literal: comma-separated brokers preserved verbatim",
     ref("Secret", "kafka", "brokers", "kafka.brokers", literal="true"), "",
     [secret("kafka", {"brokers": "kafka01.net:9092,kafka02.net:9092,kafka03.net:9092"})],
     {"kafka": {"brokers": "kafka01.net:9092,kafka02.net:9092,kafka03.net:9092"}}),
]  # fmt: skip


@pytest.mark.parametrize(("refs", "values", "resources", "want"), [c[1:] for c in REFERENCES],
                         ids=[c[0] for c in REFERENCES])  # fmt: skip
def test_fluxs_chart_values_from_references(tmp_path, refs, values, resources, want):
    if want is None:
        with pytest.raises(StackError):
            _values(tmp_path, _release(refs, values), *resources)
    else:
        assert _values(tmp_path, _release(refs, values), *resources) == want


# --- TestReplacePathValue and TestReplacePathLiteralValue ----------------------------------

_HERE = Layer("test", {}, lambda _at: Where(Path("t"), 1))


def _written(path: str, value: str, literal: bool) -> dict:
    stack = Stack(
        Path("t"),
        lambda: Where(Path("t"), 1),
        "t",
        [flux.target_path_step(path, value, _HERE, literal)],
    )
    return replay(stack)[0]


@pytest.mark.parametrize(
    ("value", "path", "want"),
    [("value", "outer.inner", {"outer": {"inner": "value"}}),
     ("{a,b,c}", "name", {"name": ["a", "b", "c"]}),
     ("value1\\,value2", "name", {"name": "value1,value2"}),
     ("true", "merge.at.specific.path", {"merge": {"at": {"specific": {"path": True}}}}),
     ('"true"', "merge.at.specific.path", {"merge": {"at": {"specific": {"path": "true"}}}}),
     ("value", "merge.at[2]", {"merge": {"at": [None, None, "value"]}}),
     ("master", "nodeSelector.kubernetes\\.io/role",
      {"nodeSelector": {"kubernetes.io/role": "master"}})],
)  # fmt: skip
def test_fluxs_replace_path_value(value, path, want):
    assert _written(path, value, literal=False) == want


@pytest.mark.parametrize(
    ("value", "path", "want"),
    [("value", "outer.inner", {"outer": {"inner": "value"}}),
     ("a,b,c", "name", {"name": "a,b,c"}), ("{a,b,c}", "name", {"name": "{a,b,c}"}),
     ("foo=bar=baz", "name", {"name": "foo=bar=baz"}),
     ("endpoints: [a, b, c]", "config", {"config": "endpoints: [a, b, c]"}),
     ('["a","b","c"]', "subnet_ids", {"subnet_ids": '["a","b","c"]'}),
     ("true", "feature.enabled", {"feature": {"enabled": "true"}}),
     ("master", "nodeSelector.kubernetes\\.io/role",
      {"nodeSelector": {"kubernetes.io/role": "master"}}),
     ("kafka01.net:9092,kafka02.net:9092", "kafka.brokers",
      {"kafka": {"brokers": "kafka01.net:9092,kafka02.net:9092"}})],
)  # fmt: skip
def test_fluxs_replace_path_literal_value(value, path, want):
    assert _written(path, value, literal=True) == want


# --- TestMergeMaps --------------------------------------------------------------------------


def _merged(*maps: dict) -> dict:
    steps = [Merge(Layer("m", m, lambda _at: Where(Path("t"), 1))) for m in maps]
    return replay(Stack(Path("t"), lambda: Where(Path("t"), 1), "t", list(steps)))[0]


def test_fluxs_merge_maps():
    nested = {"foo": "bar", "baz": {"cool": "stuff"}}
    another_nested = {"foo": "bar", "baz": {"cool": "things", "awesome": "stuff"}}
    flat = {"foo": "bar", "baz": "stuff"}
    another_flat = {"testing": "fun"}
    assert _merged(flat, nested) == nested
    assert _merged(nested, flat) == flat
    assert _merged(nested, another_nested) == another_nested
    assert _merged(another_flat, another_nested) == {"testing": "fun", **another_nested}


# --- helm-controller's valuesfrom testdata -------------------------------------------------

VALUESFROM_REFS = (
    ref("ConfigMap", "valuesfrom-config", "resources.limits")
    + ref("ConfigMap", "valuesfrom-config", "resources.requests")
    + ref("ConfigMap", "valuesfrom-config", "resources.limits.cpu", "resources.limits.cpu")
    + ref("ConfigMap", "valuesfrom-config", "list.example", "list.example")
    + ref("ConfigMap", "valuesfrom-config", "list.example.overwrite", "list.example[2]")
    + ref("ConfigMap", "valuesfrom-config", "podAnnotation.example.value",
          "podAnnotations.some\\.k8s\\.annotation\\/env")
    + ref("Secret", "valuesfrom-secret")
)  # fmt: skip
VALUESFROM_CM = """apiVersion: v1
kind: ConfigMap
metadata:
  name: valuesfrom-config
data:
  resources.limits: |
    resources:
      limits:
        cpu: 200m
        memory: 128Mi
  resources.requests: |
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
  resources.limits.cpu: 400m
  list.example: "{a,b,c}"
  list.example.overwrite: d
  podAnnotation.example.value: demo
"""
VALUESFROM_SECRET = """apiVersion: v1
kind: Secret
metadata:
  name: valuesfrom-secret
type: Opaque
stringData:
  values.yaml: |
    serviceAccount:
      enabled: true
"""
GOLDEN = {  # golden.txt's USER-SUPPLIED VALUES
    "list": {"example": ["a", "b", "d"]},
    "podAnnotations": {"some.k8s.annotation/env": "demo"},
    "replicaCount": 2,
    "resources": {"limits": {"cpu": "400m", "memory": "128Mi"},
                  "requests": {"cpu": "100m", "memory": "64Mi"}},
    "serviceAccount": {"enabled": True},
}  # fmt: skip


def test_helm_controllers_valuesfrom_golden(tmp_path):
    release = _release(VALUESFROM_REFS, "replicaCount: 2")
    assert _values(tmp_path, release, VALUESFROM_CM, VALUESFROM_SECRET) == GOLDEN


def test_each_valuesfrom_value_is_at_its_keys_line(tmp_path):
    write_tree(tmp_path, {"hr.yaml": _release(VALUESFROM_REFS, "replicaCount: 2"),
                          "cm.yaml": VALUESFROM_CM, "secret.yaml": VALUESFROM_SECRET})  # fmt: skip
    manifest = read_manifests(tmp_path / "hr.yaml")[0]
    stack = next(s for s in flux.stacks(manifest, [manifest], []) if isinstance(s, Stack))
    _values_got, attribution = replay(stack)

    def where(*at: str | int) -> str:
        return str(attribution.where(at, stack.where)).removeprefix(f"{tmp_path}/")

    assert where("resources", "limits", "memory") == "cm.yaml:10"
    assert where("resources", "limits", "cpu") == "cm.yaml:16"  # the targetPath's key wins
    assert where("list", "example", 2) == "cm.yaml:18"
    assert where("list", "example", 0) == "cm.yaml:17"
    assert where("serviceAccount", "enabled") == "secret.yaml:9"
    assert where("replicaCount") == "hr.yaml:36"


# --- lint on Flux stacks --------------------------------------------------------------------


def test_an_error_in_a_configmap_is_at_its_line(tmp_path, capsys):
    cm = config_map("agents-values", {"values.yaml": volumes(RESERVED)})
    write_tree(tmp_path, {"hr.yaml": _release(ref("ConfigMap", "agents-values")), "cm.yaml": cm})
    status, lines, _err = lint(capsys, "-q", str(tmp_path / "hr.yaml"))
    assert status == 1
    assert lines[0].startswith(f"{tmp_path}/cm.yaml:10: controllers.extraVolumes[0].name")


def test_spec_values_win_and_a_null_is_kept(tmp_path, capsys):
    # spec.values' null reaches Helm, which drops the key (and its default) before the schema.
    cm = config_map("agents-values", {"values.yaml": volumes(RESERVED)})
    fixed = "controllers:\n  extraVolumes: null"
    write_tree(tmp_path, {"hr.yaml": _release(ref("ConfigMap", "agents-values"), fixed),
                          "cm.yaml": cm})  # fmt: skip
    assert lint(capsys, "-q", str(tmp_path / "hr.yaml"))[:2] == (0, [])


def test_a_generated_configmaps_source_file_is_the_layer(tmp_path, capsys):
    write_tree(tmp_path, {
        "hr.yaml": _release(ref("ConfigMap", "agents-values")),
        "kustomization.yaml": (
            "namespace: agents\nresources: [hr.yaml]\nconfigMapGenerator:\n"
            "  - name: agents-values\n    files:\n      - values.yaml=agents.yaml\n"
        ),
        "agents.yaml": "# agents\n" + volumes("ok", RESERVED),
    })  # fmt: skip
    status, lines, _err = lint(capsys, "-q", str(tmp_path))  # the folder: its kustomization
    assert status == 1 and RESERVED_WORDS in lines[0]
    assert lines[0].startswith(f"{tmp_path}/agents.yaml:8: controllers.extraVolumes[1].name")


@pytest.mark.parametrize(
    ("spec", "words"),
    [("  chartRef:\n    kind: OCIRepository\n    name: agents\n", "either chart or chartRef"),
     ("  valuesFrom:\n    - kind: ConfigMap\n      name: nowhere\n",
      "could not resolve ConfigMap chart values reference"),
     ("  valuesFrom:\n    - kind: ConfigMap\n      name: x\n      valueKey: y\n",
      'a valuesFrom entry has no field "valueKey"')],
)  # fmt: skip
def test_a_helmrelease_flux_refuses_is_exit_2_and_writes_nothing(tmp_path, capsys, spec, words):
    write_tree(tmp_path, {"hr.yaml": HEADER + "spec:\n" + CHART + spec})
    before = tree_state(tmp_path)
    status, _lines, err = lint(capsys, str(tmp_path / "hr.yaml"))
    assert status == 2 and words in err and "hr.yaml:" in err and "Traceback" not in err
    assert tree_state(tmp_path) == before


def test_another_chart_is_not_checked_and_said(tmp_path, capsys):
    write_tree(tmp_path, {"hr.yaml": _release().replace("chart: agents", "chart: podinfo")})
    status, lines, _err = lint(capsys, str(tmp_path / "hr.yaml"))
    assert status == 2
    assert any("deploys 'podinfo', not 'agents': not checked" in line for line in lines)


def test_the_release_name_and_namespace_are_flux_s():
    assert flux.shortened("a" * 53) == "a" * 53
    long = "x" * 60
    assert len(flux.shortened(long)) == 53 and flux.shortened(long).startswith("x" * 40 + "-")


@pytest.mark.parametrize(
    ("target", "inline", "want"),
    [("replicaCount", "replicaCount: 2", 2),  # a top-level key: spec.values, merged last, wins
     ("podLabels.team", "podLabels:\n  team: inline", "from-ref")],  # through its map: the write
)  # fmt: skip
def test_a_target_path_wins_only_through_spec_values_own_maps(tmp_path, target, inline, want):
    refs = ref("ConfigMap", "values", "key", target)
    got = _values(tmp_path, _release(refs, inline), config_map("values", {"key": "from-ref"}))
    at = target.split(".")
    assert (got[at[0]] if len(at) == 1 else got[at[0]][at[1]]) == want


def test_secret_data_that_is_not_base64_is_exit_2(tmp_path, capsys):
    bad = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: values\ndata:\n  values.yaml: '%%%'\n"
    write_tree(tmp_path, {"hr.yaml": _release(ref("Secret", "values")), "secret.yaml": bad})
    status, _lines, err = lint(capsys, str(tmp_path / "hr.yaml"))
    assert status == 2 and "secret.yaml:6: Secret data values.yaml is not base64" in err
