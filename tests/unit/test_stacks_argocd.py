"""Argo CD's Application: the values Helm gets, in Argo CD's order, and where each was written.

The cases are Argo CD's own (argoproj/argo-cd, master of 2026-05): reposerver/repository/
repository_test.go (Test_getResolvedValueFiles, Test_getResolvedValueFiles_glob),
test/e2e/helm_test.go with test/e2e/testdata/helm-glob-values (TestHelmGlobValueFiles*),
util/helm/helm_test.go (TestHelmArgCleaner) and pkg/apis/application/v1alpha1/
types_test.go (TestEnv_Envsubst, TestEnvsubst); their expectations written out here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_gen.tools.stacks import argocd
from schema_gen.tools.stacks.layers import Stack, StackError, replay
from schema_gen.tools.stacks.manifests import read_manifests
from tests.conftest import CHART
from tests.shared.stacks import RESERVED, RESERVED_WORDS, lint, tree_state, volumes, write_tree

MAIN = "https://github.com/org/main"


def _application(source: str, *, sources: bool = False, name: str = "agents") -> str:
    body = "  sources:\n" + source if sources else "  source:\n" + source
    return (
        f"apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {name}\n"
        f"  namespace: argocd\nspec:\n  project: default\n  destination:\n"
        f"    server: https://kubernetes.default.svc\n    namespace: agents\n{body}"
    )


def _stacks(path: Path, repos: dict[str, Path] | None = None) -> list[Stack]:
    manifest = read_manifests(path)[0]
    return [s for s in argocd.stacks(manifest, repos or {}, CHART) if isinstance(s, Stack)]


def _repo(root: Path, files: dict[str, str]) -> Path:
    """A git work tree (no remotes) holding a chart named agents at charts/agents."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    return write_tree(root, {"charts/agents/Chart.yaml": "name: agents\n", **files})


# --- Test_getResolvedValueFiles ----------------------------------------------------------


@pytest.fixture
def two_repos(tmp_path):
    main = _repo(tmp_path / "main-repo", {"charts/agents/values.yaml": "", "values.yaml": "",
                                          "app-path/values.yaml": ""})  # fmt: skip
    repo1 = write_tree(tmp_path / "repo1", {"values.yaml": "", "app-path/values.yaml": ""})
    return main, repo1


def _resolved(main: Path, repo1: Path, raw: str, env: dict[str, str] | None = None) -> list[Path]:
    sources = (
        f"    - repoURL: {MAIN}\n      path: .\n      helm:\n        valueFiles: ['{raw}']\n"
        "    - repoURL: https://github.com/org/repo1\n      ref: ref\n"
    )
    path = write_tree(main, {"app.yaml": _application(sources, sources=True)}) / "app.yaml"
    app = argocd._App(read_manifests(path)[0], {"https://github.com/org/repo1": repo1}, CHART)
    source, at = app.sources[0], app.at[0]
    if env:
        app.env = lambda _s, env=env: env  # type: ignore[method-assign]
    return [p for p, _entry in argocd.value_files(app, source, at, main, main)]


@pytest.mark.parametrize(
    ("raw", "env", "expected"),
    [
        ("values.yaml", {}, "main-repo/values.yaml"),  # simple path
        ("$ref/values.yaml", {}, "repo1/values.yaml"),  # simple ref
        ("$ref", {}, None),  # only ref
        ("$ref/../values.yaml", {}, None),  # attempted traversal
        ("$ref/$APP_PATH/values.yaml", {"APP_PATH": "app-path"}, "repo1/app-path/values.yaml"),
        ("$ref/$APP_PATH/values.yaml", {"APP_PATH": ".."}, None),  # traversal in env var
        ("$APP_PATH/values.yaml", {"APP_PATH": "app-path"}, "main-repo/app-path/values.yaml"),
        ("$APP_PATH/values.yaml", {}, "main-repo/values.yaml"),  # unresolved env var
    ],
)  # fmt: skip
def test_argo_cds_resolved_value_files(two_repos, raw, env, expected):
    main, repo1 = two_repos
    if expected is None:
        with pytest.raises(StackError):
            _resolved(main, repo1, raw, env)
    else:
        assert _resolved(main, repo1, raw, env) == [main.parent / expected]


def test_a_ref_that_names_no_source_is_an_env_var(two_repos):
    # "ref doesn't exist": $nope is no source's ref, so an empty variable: the main repo's file.
    main, repo1 = two_repos
    assert _resolved(main, repo1, "$nope/values.yaml") == [main / "values.yaml"]


def test_a_repository_without_a_checkout_is_exit_2(tmp_path, capsys):
    # "repo doesn't exist", in the words of a lint: name it with --repo.
    sources = (
        f"    - repoURL: {MAIN}\n      path: charts/agents\n      helm:\n"
        "        valueFiles: ['$ref/values.yaml']\n"
        "    - repoURL: https://github.com/org/repo2\n      ref: ref\n"
    )
    main = _repo(tmp_path / "main", {"app.yaml": _application(sources, sources=True)})
    status, _lines, err = lint(capsys, str(main / "app.yaml"))
    assert status == 2
    assert "app.yaml:15: no checkout of https://github.com/org/repo2: name it with --repo" in err


# --- Test_getResolvedValueFiles_glob ------------------------------------------------------

GLOB_TREE = {
    "prod/a.yaml": "", "prod/b.yaml": "", "prod/nested/c.yaml": "", "prod/nested/d.yaml": "",
    "staging/e.yaml": "", "envs/a.yaml": "", "envs/z.yaml": "", "envs/nested/c.yaml": "",
}  # fmt: skip


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        (["prod/*.yaml"], ["prod/a.yaml", "prod/b.yaml"]),
        (["prod/a*.yaml"], ["prod/a.yaml"]),
        (["prod/**/*.yaml"],
         ["prod/a.yaml", "prod/b.yaml", "prod/nested/c.yaml", "prod/nested/d.yaml"]),
        (["**/nested/*.yaml"],
         ["envs/nested/c.yaml", "prod/nested/c.yaml", "prod/nested/d.yaml"]),
        (["envs/**/*.yaml"], ["envs/a.yaml", "envs/z.yaml", "envs/nested/c.yaml"]),
        (["envs/*.yaml", "envs/z.yaml"], ["envs/a.yaml", "envs/z.yaml"]),
        (["prod/a.yaml", "prod/*.yaml"], ["prod/a.yaml", "prod/b.yaml"]),
        (["prod/*.yaml", "prod/a.yaml"], ["prod/b.yaml", "prod/a.yaml"]),
        (["prod/*.yaml", "prod/**/*.yaml"],
         ["prod/a.yaml", "prod/b.yaml", "prod/nested/c.yaml", "prod/nested/d.yaml"]),
        (["prod/a.yaml", "prod/*.yaml", "prod/b.yaml", "prod/**/*.yaml", "prod/nested/c.yaml"],
         ["prod/a.yaml", "prod/b.yaml", "prod/nested/d.yaml", "prod/nested/c.yaml"]),
    ],
)  # fmt: skip
def test_argo_cds_glob_order(tmp_path, patterns, expected):
    main = _repo(tmp_path / "main-repo", GLOB_TREE)
    listed = "".join(f"\n          - '{p}'" for p in patterns)
    source = f"    repoURL: {MAIN}\n    path: .\n    helm:\n      valueFiles:{listed}\n"
    write_tree(main, {"Chart.yaml": "name: agents\n", "app.yaml": _application(source)})
    app = argocd._App(read_manifests(main / "app.yaml")[0], {}, CHART)
    found = argocd.value_files(app, app.sources[0], app.at[0], main, main)
    assert [str(p.relative_to(main)) for p, _entry in found] == expected


@pytest.mark.parametrize("ignore", [False, True])
def test_a_glob_that_matches_nothing(tmp_path, capsys, ignore):
    main = _repo(tmp_path / "main", {})
    helm = "      valueFiles: ['nonexistent/*.yaml']\n"
    if ignore:
        helm += "      ignoreMissingValueFiles: true\n"
    source = f"    repoURL: {MAIN}\n    path: charts/agents\n    helm:\n{helm}"
    write_tree(main, {"app.yaml": _application(source)})
    status, _lines, err = lint(capsys, "-q", str(main / "app.yaml"))
    assert status == (0 if ignore else 2)
    assert ("matches no file" in err) is not ignore


@pytest.mark.parametrize(("pattern", "expected"), [("envs/*.yaml", "b-value"),
                                                   ("envs/**/*.yaml", "c-value")])  # fmt: skip
def test_argo_cds_helm_glob_values_e2e_data(tmp_path, pattern, expected):
    # test/e2e/testdata/helm-glob-values: the last file of the expansion wins.
    chart = "charts/agents/"
    files = {
        f"{chart}values.yaml": "foo: default",
        f"{chart}envs/a.yaml": "foo: a-value",
        f"{chart}envs/b.yaml": "foo: b-value",
        f"{chart}envs/nested/c.yaml": "foo: c-value",
    }
    main = _repo(tmp_path / "main", files)
    helm = f"    helm:\n      valueFiles: ['{pattern}']\n"
    source = f"    repoURL: {MAIN}\n    path: charts/agents\n{helm}"
    write_tree(main, {"app.yaml": _application(source)})
    assert replay(_stacks(main / "app.yaml")[0])[0] == {"foo": expected}


# --- Envsubst and the --set cleaner -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ""), ("$FOO", "bar"), ("${FOO}", "bar"), ("${FOO", "FOO"), ("$BAR", ""), ("${BAR}", ""),
     ("echo $FOO; echo $BAR; echo ${FOO}; echo ${BAR}; echo ${FOO",
      "echo bar; echo ; echo bar; echo ; echo FOO"),
     ("$$FOO", "$FOO")],
)  # fmt: skip
def test_argo_cds_envsubst(text, expected):
    assert argocd.expand(text, {"FOO": "bar"}) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("val", "val"), ("not, clean", "not\\, clean"), ("a\\,b,c", "a\\,b\\,c"),
     ("{a,b,c}", "{a,b,c}"), (",,,,,\\,", "\\,\\,\\,\\,\\,\\,"), ("\\,,\\\\,,", "\\,\\,\\\\,\\,")],
)  # fmt: skip
def test_argo_cds_set_parameter_cleaner(value, expected):
    assert argocd.clean_set_value(value) == expected


# --- the order, and where each value was written ------------------------------------------

ORDERED = """    repoURL: https://github.com/org/main
    path: charts/agents
    helm:
      releaseName: agents-prod
      valueFiles: [values.yaml, values-prod.yaml]
      values: |
        replicaCount: 3
        podLabels:
          from: values
      parameters:
        - name: podLabels.from
          value: parameter
        - name: podAnnotations.team
          value: "007"
          forceString: true
        - name: podAnnotations.team
          value: "008"
        - name: podLabels.list
          value: "a,b"
"""


def test_argo_cds_order_files_values_parameters(tmp_path):
    files = {"charts/agents/values.yaml": "replicaCount: 1\npodLabels: {from: file}\n",
             "charts/agents/values-prod.yaml": "replicaCount: 2\n"}  # fmt: skip
    main = _repo(tmp_path / "main", {**files, "app.yaml": _application(ORDERED)})
    stack = _stacks(main / "app.yaml")[0]
    values, attribution = replay(stack)
    # --set-string applies after every --set: "007" stays, whatever the list's order.
    assert values == {"replicaCount": 3, "podLabels": {"from": "parameter", "list": "a,b"},
                      "podAnnotations": {"team": "007"}}  # fmt: skip
    assert (stack.release, stack.namespace) == ("agents-prod", "agents")
    app = main / "app.yaml"
    assert str(attribution.where(("replicaCount",), stack.where)) == f"{app}:18"
    assert str(attribution.where(("podLabels", "from"), stack.where)) == f"{app}:23"
    assert str(attribution.where(("podAnnotations", "team"), stack.where)) == f"{app}:25"


def test_valuesobject_replaces_values_and_says_so(tmp_path, capsys):
    values_object = "".join(f"        {line}\n" for line in volumes(RESERVED).splitlines())
    source = (
        f"    repoURL: {MAIN}\n    path: charts/agents\n    helm:\n"
        "      values: |\n        replicaCount: 2\n"
        "      valuesObject:\n" + values_object
    )
    main = _repo(tmp_path / "main", {"app.yaml": _application(source)})
    status, lines, _err = lint(capsys, str(main / "app.yaml"))
    assert status == 1
    assert any("helm.values is ignored: valuesObject replaces it" in line for line in lines)
    bad = next(line for line in lines if RESERVED_WORDS in line)
    assert bad.startswith(f"{main}/app.yaml:21: controllers.extraVolumes[0].name")


def test_an_error_in_the_values_text_is_at_its_line_in_the_application(tmp_path, capsys):
    text = "".join(f"        {line}\n" for line in volumes(RESERVED).splitlines())
    source = f"    repoURL: {MAIN}\n    path: charts/agents\n    helm:\n      values: |\n{text}"
    main = _repo(tmp_path / "main", {"app.yaml": _application(source)})
    status, lines, _err = lint(capsys, "-q", str(main / "app.yaml"))
    assert status == 1
    assert lines[0].startswith(f"{main}/app.yaml:19: controllers.extraVolumes[0].name")


def test_a_parameter_that_fixes_a_file_makes_the_stack_render(tmp_path, capsys):
    source = (
        f"    repoURL: {MAIN}\n    path: charts/agents\n    helm:\n"
        "      valueFiles: [values.yaml]\n      parameters:\n"
        "        - name: controllers.extraVolumes[0].name\n          value: fine\n"
    )
    files = {"charts/agents/values.yaml": volumes(RESERVED), "app.yaml": _application(source)}
    main = _repo(tmp_path / "main", files)
    assert lint(capsys, "-q", str(main / "app.yaml"))[:2] == (0, [])


def test_another_chart_is_not_checked_and_said(tmp_path, capsys):
    source = (
        "    repoURL: https://charts.example.com\n    chart: grafana\n    targetRevision: 1.0.0\n"
    )
    main = _repo(tmp_path / "main", {"app.yaml": _application(source)})
    status, lines, err = lint(capsys, str(main / "app.yaml"))
    assert status == 2 and "no stack deploys the agents chart here" in err
    assert any("deploys the chart 'grafana', not 'agents': not checked" in line for line in lines)


def test_a_chart_from_a_helm_repository_is_linted_against_this_chart(tmp_path, capsys):
    text = "".join(f"        {line}\n" for line in volumes(RESERVED).splitlines())
    source = (
        "    repoURL: oci://ghcr.io/proompteng/charts\n    chart: agents\n"
        f"    targetRevision: 0.11.0\n    helm:\n      valuesObject:\n{text}"
    )  # fmt: skip
    main = _repo(tmp_path / "main", {"app.yaml": _application(source)})
    status, lines, _err = lint(capsys, "-q", str(main / "app.yaml"))
    assert status == 1 and RESERVED_WORDS in lines[0]


@pytest.mark.parametrize(
    ("spec", "words"),
    [("  project: default\n", "an Application needs spec.source or spec.sources"),
     ("  source:\n    path: charts/agents\n", "a source needs a repoURL"),
     (f"  source:\n    repoURL: {MAIN}\n    path: charts/agents\n    helm:\n      valueFile: x\n",
      'a source\'s helm has no field "valueFile"; did you mean "valueFiles"?'),
     (f"  source:\n    repoURL: {MAIN}\n    path: charts/agents\n    helm:\n"
      "      parameters:\n        - value: x\n", "a parameter needs a name"),
     (f"  source:\n    repoURL: {MAIN}\n    path: charts/agents\n    helm:\n      values: |\n"
      "        a: [\n", "not valid YAML")],
)  # fmt: skip
def test_a_malformed_application_is_exit_2_and_writes_nothing(tmp_path, capsys, spec, words):
    text = ("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: agents\n"
            f"spec:\n{spec}")  # fmt: skip
    main = _repo(tmp_path / "main", {"app.yaml": text})
    before = tree_state(main)
    status, _lines, err = lint(capsys, str(main / "app.yaml"))
    assert status == 2 and words in err and "app.yaml:" in err and "Traceback" not in err
    assert tree_state(main) == before


def test_a_missing_value_file_is_skipped_only_when_argo_cd_is_told_to(tmp_path, capsys):
    helm = "    helm:\n      valueFiles: [values.yaml, missing.yaml]\n"
    source = f"    repoURL: {MAIN}\n    path: charts/agents\n{helm}"
    main = _repo(tmp_path / "main", {"charts/agents/values.yaml": "replicaCount: 2\n",
                                     "app.yaml": _application(source)})  # fmt: skip
    status, _lines, err = lint(capsys, "-q", str(main / "app.yaml"))
    assert status == 2 and "app.yaml:15: missing.yaml is not there" in err
    ignoring = helm + "      ignoreMissingValueFiles: true\n"
    write_tree(main, {"app.yaml": _application(source.replace(helm, ignoring))})
    assert lint(capsys, "-q", str(main / "app.yaml"))[:2] == (0, [])


def test_ref_files_and_file_parameters_are_the_layers_that_wrote_them(tmp_path, capsys):
    sources = (
        f"    - repoURL: {MAIN}\n      path: charts/agents\n      helm:\n"
        "        valueFiles: ['$values/agents/values.yaml']\n"
        "        fileParameters:\n          - name: replicaCount\n            path: count.txt\n"
        "    - repoURL: https://github.com/org/values\n      ref: values\n"
    )
    main = _repo(tmp_path / "main", {"app.yaml": _application(sources, sources=True),
                                     "charts/agents/count.txt": "two"})  # fmt: skip
    values = write_tree(tmp_path / "values", {"agents/values.yaml": volumes(RESERVED)})
    status, lines, _err = lint(capsys, "-q", str(main / "app.yaml"),
                               "--repo", f"https://github.com/org/values={values}")  # fmt: skip
    assert status == 1
    assert any(line.startswith(f"{values}/agents/values.yaml:4: controllers.extraVolumes[0]")
               for line in lines)  # fmt: skip
    # --set-file sets the file's text, a string: at the fileParameters entry.
    assert any(line.startswith(f"{main}/app.yaml:17: replicaCount: must be a whole number")
               for line in lines), lines  # fmt: skip
