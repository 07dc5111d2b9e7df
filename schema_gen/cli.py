"""The ``schema-gen`` command line: a thin layer over the generator."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from schema_gen import packaged
from schema_gen.packaged import CHECKOUT_CHART, CHECKOUT_DOCS
from schema_gen.tools import commands

# The generator loads only for `generate`: the operator's commands never import it.


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


def _repo(text: str) -> tuple[str, Path]:
    url, equals, folder = text.rpartition("=")
    if not equals or not url or not folder:
        raise argparse.ArgumentTypeError(f"{text!r}: write URL=DIR")
    return url, Path(folder)


def _repo_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--repo",
        action="append",
        type=_repo,
        default=[],
        metavar="URL=DIR",
        help="where an Argo CD source's repository is checked out (repeat it; the "
        "Application's own repository defaults to the git work tree holding it)",
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
        default=CHECKOUT_CHART,
        help=f"the chart directory (default: {CHECKOUT_CHART})",
    )
    generate.add_argument(
        "--docs",
        type=Path,
        default=None,
        help=f"the docs directory to write generated pages into (default: {CHECKOUT_DOCS} "
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
        "values",
        nargs="+",
        type=Path,
        help="values files, in -f order (- reads standard input); or GitOps stacks: a "
        "kustomization (or its folder), an Argo CD Application, a Flux HelmRelease",
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
    lint.add_argument(
        "--changed",
        action="store_true",
        help="the files are what a commit changes: lint, whole, the GitOps stacks among them "
        "and the stacks that read any of them (the agents-gitops-lint hook's way)",
    )
    _repo_option(lint)
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
        "values",
        nargs="+",
        type=Path,
        help="values files, in -f order (- reads standard input); or a GitOps stack",
    )
    explain.add_argument(
        "--chart",
        type=Path,
        default=None,
        help="the chart to render (default: the chart this schema-gen ships with)",
    )
    _repo_option(explain)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "lint" and args.stack and not args.each:
        parser.error("--stack needs --each: without it the files already merge in order")
    repos = dict(getattr(args, "repo", []))
    if args.command == "lint" and args.changed:
        return commands.lint_changed(args.values, args.chart, args.namespace, repos)
    if args.command == "lint" and args.each:
        return commands.lint_each(args.values, args.stack, args.chart, args.namespace)
    if args.command == "lint":
        return commands.lint(args.values, args.chart, args.namespace, args.quiet, repos)
    if args.command == "explain":
        chart = args.chart or packaged.chart()
        return commands.explain(args.values, chart, args.namespace, repos)
    if args.command == "migrate":
        return commands.migrate(args.values, args.write, args.namespace)
    from schema_gen.generator.generate import generate

    return generate(args.chart, args.docs, args.check, args.quiet)


def run() -> None:
    """Console-script entry point."""
    from schema_gen.contract.k8s import MissingDependency
    from schema_gen.tools.helm_sdk import HelmUnavailable

    try:
        sys.exit(main())
    except (MissingDependency, HelmUnavailable) as error:
        print(f"schema-gen: {error}", file=sys.stderr)
        sys.exit(2)
    except (RecursionError, MemoryError) as error:  # hostile input past a limit we missed
        print(f"schema-gen: the input is too deep or too large to check ({type(error).__name__})",
              file=sys.stderr)  # fmt: skip
        sys.exit(2)
    except BrokenPipeError:  # the reader (`| head`) stopped reading: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
