"""Values files are read as the Helm CLIs read them: encodings, control characters, several
documents, standard input and pipes, size, and files that cannot be read at all.

Each case states lint's verdict and each Helm's (checked against the CLIs where they are
installed: tests/helm_clis.py). Where Helm 3 and Helm 4 disagree, lint takes the refusal,
saying which Helm refuses: the chart supports both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from schema_gen.cli import main
from tests import helm_clis
from tests.conftest import REPO
from tests.shared.values_reading import CASES, GRPC, UNKNOWN, Case, _lint, _stdin


@pytest.mark.parametrize("major", [3, 4])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_helm_cli_gives_the_stated_verdict(case: Case, major, tmp_path):
    path = tmp_path / "values.yaml"
    path.write_bytes(case.raw)
    done = helm_clis.template(major, "-f", str(path))
    assert (done.returncode == 0) == (case.helm3 if major == 3 else case.helm4), done.stderr


@pytest.mark.parametrize(("data", "verdict"), [(UNKNOWN.encode(), 1), (GRPC.encode(), 0)])
def test_dash_reads_standard_input(monkeypatch, capsys, data, verdict):
    _stdin(monkeypatch, data)
    status, out, _err = _lint(capsys, "-")
    assert status == verdict
    assert out.startswith('-:1: nope: unknown key "nope"') if verdict else out == ""
    for major in (3, 4):
        if major in helm_clis.found():
            assert (helm_clis.template(major, "-f", "-", stdin=data).returncode == 0) == (
                not verdict
            )


def _schema_gen(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schema_gen", *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO, **kwargs,
    )  # fmt: skip


def test_process_substitution_is_checked_from_what_was_read(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(UNKNOWN)
    good = tmp_path / "good.yaml"
    good.write_text(GRPC)
    script = f'"{sys.executable}" -m schema_gen lint <(cat "{{}}")'
    for path, verdict in ((bad, 1), (bad, 1), (good, 0), (bad, 1)):
        done = subprocess.run(
            ["bash", "-c", script.format(path)], capture_output=True, text=True,
            timeout=120, check=False, cwd=REPO,
        )  # fmt: skip
        assert done.returncode == verdict, done.stdout + done.stderr
        assert ("nope" in done.stdout) == bool(verdict)


def test_a_fifo_is_read_once(tmp_path):
    fifo = tmp_path / "values.fifo"
    os.mkfifo(fifo)

    def write_once() -> None:
        with open(fifo, "wb") as handle:  # blocks until lint opens it; a second open would hang
            handle.write(UNKNOWN.encode())

    writer = threading.Thread(target=write_once, daemon=True)
    writer.start()
    done = _schema_gen("lint", str(fifo))
    writer.join(timeout=5)
    assert done.returncode == 1 and done.stdout.startswith(f'{fifo}:1: nope: unknown key "nope"')


def test_dev_zero_stops_at_the_limit_fast():
    started = time.monotonic()
    done = _schema_gen("lint", "/dev/zero")
    assert time.monotonic() - started < 30
    assert done.returncode == 2
    assert done.stderr.startswith(
        "/dev/zero:1: longer than 67108864 bytes (64 MiB), where schema-gen stops reading"
    )
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda tmp: tmp, "cannot read it (is a directory): name a values file, not a directory"),
        (
            lambda tmp: tmp / "missing.yaml",
            "cannot read it (no such file or directory): check the path",
        ),
    ],
    ids=["directory", "missing"],
)
def test_a_path_that_is_no_values_file(tmp_path, capsys, make, says):
    path = make(tmp_path)
    for command in ("lint", "explain"):
        assert main([command, str(path)]) == 2
        out, err = capsys.readouterr()
        assert (out, err) == ("", f"{path}: {says}\n")
    for major in (3, 4):  # Helm refuses them too
        if major in helm_clis.found():
            assert helm_clis.template(major, "-f", str(path)).returncode == 1
