"""`schema-gen lint --each`: each file's verdict is Helm's on that file alone (or over the
files named with --stack), whatever other files are checked with it; the pre-commit hook
runs it this way."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_gen.cli import main


def _lint(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["lint", "-q", *args])  # -q: a clean file prints nothing
    return status, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("order", [["values-dev.yaml"], ["values-dev.yaml", "values-prod.yaml"],
                                   ["values-prod.yaml", "values-dev.yaml"]])  # fmt: skip
def test_each_file_alone_whatever_else_is_checked(gitops, capsys, order):
    status, lines = _lint(capsys, "--each", *order)
    assert status == 1
    assert any(line.startswith("values-dev.yaml:") and "corp-ca" in line for line in lines)
    assert "values-dev.yaml: refused (helm template -f values-dev.yaml)" in lines
    if "values-prod.yaml" in order:
        assert "values-prod.yaml: renders (helm template -f values-prod.yaml)" in lines


def test_a_declared_stack_checks_each_file_over_it(gitops, capsys):
    status, lines = _lint(capsys, "--each", "--stack", "values-prod.yaml", "values-dev.yaml")
    assert status == 0
    assert lines == [
        "values-dev.yaml: renders (helm template -f values-prod.yaml -f values-dev.yaml)"
    ]


def test_without_each_the_files_still_merge_like_helm(gitops, capsys):
    assert _lint(capsys, "values-prod.yaml", "values-dev.yaml") == (0, [])
    assert _lint(capsys, "values-dev.yaml")[0] == 1


def test_the_exit_status_is_the_worst_verdict(gitops, capsys):
    Path("broken.yaml").write_text("a: [\n")
    status, lines = _lint(capsys, "--each", "values-prod.yaml", "broken.yaml", "values-dev.yaml")
    assert status == 2
    assert "broken.yaml: cannot be read (helm template -f broken.yaml)" in lines
    assert "values-dev.yaml: refused (helm template -f values-dev.yaml)" in lines


def test_a_stack_without_each_is_a_usage_error(gitops, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["lint", "--stack", "values-prod.yaml", "values-dev.yaml"])
    assert exited.value.code == 2
    assert "--stack needs --each" in capsys.readouterr().err
