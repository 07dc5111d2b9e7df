"""Hostile and odd values files: lint and explain give Helm's verdict, never a traceback, a
hang or a forged line; and a killed generate leaves every file whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import helm_clis
from tests.conftest import CHART, REPO
from tests.shared.adversarial import EXPECTED, SAMPLES

# Nesting Helm decodes but schema-gen refuses, cleanly (a limit stricter than Helm's).
# Nestings as Helm takes them: read and refused by the schema (a is no key of the chart),
# rendered (global takes anything), and past go-yaml's limit of 10,000 levels.
DEEP = {
    "deep-flow": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-global": "global:\n  a: " + "[" * 3000 + "]" * 3000 + "\n",
    "deeper-global": "global:\n  a: " + "[" * 9990 + "]" * 9990 + "\n",
    "past-helms-limit": "global:\n  a: " + "[" * 10_001 + "]" * 10_001 + "\n",
}


def _schema_gen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schema_gen", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=120, check=False,
    )  # fmt: skip


def _assert_clean_output(done: subprocess.CompletedProcess, path: Path) -> None:
    assert "Traceback" not in done.stderr + done.stdout
    for line in (done.stdout + done.stderr).splitlines():
        assert all(ch.isprintable() for ch in line), repr(line)
    for line in done.stdout.splitlines():
        if ": " in line and line.split(":", 1)[0].endswith(".yaml"):
            assert line.startswith(f"{path}:"), line  # no line claims another file


@pytest.mark.parametrize("command", ["lint", "explain"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_lint_and_explain_give_helms_verdict(sample, command):
    done = _schema_gen(command, sample, cwd=REPO)
    _assert_clean_output(done, sample)
    expected, why = EXPECTED[sample.stem]
    assert done.returncode == expected, f"{why}\n{done.stdout}{done.stderr}"


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_gets_helms_verdict(tmp_path, name):
    sample = tmp_path / f"{name}.yaml"
    sample.write_text(DEEP[name], encoding="utf-8")
    verdicts = {major: helm_clis.template(major, "-f", str(sample)) for major in (3, 4)}
    assert verdicts[3].returncode == verdicts[4].returncode, verdicts
    # Helm exits 1 for either; lint tells a file Helm cannot read (2) from refused values (1).
    unreadable = b"failed to parse" in verdicts[4].stderr
    expected = 2 if unreadable else verdicts[4].returncode
    for command in ("lint", "explain"):
        done = _schema_gen(command, sample, "-n", "agents", cwd=tmp_path)
        _assert_clean_output(done, sample)
        assert done.returncode == expected, done.stderr[-300:]
        assert "RecursionError" not in done.stderr


def test_a_forged_line_stays_one_escaped_line():
    sample = Path(__file__).parent.parent / "adversarial" / "forged-line.yaml"
    done = _schema_gen("lint", sample, cwd=REPO)
    (line,) = done.stdout.splitlines()
    assert "\\n/tmp/x.yaml:1: fake: problem" in line


def test_warnings_in_warn_mode_exit_0_and_are_marked():
    sample = Path(__file__).parent.parent / "adversarial" / "warn-mode.yaml"
    done = _schema_gen("lint", sample, cwd=REPO)
    assert done.returncode == 0
    assert f"{sample}:4: warning: extraVolumeMounts[0]: volume" in done.stdout


def test_one_pass_reports_per_entry_and_cross_entry_problems():
    sample = Path(__file__).parent.parent / "adversarial" / "per-entry-and-cross-entry.yaml"
    done = _schema_gen("lint", sample, cwd=REPO)
    assert "extraVolumes[0].name" in done.stdout  # the malformed name
    assert 'extraVolumes[2]: volume name "a" is already used' in done.stdout  # the duplicate


def _outputs(root: Path) -> dict[str, bytes]:
    generated = [root / "agents" / n for n in ("values.yaml", "values.schema.json", "README.md")]
    generated += sorted((root / "docs" / "generated").glob("*.md"))
    return {str(p.relative_to(root)): p.read_bytes() for p in generated}


def test_a_killed_generate_leaves_every_file_old_or_new(tmp_path):
    before = tmp_path / "tree"
    shutil.copytree(CHART, before / "agents")
    shutil.copytree(REPO / "docs", before / "docs")
    # Make every generated file stale, so a run rewrites them all.
    for path in [before / "agents" / "values.yaml", *(before / "docs" / "generated").glob("*.md")]:
        path.write_text(path.read_text() + "# stale\n")
    readme = before / "agents" / "README.md"
    readme.write_text(readme.read_text().replace("| Reserved name |", "| Reserved |"))
    old = _outputs(before)
    done_tree = tmp_path / "done"
    shutil.copytree(before, done_tree)
    args = ["generate", "--chart", "agents", "--docs", "docs"]
    assert _schema_gen(*args, cwd=done_tree).returncode == 0
    new = _outputs(done_tree)
    env = {**os.environ, "SCHEMA_GEN_CACHE": str(tmp_path / "cache")}
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 2.0):
        tree = tmp_path / f"kill-{delay}"
        shutil.copytree(before, tree)
        child = subprocess.Popen(
            [sys.executable, "-m", "schema_gen", *args], cwd=tree, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        for name, data in _outputs(tree).items():
            assert data in (old[name], new[name]), f"{name} is neither old nor new after {delay}s"
