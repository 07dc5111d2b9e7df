"""The chart as operators get it: a packaged release served from a Helm repository,
and the version discipline that keeps every change under a new chart version."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from schema_gen.project import project
from tests.conftest import CHART, REPO
from tests.shared.chart_release import CHART_META, VERSION
from tests.shared.release import STEPS

CHANGELOG = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def _changelog_entry(version: str) -> str:
    match = re.search(
        rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## \[|\Z)", CHANGELOG, re.M | re.S
    )
    assert match, f"CHANGELOG.md has no entry for {version}"
    return match.group(1)


def test_the_changelog_has_the_current_version_and_feeds_artifact_hub():
    entry = _changelog_entry(VERSION)
    # Keep a Changelog sections become Artifact Hub change kinds.
    kinds = {"Added": "added", "Changed": "changed", "Deprecated": "deprecated",
             "Removed": "removed", "Fixed": "fixed", "Security": "security"}  # fmt: skip
    expected = []
    for section, body in re.findall(r"^### (\w+)\n(.*?)(?=^### |\Z)", entry, re.M | re.S):
        for item in re.findall(r"^- (.+?)(?=^- |\Z)", body, re.M | re.S):
            expected.append({"kind": kinds[section], "description": " ".join(item.split())})
    assert expected
    changes = yaml.safe_load(CHART_META["annotations"]["artifacthub.io/changes"])
    assert changes == expected


def test_artifact_hub_metadata_names_the_images_license_and_links():
    annotations = CHART_META["annotations"]
    images = yaml.safe_load(annotations["artifacthub.io/images"])
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())
    # Each workload's default image; an empty tag is image.tag's, as the templates take it.
    shared = defaults["image"]["tag"]
    wanted = []
    for key in ("controlPlane", "controllers", "runner", "agentsShell"):
        image = defaults[key]["image"]
        repository = image["repository"]
        wanted.append({"name": repository.rsplit("/", 1)[-1],
                       "image": f"{repository}:{image['tag'] or shared}"})  # fmt: skip
    assert sorted(images, key=str) == sorted(wanted, key=str)
    assert annotations["artifacthub.io/license"] == "Apache-2.0"
    assert yaml.safe_load(annotations["artifacthub.io/links"])
    assert CHART_META["kubeVersion"]


def test_schema_gen_is_versioned_with_the_chart_it_carries():
    # The wheel carries the chart; each release tag publishes it to PyPI, which refuses
    # a version it already has.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == VERSION


def test_a_sample_that_needs_a_newer_kubernetes_than_kubeversion_says_so():
    # recursiveReadOnly is a Kubernetes 1.30 field; the chart declares kubeVersion >=1.25.
    assert CHART_META["kubeVersion"].startswith(">=1.25")
    users = [p for p in (CHART / "ci").glob("*.yaml") if "recursiveReadOnly" in p.read_text()]
    assert users
    recipes = (REPO / "docs" / "recipes.md").read_text(encoding="utf-8")
    for sample in users:
        assert "Kubernetes 1.30" in sample.read_text(), sample.name
        section = recipes[: recipes.index(f'--8<-- "{sample.name}"')].rsplit("\n## ", 1)[1]
        assert "Kubernetes 1.30" in section, sample.name


def test_the_oci_package_links_to_this_repository_and_names_its_home_icon_and_maintainers():
    this = project()
    # `helm push` copies the first source into org.opencontainers.image.source (Helm's
    # pkg/registry/chart.go), by which ghcr.io links and authorises the package.
    assert CHART_META["sources"][0] == this.repository
    assert "https://github.com/proompteng/lab/tree/main/charts/agents" in CHART_META["sources"]
    assert CHART_META["home"] == this.site  # also the package's org.opencontainers.image.url
    assert re.fullmatch(r"https://\S+", CHART_META["icon"])
    codeowners = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    (team,) = re.findall(r"^\* @(\S+)", codeowners, re.M)
    assert [m["name"] for m in CHART_META["maintainers"]] == [team]


def _tags(*versions: str) -> list[str]:
    return [f"agents-{v}" for v in versions]


@pytest.mark.parametrize(("version", "tags", "verdict"), [
    ("0.11.0", [], None),  # the first release
    ("0.11.0", _tags("0.10.1"), None),
    ("0.10.2", _tags("0.10.1", "0.11.0"), None),  # a patch from the release-0.10 branch
    ("0.10.1", _tags("0.10.1", "0.11.0"), "0.10.1 is released already (agents-0.10.1)"),
    ("0.10.0", _tags("0.10.1", "0.11.0"), "0.10.0 is not above the last 0.10.x release, 0.10.1"),
    ("0.9.5", _tags("0.10.1", "0.11.0"), "0.9.5 is not above the last release, 0.11.0"),
    ("0.12.0", _tags("0.10.1", "0.11.0"), None),
])  # fmt: skip
def test_a_release_raises_the_version_of_its_line(version, tags, verdict):
    assert STEPS.release_refusal(version, tags) == verdict
