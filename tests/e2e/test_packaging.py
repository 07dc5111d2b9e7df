"""schema-gen as operators install it: a wheel that carries the chart, a pre-commit hook
for GitOps repositories, and CI workflows GitHub will accept."""

from __future__ import annotations

import email
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from schema_gen import packaged, project
from tests.conftest import CHART, REPO
from tests.e2e.conftest import built_dist
from tests.shared.addresses import PLACEHOLDER, repository_files

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


UPSTREAM_LICENSE = REPO / "tests" / "upstream" / "charts" / "agents-0.9.29" / "LICENSE"


def _wheel(dist: Path) -> Path:
    (wheel,) = (dist / "python").glob("*.whl")
    return wheel


def _sdist(dist: Path) -> Path:
    (sdist,) = (dist / "python").glob("*.tar.gz")
    return sdist


def test_the_wheel_and_sdist_carry_the_chart(dist):
    with zipfile.ZipFile(_wheel(dist)) as archive:
        names = set(archive.namelist())
    for path in CHART.rglob("*"):
        if path.is_file():
            assert f"schema_gen/chart/{path.relative_to(CHART)}" in names, path
    with tarfile.open(_sdist(dist)) as archive:
        members = {m.split("/", 1)[1] for m in archive.getnames() if "/" in m}
    assert {"charts/agents/Chart.yaml", "charts/agents/values.schema.json"} <= members
    assert "schema_gen/cli.py" in members


def _tar_files(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def test_the_licence_and_upstreams_mit_notice_are_in_every_artifact(dist):
    license_text = (REPO / "LICENSE").read_bytes()
    assert b"Apache License" in license_text and b"Version 2.0, January 2004" in license_text
    assert (CHART / "LICENSE").read_bytes() == license_text
    # Upstream's licence, as vendored with its chart: the notice quotes it whole.
    mit = UPSTREAM_LICENSE.read_text(encoding="utf-8")
    assert mit.startswith("MIT License\n\nCopyright (c) 2024 Greg Konush")
    notice = (CHART / "NOTICE").read_bytes()
    assert mit.encode() in notice
    assert b"e33cfb024520b4ce1a215d03552b8f9f3feb0725" in notice
    with zipfile.ZipFile(_wheel(dist)) as archive:
        names = archive.namelist()
        (licence,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        (listed,) = [n for n in names if n.endswith(".dist-info/licenses/charts/agents/NOTICE")]
        assert archive.read(licence) == license_text and archive.read(listed) == notice
        assert archive.read("schema_gen/chart/LICENSE") == license_text
        assert archive.read("schema_gen/chart/NOTICE") == notice
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(meta))
    assert metadata["License-Expression"] == "Apache-2.0 AND MIT"
    assert metadata.get_all("License-File") == ["LICENSE", "charts/agents/NOTICE"]
    sdist = {name.split("/", 1)[1]: data for name, data in _tar_files(_sdist(dist)).items()}
    assert sdist["LICENSE"] == license_text and sdist["charts/agents/NOTICE"] == notice
    (package,) = (dist / "chart").glob("agents-*.tgz")
    chart = _tar_files(package)
    assert chart["agents/LICENSE"] == license_text and chart["agents/NOTICE"] == notice
    # The README says which parts are upstream's, and where its notice is.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    licence = readme[readme.index("## Licence") :]
    for part in ("charts/agents/templates/", "charts/agents/dashboards/", "charts/agents/NOTICE"):
        assert part in licence, part


def test_two_builds_of_one_commit_are_byte_for_byte_the_same(dist, tmp_path):
    # The release publishes what it built once; a re-run, or anyone checking it, builds again.
    again = built_dist(tmp_path)
    files = sorted(p.relative_to(dist) for p in dist.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert len(files) == 6, files  # wheel, sdist, chart, two schemas, SHA256SUMS
    for name in files:
        assert (dist / name).read_bytes() == (again / name).read_bytes(), name


def test_building_writes_nothing_into_the_source_tree(tmp_path):
    # Two pytest workers building in one checkout collided in setuptools' build/ folder
    # ([Errno 17] File exists: build/bdist...): the backend must build out of tree.
    source = tmp_path / "source"
    for name in repository_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    before = sorted(p.relative_to(source) for p in source.rglob("*"))
    out = tmp_path / "out"
    _run(sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", out, source, cwd=tmp_path)
    assert sorted(p.relative_to(source) for p in source.rglob("*")) == before
    assert len(list(out.iterdir())) == 2


def test_the_wheel_has_a_name_pypi_accepts_and_says_where_the_project_lives(dist):
    with zipfile.ZipFile(_wheel(dist)) as archive:
        (meta,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(meta))
    this = project.project()
    # PyPI compares names lower-cased without "-_.": "schema-gen" is "schemagen", taken.
    assert re.sub(r"[-_.]", "", metadata["Name"].lower()) != "schemagen"
    assert metadata["Name"] == this.name
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL"))
    assert urls["Repository"] == this.repository and urls["Documentation"] == this.site
    assert "Programming Language :: Python :: 3.13" in metadata.get_all("Classifier")
    description = metadata.get_payload()
    assert this.helm_repository in description and this.repository in description
    assert not PLACEHOLDER.search(description)


def test_the_wheel_works_in_a_fresh_venv_outside_the_checkout(dist, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", _wheel(dist), cwd=tmp_path)
    work = tmp_path / "gitops"
    work.mkdir()
    (work / "values.yaml").write_text(GITOPS_VALUES, encoding="utf-8")
    (work / "broken.yaml").write_text(BROKEN_VALUES, encoding="utf-8")
    schema_gen = env_dir / "bin" / "schema-gen"
    assert _run(schema_gen, "lint", "values.yaml", cwd=work).stdout == "values.yaml: no problems\n"
    broken = _run(schema_gen, "lint", "broken.yaml", cwd=work, check=False)
    assert broken.returncode == 1
    assert 'broken.yaml:2: extraVolumeMounts[0]: volume "missing" is not defined' in broken.stdout
    explained = _run(schema_gen, "explain", "values.yaml", cwd=work).stdout
    version = _run(schema_gen, "--version", cwd=work).stdout
    this, chart = project.project(), packaged.chart_version()
    assert version == f"schema-gen {this.version} ({this.name}), chart agents {chart}\n"
    assert "Deployment agents-controllers (controllers)" in explained
    located = _run(python, "-c", "import schema_gen.packaged as p; print(p.chart())", cwd=work)
    assert str(env_dir) in located.stdout  # the installed chart, not this checkout's


def _git(*args: str, cwd: Path) -> None:
    _run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args, cwd=cwd)


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """This checkout (its working tree) committed in a repository pre-commit clones at a
    revision, as a GitOps repository pins a release tag; and pre-commit's environment."""
    source = tmp_path_factory.mktemp("hook-source")
    for name in repository_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    _git("init", "-q", cwd=source)
    _git("add", ".", cwd=source)
    _git("commit", "-qm", "snapshot", cwd=source)
    sha = _run("git", "rev-parse", "HEAD", cwd=source).stdout.strip()
    home = tmp_path_factory.mktemp("home")
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(home),
           "PRE_COMMIT_HOME": str(home / "pre-commit")}  # fmt: skip
    return source, sha, env


# A usual GitOps layout: one folder per application. values-dev.yaml mounts a volume
# only values-prod.yaml defines: Helm refuses it alone (helm template -f values-dev.yaml).
AGENTS = Path("argocd/applications/agents")


DEV = "extraVolumeMounts:\n  - name: corp-ca\n    mountPath: /etc/ssl/corp\n"


PROD = "extraVolumes:\n  - name: corp-ca\n    volume:\n      configMap:\n        name: corp-ca\n"


GRAFANA = Path("argocd/applications/grafana/values.yaml")


def _gitops(tmp_path: Path, hook_source, args: str = "") -> Path:
    source, sha, env = hook_source
    repo = tmp_path
    files = {
        AGENTS / "values.yaml": GITOPS_VALUES,
        AGENTS / "values-dev.yaml": DEV,
        AGENTS / "values-prod.yaml": PROD,
        GRAFANA: "adminPassword: x\n",
    }
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {sha}\n    hooks:\n"
        f"      - id: agents-values-lint\n{args}",
        encoding="utf-8",
    )
    _git("init", "-q", cwd=repo)
    _run(sys.executable, "-m", "pre_commit", "install", cwd=repo, env=env)
    _git("add", ".pre-commit-config.yaml", cwd=repo)
    _git("commit", "-qm", "pre-commit", cwd=repo)
    return repo


def _commit(repo: Path, env: dict[str, str], *paths: Path) -> subprocess.CompletedProcess:
    """Commit ``paths`` as an operator would: ``git commit`` runs the installed hook."""
    _git("add", *paths, cwd=repo)
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", "values"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    _git("reset", "-q", cwd=repo)  # a refused commit leaves its files staged
    done.stdout += done.stderr  # git prints the hook's output on stderr
    return done


# One test, so that pre-commit builds the hook's environment once (on one worker).
def test_the_hook_gives_each_file_helms_verdict_on_that_file(tmp_path, hook_source):
    env = hook_source[2]
    dev, prod = AGENTS / "values-dev.yaml", AGENTS / "values-prod.yaml"
    repo = _gitops(tmp_path / "alone", hook_source)
    # values-dev.yaml is refused however the commit is made up.
    for together in [(dev,), (dev, prod), (prod, dev)]:
        refused = _commit(repo, env, *together)
        assert refused.returncode != 0, (together, refused.stdout)
        assert f"{dev}: refused (helm template -f {dev})" in refused.stdout, refused.stdout
        assert 'volume "corp-ca" is not defined' in refused.stdout
    for fine in [(prod,), (AGENTS / "values.yaml",)]:
        done = _commit(repo, env, *fine)
        assert done.returncode == 0, done.stdout
        assert "agents chart values lint" in done.stdout and "Passed" in done.stdout
    # Another chart's values are not this hook's: adminPassword is no key of the chart.
    done = _commit(repo, env, GRAFANA)
    assert done.returncode == 0, done.stdout
    assert "agents chart values lint" in done.stdout and "(no files to check)Skipped" in done.stdout
    # An operator who declares the stack gets each overlay checked over its base.
    stack = f"        args: [--stack, {prod}]\n"
    repo = _gitops(tmp_path / "stacked", hook_source, stack)
    for together in [(dev,), (prod, dev)]:
        done = _commit(repo, env, *together)
        assert done.returncode == 0, done.stdout
        assert "agents chart values lint" in done.stdout and "Passed" in done.stdout


# A GitOps repository with a stack of each kind that deploys the chart, and another chart's.
GITOPS_STACKS = {
    Path("kustomize/agents/kustomization.yaml"): (
        "helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n"
        "    additionalValuesFiles: [values-prod.yaml]\n"
    ),
    Path("kustomize/agents/values.yaml"): PROD,
    Path("kustomize/agents/values-prod.yaml"): "replicaCount: 2\n",
    Path("argocd/agents.yaml"): (
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: agents\n"
        "spec:\n  destination:\n    namespace: agents\n  source:\n"
        "    repoURL: https://charts.example.com\n    chart: agents\n    helm:\n"
        "      valuesObject:\n        replicaCount: 2\n"
    ),
    Path("argocd/grafana/values.yaml"): "adminPassword: x\n",
}


def _gitops_stacks(tmp_path: Path, hook_source) -> Path:
    source, sha, env = hook_source
    for path, text in GITOPS_STACKS.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {sha}\n    hooks:\n      - id: agents-gitops-lint\n",
        encoding="utf-8",
    )
    _git("init", "-q", cwd=tmp_path)
    _run(sys.executable, "-m", "pre_commit", "install", cwd=tmp_path, env=env)
    _git("add", ".", cwd=tmp_path)
    _git("commit", "-qm", "gitops", "--no-verify", cwd=tmp_path)
    return tmp_path


def test_the_gitops_hook_lints_each_stack_a_change_touches(tmp_path, hook_source):
    env = hook_source[2]
    repo = _gitops_stacks(tmp_path, hook_source)
    prod = Path("kustomize/agents/values-prod.yaml")
    # A changed values file the kustomization reads: its stack is linted whole, the problem
    # at the layer's line (values-prod.yaml mounts a volume values.yaml does not define).
    (repo / prod).write_text("extraVolumeMounts:\n  - name: nope\n    mountPath: /x\n")
    refused = _commit(repo, env, prod)
    assert refused.returncode != 0, refused.stdout
    assert f"{prod}:2: extraVolumeMounts[0]" in refused.stdout, refused.stdout
    (repo / prod).write_text("extraVolumeMounts:\n  - name: corp-ca\n    mountPath: /x\n")
    done = _commit(repo, env, prod)
    assert done.returncode == 0 and "agents chart GitOps stacks lint" in done.stdout, done.stdout
    # An Application changed alone is its own stack.
    app = Path("argocd/agents.yaml")
    (repo / app).write_text(GITOPS_STACKS[app].replace("replicaCount: 2", "replicaCount: two"))
    refused = _commit(repo, env, app)
    assert refused.returncode != 0 and f"{app}:13: replicaCount" in refused.stdout, refused.stdout
    # Another chart's values touch no stack of this chart.
    (repo / "argocd/grafana/values.yaml").write_text("adminPassword: y\n")
    done = _commit(repo, env, Path("argocd/grafana/values.yaml"))
    assert done.returncode == 0, done.stdout


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
