"""`schema-gen lint` finds what Helm refuses, says where (FILE:LINE) and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from schema_gen.cli import main
from schema_gen.contract import components
from schema_gen.contract.models import Values, chart_defaults
from schema_gen.contract.models.base import PATTERN_WORDING
from schema_gen.tools.lint import findings
from schema_gen.tools.values_files import coalesced
from tests.conftest import CHART, TROUBLESHOOTING
from tests.shared.lint import CI_SAMPLES, INVALID, _lint


def _dotted(helm_path: str) -> str:
    parts = [p for p in helm_path.strip("/").split("/") if p]
    text = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in parts).lstrip(".")
    return text


def _expected_paths(sample: Path) -> list[str]:
    text = sample.read_text(encoding="utf-8")
    helm = re.findall(r"^# expect: at '([^']*)'", text, re.M)
    template = re.findall(r"^# expect: ([^:' ]+\[\d+\]):", text, re.M)
    return [_dotted(p) for p in helm] + template


@pytest.mark.parametrize("sample", INVALID, ids=lambda p: p.stem)
def test_each_invalid_sample_is_reported_at_its_values_path_and_line(sample, capsys):
    # -n as the samples are rendered (helm -n agents): some rules need the namespace.
    status, lines, _err = _lint(capsys, "-n", components.NAMESPACE, str(sample))
    assert status == 1
    source = sample.read_text(encoding="utf-8").splitlines()
    for expected in _expected_paths(sample):
        matching = [line for line in lines if f": {expected}" in line]
        assert matching, f"no finding for {expected} in {lines}"
        number = int(matching[0].split(":")[1])
        assert not source[number - 1].lstrip().startswith("#"), matching[0]


@pytest.mark.parametrize("sample", CI_SAMPLES, ids=lambda p: p.name)
def test_valid_samples_are_clean(sample, capsys):
    # The samples are installed with -n agents (their namespace rules name it).
    assert _lint(capsys, str(sample), "-n", "agents") == (0, [], "")


def test_reserved_name_says_why_and_what_to_do(capsys):
    sample = TROUBLESHOOTING / "r1-controllers-volume-reserved.yaml"
    _status, lines, _err = _lint(capsys, str(sample))
    assert lines == [
        f'{sample}:8: controllers.extraVolumes[0].name: "db-ca-cert" is reserved for the '
        "chart-managed volume that holds the database CA certificate, from the Secret named "
        "by database.caSecret.name (database.caSecret); choose another name"
    ]


def test_typo_gets_a_suggestion(capsys):
    sample = TROUBLESHOOTING / "r5-mount-path-typo.yaml"
    _status, lines, _err = _lint(capsys, str(sample))
    expected = 'extraVolumeMounts[0].mountpath: unknown key "mountpath"; did you mean "mountPath"?'
    assert f"{sample}:12: {expected}" in lines


def test_later_files_win_and_the_line_is_from_the_file_that_set_it(tmp_path, capsys):
    base = tmp_path / "base.yaml"
    base.write_text("extraVolumes:\n  - name: a\n    volume: {emptyDir: {}}\n")
    env = tmp_path / "prod.yaml"
    env.write_text(
        "controllers:\n  enabled: true\n  extraVolumeMounts:\n    - name: b\n      mountPath: /b\n"
    )
    status, lines, _err = _lint(capsys, str(base), str(env))
    assert status == 1
    assert lines == [
        f'{env}:4: controllers.extraVolumeMounts[0]: volume "b" is not defined for '
        "controllers (add it to extraVolumes or controllers.extraVolumes)"
    ]
    fix = tmp_path / "fix.yaml"
    fix.write_text("controllers:\n  extraVolumeMounts:\n    - name: a\n      mountPath: /b\n")
    assert _lint(capsys, str(base), str(env), str(fix))[0] == 0


def test_a_null_that_deletes_a_chart_default_is_explained(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text("# comment\ncontrolPlane: null\n")
    status, lines, _err = _lint(capsys, str(values), "--chart", str(CHART))
    assert status == 1
    assert lines == [
        f"{values}:2: controlPlane: is missing: a null deletes the key and the chart's default, "
        "and the chart cannot do without it; set a value (or, for a section, set the keys "
        "inside it to null instead)"
    ]


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        # The line Helm names in its own error, which the operator sees it print.
        ("extraVolumes:\n  - name: a\n   volume: {}\n", 2, "not valid YAML"),
        ("a: [1,\n", 1, "not valid YAML"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("a:\n\tb: 2\n", 2, "not valid YAML"),
    ],
)
def test_unparseable_files_exit_2_with_file_and_line(tmp_path, capsys, text, line, why):
    values = tmp_path / "values.yaml"
    values.write_text(text)
    status, lines, err = _lint(capsys, str(values))
    assert (status, lines) == (2, [])
    assert err.startswith(f"{values}:{line}: ") and why in err
    assert "Traceback" not in err


# (where the key sits, the typo, the key lint must suggest or None for no suggestion).
# The ratios span the cutoff: "img" -> "image" is 0.75, "volumes" -> "extraVolumes"
# 0.63; "replicaCount" is 0.45 from any key and "ns" 0.36 from "namespace".
TYPOS = [
    ((), "extraMounts", "extraVolumeMounts"),
    ((), "volumes", "extraVolumes"),
    ((), "rbca", "rbac"),
    (("database",), "caCert", "caSecret"),
    (("controlPlane",), "img", "image"),
    (("grpc",), "svcPort", "servicePort"),
    (("extraVolumeMounts", 0), "mountpath", "mountPath"),
    ((), "replicaCounts", "replicaCount"),
    ((), "workers", None),
    (("database",), "dsn", None),
    (("controller", "concurrency"), "ns", None),
]


def _document(at: tuple, key: str) -> dict:
    doc: dict = {"extraVolumes": [{"name": "v", "volume": {"emptyDir": {}}}]}
    doc["extraVolumeMounts"] = [{"name": "v", "mountPath": "/v"}]
    node = doc
    for part in at:
        node = node[part] if isinstance(part, int) else node.setdefault(part, {})
    node[key] = "x"
    return doc


@pytest.mark.parametrize(("at", "typo", "suggested"), TYPOS, ids=[t[1] for t in TYPOS])
def test_unknown_keys_get_a_suggestion_only_when_one_is_close(at, typo, suggested):
    merged = coalesced(chart_defaults(), _document(at, typo))
    (finding,) = findings(merged)
    assert finding.at == (*at, typo)
    if suggested:
        assert finding.message == f'unknown key "{typo}"; did you mean "{suggested}"?'
    else:
        assert finding.message.startswith(f'unknown key "{typo}" (known keys: ')


@pytest.mark.parametrize(
    ("values", "at", "wording"),
    [
        ({"extraVolumes": [{"name": "Bad_Name", "volume": {"emptyDir": {}}}]},
         ("extraVolumes", 0, "name"), "is not a DNS-1123 label"),
        ({"database": {"secretRef": {"name": "db.Example"}}},
         ("database", "secretRef", "name"), "is not a DNS-1123 subdomain"),
        ({"database": {"secretRef": {"name": "db", "key": "a/b"}}},
         ("database", "secretRef", "key"), "is not a Secret key"),
        ({"controlPlane": {"image": {"digest": "sha256:abc"}}},
         ("controlPlane", "image", "digest"), "is not an image digest"),
    ],
)  # fmt: skip
def test_a_pattern_mismatch_is_worded_by_the_fields_pattern(values, at, wording):
    (finding,) = findings(coalesced(chart_defaults(), values))
    assert finding.at == at
    assert wording in finding.message


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # A union's value is read as the branch of its type, and its path has no branch tag.
        ({"controllers": {"podDisruptionBudget": {"maxUnavailable": "half"}}},
         [(("controllers", "podDisruptionBudget", "maxUnavailable"),
           '"half" is not a count or a percentage, such as "1" or "50%"; or empty')]),
        ({"controllers": {"podDisruptionBudget": {"maxUnavailable": 1.5}}},
         [(("controllers", "podDisruptionBudget", "maxUnavailable"),
           "must be a whole number or a string (quote it), not float 1.5")]),
        ({"envFromConfigMapRefs": [3]},
         [(("envFromConfigMapRefs", 0), "must be a string (quote it) or a mapping, not int 3")]),
        ({"envFromConfigMapRefs": [{"name": "a", "bogus": 1}]},
         [(("envFromConfigMapRefs", 0, "bogus"), 'unknown key "bogus"')]),
        ({"envFromSecretRefs": ["Not A Name"]},
         [(("envFromSecretRefs", 0), '"Not A Name" is not a DNS-1123 subdomain (a Kubernetes '
           'object name): use lowercase letters, digits, "-" and ".", starting and ending '
           "with a letter or digit")]),
    ],
)  # fmt: skip
def test_a_union_key_is_reported_once_in_the_words_of_the_form_written(values, expected):
    found = [(f.at, f.message) for f in findings(coalesced(chart_defaults(), values))]
    assert [(at, message.split(" (known keys")[0]) for at, message in found] == expected


def _enforced_patterns(node: Any) -> Iterator[str]:
    """Yield the pattern of every string the models' validation checks (their core schema)."""
    if isinstance(node, dict):
        if node.get("type") == "str" and isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _enforced_patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _enforced_patterns(item)


def test_every_pattern_the_models_check_has_the_words_lint_prints():
    enforced = set(_enforced_patterns(Values.__pydantic_core_schema__))
    assert len(enforced) >= 10  # the walk reaches the models' strings
    assert sorted(enforced - set(PATTERN_WORDING)) == []


@pytest.mark.parametrize(
    ("values", "at", "message"),
    [
        ({"affinity": {"nodeAffinty": {}}}, ("affinity", "nodeAffinty"),
         'unknown key "nodeAffinty"; did you mean "nodeAffinity"?'),
        ({"tolerations": [{"key": "k", "efect": "NoSchedule"}]}, ("tolerations", 0, "efect"),
         'unknown key "efect"; did you mean "effect"?'),
        ({"extraVolumes": [{"name": "a", "volume": {"secret": {"secretName": "s", "bogus": 1}}}]},
         ("extraVolumes", 0, "volume", "secret", "bogus"),
         'unknown key "bogus" (known keys: defaultMode, items, optional, secretName)'),
    ],
)  # fmt: skip
def test_a_typo_inside_a_kubernetes_object_is_reported_at_its_own_key(values, at, message):
    assert [(f.at, f.message) for f in findings(coalesced(chart_defaults(), values))] == [
        (at, message)
    ]


def test_a_clean_file_is_said_to_be_clean_in_one_line_unless_quiet(capsys):
    sample = str(CHART / "ci" / "gitops-values.yaml")
    assert main(["lint", sample, sample, "-n", "agents"]) == 0
    assert (
        capsys.readouterr().out == f"{sample}, {sample}: no problems (release namespace agents)\n"
    )
    assert main(["lint", "-q", sample, "-n", "agents"]) == 0
    assert capsys.readouterr().out == ""


# Helm (3 and 4) renders a whole float where an integer is wanted (JSON Schema counts 1e300
# as an integer), and refuses it past a maximum: one verdict, whatever else lint says.
@pytest.mark.parametrize("warned", [False, True])
def test_a_whole_float_in_an_integer_field_gets_helms_verdict(tmp_path, capsys, warned):
    warning = (
        "validation:\n  mode: warn\nextraVolumeMounts:\n  - {name: nope, mountPath: /x}\n"
        if warned else ""
    )  # fmt: skip
    values = tmp_path / "values.yaml"
    values.write_text("tests:\n  timeoutSeconds: 1e300\n" + warning)
    status, lines, _err = _lint(capsys, str(values))
    assert status == 0
    assert [line for line in lines if "timeoutSeconds" in line] == []
    values.write_text("replicaCount: 1e300\n" + warning)  # Helm: maximum 2147483647
    status, lines, _err = _lint(capsys, str(values))
    assert status == 1
    assert f"{values}:1: replicaCount: must be at most 2147483647, not 1e+300" in " ".join(lines)


def test_a_key_set_twice_is_blamed_where_helm_reads_it(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text(
        "replicaCount: 2\nimage:\n  pullPolicy: Always\nreplicaCount: 0\n"
    )  # Helm reads 0
    status, lines, _err = _lint(capsys, str(values))
    assert status == 1
    assert lines[0].startswith(f"{values}:4: replicaCount: ")
