"""What ``lint`` and ``explain`` say of GitOps stacks: the lines, and the exit status.

Each stack gets Helm's verdict on the values its tool hands Helm (as Helm 4 and Helm 3
read its files), every problem at the file and line of the layer that wrote the value:
exit 0 when every stack renders, 1 when Helm refuses one, 2 when a stack cannot be read
or names what is not there. The commands (:mod:`schema_gen.tools.commands`) print the
lines, and lint the values files named beside stacks as lint always did, together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schema_gen.tools.stacks import discovery
from schema_gen.tools.stacks.layers import Attribution, Stack, StackError, notes, replay
from schema_gen.tools.values_decoding import UnreadableValues
from schema_gen.tools.values_files import ValuesFile, coalesced

CLEAN, REFUSED, UNREADABLE = 0, 1, 2


@dataclass
class Report:
    """What a command says: lines (text, whether on stderr), its status, and the values
    files named beside the stacks, for lint to check as it always did."""

    status: int = CLEAN
    lines: list[tuple[str, bool]] = field(default_factory=list)
    values_files: list[Path] = field(default_factory=list)

    def say(self, text: object, error: bool = False) -> None:
        self.lines.append((str(text), error))


def _located(
    stack: Stack, values: dict, attribution: Attribution, chart: Path | None, namespace: str | None
) -> tuple[list[str], bool]:
    from schema_gen.tools import lint  # the models, to word each problem

    found = lint.findings(coalesced(lint.defaults(chart), values), namespace)

    def where(at: tuple) -> tuple[Path, int]:
        written = attribution.where(at, stack.where)
        return written.path, written.line

    paths = [layer.locate(()).path for layer in stack.layers()] + [stack.path]
    return lint.located(found, where, paths), any(not f.warning for f in found)


def verdict(
    stack: Stack, chart: Path | None, namespace: str | None
) -> tuple[list[str], bool, dict, Attribution]:
    """Return the problems of ``stack``, whether Helm refuses it, and the values Helm gets
    (as Helm 4 reads the files) with who wrote each path."""
    from schema_gen.tools.clean_values import is_clean

    namespace = stack.namespace or namespace
    values, attribution = replay(stack)
    twice = stack.differs_for_helm3()
    if not twice and is_clean([ValuesFile(stack.path, values)], chart, namespace):
        return [], False, values, attribution  # most stacks: no models needed
    problems, refused = _located(stack, values, attribution, chart, namespace)
    if twice:
        from schema_gen.tools import lint

        helm3 = _located(stack, *replay(stack, helm3=True), chart, namespace)
        said = [lint.difference_note(w.path, w.line, why) for w, why in notes(stack)]
        problems, refused = lint.both_helms(said, (problems, refused), helm3)
    return problems, refused, values, attribution


def _named(paths: Sequence[Path], chart: Path | None, repos: Mapping[str, Path]) -> discovery.Named:
    from schema_gen import packaged

    return discovery.named(paths, repos, chart or packaged.chart())


def lint(
    paths: Sequence[Path],
    chart: Path | None,
    namespace: str | None,
    quiet: bool = False,
    repos: Mapping[str, Path] | None = None,
) -> Report:
    """Return lint's report on every stack ``paths`` declare."""
    found = _named(paths, chart, repos or {})
    report = Report(values_files=found.values_files)
    for item in found.stacks:
        if isinstance(item, StackError):
            report.say(item, error=True)
            report.status = UNREADABLE
        elif isinstance(item, str):
            if not quiet:
                report.say(item)
        else:
            report.status = max(report.status, _lint_stack(report, item, chart, namespace, quiet))
    no_stack = not any(isinstance(item, Stack) for item in found.stacks)
    if no_stack and not found.values_files and report.status == CLEAN:
        report.say(f"{', '.join(map(str, paths))}: no stack deploys the agents chart here", True)
        report.status = UNREADABLE
    return report


def _lint_stack(
    report: Report, stack: Stack, chart: Path | None, namespace: str | None, quiet: bool
) -> int:
    try:
        problems, refused, _values, _attribution = verdict(stack, chart, namespace)
    except (StackError, UnreadableValues) as error:
        report.say(error, error=True)
        return UNREADABLE
    for line in [*stack.notes, *problems]:
        report.say(line)
    if not problems and not quiet:
        report.say(f"{stack.where}: {stack.label}: no problems")
    return REFUSED if refused else CLEAN


def explain(
    paths: Sequence[Path],
    chart: Path,
    namespace: str | None,
    repos: Mapping[str, Path] | None = None,
) -> Report:
    """Return explain's report on every stack ``paths`` declare: each pod's variables,
    volumes and mounts, with the file and line of the layer that set each."""
    from schema_gen.tools import explain as explaining
    from schema_gen.tools import lint as linting

    found = _named(paths, chart, repos or {})
    report = Report()
    if found.values_files:
        report.say(f"{found.values_files[0]}: explain takes stacks or values files, not both", True)
        report.status = UNREADABLE
        return report
    shown = 0
    for item in found.stacks:
        if isinstance(item, str):
            report.say(item)
            continue
        try:
            if isinstance(item, StackError):
                raise item
            problems, refused, values, attribution = verdict(item, chart, namespace)
            merged = coalesced(linting.defaults(chart), values)
            lines, problems = explaining.described(
                values,
                merged,
                (problems, refused),
                chart,
                item.namespace or namespace,
                blamed=item.path,
                release=item.release or "agents",
                written=lambda at, a=attribution: _written(a, at),
            )
        except (StackError, UnreadableValues) as error:
            report.say(error, error=True)
            report.status = UNREADABLE
            continue
        if shown:
            report.say("")
        report.say(f"{item.where}: {item.label}")
        shown += 1
        for line in [*item.notes, *problems, *lines]:
            report.say(line)
        report.status = max(report.status, CLEAN if lines else REFUSED)
    if not shown and report.status == CLEAN:
        report.say(f"{', '.join(map(str, paths))}: no stack deploys the agents chart here", True)
        report.status = UNREADABLE
    return report


def _written(attribution: Attribution, at: tuple) -> str | None:
    """Return the file and line a layer wrote ``at`` on; None for the chart's default."""
    found = attribution.written(at) if attribution.held(at) == at else None
    return str(found) if found else None


def touched(
    paths: Sequence[Path], chart: Path | None, repos: Mapping[str, Path] | None = None
) -> list[Path]:
    """Return the stack files a change of ``paths`` touches: the stacks among them and the
    stacks of the repository that read any of them (the pre-commit hook's way)."""
    from schema_gen import packaged

    return discovery.stacks_using(paths, repos or {}, chart or packaged.chart())
