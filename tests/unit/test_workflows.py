"""The release and docs workflows as GitHub would run them: nothing published before the
tests and the checks pass, the files built once and published as tested, Pages only
from main and only a release's site, one concurrency group, lower-case OCI references,
signed charts, actions pinned by commit, no expression expanded inside a script."""

from __future__ import annotations

import itertools
import re

import yaml

from schema_gen.generator import install_docs
from schema_gen.project import project
from tests.conftest import REPO
from tests.shared.workflows import DOCS, GITHUB, RELEASE, VERSION, WORKFLOWS


def _uses(workflow: dict) -> list[str]:
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    return [s["uses"] for s in steps if "uses" in s]


def _scripts(job: dict) -> str:
    return "\n".join(s.get("run", "") for s in job.get("steps", []))


def test_every_action_is_pinned_by_commit_with_its_tag_beside_it():
    for name, path in WORKFLOWS.items():
        text = path.read_text(encoding="utf-8")
        for line in re.findall(r"uses: (.+)", text):
            if line.startswith("./.github/workflows/"):  # this repository's, at this commit
                assert (GITHUB.parent / line).is_file(), line
                continue
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), (name, line)


def test_dependabot_keeps_the_actions_and_the_python_dependencies_current():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"github-actions", "pip"}


def test_pages_deploys_only_from_main_and_only_a_releases_site():
    # The github-pages environment admits only the default branch: a tag cannot deploy.
    assert not any("deploy-pages" in uses for uses in _uses(RELEASE))
    assert "github-pages" not in WORKFLOWS["release.yml"].read_text(encoding="utf-8")
    triggers = DOCS[True]  # PyYAML reads the key `on` as True
    # No push: main between releases names a version nobody can install yet.
    assert list(triggers) == ["workflow_dispatch"]
    assert "tag" in triggers["workflow_dispatch"]["inputs"]
    build = DOCS["jobs"]["build"]
    assert build["if"] == "github.ref == 'refs/heads/main'"
    steps = [s.get("run", "") for s in build["steps"]]
    checkout = next(i for i, run in enumerate(steps) if 'git checkout -q "refs/tags/${tag}"' in run)
    assert checkout < steps.index("nox -s check") < steps.index("nox -s docs")
    dispatch = RELEASE["jobs"]["pages"]["steps"][-1]["run"]
    assert dispatch.startswith("gh workflow run docs.yml --ref")
    assert '-f tag="${GITHUB_REF_NAME}"' in dispatch
    assert RELEASE["jobs"]["pages"]["permissions"]["actions"] == "write"


def test_releases_and_docs_deploys_share_one_concurrency_group():
    pages = RELEASE["jobs"]["pages"]["concurrency"]
    assert DOCS["concurrency"] == pages == {"group": "pages", "cancel-in-progress": False}


def test_oci_references_are_lower_case():
    text = WORKFLOWS["release.yml"].read_text(encoding="utf-8")
    refs = re.findall(r"ghcr\.io/\S+", text)
    assert refs and all(r.startswith("ghcr.io/${GITHUB_REPOSITORY_OWNER,,}") for r in refs), refs
    assert "repository_owner }}" not in text


def test_the_oci_chart_is_signed_and_the_docs_give_the_command_that_verifies_it():
    chart = RELEASE["jobs"]["oci"]
    assert chart["permissions"]["id-token"] == "write"
    script = _scripts(chart)
    assert 'cosign sign --yes "${registry}/agents@${digest}"' in script
    assert "cosign verify" in script
    command = install_docs.verify_command(project(), VERSION)
    assert command in (REPO / "docs" / "generated" / "install.md").read_text(encoding="utf-8")


def test_the_release_publishes_the_schemas_and_substitutes_no_placeholders():
    text = WORKFLOWS["release.yml"].read_text(encoding="utf-8")
    assert "dist/chart/values.override.schema.json" in text
    assert "sed -i" not in text and "charts/agents/README.md" not in text


def _needs(workflow: dict, name: str) -> set[str]:
    """Return every job ``name`` waits for, directly or through others."""
    needs = workflow["jobs"][name].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct.union(*(_needs(workflow, n) for n in direct)) if direct else set()


def _writes(job: dict) -> bool:
    return any(v == "write" for v in (job.get("permissions") or {}).values())


PUBLISHING = ["oci", "pypi", "github-release", "pages"]  # in the order they run


def test_nothing_is_published_before_the_tests_and_every_check_pass():
    jobs = RELEASE["jobs"]
    assert RELEASE["permissions"] == {"contents": "read"}
    # Only the publishing jobs may write, and each waits for the tests and the checks.
    assert {name for name, job in jobs.items() if _writes(job) or "environment" in job} == set(
        PUBLISHING
    )
    for name in PUBLISHING:
        assert {"build", "verify", "ready"} <= _needs(RELEASE, name), name
    # One after another: a failure stops what comes after it; the index, which points
    # at the GitHub release's package, comes last.
    for earlier, later in itertools.pairwise(PUBLISHING):
        assert earlier in _needs(RELEASE, later), (earlier, later)
    assert not {"verify", "ready"} & {n for job in ("build",) for n in _needs(RELEASE, job)}


def test_the_release_builds_once_and_publishes_the_files_its_tests_checked():
    jobs = RELEASE["jobs"]
    build = _scripts(jobs["build"])
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct HEAD)" nox -s dist' in build
    (upload,) = [s for s in jobs["build"]["steps"] if "upload-artifact" in s.get("uses", "")]
    assert upload["with"] == {"name": "release-dist", "path": "dist", "if-no-files-found": "error"}
    assert jobs["verify"]["with"] == {"dist": "release-dist"}
    for name in ("ready", *PUBLISHING):
        (download,) = [s for s in jobs[name]["steps"] if "download-artifact" in s.get("uses", "")]
        assert download["with"]["name"] == "release-dist", name
    for name, job in jobs.items():
        if name != "build":
            for builder in ("helm package", "python -m build", "nox -s dist"):
                assert builder not in _scripts(job), (name, builder)
    (publish,) = [s for s in jobs["pypi"]["steps"] if "pypi-publish" in s.get("uses", "")]
    assert publish["with"]["packages-dir"] == "dist/python"


def test_no_workflow_expands_an_expression_inside_a_script():
    # zizmor's template-injection: a value spliced into a script is code; pass it in env.
    for name, path in WORKFLOWS.items():
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), (name, job_name, step.get("name"))


# A requirement pinned with ==, an optional marker, then one or more --hash lines.
HASHED = re.compile(
    r"^([a-z0-9-]+)==\S+(?: ;[^\\\n]*)? \\\n(?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", re.M
)
INSTALL = "pip install --require-hashes -r .github/requirements/nox.txt"


def test_workflows_install_only_what_a_hashed_lock_pins():
    lock = (GITHUB / "requirements" / "nox.txt").read_text(encoding="utf-8")
    pinned = HASHED.findall(lock)
    assert "nox" in pinned
    assert len(pinned) == len(re.findall(r"^\S+==", lock, re.M))  # every one has its hashes
    for name, path in WORKFLOWS.items():
        for line in re.findall(r"pip install.*", path.read_text(encoding="utf-8")):
            assert line == INSTALL, (name, line)
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    watched = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert ("pip", "/.github/requirements") in watched


def test_the_repository_has_artifact_hub_metadata_codeowners_and_a_security_policy():
    assert yaml.safe_load((REPO / "charts" / "artifacthub-repo.yml").read_text()) is not None
    assert re.search(r"^\* @\S+", (GITHUB / "CODEOWNERS").read_text(), re.M)
    assert "Report a vulnerability" in (REPO / "SECURITY.md").read_text()


def test_the_install_commands_say_their_version_is_out_only_once_its_tag_is():
    # main carries the next version before its release; the site is built from a tag.
    said = (
        f"These commands install {VERSION}, which is published when its release tag,\n"
        f"`agents-{VERSION}`, is pushed"
    )
    for page in (REPO / "README.md", REPO / "docs" / "generated" / "install.md"):
        assert said in page.read_text(encoding="utf-8"), page
