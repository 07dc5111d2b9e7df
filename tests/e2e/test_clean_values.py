"""Lint's fast answer: a clean file passes without the models, and only a clean one does."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def test_a_clean_file_is_passed_without_pydantic_or_the_models():
    probe = (
        "import sys; from schema_gen.cli import main; "
        "status = main(['lint', 'charts/agents/ci/gitops-values.yaml', '-n', 'agents']); "
        "heavy = ('pydantic', 'schema_gen.contract.models', 'yaml'); "
        "loaded = sorted(m for m in heavy if m in sys.modules); "
        "print(status, loaded)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[-2] == "0 []", done.stdout + done.stderr


def test_a_file_with_a_problem_is_worded_by_the_models(tmp_path):
    bad = tmp_path / "values.yaml"
    bad.write_text("extraVolumes:\n  - name: Corp_CA\n    volume:\n      emptyDir: {}\n")
    done = subprocess.run(
        [sys.executable, "-m", "schema_gen", "lint", str(bad)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.startswith(f"{bad}:2: extraVolumes[0].name: ")
    assert "DNS-1123 label" in done.stdout


def test_lint_reads_the_file_each_time_and_keeps_nothing(tmp_path):
    """Nothing remembered can answer: a file changed with its size and mtime kept gets the
    new verdict, and no cache is written under HOME or XDG_CACHE_HOME."""
    values = tmp_path / "values.yaml"
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}

    def linted() -> int:
        argv = [sys.executable, "-m", "schema_gen", "lint", str(values)]
        return subprocess.run(argv, cwd=REPO, env=env, capture_output=True, check=False).returncode

    values.write_text("nameOverride: good\n")
    stamp = values.stat()
    assert linted() == 0
    values.write_text("nameOverride: Bad!\n")  # same size
    os.utime(values, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert values.stat().st_size == stamp.st_size
    assert linted() == 1
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()
