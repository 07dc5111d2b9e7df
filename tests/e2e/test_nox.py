"""The nox sessions as an operator runs them: `python3 -m pip install nox && nox`."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO

# The project's noxfile, plus one session that runs a command in a venv as every
# session does, without installing anything.
PROBE = f"""
import os, runpy, nox
os.chdir({str(REPO)!r})  # nox runs it from its folder; the noxfile reads pyproject.toml
runpy.run_path({str(REPO / "noxfile.py")!r})

@nox.session
def probe(session):
    \"\"\"Run one command in a fresh venv.\"\"\"
    session.run("python", "-c", "print('ran')")
"""


def test_a_session_says_nothing_of_uv(tmp_path):
    nox = shutil.which("nox")
    if nox is None:
        pytest.skip("no nox on PATH (CI installs it: python3 -m pip install nox)")
    if shutil.which("uv"):
        pytest.skip("uv is installed here: nox finds it and has nothing to say")
    noxfile = tmp_path / "noxfile.py"
    noxfile.write_text(PROBE)
    done = subprocess.run(
        [nox, "-f", str(noxfile), "-s", "probe", "--envdir", str(tmp_path / ".nox")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "ran" in done.stdout + done.stderr
    assert "uv binary not found" not in done.stdout + done.stderr
