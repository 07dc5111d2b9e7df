"""Every address a reader meets is the project's own, generated from pyproject.toml's URLs:
no placeholder anywhere, and every link to the site or the repository is the real one."""

from __future__ import annotations

import re

import yaml

from schema_gen import packaged
from schema_gen.generator import install_docs
from schema_gen.project import TAG_PREFIX, project
from tests.conftest import CHART, REPO
from tests.shared.addresses import PLACEHOLDER

THIS = project()


VERSION = packaged.chart_version()


def test_the_placeholder_check_finds_each_form():
    for text in ("https://github.com/" "OWNER/REPO", "OWNER" ".github.io/REPO/charts",
                 "oci://ghcr.io/" "OWNER/charts/agents"):  # fmt: skip
        assert PLACEHOLDER.search(text), text


def test_pyproject_names_a_github_repository_and_its_pages_site():
    owner, name = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+)", THIS.repository).groups()
    assert THIS.site == f"https://{owner.lower()}.github.io/{name}/"
    assert THIS.oci_repository == f"oci://ghcr.io/{owner.lower()}/charts"


def test_readers_are_sent_to_the_projects_own_addresses():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    chart_readme = (CHART / "README.md").read_text(encoding="utf-8")
    docs = "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md"))
    for text in (readme, docs):
        assert f"helm repo add agents {THIS.helm_repository}\n" in text
        assert f"{THIS.oci_repository}/agents --version {VERSION}" in text
        assert f"pip install {THIS.name}=={VERSION}" in text
        assert f"repo: {THIS.repository}\n    rev: {TAG_PREFIX}{VERSION}\n" in text
        assert install_docs.verify_command(THIS, VERSION) in text
    assert f"helm repo add agents {THIS.helm_repository}\n" in chart_readme
    # Any GitHub Pages or GitHub address in what readers see is this project's.
    for text in (readme, chart_readme, docs):
        for url in re.findall(r"https://[\w.-]+\.github\.io/[^\s)\"'`]*", text):
            assert url.startswith(THIS.site), url
        for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", text):
            assert url == THIS.repository or "proompteng/lab" in url, url  # or Jangar's source


def test_the_modeline_names_the_schema_the_site_publishes_for_this_version():
    first = (CHART / "values.yaml").read_text(encoding="utf-8").splitlines()[0]
    url = THIS.schema_url(VERSION, "values.override.schema.json")
    assert first == f"# yaml-language-server: $schema={url}"
    assert url.startswith(THIS.site) and f"/schemas/{VERSION}/" in url
    docs = (REPO / "docs" / "generated" / "editor-schema.md").read_text(encoding="utf-8")
    assert f"$schema={url}\n" in docs


def test_artifact_hub_lists_only_public_images():
    meta = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
    images = yaml.safe_load(meta["annotations"]["artifacthub.io/images"])
    public = ("ghcr.io/", "docker.io/", "quay.io/", "registry.k8s.io/", "public.ecr.aws/")
    assert images and all(image["image"].startswith(public) for image in images), images
