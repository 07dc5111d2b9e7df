"""Whole-process timings, interleaved: the runs of all commands alternate round by round,
so that load on a shared machine hits them alike, and each ratio is the median of the
ratios taken round by round (a slow or a lucky round moves no figure)."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Python writes and reuses bytecode, as an installed package or a checkout does after its
# first run (a session may have turned that off for itself).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Command:
    """A command to time, and what to do before each run (untimed): make a fresh copy, ..."""

    argv: Sequence[str]
    cwd: Path
    env: Mapping[str, str] = field(default_factory=dict)
    before: Callable[[int], None] | None = None  # given the round's number
    ok: tuple[int, ...] = (0,)


def seconds(command: Command, round_: int) -> float:
    """Return the wall seconds of one run of ``command``; fail on an unexpected exit status."""
    if command.before:
        command.before(round_)
    start = time.perf_counter()
    done = subprocess.run(
        command.argv, cwd=command.cwd, env={**ENV, **command.env}, capture_output=True, check=False
    )
    took = time.perf_counter() - start
    if done.returncode not in command.ok:
        raise SystemExit(f"{' '.join(command.argv)} exited {done.returncode}:\n{done.stderr!r}")
    return took


def interleaved(commands: Mapping[str, Command], runs: int) -> dict[str, list[float]]:
    """Return each command's run times, after one untimed warm-up round."""
    for command in commands.values():
        seconds(command, -1)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs):
        for name, command in commands.items():
            times[name].append(seconds(command, round_))
    return times


def ratio(times: Mapping[str, list[float]], numerator: str, denominator: str) -> float:
    """Return the median over rounds of ``numerator``'s time over ``denominator``'s."""
    pairs = zip(times[numerator], times[denominator], strict=True)
    return statistics.median(a / b for a, b in pairs)


def judged(name: str, value: float, goal: float, unit: str = "x") -> str:
    """Return the line that states a judged figure and whether it meets its goal."""
    verdict = "met" if value <= goal else "not met"
    return f"{name}: {value:.2f}{unit} (goal <= {goal}{unit}: {verdict})"
