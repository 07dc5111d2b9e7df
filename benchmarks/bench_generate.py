"""Benchmark: the commands maintainers and operators run, against the floor `import pydantic`.

Each command starts a fresh interpreter; the runs of all commands alternate so that
load on this shared machine hits them alike, and each figure is a ratio of medians.

- `schema-gen generate --check` on an unchanged tree (it trusts the record of the
  last generation) / `import pydantic`. Goal: at most 3.
- `schema-gen lint FILE` (the pre-commit hook, which remembers its verdict on an
  unchanged file) / `import pydantic`. Goal: at most 3.
- `nox -s schema` warm / bare `schema-gen generate`. Goal: at most 2.

Where the time goes is printed too: the full check and lint with nothing
remembered, and importing the models (pydantic builds every class's validator).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {
    "generate --check": ("import pydantic", 3.0),
    "lint FILE": ("import pydantic", 3.0),
    "nox -s schema": ("generate", 2.0),
}
PY = sys.executable
# A cache no record can be written to: every check there generates in full.
NO_RECORD = os.path.join(os.devnull, "schema-gen")


def _commands() -> dict[str, tuple[list[str], dict[str, str]]]:
    plain: dict[str, str] = {}
    cold = {"SCHEMA_GEN_CACHE": NO_RECORD}
    nox = shutil.which("nox")
    lint = [PY, "-m", "schema_gen", "lint", "charts/agents/ci/gitops-values.yaml"]
    commands = {
        "import pydantic": ([PY, "-c", "import pydantic"], plain),
        "generate --check": ([PY, "-m", "schema_gen", "generate", "--check"], plain),
        "generate --check, no record": ([PY, "-m", "schema_gen", "generate", "--check"], cold),
        "lint FILE": (lint, plain),
        "lint FILE, nothing remembered": (lint, cold),
        "import the models": ([PY, "-c", "import schema_gen.models"], plain),
        "generate": ([PY, "-m", "schema_gen", "generate"], plain),
    }
    if nox:
        commands["nox -s schema"] = ([nox, "-s", "schema"], plain)
    return commands


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env={**os.environ, **env})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each command")
    runs = parser.parse_args().runs
    commands = _commands()
    for command, env in commands.values():  # warm caches, bytecode, the record, the venv
        _seconds(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            times[name].append(_seconds(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:>28}: median {median * 1000:7.1f} ms over {runs} runs")
    for name, (floor, goal) in GOALS.items():
        if name not in medians:
            print(f"{name}: not measured (no nox on PATH)")
            continue
        ratio = medians[name] / medians[floor]
        verdict = "meets" if ratio <= goal else "misses"
        print(f"ratio {name} / {floor} = {ratio:.2f} ({verdict} the goal <= {goal})")


if __name__ == "__main__":
    main()
