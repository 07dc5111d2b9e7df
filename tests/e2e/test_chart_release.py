"""The chart as operators get it: a packaged release served from a Helm repository,
and the version discipline that keeps every change under a new chart version."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from packaging.version import Version

from schema_gen.project import project
from tests.conftest import CHART, REPO
from tests.shared.chart_release import CHART_META, VERSION, _helm
from tests.shared.release import STEPS

# The release tags the release workflow reacts to: agents-<chart version>.
TAG_PREFIX = "agents-"


needs_helm = pytest.mark.skipif(not shutil.which("helm"), reason="no helm CLI on PATH")


@pytest.fixture
def repository(tmp_path: Path, dist: Path):
    """The release's chart package and its index, served over HTTP on 127.0.0.1."""
    served = tmp_path / "repo"
    served.mkdir()
    env = {
        **os.environ,
        "HELM_CONFIG_HOME": str(tmp_path / "config"),
        "HELM_CACHE_HOME": str(tmp_path / "cache"),
        "HELM_DATA_HOME": str(tmp_path / "data"),
    }
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    shutil.copy2(dist / "chart" / f"agents-{VERSION}.tgz", served)
    _helm("repo", "index", str(served), "--url", url, env=env)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url, served, env
    finally:
        server.shutdown()


@needs_helm
def test_the_packaged_chart_installs_from_a_helm_repository(repository, tmp_path):
    url, served, env = repository
    package = served / f"agents-{VERSION}.tgz"
    assert package.is_file()
    _helm("repo", "add", "agents-test", url, env=env)
    found = _helm("search", "repo", "agents-test/agents", "--output", "yaml", env=env)
    (entry,) = yaml.safe_load(found)
    assert (entry["version"], entry["app_version"]) == (VERSION, CHART_META["appVersion"])
    rendered = _helm(
        "template", "agents", "agents-test/agents", "--version", VERSION, "-n", "agents",
        "-f", str(CHART / "ci" / "gitops-values.yaml"), env=env,
    )  # fmt: skip
    kinds = {(d["kind"], d["metadata"]["name"]) for d in yaml.safe_load_all(rendered) if d}
    assert {("Deployment", "agents"), ("Deployment", "agents-controllers")} <= kinds
    pulled = tmp_path / "pulled"
    _helm("pull", "agents-test/agents", "--version", VERSION, "--untar", "-d", str(pulled), env=env)
    assert (pulled / "agents" / "values.schema.json").read_bytes() == (
        CHART / "values.schema.json"
    ).read_bytes()
    assert not (pulled / "agents" / "ci").exists()  # .helmignore keeps test samples out
    with pytest.raises(AssertionError, match="values don't meet the specifications"):
        _helm("template", "agents", "agents-test/agents", "--set", "extraVolume=x", env=env)


def _git(*args: str, cwd: Path = REPO) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def unreleased_chart_change(repo: Path, chart: str) -> str | None:
    """Return why the chart at ``chart`` (relative to ``repo``) needs a new version, or None.

    chart-testing's rule, against the release tags: a version once tagged names those
    files for good, so a change to them needs a new version, above the last release of
    its line (a 0.10.x patch may follow 0.11.0).
    """
    tags = _git("tag", "--list", f"{TAG_PREFIX}*", cwd=repo).split()
    if not tags:
        return None  # nothing released yet
    released = {tag.removeprefix(TAG_PREFIX): tag for tag in tags}
    current = str(yaml.safe_load((repo / chart / "Chart.yaml").read_text())["version"])
    if current not in released:
        refusal = STEPS.release_refusal(current, tags)  # the release workflow's own rule
        return f"Chart.yaml says version {refusal}" if refusal else None
    tag = released[current]
    changed = _git("diff", "--name-only", tag, "--", chart, cwd=repo)
    untracked = _git("ls-files", "--others", "--exclude-standard", "--", chart, cwd=repo)
    if changed or untracked:
        files = ", ".join((changed + "\n" + untracked).split())
        return f"{files} changed since {tag}, but Chart.yaml still says version {current}"
    return None


def test_a_chart_change_since_the_last_release_needs_a_new_version():
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    assert unreleased_chart_change(REPO, "charts/agents") is None


def _commit(repo: Path, message: str) -> None:
    _git("add", ".", cwd=repo)
    _git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message,
         "--allow-empty", cwd=repo)  # fmt: skip


def test_the_version_rule_catches_a_change_without_a_bump(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(CHART, repo / "charts" / "agents")
    _git("init", "-q", cwd=repo)
    _commit(repo, "c")
    _git("tag", f"{TAG_PREFIX}{VERSION}", cwd=repo)
    assert unreleased_chart_change(repo, "charts/agents") is None
    helpers = repo / "charts" / "agents" / "templates" / "_helpers.tpl"
    helpers.write_text(helpers.read_text() + "{{- /* changed */ -}}\n")
    assert "templates/_helpers.tpl changed since" in unreleased_chart_change(repo, "charts/agents")
    meta = repo / "charts" / "agents" / "Chart.yaml"
    meta.write_text(meta.read_text().replace(f"version: {VERSION}", "version: 99.0.0"))
    assert unreleased_chart_change(repo, "charts/agents") is None


@pytest.mark.parametrize(("bumped", "verdict"), [
    ("0.0.1", "not above the last release"),  # a downgrade
    ("99.0.0", None),
    (f"{Version(VERSION).major}.{Version(VERSION).minor}.{Version(VERSION).micro + 1}", None),
])  # fmt: skip
def test_the_version_rule_wants_an_increase_not_just_a_difference(tmp_path, bumped, verdict):
    repo = tmp_path / "repo"
    shutil.copytree(CHART, repo / "charts" / "agents")
    _git("init", "-q", cwd=repo)
    _commit(repo, "c")
    _git("tag", f"{TAG_PREFIX}{VERSION}", cwd=repo)
    meta = repo / "charts" / "agents" / "Chart.yaml"
    meta.write_text(meta.read_text().replace(f"version: {VERSION}", f"version: {bumped}"))
    found = unreleased_chart_change(repo, "charts/agents")
    assert (found is None) if verdict is None else (verdict in found), found


def _clis() -> list[str]:
    found = [shutil.which("helm"), os.environ.get("HELM3_BIN")]
    return [cli for cli in dict.fromkeys(found) if cli]


def test_the_oci_package_links_to_this_repository_and_pushes_to_one_digest(
    oci_registry, dist, tmp_path
):
    clis = _clis()
    if not clis:
        pytest.skip("no helm CLI")
    package = dist / "chart" / f"agents-{VERSION}.tgz"
    env = {**os.environ, "HELM_CONFIG_HOME": str(tmp_path / "config"),
           "HELM_CACHE_HOME": str(tmp_path / "cache")}  # fmt: skip
    digests = set()
    for cli in clis:
        for _ in range(2):  # a re-run pushes the same package again
            done = subprocess.run(
                [cli, "push", str(package), f"oci://{oci_registry}/charts", "--plain-http"],
                capture_output=True, text=True, env=env, check=False,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            digests |= {line.split()[1] for line in (done.stdout + done.stderr).splitlines()
                        if line.startswith("Digest:")}  # fmt: skip
    assert len(digests) == 1, digests  # the same manifest, whichever Helm and however often
    request = urllib.request.Request(
        f"http://{oci_registry}/v2/charts/agents/manifests/{VERSION}",
        headers={"Accept": "application/vnd.oci.image.manifest.v1+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        annotations = json.load(answer)["annotations"]
    assert annotations["org.opencontainers.image.source"] == project().repository
    created = datetime.fromtimestamp(package.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert annotations["org.opencontainers.image.created"] == created
    pulled = tmp_path / "pulled"
    pulled.mkdir()
    reference = f"oci://{oci_registry}/charts/agents"
    pull = [clis[0], "pull", reference, "--version", VERSION, "--plain-http", "-d", str(pulled)]
    done = subprocess.run(pull, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (pulled / package.name).read_bytes() == package.read_bytes()
