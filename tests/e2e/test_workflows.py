"""The release's steps run for real, as its jobs run them, against a scratch origin, a
local stand-in for PyPI and the GitHub release downloads, and a local OCI registry:
the Helm index merged on gh-pages (or seeded from the earlier releases' packages) and
never losing a version nor replacing one, nothing republished by a re-run, and nothing
published when what is there already differs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from schema_gen.project import TAG_PREFIX
from tests.conftest import CHART
from tests.shared.release import SCRIPT, served
from tests.shared.workflows import VERSION

TAG = f"{TAG_PREFIX}{VERSION}"
Completed = subprocess.CompletedProcess
DOWNLOADS = "proompteng/agents-chart/releases/download"


def _run(*args: str | Path, cwd: Path, env: dict | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


def _git(cwd: Path, *args: str) -> str:
    return _run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args, cwd=cwd)


def _helm() -> str:
    found = shutil.which("helm") or os.environ.get("HELM3_BIN")
    if not found:
        pytest.skip("no helm CLI")
    return found


@pytest.fixture
def tools(tmp_path: Path) -> dict[str, str]:
    """The environment of a release job: a helm on PATH, its own Helm homes."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "helm").symlink_to(_helm())
    homes = {"HELM_CACHE_HOME": str(tmp_path / "helm"), "HELM_CONFIG_HOME": str(tmp_path / "helm")}
    return {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", **homes}


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


def _step(origin: Path, tmp_path: Path, env: dict, *args: str | Path) -> Completed:
    """Run a step of .ci/release.py as its job does, in a fresh checkout of ``origin``."""
    work = tmp_path / f"work{len(list(tmp_path.glob('work*')))}"
    _run("git", "clone", "-q", origin, work, cwd=tmp_path)
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=work, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip


def _index(origin: Path, tmp_path: Path, env: dict, dist: Path, base: str, *extra: str):
    return _step(origin, tmp_path, env, "index", dist, "pages", "--version", VERSION,
                 "--tag", TAG, "--download", f"{base}/{DOWNLOADS}", "--push", *extra)  # fmt: skip


def _published(origin: Path, tmp_path: Path) -> tuple[dict, Path]:
    shown = tmp_path / "shown"
    shutil.rmtree(shown, ignore_errors=True)
    _run("git", "clone", "-q", "-b", "gh-pages", origin, shown, cwd=tmp_path)
    index = yaml.safe_load((shown / "charts" / "index.yaml").read_text())
    return {e["version"]: e["urls"] for e in index["entries"]["agents"]}, shown


def _old_release(tmp_path: Path, env: dict) -> Path:
    """Package this chart as version 0.0.1, as an earlier release did; return the package."""
    old = tmp_path / "old" / "agents"
    shutil.copytree(CHART, old)
    meta = old / "Chart.yaml"
    meta.write_text(meta.read_text().replace(f"version: {VERSION}", "version: 0.0.1"))
    _run("helm", "package", old, "--destination", old.parent, cwd=tmp_path, env=env)
    return old.parent / "agents-0.0.1.tgz"


def _tag_earlier(origin: Path, tmp_path: Path) -> None:
    work = tmp_path / "tagger"
    _run("git", "clone", "-q", origin, work, cwd=tmp_path)
    _git(work, "tag", f"{TAG_PREFIX}0.0.1", "HEAD")
    _git(work, "push", "-q", "origin", "--tags")


def test_a_release_merges_its_entry_into_the_index_and_a_re_run_changes_nothing(
    origin, tmp_path, tools, dist
):
    pages = tmp_path / "pages-seed"
    (pages / "charts").mkdir(parents=True)
    shutil.copy2(_old_release(tmp_path, tools), pages / "charts")
    _run("helm", "repo", "index", pages / "charts", "--url", "https://example.org/0.0.1",
         cwd=tmp_path, env=tools)  # fmt: skip
    (pages / "charts" / "agents-0.0.1.tgz").unlink()
    _run("git", "init", "-q", "-b", "gh-pages", pages, cwd=tmp_path)
    _git(pages, "add", ".")
    _git(pages, "commit", "-qm", "0.0.1")
    _git(pages, "push", "-q", origin, "gh-pages")
    _tag_earlier(origin, tmp_path)
    with served(tmp_path / "nothing-served") as base:
        done = _index(origin, tmp_path, tools, dist, base)
    assert done.returncode == 0, done.stdout + done.stderr
    versions, shown = _published(origin, tmp_path)
    assert versions["0.0.1"] == ["https://example.org/0.0.1/agents-0.0.1.tgz"]  # kept as it was
    assert versions[VERSION] == [f"{base}/{DOWNLOADS}/{TAG}/agents-{VERSION}.tgz"]
    for schema in ("values.schema.json", "values.override.schema.json"):
        assert (shown / "schemas" / VERSION / schema).read_bytes() == (CHART / schema).read_bytes()
    # Re-running the job (say, after a later job failed) publishes nothing new.
    head = _run("git", "rev-parse", "gh-pages", cwd=origin)
    again = _index(origin, tmp_path, tools, dist, base)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"gh-pages already has agents {VERSION}: nothing to publish" in again.stdout
    assert _run("git", "rev-parse", "gh-pages", cwd=origin) == head


def test_the_first_publish_seeds_the_index_from_the_earlier_releases_packages(
    origin, tmp_path, tools, dist
):
    # As today: agents-0.10.1 was tagged and released, and gh-pages was never made.
    _tag_earlier(origin, tmp_path)
    assets = tmp_path / "github"
    (assets / DOWNLOADS / f"{TAG_PREFIX}0.0.1").mkdir(parents=True)
    package = _old_release(tmp_path, tools)
    shutil.copy2(package, assets / DOWNLOADS / f"{TAG_PREFIX}0.0.1")
    with served(assets) as base:
        done = _index(origin, tmp_path, tools, dist, base)
    assert done.returncode == 0, done.stdout + done.stderr
    versions, shown = _published(origin, tmp_path)
    assert versions == {
        VERSION: [f"{base}/{DOWNLOADS}/{TAG}/agents-{VERSION}.tgz"],
        "0.0.1": [f"{base}/{DOWNLOADS}/{TAG_PREFIX}0.0.1/agents-0.0.1.tgz"],
    }
    index = yaml.safe_load((shown / "charts" / "index.yaml").read_text())
    digests = {e["version"]: e["digest"] for e in index["entries"]["agents"]}
    assert digests["0.0.1"] == hashlib.sha256(package.read_bytes()).hexdigest()


def test_no_index_is_published_when_an_earlier_release_has_no_package(
    origin, tmp_path, tools, dist
):
    _tag_earlier(origin, tmp_path)
    with served(tmp_path) as base:
        done = _index(origin, tmp_path, tools, dist, base)
    assert done.returncode != 0
    assert f"the release {TAG_PREFIX}0.0.1 has no agents-0.0.1.tgz" in done.stderr
    assert "gh-pages" not in _run("git", "branch", "--list", cwd=origin)


def test_the_first_release_starts_the_gh_pages_branch(origin, tmp_path, tools, dist):
    with served(tmp_path) as base:
        done = _index(origin, tmp_path, tools, dist, base)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(_published(origin, tmp_path)[0]) == [VERSION]


def test_a_published_chart_is_never_replaced_by_another_build(origin, tmp_path, tools, dist):
    with served(tmp_path) as base:
        assert _index(origin, tmp_path, tools, dist, base).returncode == 0
        other = tmp_path / "other"
        shutil.copytree(dist, other)
        package = other / "chart" / f"agents-{VERSION}.tgz"
        package.write_bytes(package.read_bytes() + b"\0")  # another build's bytes
        head = _run("git", "rev-parse", "gh-pages", cwd=origin)
        done = _index(origin, tmp_path, tools, other, base)
    assert done.returncode != 0 and "a published chart is never replaced" in done.stderr
    assert _run("git", "rev-parse", "gh-pages", cwd=origin) == head


def _pypi(root: Path, files: dict[str, bytes]) -> None:
    """Lay out PyPI's JSON API for this version, holding ``files``."""
    answer = root / "pypi" / "agents-chart-schema-gen" / VERSION
    answer.mkdir(parents=True)
    urls = [{"filename": n, "digests": {"sha256": hashlib.sha256(d).hexdigest()}}
            for n, d in files.items()]  # fmt: skip
    # SimpleHTTPRequestHandler serves a folder's index.html for the folder's URL.
    (answer / "json").mkdir()
    (answer / "json" / "index.html").write_text(json.dumps({"urls": urls}))


def _check_published(origin, tmp_path, env, dist, base, registry):
    return _step(origin, tmp_path, env, "published", dist, "--version", VERSION, "--tag", TAG,
                 "--pypi", base, "--download", f"{base}/{DOWNLOADS}",
                 "--oci", f"oci://{registry}/charts")  # fmt: skip


def test_nothing_is_published_when_what_is_there_already_differs(
    origin, tmp_path, tools, dist, oci_registry
):
    env = tools | {"HELM_PLAIN_HTTP": "1"}
    root = tmp_path / "remote"
    root.mkdir()
    with served(root) as base:
        done = _check_published(origin, tmp_path, env, dist, base, oci_registry)
        assert done.returncode == 0 and done.stdout == "nothing yet\n", done.stderr
        # A finished release: every file there, identical: a re-run may go on.
        wheel = next((dist / "python").glob("*.whl"))
        _pypi(root, {wheel.name: wheel.read_bytes()})
        (root / DOWNLOADS / TAG).mkdir(parents=True)
        shutil.copy2(dist / "chart" / f"agents-{VERSION}.tgz", root / DOWNLOADS / TAG)
        package = dist / "chart" / f"agents-{VERSION}.tgz"
        _run("helm", "push", package, f"oci://{oci_registry}/charts", "--plain-http",
             cwd=tmp_path, env=env)  # fmt: skip
        done = _check_published(origin, tmp_path, env, dist, base, oci_registry)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == [
            f"published already, identical: PyPI {wheel.name}",
            f"published already, identical: GitHub release agents-{VERSION}.tgz",
            f"published already, identical: OCI agents:{VERSION}",
        ]
        # Another build's wheel on PyPI: PyPI never takes a file back.
        shutil.rmtree(root / "pypi")
        _pypi(root, {wheel.name: wheel.read_bytes() + b"\0"})
        done = _check_published(origin, tmp_path, env, dist, base, oci_registry)
        assert done.returncode == 1
        assert f"PyPI has {wheel.name} for {VERSION}, and this build differs" in done.stderr


def test_a_registry_that_cannot_be_asked_stops_the_release(origin, tmp_path, tools, dist):
    # Not knowing what is published is no answer: stop, in one line, before publishing.
    with served(tmp_path) as base:
        pass  # the server is gone: its port refuses connections now
    done = _check_published(origin, tmp_path, tools, dist, base, "127.0.0.1:9")
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"::error::cannot read {base}/pypi/agents-chart-schema-gen/")
