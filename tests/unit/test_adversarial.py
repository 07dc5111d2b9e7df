"""Hostile and odd values files: lint and explain give Helm's verdict, never a traceback, a
hang or a forged line; and a killed generate leaves every file whole."""

from __future__ import annotations

import pytest

from tests import in_process
from tests.shared.adversarial import EXPECTED, SAMPLES


def test_every_sample_states_its_verdict():
    assert sorted(EXPECTED) == [sample.stem for sample in SAMPLES]


# Nesting and size as Helm reads them: helm template (3 and 4) renders values nested
# 9,990 levels under global, refuses 10,001 (go-yaml's and Go JSON's limit of 10,000),
# and reads a values file of any size (at 64 MiB it takes a GB of memory).
def _nested(key: str, depth: int) -> str:
    return f"{key}:\n  x: " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (_nested("global", 600), 0),
        (_nested("global", 9_990), 0),
        (_nested("controller", 2_000), 1),  # read, then refused by the schema: unknown key x
        (_nested("global", 10_001), 2),  # Helm cannot read it
    ],
    ids=["global-600", "global-9990", "controller-2000", "global-10001"],
)
def test_deep_nesting_gets_helms_verdict(tmp_path, text, status):
    path = tmp_path / "values.yaml"
    path.write_text(text)
    for command in ("lint", "migrate"):
        done = in_process.schema_gen(command, path)
        assert done.returncode == status, done.stderr[-300:]
        assert "RecursionError" not in done.stderr + done.stdout and "Traceback" not in done.stderr


def test_a_file_past_8_mib_is_read_as_helm_reads_it(tmp_path):
    path = tmp_path / "values.yaml"
    line = "    k{}: " + "x" * 100 + "\n"
    path.write_text("global:\n  blob:\n" + "".join(line.format(i) for i in range(90_000)))
    assert path.stat().st_size > 9 * 1024 * 1024
    done = in_process.schema_gen("lint", path)
    assert (done.returncode, done.stderr) == (0, "")
