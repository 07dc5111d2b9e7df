"""The Markdown that names the project's public addresses: install, verify, links, modeline.

Every address comes from :mod:`schema_gen.project` (pyproject.toml's URLs) and
every version from the chart's ``Chart.yaml``, so the READMEs and the docs site
name the same places, and a new release or a moved repository is one edit and
``nox -s schema``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schema_gen.project import TAG_PREFIX, Project

# The pages the chart README links to, in the order a reader wants them: (title, label
# of the Markdown link reference the README's prose uses too, path on the site).
_PAGES = [
    ("overview", "docs", ""),
    ("values reference", "values", "values/"),
    ("Config Mapping", "config-mapping", "config-mapping/"),
    ("recipes", "recipes", "recipes/"),
    ("troubleshooting", "troubleshooting", "troubleshooting/"),
    ("differences from 0.9.1", "differences", "differences/"),
]
# Who signs a release: the release workflow, run by the tag (cosign keyless signing).
_ISSUER = "https://token.actions.githubusercontent.com"


def doc_links_md(this: Project) -> str:
    """Return the chart README's links to the docs site, and the link references behind them.

    The README is read outside the repository too (Artifact Hub, ``helm show readme``),
    so the links are absolute; its prose elsewhere links by label: ``[text][values]``.
    """
    links = [f"[{title}][{label}]" for title, label, _page in _PAGES]
    targets = [f"[{label}]: {this.site}{page}" for _title, label, page in _PAGES]
    return "Documentation: " + " ·\n".join(links) + "\n\n" + "\n".join(targets) + "\n"


def helm_repo_md(this: Project) -> str:
    """Return the chart README's TL;DR: the Helm repository and a first install."""
    return (
        "```bash\n"
        f"helm repo add agents {this.helm_repository}\n"
        "helm install agents agents/agents --namespace agents --create-namespace \\\n"
        "  --set database.secretRef.name=agents-db\n"
        "```\n"
    )


def verify_command(this: Project, version: str) -> str:
    """Return the command that checks the OCI chart's signature for ``version``."""
    registry = this.oci_repository.removeprefix("oci://")
    identity = f"{this.repository}/.github/workflows/release.yml@refs/tags/{TAG_PREFIX}{version}"
    return (
        f"cosign verify {registry}/agents:{version} \\\n"
        f"  --certificate-identity {identity} \\\n"
        f"  --certificate-oidc-issuer {_ISSUER}"
    )


def install_md(this: Project, version: str) -> str:
    """Return the install commands for the chart and schema-gen, the hook, and verification.

    They name this checkout's version, which main carries before its release: they
    say that it is published by its tag. The docs site is built from a release tag, so
    there the version they name is always out.
    """
    return (
        f"These commands install {version}, which is published when its release tag,\n"
        f"`{TAG_PREFIX}{version}`, is pushed (`CHANGELOG.md` has the releases); on main\n"
        "before then, name the last release's version instead.\n\n"
        "```bash\n"
        "# The chart, from the Helm repository on the docs site ...\n"
        f"helm repo add agents {this.helm_repository}\n"
        "helm upgrade --install agents agents/agents -n agents --create-namespace -f values.yaml\n"
        "# ... or from the OCI registry\n"
        f"helm upgrade --install agents {this.oci_repository}/agents --version {version} \\\n"
        "  -n agents --create-namespace -f values.yaml\n"
        "# schema-gen, with the chart inside: lint and explain work from any folder\n"
        f"python3 -m pip install {this.name}=={version}  # or pipx / uv tool install\n"
        "schema-gen lint values.yaml && schema-gen explain values.yaml\n"
        "```\n\n"
        "In a GitOps repository, pre-commit checks each values file on every commit, alone,\n"
        "as `helm template -f FILE` would. Point `files` at your agents values (the default\n"
        "matches `values*.yaml` under a folder named `agents`), and name with `--stack` the\n"
        "files every other one is merged over:\n\n"
        "```yaml\n"
        "repos:\n"
        f"  - repo: {this.repository}\n"
        f"    rev: {TAG_PREFIX}{version}\n"
        "    hooks:\n"
        "      - id: agents-values-lint\n"
        "        files: ^argocd/applications/agents/values.*\\.ya?ml$\n"
        "        # each overlay checked as helm template -f values.yaml -f OVERLAY:\n"
        "        # args: [--stack, argocd/applications/agents/values.yaml]\n"
        "```\n\n"
        "The OCI chart is signed by the release workflow (cosign, keyless); check it with:\n\n"
        f"```bash\n{verify_command(this, version)}\n```\n"
    )


def editor_schema_md(this: Project, version: str, schema: str) -> str:
    """Return the modeline and CI check that use the published ``schema`` of ``version``."""
    url = this.schema_url(version, schema)
    return (
        f"```yaml\n# yaml-language-server: $schema={url}\n```\n\n"
        f"`check-jsonschema --schemafile {url} values.yaml` runs the same check in CI.\n"
    )


def chart_facts_md(meta: Mapping[str, Any], registry: str) -> str:
    """Return the chart's release facts from its ``Chart.yaml``, and the pinned install."""
    return (
        f"Chart version **{meta['version']}**, appVersion **{meta['appVersion']}**, "
        f"Kubernetes `{meta.get('kubeVersion', 'any')}`.\n\n"
        "```bash\n"
        f"helm install agents {registry}/agents --version {meta['version']} \\\n"
        "  -n agents --create-namespace -f values.yaml\n"
        "```\n"
    )
