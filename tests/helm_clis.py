"""The official Helm CLIs on this machine, named by what ``helm version`` prints.

A binary counts as Helm 3 or Helm 4 for what it says it is, never for the variable
that pointed at it: with Helm 3 first on PATH, ``helm`` is Helm 3. The candidates
are ``helm`` on PATH and ``$HELM3_BIN`` (CI sets it on the Helm 3 leg; ``.ci/run``
fetches one).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest

from tests.conftest import CHART


@functools.cache
def version(binary: str) -> str:
    """Return what ``BINARY version --short`` prints (``v3.17.2+g...``), or "" if it cannot run."""
    try:
        done = subprocess.run(
            [binary, "version", "--short"], capture_output=True, text=True, timeout=60
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


@functools.cache
def found() -> dict[int, str]:
    """Return Helm major version -> a binary of it, among the candidates."""
    majors: dict[int, str] = {}
    for binary in (os.environ.get("HELM3_BIN"), shutil.which("helm")):
        said = version(binary) if binary else ""
        if said[:3] in ("v3.", "v4."):
            majors.setdefault(int(said[1]), binary)
    return majors


def cli(major: int) -> str:
    """Return a Helm ``major`` binary, or skip the test saying how to get one.

    A ``$HELM3_BIN`` that is not Helm 3 fails instead: CI set it to run these tests.
    """
    named = os.environ.get("HELM3_BIN")
    if major == 3 and named and not version(named).startswith("v3."):
        pytest.fail(f"$HELM3_BIN={named} is not a Helm 3 CLI (it prints {version(named)!r})")
    binary = found().get(major)
    if binary is None:
        pytest.skip(f"no Helm {major} CLI here (helm on PATH or $HELM3_BIN; .ci/run fetches both)")
    return binary


def template(major: int, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Return the run of ``helm template agents CHART -n agents ARGS`` by a Helm ``major`` CLI."""
    return subprocess.run(
        [cli(major), "template", "agents", str(CHART), "-n", "agents", *args],
        input=stdin, capture_output=True, timeout=300, check=False,
    )  # fmt: skip
