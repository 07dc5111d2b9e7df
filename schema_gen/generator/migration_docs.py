"""The "Migrating from 0.9.1" page's example: ``schema-gen migrate`` run on a 0.9.1 file.

The page shows what the command prints and how it rewrites the file, run now by
``generate``, so the page cannot drift from what ``migrate`` does.
"""

from __future__ import annotations

import difflib
import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from schema_gen.generator.markdown_blocks import fenced

SAMPLE = "migrating/values-0.9.1.yaml"  # under the docs folder
SHOWN = "values.yaml"  # what the page calls the file, as an operator's


def migration_run(text: str) -> tuple[int, str, str]:
    """Return the exit status, stdout and stderr of ``schema-gen migrate values.yaml -n agents``
    on ``text``, with the file called values.yaml."""
    from schema_gen.tools import commands

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / SHOWN
        path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = commands.migrate(path, write=False, namespace="agents")
    return status, out.getvalue(), err.getvalue().replace(str(path), SHOWN)


def migrating_md(sample: Path) -> str:
    """Return the example: the command, what it prints, and its changes as a diff."""
    text = sample.read_text(encoding="utf-8")
    status, out, err = migration_run(text)
    changes = difflib.unified_diff(
        text.splitlines(keepends=True), out.splitlines(keepends=True),
        f"{SHOWN} (0.9.1)", f"{SHOWN} (migrated)", n=1,
    )  # fmt: skip
    return (
        f"```bash\nschema-gen migrate {SHOWN} -n agents > migrated.yaml; echo $?\n```\n\n"
        f"It prints, on standard error, each change it made and anything that needs a "
        f"person, and exits {status}:\n\n"
        f"{fenced(err.rstrip() + chr(10) + str(status))}\n"
        f"On standard output, the file rewritten (comments and key order kept); against "
        f"the 0.9.1 file:\n\n"
        f"{fenced(''.join(changes).rstrip(), 'diff')}"
    )
