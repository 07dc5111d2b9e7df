"""The ``schema-gen`` command line: a thin layer over the generator."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from schema_gen import packaged
from schema_gen.contract.components import HELM_DEFAULT_NAMESPACE
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
        help="the release namespace, as helm -n (some rules depend on it; namespaceOverride "
        f"in the values wins, as in the chart); default: {HELM_DEFAULT_NAMESPACE}, as Helm's",
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
    if args.command in ("lint", "explain", "migrate"):  # judged where Helm would install
        args.namespace = args.namespace or HELM_DEFAULT_NAMESPACE
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
        status = with_helms_depth(main)
        sys.stdout.flush()  # a full disk or a closed terminal fails here, not at exit
        sys.exit(status)
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
    except KeyboardInterrupt:  # Ctrl-C: a file being written stays whole (file_writes)
        _last_words("schema-gen: interrupted")
        if not _finished.is_set():
            # The command still runs (reading standard input, say) and holds its locks:
            # the interpreter's shutdown would wait on them and abort. Leave at once.
            os._exit(130)
        sys.exit(130)  # 128 + SIGINT, as shells report it
    except OSError as error:  # the output cannot be written: a full disk, a closed terminal
        why = (error.strerror or str(error)).lower()
        _last_words(f"schema-gen: cannot write its output ({why}); nothing was rewritten")
        sys.exit(2)


# Helm reads values nested up to 10,000 levels (Go's JSON decoder stops there; go-yaml at
# 10,000 too). Python follows a nesting with a frame or a few per level: a thread with
# this much stack, and this recursion limit, follows what Helm reads. The stack is
# address space, touched only as deep as a file goes.
HELM_DEPTH = 10_000
_STACK_BYTES = 512 * 1024 * 1024
_RECURSION_LIMIT = 12 * HELM_DEPTH
_WORKER = "schema-gen command"
# Set when the command's thread has returned (Thread.is_alive cannot say: a join that
# Ctrl-C interrupts marks the thread stopped in Python 3.11).
_finished = threading.Event()
_finished.set()


def with_helms_depth(command: Callable[[], int]) -> int:
    """Return ``command()`` run where Python can follow values nested as deep as Helm reads.

    Its exceptions are raised here, as if it had run in this thread.
    """
    outcome: list[Any] = []

    def run_it() -> None:
        try:
            outcome.append(command())
        except BaseException as error:
            outcome.append(error)
        finally:
            _finished.set()

    previous_stack = threading.stack_size(_STACK_BYTES)
    previous_limit = sys.getrecursionlimit()
    worker = threading.Thread(target=run_it, name=_WORKER, daemon=True)
    sys.setrecursionlimit(max(previous_limit, _RECURSION_LIMIT))
    _finished.clear()
    try:
        try:
            worker.start()
        except RuntimeError:  # no room for such a stack (ulimit -v): Python's own depth
            sys.setrecursionlimit(previous_limit)
            _finished.set()
            return command()
        finally:
            threading.stack_size(previous_stack)
        worker.join()  # Ctrl-C interrupts this wait in the main thread
    finally:
        sys.setrecursionlimit(previous_limit)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _last_words(text: str) -> None:
    """Say ``text`` on stderr if it can still be written, then let exit flush nowhere."""
    with contextlib.suppress(OSError):
        print(text, file=sys.stderr, flush=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.fileno()
        except (OSError, ValueError):  # not a real file (a test's buffer): nothing to silence
            continue
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
