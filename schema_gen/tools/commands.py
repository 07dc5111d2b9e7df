"""The operator's commands as they print and exit: lint, lint --each, explain and migrate.

The command line parses the arguments and calls these; the generator runs them too, for the
pages that show what a command prints (the migration example, the troubleshooting
captures), so a page and the command cannot differ.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from schema_gen.tools.clean_values import is_clean
from schema_gen.tools.values_files import UnreadableValues, decoded, read_sources

Repos = Mapping[str, Path]  # --repo URL=DIR: where a GitOps source's repository is checked out

# The modules that word problems (the models, the Helm engine) load only when a command
# needs them: lint passes a clean file without them.


def printable(text: str) -> str:
    """Return ``text`` with every control character escaped (``\\n``, ``\\x1b``, ``\\x00``).

    A message quotes values from the operator's files: escaped, a value cannot start
    a second, forged ``FILE:LINE:`` line or drive the terminal.
    """
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def say(text: str, *, error: bool = False) -> None:
    print(printable(str(text)), file=sys.stderr if error else sys.stdout)


def migrate(path: Path, write: bool, namespace: str | None) -> int:
    from schema_gen.tools.migrate import migrate_file

    try:
        migration, problems, refused = migrate_file(path, namespace)
    except UnreadableValues as error:
        say(error, error=True)
        return 2
    for note in migration.notes:
        say(f"{path}: {note}", error=True)
    for question in migration.unresolved:
        say(f"{path}: needs a person: {question}", error=True)
    for line in problems:
        say(line, error=True)
    if write:
        if migration.notes:
            from schema_gen.tools.file_writes import UnwritableFile, write_whole

            crlf = b"\r\n" in path.read_bytes()
            try:
                write_whole(
                    {path: migration.text.replace("\n", "\r\n") if crlf else migration.text}
                )
            except UnwritableFile as error:
                say(error, error=True)
                return 2
    else:
        sys.stdout.write(migration.text)
    return 1 if (migration.unresolved or refused) else 0


def _stacks_named(paths: Sequence[Path]) -> bool:
    from schema_gen.tools.stacks.kinds import is_manifest_path

    return any(is_manifest_path(path) for path in paths)


def _said(lines: Sequence[tuple[str, bool]], status: int) -> int:
    for text, error in lines:
        say(text, error=error)
    return status


def explain(
    paths: Sequence[Path], chart: Path, namespace: str | None, repos: Repos | None = None
) -> int:
    if _stacks_named(paths):  # a kustomization, an Application, a HelmRelease
        from schema_gen.tools.stacks import reports

        report = reports.explain(paths, chart, namespace, repos)
        return _said(report.lines, report.status)
    from schema_gen.tools.explain import explain

    try:
        lines, problems = explain(read_sources(paths), chart, namespace)
    except UnreadableValues as error:
        say(error, error=True)
        return 2
    for line in problems:
        say(line)
    for line in lines:
        say(line)
    return 0 if lines else 1


def lint(
    paths: Sequence[Path],
    chart: Path | None,
    namespace: str | None,
    quiet: bool = False,
    repos: Repos | None = None,
) -> int:
    if _stacks_named(paths):  # a kustomization, an Application, a HelmRelease
        from schema_gen.tools.stacks import reports

        report = reports.lint(paths, chart, namespace, quiet, repos)
        status = _said(report.lines, report.status)
        if report.values_files:  # named beside the stacks: linted as ever, together
            status = max(status, lint(report.values_files, chart, namespace, quiet))
        return status
    try:  # each file is read once: a pipe or stdin is checked from what was read
        files = [decoded(source) for source in read_sources(paths)]
    except UnreadableValues as error:
        say(error, error=True)
        return 2
    clean = f"{', '.join(str(path) for path in paths)}: no problems"
    if is_clean(files, chart, namespace):  # most files: no models needed
        if not quiet:
            say(clean)
        return 0
    from schema_gen.tools.lint import report  # the models, to word each problem

    try:
        problems, refused = report(files, chart, namespace)
    except UnreadableValues as error:
        say(error, error=True)
        return 2
    for line in problems:
        say(line)
    if not problems and not quiet:
        say(clean)
    return 1 if refused else 0


def lint_changed(
    paths: Sequence[Path], chart: Path | None, namespace: str | None, repos: Repos | None = None
) -> int:
    """Lint, whole, the GitOps stacks a change of ``paths`` touches (the stacks among them
    and those that read one of them): the agents-gitops-lint hook's way."""
    from schema_gen.tools.stacks import reports

    touched = reports.touched(paths, chart, repos)
    return lint(touched, chart, namespace, quiet=True, repos=repos) if touched else 0


def lint_each(
    paths: Sequence[Path], stack: Sequence[Path], chart: Path | None, namespace: str | None
) -> int:
    """Check each file on its own (over ``stack``); say each verdict; return the worst status."""
    worst = 0
    verdicts = {0: "renders", 1: "refused", 2: "cannot be read"}
    for path in paths:
        status = lint([*stack, path], chart, namespace, quiet=True)  # its verdict says it
        shown = " ".join(f"-f {file}" for file in [*stack, path])
        say(f"{path}: {verdicts[status]} (helm template {shown})")
        worst = max(worst, status)
    return worst
