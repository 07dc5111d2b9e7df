"""The release and docs workflows as GitHub would run them: Pages only from main, one
concurrency group, the Helm index merged on the gh-pages branch and never rebuilt from
nothing, lower-case OCI references, signed charts, actions pinned by commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from schema_gen.project import TAG_PREFIX
from tests.conftest import CHART
from tests.shared.workflows import RELEASE, VERSION

TAG = f"{TAG_PREFIX}{VERSION}"


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
