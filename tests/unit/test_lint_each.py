"""`schema-gen lint --each`: each file's verdict is Helm's on that file alone (or over the
files named with --stack), whatever other files are checked with it; the pre-commit hook
runs it this way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from schema_gen.cli import main
from tests.conftest import REPO


def _lint(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["lint", "-q", *args])  # -q: a clean file prints nothing
    return status, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("order", [["values-dev.yaml"], ["values-dev.yaml", "values-prod.yaml"],
                                   ["values-prod.yaml", "values-dev.yaml"]])  # fmt: skip
def test_each_file_alone_whatever_else_is_checked(gitops, capsys, order):
    status, lines = _lint(capsys, "--each", *order)
    assert status == 1
    assert any(line.startswith("values-dev.yaml:") and "corp-ca" in line for line in lines)
    assert "values-dev.yaml: refused (helm template -n default -f values-dev.yaml)" in lines
    if "values-prod.yaml" in order:
        assert "values-prod.yaml: renders (helm template -n default -f values-prod.yaml)" in lines


def test_a_declared_stack_checks_each_file_over_it(gitops, capsys):
    status, lines = _lint(capsys, "--each", "--stack", "values-prod.yaml", "values-dev.yaml")
    assert status == 0
    assert lines == [
        "values-dev.yaml: renders (helm template -n default -f values-prod.yaml -f values-dev.yaml)"
    ]


def test_without_each_the_files_still_merge_like_helm(gitops, capsys):
    assert _lint(capsys, "values-prod.yaml", "values-dev.yaml") == (0, [])
    assert _lint(capsys, "values-dev.yaml")[0] == 1


def test_the_exit_status_is_the_worst_verdict(gitops, capsys):
    Path("broken.yaml").write_text("a: [\n")
    status, lines = _lint(capsys, "--each", "values-prod.yaml", "broken.yaml", "values-dev.yaml")
    assert status == 2
    assert "broken.yaml: cannot be read (helm template -n default -f broken.yaml)" in lines
    assert "values-dev.yaml: refused (helm template -n default -f values-dev.yaml)" in lines


def test_a_stack_without_each_is_a_usage_error(gitops, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["lint", "--stack", "values-prod.yaml", "values-dev.yaml"])
    assert exited.value.code == 2
    assert "--stack needs --each" in capsys.readouterr().err


# Refused by helm template (Helm 3 and 4) in any namespace but "other"; without -n, Helm's
# release namespace is "default", and Helm's own words say so.
ELSEWHERE = {
    "controller.yaml": (
        "controller:\n  namespaces: [other]\n",
        "controller.namespaces: watching other needs rbac.clusterScoped: true (the Role is in "
        "the release namespace, default); set it, or list default",
    ),
    "gateway.yaml": (
        "linearMcpGateway:\n  enabled: true\n  databaseSecret: {name: db}\n"
        "  config:\n    namespace: other\n",
        'linearMcpGateway.config.namespace: is "other", but the release namespace is default; '
        "set it to default",
    ),
}


@pytest.mark.parametrize("name", sorted(ELSEWHERE))
def test_without_n_each_verdict_is_helms_in_its_default_namespace(name, tmp_path, capsys):
    text, helm_says = ELSEWHERE[name]
    path = tmp_path / name
    path.write_text(text)
    status, lines = _lint(capsys, "--each", str(path))
    assert status == 1
    assert any(line.endswith(helm_says) for line in lines), lines
    assert f"{path}: refused (helm template -n default -f {path})" in lines
    # Where the values say it belongs, Helm renders it: so does lint.
    assert _lint(capsys, "--each", "-n", "other", str(path)) == (
        0, [f"{path}: renders (helm template -n other -f {path})"])  # fmt: skip


def test_the_hook_takes_n_from_its_args(tmp_path, capsys):
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())[0]
    path = tmp_path / "values.yaml"
    path.write_text(ELSEWHERE["controller.yaml"][0])
    # pre-commit runs the entry, then the args from .pre-commit-config.yaml, then the files.
    command = [*hook["entry"].split()[1:], "-n", "other", str(path)]
    assert main(command) == 0
    assert capsys.readouterr().out == f"{path}: renders (helm template -n other -f {path})\n"
    assert main([*hook["entry"].split()[1:], str(path)]) == 1
