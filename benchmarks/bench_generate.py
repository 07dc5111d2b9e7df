"""Benchmark: wall time of `schema-gen generate --check` against the floor `import pydantic`.

Both commands start a fresh interpreter, and their runs alternate so that load
on this shared machine hits both alike; the figure is the ratio of medians.
Goal: at most 2.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

GOAL = 2.0
COMMANDS = {
    "generate --check": [sys.executable, "-m", "schema_gen", "generate", "--check"],
    "import pydantic": [sys.executable, "-c", "import pydantic"],
    # Context, not the goal: what defining any one model costs beyond the floor
    # (pydantic loads its validators and plugin machinery on the first class).
    "one pydantic model": [
        sys.executable,
        "-c",
        "from pydantic import BaseModel\nclass One(BaseModel):\n    x: int = 1",
    ],
}


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    runs = parser.parse_args().runs
    for command in COMMANDS.values():  # warm the file cache and the bytecode
        _seconds(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(_seconds(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:>20}: median {median * 1000:7.1f} ms over {runs} runs")
    floor = medians["import pydantic"]
    ratio = medians["generate --check"] / floor
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"ratio generate --check / import pydantic = {ratio:.2f} ({verdict} the goal <= {GOAL})")
    print(
        f"ratio one pydantic model / import pydantic = {medians['one pydantic model'] / floor:.2f}"
    )


if __name__ == "__main__":
    main()
