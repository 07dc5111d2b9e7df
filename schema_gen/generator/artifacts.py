"""The files ``schema-gen generate`` owns, and how each is produced.

Chart files live in the chart directory; the docs' generated pages in the docs
directory, from which the mkdocs pages include them. Some pages render the chart,
so they are produced against the chart as this generation leaves it: one
``generate`` leaves a tree that a fresh check finds current.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from schema_gen import project
from schema_gen.contract import environment, notices
from schema_gen.contract.models import chart_defaults
from schema_gen.generator import (
    captures,
    chart_files,
    compiled,
    differences_docs,
    install_docs,
    mapping_docs,
    markers,
    migration_docs,
    reference_docs,
    render_checks,
    schema_export,
    template_checks,
    troubleshooting_docs,
)
from schema_gen.generator.troubleshooting_samples import read_samples
from schema_gen.tools.file_writes import UnwritableFile, write_whole
from schema_gen.tools.values_files import coalesced, read_values_file

GENERATED_DOCS = "generated"  # folder under the docs directory
TROUBLESHOOTING_SAMPLES = "troubleshooting"  # folder under the docs directory
GITOPS_SAMPLE = "gitops-values.yaml"
# For editors checking an override file; Helm ignores it (only values.schema.json counts).
EDITOR_SCHEMA = "values.override.schema.json"  # the desired state, among the chart's ci samples


@dataclass(frozen=True)
class Artifact:
    """A generated file: where it goes and how to produce it from what is there now."""

    path: Path
    produce: Callable[[Path, str | None], str]  # (path, current text or None) -> wanted text


def _values_schema(path: Path, current: str | None) -> str:
    try:
        existing = json.loads(current) if current else None
    except json.JSONDecodeError as error:
        raise UnusableFile(
            path,
            error.lineno,
            f"not valid JSON ({error.msg}); the generator merges its part into this file, so "
            "fix it, or delete it to generate it afresh",
        ) from None
    if existing is not None and not isinstance(existing, dict):
        raise UnusableFile(path, 1, "not a JSON object; delete it to generate it afresh")
    return schema_export.schema_text(
        schema_export.merged_schema(existing, schema_export.values_schema())
    )


def _chart_meta(chart: Path) -> dict:
    try:
        return copy.deepcopy(_parsed_chart_yaml((chart / "Chart.yaml").read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as error:
        raise UnusableFile(chart / "Chart.yaml", 1, f"cannot read it: {error}") from None


@functools.lru_cache(maxsize=4)
def _parsed_chart_yaml(text: str) -> dict:
    # Five files name the chart's version or facts; parsing the text once (keyed on the
    # text itself, so an edit is never missed) spares four pure-Python parses.
    return yaml.safe_load(text)


def _chart_readme(path: Path, current: str | None) -> str:
    if current is None:
        raise markers.MarkerError(path, 1, "the chart README is missing; it holds the markers")
    this = project.project()
    return markers.filled(
        path,
        current,
        {
            "doc-links": install_docs.doc_links_md(this),
            "helm-repo": install_docs.helm_repo_md(this),
            "chart-facts": _chart_facts(path.parent),
            "reserved-names": reference_docs.reserved_names_md(),
            "values-reference": reference_docs.values_reference_md(),
            "volume-mapping": mapping_docs.volume_mapping_md(),
        },
    )


def _gitops_env(chart: Path) -> str:
    gitops = read_values_file(chart / "ci" / GITOPS_SAMPLE).data
    merged = coalesced(chart_defaults(), gitops)
    return mapping_docs.effective_env_md(merged, captures.first_containers(chart, gitops))


def _version(chart: Path) -> str:
    return str(_chart_meta(chart)["version"])


def _install(chart: Path) -> str:
    return install_docs.install_md(project.project(), _version(chart))


def _editor_schema(chart: Path) -> str:
    return install_docs.editor_schema_md(project.project(), _version(chart), EDITOR_SCHEMA)


def _chart_facts(chart: Path) -> str:
    return install_docs.chart_facts_md(_chart_meta(chart), project.project().oci_repository)


def chart_artifacts(chart: Path) -> list[Artifact]:
    """Return the generated files of ``chart``."""
    return [
        Artifact(chart / "values.schema.json", _values_schema),
        Artifact(
            chart / "values.yaml",
            lambda _p, _c: chart_files.values_yaml(
                project.project().schema_url(_version(chart), EDITOR_SCHEMA)
            ),
        ),
        Artifact(
            chart / EDITOR_SCHEMA,
            lambda _p, _c: schema_export.schema_text(schema_export.editor_schema()),
        ),
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
        Artifact(
            chart / "templates" / "_notices.tpl",
            lambda _p, _c: chart_files.notices_template(),
        ),
        Artifact(
            chart / "templates" / "_fallbacks.tpl",
            lambda _p, _c: chart_files.fallbacks_template(),
        ),
        Artifact(
            chart / "templates" / "_divisors.tpl",
            lambda _p, _c: chart_files.divisors_template(),
        ),
        Artifact(chart / "README.md", _chart_readme),
    ]


def docs_artifacts(docs_dir: Path, chart: Path) -> list[Artifact]:
    """Return the generated pages of the docs site, included by its hand-written pages."""
    out = docs_dir / GENERATED_DOCS
    # Three pages are made of the samples: read them (and the captures) once per run.
    samples = functools.cache(lambda: read_samples(docs_dir / TROUBLESHOOTING_SAMPLES))
    return [
        Artifact(out / "reserved-names.md", lambda _p, _c: reference_docs.reserved_names_md()),
        Artifact(
            out / "values-reference.md",
            lambda _p, _c: reference_docs.values_reference_md(site=True),
        ),
        Artifact(out / "config-mapping.md", lambda _p, _c: mapping_docs.config_mapping_md()),
        Artifact(out / "differences.md", lambda _p, _c: differences_docs.differences_md()),
        Artifact(out / "chart-facts.md", lambda _p, _c: _chart_facts(chart)),
        Artifact(out / "install.md", lambda _p, _c: _install(chart)),
        Artifact(out / "editor-schema.md", lambda _p, _c: _editor_schema(chart)),
        Artifact(
            out / "troubleshooting.md",
            lambda _p, _c: troubleshooting_docs.troubleshooting_md(samples()),
        ),
        Artifact(
            out / "api-checks.md",
            lambda _p, _c: troubleshooting_docs.api_checks_md(samples()),
        ),
        Artifact(out / "gitops-env.md", lambda _p, _c: _gitops_env(chart)),
        Artifact(
            out / "migrating.md",
            lambda _p, _c: migration_docs.migrating_md(docs_dir / migration_docs.SAMPLE),
        ),
        Artifact(
            docs_dir / "javascripts" / "troubleshooting-entries.js",
            lambda _p, _c: troubleshooting_docs.entries_js(samples()),
        ),
    ]


def contract_artifacts(module: Path, schema_text: str) -> list[Artifact]:
    """Return lint's compiled contract (:mod:`.compiled`), from this schema text."""

    def produce(_path: Path, _current: str | None) -> str:
        schema = json.loads(schema_text)
        return compiled.values_contract_py(schema, chart_defaults(), notices.template_data())

    return [Artifact(module, produce)]


def readme_artifacts(readme: Path, chart: Path) -> list[Artifact]:
    """Return the repository README, whose install section names the published addresses."""

    def produce(path: Path, current: str | None) -> str:
        if current is None:
            raise markers.MarkerError(path, 1, "the README is missing; it holds the markers")
        return markers.filled(path, current, {"install": _install(chart)})

    return [Artifact(readme, produce)]


class UnusableFile(Exception):
    """A file generation must read but cannot use: ``FILE:LINE: why and the fix``."""

    def __init__(self, path: Path, line: int, why: str) -> None:
        super().__init__(f"{path}:{line}: {why}")


def _current(path: Path) -> str | None:
    """Return the file's text exactly, line endings included, or None if there is none."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnusableFile(path, 1, f"cannot read it: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnusableFile(
            path, line, "not UTF-8 text; save it as UTF-8 (the generator keeps every byte else)"
        ) from None


def _in_line_endings_of(current: str | None, wanted: str) -> str:
    """Return ``wanted`` with the file's own line endings: CRLF stays CRLF."""
    if current is not None and "\r\n" in current:
        return re.sub(r"(?<!\r)\n", "\r\n", wanted)
    return wanted


@dataclass(frozen=True)
class _Fresh:
    """A generated file's wanted text, and whether it differs from the file's."""

    path: Path
    text: str
    changed: bool


def _fresh(artifacts: list[Artifact]) -> list[_Fresh]:
    fresh = []
    for artifact in artifacts:
        current = _current(artifact.path)
        wanted = _in_line_endings_of(current, artifact.produce(artifact.path, current))
        fresh.append(_Fresh(artifact.path, wanted, wanted != current))
    return fresh


@contextlib.contextmanager
def _chart_as_generated(chart: Path, fresh: list[_Fresh]) -> Iterator[Path]:
    """Yield a chart that holds this generation's chart files, for the pages to render.

    ``chart`` itself when none of its files changes; else a temporary copy with the
    new files, so nothing is written to the tree before every file is produced.
    """
    changed = [f for f in fresh if f.changed]
    if not changed:
        yield chart
        return
    with tempfile.TemporaryDirectory(prefix="schema-gen-") as scratch:
        staged = Path(scratch) / chart.resolve().name
        faults: list[OSError] = []

        def copied(source: str, target: str) -> object:
            try:
                return shutil.copy2(source, target)
            except OSError as error:  # copytree would keep only its words
                faults.append(error)
                raise

        try:
            shutil.copytree(chart, staged, copy_function=copied)
            for f in changed:  # a scratch copy: written plainly, its bytes as generated
                (staged / f.path.relative_to(chart)).write_bytes(f.text.encode("utf-8"))
        except OSError as error:
            fault = faults[0] if faults else error
            raise UnwritableFile(Path(fault.filename or staged), fault, []) from None
        yield staged


def _refuse_miswritten_variables(chart: Path) -> None:
    """Refuse templates that write a declared variable wrongly, or not at all (see
    :mod:`template_checks`)."""
    from schema_gen.contract.models import Values

    # Generated helpers name variables in their words (the notices' advice) but set none.
    generated = {artifact.path for artifact in chart_artifacts(chart)}
    templates = [
        t
        for t in sorted((chart / "templates").rglob("*"))
        if t.suffix in (".tpl", ".yaml") and t not in generated
    ]
    declared = environment.declarations(Values)
    found = template_checks.problems(templates, declared)
    found += template_checks.retyped_defaults(templates)
    found += template_checks.unknown_fallbacks(templates, chart_files.fallbacks())
    found += [
        f"{chart / 'templates' / '_env.tpl'}:1: {missing.var.name} is declared on "
        f"{missing.path} (a Config Mapping row), but no template writes it; add its line "
        "here, or remove the EnvVar from the model"
        for missing in template_checks.unwritten(templates, declared)
    ]
    if found:
        raise template_checks.UnusableTemplates(found)


def _refuse_a_render_kubernetes_refuses(chart: Path) -> None:
    """Refuse a chart whose render Kubernetes would refuse, or whose typed variables render
    where or in a form their Config Mapping rows do not say (see :mod:`render_checks`)."""
    from schema_gen.contract.models import Values

    found = render_checks.problems(chart, environment.declarations(Values))
    if found:
        raise template_checks.UnusableTemplates(found)


def stale_files(
    chart: Path,
    docs: Path | None,
    readme: Path | None = None,
    *,
    write: bool,
    contract: Path | None = None,
) -> list[Path]:
    """Return the generated files whose bytes differ from a fresh generation; rewrite them if
    ``write``.

    The chart's files are produced first and the docs' pages against them, and every
    file before any is written, so an unusable input (damaged markers:
    :class:`markers.MarkerError`; anything else: :class:`UnusableFile`) leaves every
    file as it was, and so does a write that fails (:class:`UnwritableFile`) before
    the renames. ``contract``, when given, is where lint's compiled contract goes (for
    the chart schema-gen ships).
    """
    _refuse_miswritten_variables(chart)
    chart_files_ = _fresh(chart_artifacts(chart))
    fresh = list(chart_files_)
    if contract is not None:
        schema = next(f.text for f in chart_files_ if f.path == chart / "values.schema.json")
        fresh += _fresh(contract_artifacts(contract, schema))
    if readme is not None:  # outside the chart, so not among the files a render sees
        fresh += _fresh(readme_artifacts(readme, chart))
    with _chart_as_generated(chart, chart_files_) as rendered:
        _refuse_a_render_kubernetes_refuses(rendered)
        if docs is not None:
            fresh += _fresh(docs_artifacts(docs, rendered))
    if write:
        write_whole({f.path: f.text for f in fresh if f.changed})
    return [f.path for f in fresh if f.changed]
