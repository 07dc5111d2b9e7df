"""``schema-gen migrate`` and ``lint`` as processes: killed, interrupted, or writing to a full disk.

What only a real process shows: a SIGKILL in the middle of ``--write``, Ctrl-C while
reading standard input, and standard streams on a full disk (``/dev/full``).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

OLD = "env:\n  vars:\n    JANGAR_MIGRATIONS: skip\n"
NEW = "env:\n  vars:\n    AGENTS_MIGRATIONS: skip\n"

# Run migrate --write with the write killed at one step: what a power cut or the OOM killer does.
KILLED_AT = """
import os, signal, sys
from schema_gen import cli
from schema_gen.tools import file_writes
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
setattr(file_writes.os, sys.argv[1], killed)
sys.argv = ["schema-gen", "migrate", "--write", sys.argv[2]]
cli.run()
"""


def _schema_gen(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schema_gen", *args], text=True, timeout=120, **kwargs
    )


def test_a_run_killed_at_fsync_or_rename_leaves_the_file_whole_and_the_next_cleans_up(tmp_path):
    path = tmp_path / "values.yaml"
    for step in ("fsync", "replace"):
        path.write_text(OLD)
        killed = subprocess.run([sys.executable, "-c", KILLED_AT, step, str(path)], timeout=120)
        assert killed.returncode == -signal.SIGKILL
        assert path.read_text() == OLD  # old, never partial
        assert [p.name for p in tmp_path.glob(".values.yaml.*.tmp")]  # what the kill left
        done = _schema_gen("migrate", "--write", str(path), capture_output=True)
        assert done.returncode == 0, done.stderr
        assert path.read_text() == NEW
        assert sorted(p.name for p in tmp_path.iterdir()) == ["values.yaml"]


def test_ctrl_c_exits_130_in_one_line(tmp_path):
    for command in (["lint", "-"], ["migrate", "-"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "schema_gen", *command],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(3)  # importing, then waiting on standard input
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert err == "schema-gen: interrupted\n"


def test_a_full_disk_under_the_output_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text(OLD)
    with open("/dev/full", "w") as full:
        printed = _schema_gen("migrate", str(path), stdout=full, stderr=subprocess.PIPE)
        assert printed.returncode == 2
        assert printed.stderr.endswith(
            "schema-gen: cannot write its output (no space left on device); nothing was rewritten\n"
        )
        assert "Traceback" not in printed.stderr
        # The notes go to standard error before anything is written: it fails first.
        noted = _schema_gen("migrate", "--write", str(path), stdout=subprocess.PIPE, stderr=full)
        assert noted.returncode == 2
        assert path.read_text() == OLD
        linted = _schema_gen("lint", str(path), stdout=full, stderr=subprocess.PIPE)
        assert linted.returncode == 2 and "Traceback" not in linted.stderr
