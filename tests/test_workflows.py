"""The release and docs workflows as GitHub would run them: Pages only from main, one
concurrency group, the Helm index merged on the gh-pages branch and never rebuilt from
nothing, lower-case OCI references, signed charts, actions pinned by commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from schema_gen import packaged
from schema_gen.build import install_docs
from schema_gen.project import TAG_PREFIX, project
from tests.conftest import CHART, REPO

GITHUB = REPO / ".github"
WORKFLOWS = {p.name: p for p in sorted((GITHUB / "workflows").glob("*.yml"))}
VERSION = packaged.chart_version()
TAG = f"{TAG_PREFIX}{VERSION}"


def _workflow(name: str) -> dict:
    return yaml.safe_load(WORKFLOWS[name].read_text(encoding="utf-8"))


RELEASE, DOCS = _workflow("release.yml"), _workflow("docs.yml")


def _uses(workflow: dict) -> list[str]:
    return [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]


def test_every_action_is_pinned_by_commit_with_its_tag_beside_it():
    for name, path in WORKFLOWS.items():
        text = path.read_text(encoding="utf-8")
        for line in re.findall(r"uses: (.+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), (name, line)


def test_dependabot_keeps_the_actions_and_the_python_dependencies_current():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"github-actions", "pip"}


def test_pages_deploys_only_from_main_and_a_release_asks_main_to_deploy():
    # The github-pages environment admits only the default branch: a tag cannot deploy.
    assert not any("deploy-pages" in uses for uses in _uses(RELEASE))
    assert "github-pages" not in WORKFLOWS["release.yml"].read_text(encoding="utf-8")
    triggers = DOCS[True]  # PyYAML reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert DOCS["jobs"]["build"]["if"] == "github.ref == 'refs/heads/main'"
    dispatch = RELEASE["jobs"]["publish"]["steps"][-1]["run"]
    assert dispatch.startswith("gh workflow run docs.yml --ref")
    assert RELEASE["jobs"]["publish"]["permissions"]["actions"] == "write"


def test_releases_and_docs_deploys_share_one_concurrency_group():
    publish = RELEASE["jobs"]["publish"]["concurrency"]
    assert DOCS["concurrency"] == publish == {"group": "pages", "cancel-in-progress": False}


def test_oci_references_are_lower_case():
    text = WORKFLOWS["release.yml"].read_text(encoding="utf-8")
    refs = re.findall(r"ghcr\.io/\S+", text)
    assert refs and all(r.startswith("ghcr.io/${GITHUB_REPOSITORY_OWNER,,}") for r in refs), refs
    assert "repository_owner }}" not in text


def test_the_oci_chart_is_signed_and_the_docs_give_the_command_that_verifies_it():
    chart = RELEASE["jobs"]["chart"]
    assert chart["permissions"]["id-token"] == "write"
    script = "\n".join(s.get("run", "") for s in chart["steps"])
    assert 'cosign sign --yes "${registry}/agents@${digest}"' in script
    assert "cosign verify" in script
    command = install_docs.verify_command(project(), VERSION)
    assert command in (REPO / "docs" / "generated" / "install.md").read_text(encoding="utf-8")


def test_the_release_publishes_the_schemas_and_substitutes_no_placeholders():
    text = WORKFLOWS["release.yml"].read_text(encoding="utf-8")
    assert "charts/agents/values.override.schema.json" in text
    assert "pages/schemas/${VERSION}" in text
    assert "sed -i" not in text and "charts/agents/README.md" not in text


def test_the_repository_has_artifact_hub_metadata_codeowners_and_a_security_policy():
    assert yaml.safe_load((REPO / "charts" / "artifacthub-repo.yml").read_text()) is not None
    assert re.search(r"^\* @\S+", (GITHUB / "CODEOWNERS").read_text(), re.M)
    assert "Report a vulnerability" in (REPO / "SECURITY.md").read_text()


# The publish job's shell steps, run for real against a scratch origin repository.
PUBLISH_STEPS = [
    "The gh-pages branch, or a new one before the first release",
    "Merge this release into the index, and add its editor schemas",
    "Commit to gh-pages and push (one that is not a fast-forward fails)",
]


def _run(*args: str | Path, cwd: Path, env: dict | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


def _git(cwd: Path, *args: str) -> str:
    return _run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args, cwd=cwd)


def _helm() -> str:
    # The release job runs Helm 3.17; $HELM3_BIN is one, else the helm on PATH.
    found = os.environ.get("HELM3_BIN") or shutil.which("helm")
    if not found:
        pytest.skip("no helm CLI")
    return found


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A bare origin holding this chart, with the release tag pushed."""
    bare = tmp_path / "origin.git"
    _run("git", "init", "-q", "--bare", "-b", "main", bare, cwd=tmp_path)
    seed = tmp_path / "seed"
    shutil.copytree(CHART, seed / "charts" / "agents")
    _run("git", "init", "-q", "-b", "main", seed, cwd=tmp_path)
    _git(seed, "add", ".")
    _git(seed, "commit", "-qm", "chart")
    _git(seed, "tag", TAG)
    _git(seed, "push", "-q", bare, "main", "--tags")
    return bare


def _publish(origin: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run the publish job's steps as the runner would, in a fresh checkout of ``origin``."""
    work = tmp_path / f"work{len(list(tmp_path.glob('work*')))}"
    _run("git", "clone", "-q", origin, work, cwd=tmp_path)
    dist = work / "dist"
    dist.mkdir()
    tools = tmp_path / "bin"
    tools.mkdir(exist_ok=True)
    for name, target in [("helm", _helm()), ("python", sys.executable)]:
        if not (tools / name).exists():
            (tools / name).symlink_to(target)
    env = {
        **os.environ,
        "PATH": f"{tools}:{os.environ['PATH']}",
        "VERSION": VERSION,
        "GITHUB_REF_NAME": TAG,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "proompteng/agents-chart",
        "HELM_CACHE_HOME": str(tmp_path / "helm"),
        "HELM_CONFIG_HOME": str(tmp_path / "helm"),
    }
    _run(tools / "helm", "package", CHART, "--destination", dist, cwd=work, env=env)
    steps = {s.get("name"): s["run"] for s in RELEASE["jobs"]["publish"]["steps"] if "run" in s}
    script = "\n".join(steps[name] for name in PUBLISH_STEPS)
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=work, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def _published(origin: Path, tmp_path: Path) -> tuple[dict, Path]:
    shown = tmp_path / "shown"
    shutil.rmtree(shown, ignore_errors=True)
    _run("git", "clone", "-q", "-b", "gh-pages", origin, shown, cwd=tmp_path)
    index = yaml.safe_load((shown / "charts" / "index.yaml").read_text())
    return {e["version"]: e["urls"] for e in index["entries"]["agents"]}, shown


def _earlier_release(origin: Path, tmp_path: Path) -> None:
    """Publish 0.0.1 on gh-pages and tag it, as an earlier release would have."""
    pages = tmp_path / "pages-seed"
    old = tmp_path / "old" / "agents"
    shutil.copytree(CHART, old)
    meta = old / "Chart.yaml"
    meta.write_text(meta.read_text().replace(f"version: {VERSION}", "version: 0.0.1"))
    (pages / "charts").mkdir(parents=True)
    _run(_helm(), "package", old, "--destination", pages / "charts", cwd=tmp_path)
    _run(_helm(), "repo", "index", pages / "charts", "--url", "https://example.org/0.0.1",
         cwd=tmp_path)  # fmt: skip
    (pages / "charts" / "agents-0.0.1.tgz").unlink()
    _run("git", "init", "-q", "-b", "gh-pages", pages, cwd=tmp_path)
    _git(pages, "add", ".")
    _git(pages, "commit", "-qm", "0.0.1")
    _git(pages, "tag", f"{TAG_PREFIX}0.0.1")
    _git(pages, "push", "-q", origin, "gh-pages", "--tags")


def test_a_release_merges_its_entry_into_the_index_on_gh_pages(origin, tmp_path):
    _earlier_release(origin, tmp_path)
    done = _publish(origin, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    versions, shown = _published(origin, tmp_path)
    assert versions["0.0.1"] == ["https://example.org/0.0.1/agents-0.0.1.tgz"]  # kept as it was
    assert versions[VERSION] == [
        f"https://github.com/proompteng/agents-chart/releases/download/{TAG}/agents-{VERSION}.tgz"
    ]
    for schema in ("values.schema.json", "values.override.schema.json"):
        assert (shown / "schemas" / VERSION / schema).read_bytes() == (CHART / schema).read_bytes()
    # Re-running the job (say, after it was cancelled while waiting) changes nothing.
    again = _publish(origin, tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _published(origin, tmp_path)[0].keys() == versions.keys()


def test_no_index_is_published_when_gh_pages_is_missing_after_a_release(origin, tmp_path):
    work = tmp_path / "tagger"
    _run("git", "clone", "-q", origin, work, cwd=tmp_path)
    _git(work, "tag", f"{TAG_PREFIX}0.0.1")
    _git(work, "push", "-q", "origin", "--tags")
    done = _publish(origin, tmp_path)
    assert done.returncode != 0
    assert "refusing to publish an index without it" in done.stdout + done.stderr
    assert "gh-pages" not in _run("git", "branch", "--list", cwd=origin, env=None)


def test_the_first_release_starts_the_gh_pages_branch(origin, tmp_path):
    done = _publish(origin, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(_published(origin, tmp_path)[0]) == [VERSION]
