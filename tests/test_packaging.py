"""schema-gen as operators install it: a wheel that carries the chart, a pre-commit hook
for GitOps repositories, and CI workflows GitHub will accept."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CHART, REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
GITOPS_VALUES = (CHART / "ci" / "gitops-values.yaml").read_text(encoding="utf-8")
BROKEN_VALUES = "extraVolumeMounts:\n  - name: missing\n    mountPath: /m\n"


def _run(*args: str | Path, cwd: Path, check: bool = True, env=None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    if check:
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist built from this checkout by the standard build frontend."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", out, REPO, cwd=out)
    return out


def test_the_wheel_and_sdist_carry_the_chart(dist):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for path in CHART.rglob("*"):
        if path.is_file():
            assert f"schema_gen/chart/{path.relative_to(CHART)}" in names, path
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {m.split("/", 1)[1] for m in archive.getnames() if "/" in m}
    assert {"charts/agents/Chart.yaml", "charts/agents/values.schema.json"} <= members
    assert "schema_gen/cli.py" in members


def test_the_wheel_works_in_a_fresh_venv_outside_the_checkout(dist, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    (wheel,) = dist.glob("*.whl")
    _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    work = tmp_path / "gitops"
    work.mkdir()
    (work / "values.yaml").write_text(GITOPS_VALUES, encoding="utf-8")
    (work / "broken.yaml").write_text(BROKEN_VALUES, encoding="utf-8")
    schema_gen = env_dir / "bin" / "schema-gen"
    assert _run(schema_gen, "lint", "values.yaml", cwd=work).stdout == ""
    broken = _run(schema_gen, "lint", "broken.yaml", cwd=work, check=False)
    assert broken.returncode == 1
    assert 'broken.yaml:2: extraVolumeMounts[0]: volume "missing" is not defined' in broken.stdout
    explained = _run(schema_gen, "explain", "values.yaml", cwd=work).stdout
    assert "Deployment agents-controllers (controllers)" in explained
    located = _run(python, "-c", "import schema_gen.packaged as p; print(p.chart())", cwd=work)
    assert str(env_dir) in located.stdout  # the installed chart, not this checkout's


def _git(*args: str, cwd: Path) -> None:
    _run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args, cwd=cwd)


def test_the_pre_commit_hook_runs_from_a_gitops_repository(tmp_path):
    gitops = tmp_path / "gitops"
    values = gitops / "argocd" / "applications" / "agents"
    values.mkdir(parents=True)
    (values / "values.yaml").write_text(GITOPS_VALUES, encoding="utf-8")
    (values / "values-broken.yaml").write_text(BROKEN_VALUES, encoding="utf-8")
    _git("init", "-q", cwd=gitops)
    _git("add", ".", cwd=gitops)
    _git("commit", "-qm", "values", cwd=gitops)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}  # fmt: skip
    hook = (sys.executable, "-m", "pre_commit", "try-repo", REPO, "agents-values-lint")
    clean = _run(*hook, "--files", values / "values.yaml", cwd=gitops, env=env, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "agents chart values lint" in clean.stdout and "Passed" in clean.stdout
    broken = _run(*hook, "--files", values / "values-broken.yaml", cwd=gitops, env=env, check=False)
    assert broken.returncode == 1
    assert 'volume "missing" is not defined' in broken.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_each_workflow_is_valid_for_github(workflow):
    checked = _run(
        sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
        workflow, cwd=REPO, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_workflow_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    checked = _run(
        sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
        broken, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert checked.returncode == 1


def test_ci_runs_every_default_session_with_both_helm_majors():
    ci = (REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "v3." in ci and "v4." in ci
    for session in ("lint", "check", "tests", "property"):
        assert session in ci
