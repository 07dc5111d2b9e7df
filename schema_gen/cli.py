"""The ``schema-gen`` command line: a thin layer over the generator."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from schema_gen import packaged
from schema_gen.clean_values import is_clean
from schema_gen.values_files import UnreadableValues, decoded, read_sources

# The modules that generate or word problems (the models, the Helm engine) load only
# when a command needs them: lint passes a clean file without them.
DEFAULT_CHART = Path("charts/agents")
DEFAULT_DOCS = Path("docs")
DEFAULT_README = Path("README.md")  # the checkout's, whose install section is generated


def printable(text: str) -> str:
    """Return ``text`` with every control character escaped (``\\n``, ``\\x1b``, ``\\x00``).

    A message quotes values from the operator's files: escaped, a value cannot start
    a second, forged ``FILE:LINE:`` line or drive the terminal.
    """
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def _say(text: str, *, error: bool = False) -> None:
    print(printable(str(text)), file=sys.stderr if error else sys.stdout)


def version_line() -> str:
    """Return what ``--version`` prints: this tool's version and the chart it carries."""
    from schema_gen import project  # reads pyproject.toml: only --version needs it

    this = project.project()
    return f"schema-gen {this.version} ({this.name}), chart agents {packaged.chart_version()}"


class _Version(argparse.Action):
    """``--version``, which reads the versions only when asked (argparse's wants a string)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(version_line())
        parser.exit()


def _namespace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-n",
        "--namespace",
        default=None,
        help="the release namespace, as helm -n (some rules depend on it); without it, "
        "namespaceOverride if the values set it, else those rules are not checked",
    )


def _quiet_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-q", "--quiet", action="store_true", help=f"print nothing on success ({what})"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="schema-gen",
        description="Generate the agents chart's values.schema.json and values.yaml from the "
        "Pydantic models of its values.",
    )
    parser.add_argument(
        "--version", action=_Version, help="print the versions of schema-gen and its chart"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="regenerate every generated file")
    _quiet_option(generate, "the line that says what was written")
    generate.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming each stale file",
    )
    generate.add_argument(
        "--chart",
        type=Path,
        default=DEFAULT_CHART,
        help=f"the chart directory (default: {DEFAULT_CHART})",
    )
    generate.add_argument(
        "--docs",
        type=Path,
        default=None,
        help=f"the docs directory to write generated pages into (default: {DEFAULT_DOCS} "
        "with the default chart, none with another chart)",
    )
    lint = commands.add_parser(
        "lint",
        help="check values files against the contract; one FILE:LINE line per problem",
        description="Merge the values files over the chart's defaults the way Helm does and "
        "report every problem as FILE:LINE: values.path: message. Exit 0 when clean, 1 when "
        "there are problems, 2 when a file cannot be read or parsed.",
    )
    lint.add_argument(
        "values", nargs="+", type=Path, help="values files, in -f order (- reads standard input)"
    )
    lint.add_argument(
        "--chart",
        type=Path,
        default=None,
        help="merge over this chart's values.yaml (default: the defaults built into schema-gen)",
    )
    lint.add_argument(
        "--each",
        action="store_true",
        help="check every file alone, as `helm template -f FILE` would, instead of merging "
        "them: one verdict line per file, the exit status the worst (the pre-commit hook's way)",
    )
    lint.add_argument(
        "--stack",
        action="append",
        type=Path,
        default=[],
        metavar="BASE",
        help="with --each: check each file merged over BASE (repeat it for several, in -f "
        "order), as `helm template -f BASE -f FILE` would",
    )
    _namespace_option(lint)
    _quiet_option(lint, 'the line that says a clean file is clean ("no problems")')
    explain = commands.add_parser(
        "explain",
        help="render the chart and show each pod's env, volumes and mounts, with their sources",
        description="Render the chart with the values files through the Helm engine and print, "
        "per Deployment, the effective environment (with the source that set each variable) "
        "and the volumes and mounts (chart-managed, global or per-component). Problems are "
        "reported as by lint, with the same exit codes.",
    )
    explain.add_argument(
        "values", nargs="+", type=Path, help="values files, in -f order (- reads standard input)"
    )
    explain.add_argument(
        "--chart",
        type=Path,
        default=None,
        help="the chart to render (default: the chart this schema-gen ships with)",
    )
    _namespace_option(explain)
    migrate = commands.add_parser(
        "migrate",
        help="rewrite a values file of the 0.9.1 interface for today's chart",
        description="Print FILE migrated from the agents chart 0.9.1's values interface to "
        "today's: moved keys renamed where they stand, JANGAR_* variables renamed to AGENTS_*, "
        "keys with no place today dropped; comments and key order kept. What changed goes to "
        "stderr. Exit 0 when the result lints clean, 1 when something needs a person, 2 when "
        "the file cannot be read.",
    )
    migrate.add_argument("values", type=Path, help="the values file")
    _namespace_option(migrate)
    migrate.add_argument(
        "--write",
        action="store_true",
        help="rewrite FILE in place (atomically) instead of printing the result",
    )
    return parser


def _migrate(path: Path, write: bool, namespace: str | None) -> int:
    from schema_gen.migrate import migrate_file

    try:
        migration, problems, refused = migrate_file(path, namespace)
    except UnreadableValues as error:
        _say(error, error=True)
        return 2
    for note in migration.notes:
        _say(f"{path}: {note}", error=True)
    for question in migration.unresolved:
        _say(f"{path}: needs a person: {question}", error=True)
    for line in problems:
        _say(line, error=True)
    if write:
        if migration.notes:
            from schema_gen.file_writes import UnwritableFile, write_whole

            crlf = b"\r\n" in path.read_bytes()
            try:
                write_whole(
                    {path: migration.text.replace("\n", "\r\n") if crlf else migration.text}
                )
            except UnwritableFile as error:
                _say(error, error=True)
                return 2
    else:
        sys.stdout.write(migration.text)
    return 1 if (migration.unresolved or refused) else 0


def _explain(paths: Sequence[Path], chart: Path, namespace: str | None) -> int:
    from schema_gen.explain import explain

    try:
        lines, problems = explain(read_sources(paths), chart, namespace)
    except UnreadableValues as error:
        _say(error, error=True)
        return 2
    for line in problems:
        _say(line)
    for line in lines:
        _say(line)
    return 0 if lines else 1


def _lint(
    paths: Sequence[Path], chart: Path | None, namespace: str | None, quiet: bool = False
) -> int:
    try:  # each file is read once: a pipe or stdin is checked from what was read
        files = [decoded(source) for source in read_sources(paths)]
    except UnreadableValues as error:
        _say(error, error=True)
        return 2
    clean = f"{', '.join(str(path) for path in paths)}: no problems"
    if is_clean(files, chart, namespace):  # most files: no models needed
        if not quiet:
            _say(clean)
        return 0
    from schema_gen.lint import report  # the models, to word each problem

    try:
        problems, refused = report(files, chart, namespace)
    except UnreadableValues as error:
        _say(error, error=True)
        return 2
    for line in problems:
        _say(line)
    if not problems and not quiet:
        _say(clean)
    return 1 if refused else 0


def _lint_each(
    paths: Sequence[Path], stack: Sequence[Path], chart: Path | None, namespace: str | None
) -> int:
    """Check each file on its own (over ``stack``); say each verdict; return the worst status."""
    worst = 0
    verdicts = {0: "renders", 1: "refused", 2: "cannot be read"}
    for path in paths:
        status = _lint([*stack, path], chart, namespace, quiet=True)  # its verdict says it
        shown = " ".join(f"-f {file}" for file in [*stack, path])
        _say(f"{path}: {verdicts[status]} (helm template {shown})")
        worst = max(worst, status)
    return worst


def _shown(path: Path) -> Path:
    """Return ``path`` relative to the working directory when it is below it, as others show."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _generate(chart: Path, docs: Path | None, check: bool, quiet: bool = False) -> int:
    if not (chart / "Chart.yaml").is_file():
        print(f"schema-gen: {chart} is not a chart directory (no Chart.yaml)", file=sys.stderr)
        return 2
    # The chart of this checkout, however it is spelled, comes with the checkout's docs.
    default_chart = chart.resolve() == DEFAULT_CHART.resolve()
    if docs is None and default_chart:
        docs = DEFAULT_DOCS
    from schema_gen.artifacts import UnusableFile, stale_files
    from schema_gen.file_writes import UnwritableFile
    from schema_gen.helm_engine import RenderRejected
    from schema_gen.markers import MarkerError
    from schema_gen.troubleshooting_samples import UnusableSample

    try:
        readme = DEFAULT_README if default_chart and DEFAULT_README.is_file() else None
        # Lint's compiled contract belongs to the chart this schema-gen ships.
        shipped = chart.resolve() == packaged.chart().resolve()
        contract = _shown(packaged.CONTRACT) if shipped else None
        stale = stale_files(chart, docs, readme, write=not check, contract=contract)
    except (MarkerError, UnusableFile, UnusableSample, UnreadableValues, UnwritableFile) as error:
        _say(error, error=True)
        return 2
    except OSError as error:  # a file the generator reads or stages, refused by the system
        _say(
            f"{error.filename or chart}: {error.strerror or error}; nothing was written", error=True
        )
        return 2
    except RenderRejected as error:  # the docs render the chart; a broken chart stops that
        _say(f"schema-gen: {chart} does not render, so nothing was written:", error=True)
        for line in error.message.splitlines():
            _say(f"  {line}", error=True)
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
    fix += f" --docs {docs}" if docs and docs != DEFAULT_DOCS else ""
    for path in stale:
        print(f"stale: {path}", file=sys.stderr)
    print(f"Run `{fix}` (or `nox -s schema`) to regenerate.", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "lint" and args.stack and not args.each:
        parser.error("--stack needs --each: without it the files already merge in order")
    if args.command == "lint" and args.each:
        return _lint_each(args.values, args.stack, args.chart, args.namespace)
    if args.command == "lint":
        return _lint(args.values, args.chart, args.namespace, args.quiet)
    if args.command == "explain":
        return _explain(args.values, args.chart or packaged.chart(), args.namespace)
    if args.command == "migrate":
        return _migrate(args.values, args.write, args.namespace)
    return _generate(args.chart, args.docs, args.check, args.quiet)


def run() -> None:
    """Console-script entry point."""
    from schema_gen.k8s import MissingDependency

    try:
        sys.exit(main())
    except MissingDependency as error:
        print(f"schema-gen: {error}", file=sys.stderr)
        sys.exit(2)
    except (RecursionError, MemoryError) as error:  # hostile input past a limit we missed
        print(f"schema-gen: the input is too deep or too large to check ({type(error).__name__})",
              file=sys.stderr)  # fmt: skip
        sys.exit(2)
    except BrokenPipeError:  # the reader (`| head`) stopped reading: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
