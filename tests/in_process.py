"""schema-gen's console script, run in this process.

The same entry point as ``python -m schema_gen`` (its handlers of hostile input, its exit
statuses), without a fresh interpreter importing the models for every run: a test that
runs the command many times over samples takes seconds, not minutes. Tests of what only
a process shows (reading ``<(...)``, a killed run, a closed pipe) still start one.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from schema_gen import cli


def schema_gen(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Return the run of ``schema-gen ARGS`` in ``cwd``: its exit status and what it printed."""
    # Standard output takes bytes too (migrate prints a file's own bytes), as a process's does.
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape", newline="")
    err = io.StringIO()
    where, argv = os.getcwd(), sys.argv
    status: int | str | None = None
    try:
        if cwd is not None:
            os.chdir(cwd)
        sys.argv = ["schema-gen", *map(str, args)]
        with redirect_stdout(out), redirect_stderr(err):
            try:
                cli.run()
            except SystemExit as done:
                status = done.code
    finally:
        os.chdir(where)
        sys.argv = argv
    assert isinstance(status, int), f"schema-gen {args} returned without an exit status"
    out.flush()
    printed = out.buffer.getvalue().decode("utf-8", "surrogateescape")  # type: ignore[attr-defined]
    return subprocess.CompletedProcess(list(map(str, args)), status, printed, err.getvalue())
