"""The release and docs workflows as GitHub would run them: Pages only from main, one
concurrency group, the Helm index merged on the gh-pages branch and never rebuilt from
nothing, lower-case OCI references, signed charts, actions pinned by commit."""

from __future__ import annotations

import re

import yaml

from schema_gen.generator import install_docs
from schema_gen.project import project
from tests.conftest import REPO
from tests.shared.workflows import DOCS, GITHUB, RELEASE, VERSION, WORKFLOWS


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
