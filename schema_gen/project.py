"""The project's name, version and public addresses: pyproject.toml is the one place.

In a checkout they are read from ``pyproject.toml`` beside the package; installed,
from the distribution's metadata, which the build wrote from the same file. Every
address a reader meets (the Helm repository, the OCI registry, the docs site, the
editor schemas, the pre-commit repository) is derived here from the repository and
documentation URLs, so none is spelled twice. Standard library only: the docs
build's hook and the workflows load it without installing the package.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_PACKAGE = "schema_gen"
# The tag of a release: agents-<chart version>; the release workflow reacts to it.
TAG_PREFIX = "agents-"


@dataclass(frozen=True)
class Project:
    """The distribution and where it is published."""

    name: str  # on PyPI
    version: str
    repository: str  # https://github.com/OWNER/NAME
    site: str  # the docs site, ending in "/"

    @property
    def owner(self) -> str:
        """Return the repository's owner, lower-cased as registries spell it."""
        return self.repository.rstrip("/").split("/")[-2].lower()

    @property
    def helm_repository(self) -> str:
        """Return the Helm repository's URL (its index.yaml lives there)."""
        return f"{self.site}charts"

    @property
    def oci_repository(self) -> str:
        """Return the OCI repository the chart is pushed to (``helm push`` appends the name)."""
        return f"oci://ghcr.io/{self.owner}/charts"

    def schema_url(self, chart_version: str, file: str) -> str:
        """Return where the docs site publishes ``file`` of the chart at ``chart_version``."""
        return f"{self.site}schemas/{chart_version}/{file}"


def _from_pyproject(path: Path) -> tuple[str, str, dict[str, str]]:
    table = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    return table["name"], table["version"], table["urls"]


def _from_metadata() -> tuple[str, str, dict[str, str]]:
    import importlib.metadata  # slow to import (~0.1 s); only an installed package needs it

    (name, *_) = importlib.metadata.packages_distributions()[_PACKAGE]
    meta = importlib.metadata.metadata(name)
    urls = dict(entry.split(", ", 1) for entry in meta.get_all("Project-URL") or [])
    return meta["Name"], meta["Version"], urls


def project() -> Project:
    """Return the project as this checkout's pyproject.toml, or the installed metadata, says."""
    name, version, urls = _from_pyproject(_PYPROJECT) if _PYPROJECT.is_file() else _from_metadata()
    site = urls["Documentation"]
    return Project(name, version, urls["Repository"], site if site.endswith("/") else site + "/")


def source() -> Path | None:
    """Return the pyproject.toml the project is read from, if it is a checkout's."""
    return _PYPROJECT if _PYPROJECT.is_file() else None
