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
    """Print (or with ``write``, write) ``path`` migrated; 0 clean, 1 needs a person, 2 unreadable.

    The file is read once and everything is decided from those bytes; ``--write``
    writes only a result that needs no person and lints clean, whole, through a
    link to the file it names, keeping its owner, mode, encoding and line endings.
    """
    from schema_gen.tools.migrate import migrate_file

    if write:
        refused = _unwritable(path)
        if refused:
            say(refused, error=True)
            return 2
    try:
        source = read_sources([path])[0]
        migration, problems, refused_by_helm = migrate_file(source, namespace)
    except UnreadableValues as error:
        say(error, error=True)
        return 2
    for note in migration.notes:
        say(f"{path}: {note}", error=True)
    for question in migration.unresolved:
        say(f"{path}: needs a person: {question}", error=True)
    for line in problems:
        say(line, error=True)
    status = 1 if (migration.unresolved or refused_by_helm) else 0
    if not write:
        _print_bytes(migration.raw)  # what --write would write: `> FILE` makes the same file
    elif status:
        say(f"{path}: left as it was: --write writes only a result that lints clean", error=True)
    elif migration.raw != source.raw:
        from schema_gen.tools.file_writes import UnwritableFile, write_whole

        try:
            write_whole({path: migration.raw})
        except UnwritableFile as error:
            say(error, error=True)
            return 2
    return status


def _print_bytes(raw: bytes) -> None:
    """Print ``raw`` as it is (a UTF-16 file stays UTF-16, which Helm 4 reads differently
    from the same text in UTF-8), or as text where standard output takes only text."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(raw.decode("utf-8", "surrogateescape"))
        return
    sys.stdout.flush()
    buffer.write(raw)


def _unwritable(path: Path) -> str:
    """Return why ``migrate --write`` cannot rewrite ``path`` in place ("" when it can)."""
    import stat

    from schema_gen.tools.values_files import STDIN

    if path == STDIN:
        return (
            "schema-gen migrate: --write rewrites a file in place, and - (standard input) is "
            "none: drop --write and redirect the output to a file"
        )
    try:
        mode = path.stat().st_mode  # through a link: its target is what gets written
    except OSError:
        return ""  # reading it says why, as for any values file
    if not stat.S_ISREG(mode):
        return (
            f"{path}: --write rewrites a regular file in place, and this is not one (a pipe, "
            "a device or a directory): drop --write and redirect the output to a file"
        )
    return ""


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


def _in(namespace: str | None) -> str:
    """Return which release namespace a verdict was given in, to say after it."""
    return f" (release namespace {namespace})" if namespace else ""


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
    clean = f"{', '.join(str(path) for path in paths)}: no problems{_in(namespace)}"
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
        at = f"-n {namespace} " if namespace else ""
        say(f"{path}: {verdicts[status]} (helm template {at}{shown})")
        worst = max(worst, status)
    return worst
