"""``schema-gen generate``: every generated file written, or, with ``--check``, named if stale."""

from __future__ import annotations

import sys
from pathlib import Path

from schema_gen import packaged
from schema_gen.packaged import CHECKOUT_CHART, CHECKOUT_DOCS, CHECKOUT_README
from schema_gen.tools.commands import say
from schema_gen.tools.values_files import UnreadableValues


def _shown(path: Path) -> Path:
    """Return ``path`` relative to the working directory when it is below it, as others show."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def generate(chart: Path, docs: Path | None, check: bool, quiet: bool = False) -> int:
    if not (chart / "Chart.yaml").is_file():
        print(f"schema-gen: {chart} is not a chart directory (no Chart.yaml)", file=sys.stderr)
        return 2
    # The chart of this checkout, however it is spelled, comes with the checkout's docs.
    default_chart = chart.resolve() == CHECKOUT_CHART.resolve()
    if docs is None and default_chart:
        docs = CHECKOUT_DOCS
    from schema_gen.generator.artifacts import UnusableFile, stale_files
    from schema_gen.generator.markers import MarkerError
    from schema_gen.generator.template_checks import UnusableTemplates
    from schema_gen.generator.troubleshooting_samples import UnusableSample
    from schema_gen.tools.file_writes import UnwritableFile
    from schema_gen.tools.helm_engine import RenderRejected

    try:
        readme = CHECKOUT_README if default_chart and CHECKOUT_README.is_file() else None
        # Lint's compiled contract belongs to the chart this schema-gen ships.
        shipped = chart.resolve() == packaged.chart().resolve()
        contract = _shown(packaged.CONTRACT) if shipped else None
        stale = stale_files(chart, docs, readme, write=not check, contract=contract)
    except (MarkerError, UnusableFile, UnusableSample, UnreadableValues, UnwritableFile) as error:
        say(error, error=True)
        return 2
    except OSError as error:  # a file the generator reads or stages, refused by the system
        say(
            f"{error.filename or chart}: {error.strerror or error}; nothing was written", error=True
        )
        return 2
    except UnusableTemplates as error:
        for line in error.problems:
            say(line, error=True)
        say("nothing was written", error=True)
        return 2
    except RenderRejected as error:  # the docs render the chart; a broken chart stops that
        say(f"schema-gen: {chart} does not render, so nothing was written:", error=True)
        for line in error.message.splitlines():
            say(f"  {line}", error=True)
        return 2
    if not check:
        if not quiet:
            said = ", ".join(str(path) for path in stale)
            files = "file" if len(stale) == 1 else "files"
            print(f"wrote {len(stale)} generated {files}: {said}" if stale else
                  "every generated file was current; nothing written")  # fmt: skip
        return 0
    if not stale:
        if not quiet:
            print("every generated file is current")
        return 0
    fix = "schema-gen generate" + ("" if default_chart else f" --chart {chart}")
    fix += f" --docs {docs}" if docs and docs != CHECKOUT_DOCS else ""
    for path in stale:
        print(f"stale: {path}", file=sys.stderr)
    print(f"Run `{fix}` (or `nox -s schema`) to regenerate.", file=sys.stderr)
    return 1
