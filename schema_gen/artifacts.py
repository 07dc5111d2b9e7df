"""The files ``schema-gen generate`` owns, and how each is produced.

Chart files live in the chart directory; the docs' generated pages in the docs
directory, from which the mkdocs pages include them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from schema_gen import captures, chart_files, docs, markers, schema_export
from schema_gen.models import chart_defaults
from schema_gen.values_files import coalesced, read_values_file

GENERATED_DOCS = "generated"  # folder under the docs directory
TROUBLESHOOTING_SAMPLES = "troubleshooting"  # folder under the docs directory
GITOPS_SAMPLE = "gitops-values.yaml"  # the desired state, among the chart's ci samples


@dataclass(frozen=True)
class Artifact:
    """A generated file: where it goes and how to produce it from what is there now."""

    path: Path
    produce: Callable[[Path, str | None], str]  # (path, current text or None) -> wanted text


def _values_schema(_path: Path, current: str | None) -> str:
    existing = json.loads(current) if current else None
    return schema_export.schema_text(
        schema_export.merged_schema(existing, schema_export.values_schema())
    )


def _chart_readme(path: Path, current: str | None) -> str:
    if current is None:
        raise markers.MarkerError(path, 1, "the chart README is missing; it holds the markers")
    return markers.filled(
        path,
        current,
        {
            "reserved-names": docs.reserved_names_md(),
            "values-reference": docs.values_reference_md(),
            "config-mapping": docs.config_mapping_md(),
        },
    )


def _gitops_env(chart: Path) -> str:
    gitops = read_values_file(chart / "ci" / GITOPS_SAMPLE).data
    merged = coalesced(chart_defaults(), gitops)
    return docs.effective_env_md(merged, captures.container_env(chart, gitops))


def chart_artifacts(chart: Path) -> list[Artifact]:
    """Return the generated files of ``chart``."""
    return [
        Artifact(chart / "values.schema.json", _values_schema),
        Artifact(chart / "values.yaml", lambda _p, _c: chart_files.values_yaml()),
        Artifact(
            chart / "templates" / "_components.tpl",
            lambda _p, _c: chart_files.components_template(),
        ),
        Artifact(
            chart / "templates" / "_reserved.tpl",
            lambda _p, _c: chart_files.reserved_volumes_template(),
        ),
        Artifact(
            chart / "templates" / "_env_mapping.tpl",
            lambda _p, _c: chart_files.env_mapping_template(),
        ),
        Artifact(chart / "README.md", _chart_readme),
    ]


def docs_artifacts(docs_dir: Path, chart: Path) -> list[Artifact]:
    """Return the generated pages of the docs site, included by its hand-written pages."""
    out = docs_dir / GENERATED_DOCS
    samples = docs_dir / TROUBLESHOOTING_SAMPLES
    return [
        Artifact(out / "reserved-names.md", lambda _p, _c: docs.reserved_names_md()),
        Artifact(out / "values-reference.md", lambda _p, _c: docs.values_reference_md()),
        Artifact(out / "config-mapping.md", lambda _p, _c: docs.config_mapping_md()),
        Artifact(out / "differences.md", lambda _p, _c: docs.differences_md()),
        Artifact(
            out / "troubleshooting.md",
            lambda _p, _c: docs.troubleshooting_md(captures.captured(samples, chart)),
        ),
        Artifact(out / "gitops-env.md", lambda _p, _c: _gitops_env(chart)),
    ]


def stale_files(
    artifacts: list[Artifact], *, write: bool, produced: dict[Path, str] | None = None
) -> list[Path]:
    """Return the files whose bytes differ from a fresh generation; rewrite them if ``write``.

    ``produced``, when given, receives each file's fresh text. Raises
    :class:`markers.MarkerError` for a hand-written file whose markers are damaged.
    """
    stale = []
    for artifact in artifacts:
        path = artifact.path
        current = path.read_text(encoding="utf-8") if path.exists() else None
        wanted = artifact.produce(path, current)
        if produced is not None:
            produced[path] = wanted
        if wanted != current:
            stale.append(path)
            if write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(wanted, encoding="utf-8")
    return stale
