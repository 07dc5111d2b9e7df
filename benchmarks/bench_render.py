"""Benchmark: what the schema and the template checks cost when Helm renders the chart.

- Against upstream (judged): `helm template` of this chart divided by the upstream
  0.9.29 chart (pinned in tests/upstream), same values (upstream's own production
  values, prod.yaml and gitops.yaml), through the Helm 4 CLI on PATH, whole processes
  interleaved (timing.py). Goal: at most 1.1. Per extra volume entry (1,000 global
  volumes and mounts over prod.yaml, minus prod.yaml alone): ours / upstream's, goal
  at most 1.5.
- Instructions (printed, not judged): the same renders counted by valgrind's callgrind
  (garbage collector off), which counts what the CPU executes, not seconds, so a noisy
  machine moves no figure;
  each side is also counted with no values.schema.json on either chart, which splits
  the difference into templates and schema.
- Schema cost: median render time of the chart with its values.schema.json divided
  by the same chart without it, same values: each CI sample (shaped like the
  upstream deployment values files) and one with 12 entries per extra list.
  Goal: at most 3.
- Template scale: median render time with 120 entries in every extra list divided
  by 12 entries, and 1,200 by 120. Goal: at most 12 each (linear in the entries).

Both are measured in this one process with Helm's Go SDK, the runs of the two
sides alternating so that load on this shared machine hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import helm_python
import yaml
from timing import Command, interleaved, judged, ratio

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "charts" / "agents"
UPSTREAM = ROOT / "tests" / "upstream" / "charts" / "agents-0.9.29"
UPSTREAM_VALUES = ROOT / "tests" / "upstream" / "values" / "0.9.29"
UPSTREAM_GOAL = 1.1
PER_ENTRY_GOAL = 1.5
ENTRIES = 1000  # enough that the entries, not the noise, make the difference
SCHEMA_GOAL = 3.0
SCALE_GOAL = 12.0


def values_with(entries: int) -> dict[str, Any]:
    """Return valid values with ``entries`` items in every extra volume and mount list."""

    def volumes(prefix: str) -> list[dict[str, Any]]:
        return [{"name": f"{prefix}-{i}", "volume": {"emptyDir": {}}} for i in range(entries)]

    def mounts(prefix: str) -> list[dict[str, Any]]:
        return [
            {"name": f"{prefix}-{i}", "mountPath": f"/{prefix}/{i}", "readOnly": True}
            for i in range(entries)
        ]

    return {
        "database": {"caSecret": {"name": "pg-ca"}},
        "extraVolumes": volumes("shared"),
        "extraVolumeMounts": mounts("shared"),
        "controlPlane": {"extraVolumes": volumes("cp"), "extraVolumeMounts": mounts("cp")},
        "controllers": {
            "enabled": True,
            "extraVolumes": volumes("ctl"),
            "extraVolumeMounts": mounts("ctl"),
        },
    }


def _median_ratio(
    numerator: tuple[helm_python.Chart, dict],
    denominator: tuple[helm_python.Chart, dict],
    runs: int,
) -> tuple[float, float]:
    times: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(runs):
        for side, (chart, values) in enumerate((numerator, denominator)):
            start = time.perf_counter()
            chart.render(values, name="agents", namespace="agents")
            times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def _helm4() -> str | None:
    helm = shutil.which("helm")
    if not helm:
        return None
    done = subprocess.run([helm, "version", "--short"], capture_output=True, text=True)
    return helm if done.stdout.startswith("v4.") else None


def _template(helm: str, chart: Path, values: Path) -> Command:
    return Command(
        [helm, "template", "agents", str(chart), "-n", "agents", "-f", str(values)], ROOT
    )


def against_upstream(runs: int) -> None:
    """Print this chart's render cost over upstream's, same values, through the Helm 4 CLI."""
    helm = _helm4()
    if helm is None:
        print("against upstream: not measured (no Helm 4 CLI on PATH)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        many = Path(tmp) / "prod-with-entries.json"
        many.write_text(json.dumps(_prod_with_entries()))
        commands = {}
        for name in ("prod.yaml", "gitops.yaml"):
            commands[f"ours {name}"] = _template(helm, CHART, UPSTREAM_VALUES / name)
            commands[f"upstream {name}"] = _template(helm, UPSTREAM, UPSTREAM_VALUES / name)
        commands["ours +entries"] = _template(helm, CHART, many)
        commands["upstream +entries"] = _template(helm, UPSTREAM, many)
        times = interleaved(commands, runs)
    for name in ("prod.yaml", "gitops.yaml"):
        value = ratio(times, f"ours {name}", f"upstream {name}")
        print(judged(f"helm template, ours / upstream, {name}", value, UPSTREAM_GOAL))
    # Each round's extra cost of the entries, ours over upstream's; the median of those.
    extra = {
        side: [
            a - b
            for a, b in zip(times[f"{side} +entries"], times[f"{side} prod.yaml"], strict=True)
        ]
        for side in ("ours", "upstream")
    }
    ours, theirs = (statistics.median(extra[side]) / ENTRIES for side in ("ours", "upstream"))
    per_entry = statistics.median(
        a / b for a, b in zip(extra["ours"], extra["upstream"], strict=True)
    )
    print(
        f"per extra volume entry: ours {ours * 1e6:.0f} us, upstream {theirs * 1e6:.0f} us; "
        + judged("ours / upstream", per_entry, PER_ENTRY_GOAL)
    )


def _instructions(helm: str, chart: Path, values: Path) -> int:
    """Return the instructions one ``helm template`` executes, counted by callgrind.

    One thread, and no asynchronous preemption: callgrind runs threads one at a time
    and loses track of the signals Go preempts with. No garbage collector either: when
    it runs depends on timing, which made counts of one render differ by 2% (by 10% for
    the entries' difference); without it a count repeats to 0.3%. So these figures are
    the work the templates and the schema ask for; the timed figures include the
    collector's.
    """
    env = {**os.environ, "GOMAXPROCS": "1", "GODEBUG": "asyncpreemptoff=1", "GOGC": "off"}
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", helm, "template"]
    done = subprocess.run(
        [*argv, "agents", str(chart), "-n", "agents", "-f", str(values)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"callgrind of helm template {chart} failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def instructions_against_upstream() -> None:
    """Print this chart's render cost over upstream's in instructions, and its parts."""
    helm = _helm4()
    if helm is None or shutil.which("valgrind") is None:
        print("instructions: not counted (needs a Helm 4 CLI on PATH and valgrind)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        bare = {}
        for side, chart in (("ours", CHART), ("upstream", UPSTREAM)):
            bare[side] = Path(shutil.copytree(chart, Path(tmp) / side))
            (bare[side] / "values.schema.json").unlink()
        many = Path(tmp) / "prod-with-entries.json"
        many.write_text(json.dumps(_prod_with_entries()))
        counts = {}
        for name, values in (("prod.yaml", UPSTREAM_VALUES / "prod.yaml"),
                             ("gitops.yaml", UPSTREAM_VALUES / "gitops.yaml"),
                             ("+entries", many)):  # fmt: skip
            for side, chart in (("ours", CHART), ("upstream", UPSTREAM)):
                counts[side, name] = _instructions(helm, chart, values)
                if name == "prod.yaml":  # (each count takes seconds under callgrind)
                    counts[side, "bare"] = _instructions(helm, bare[side], values)
    for name in ("prod.yaml", "gitops.yaml"):
        ours, theirs = counts["ours", name], counts["upstream", name]
        print(
            f"instructions, ours / upstream, {name}: {ours / theirs:.2f}x "
            f"({ours / 1e6:.0f}M / {theirs / 1e6:.0f}M)"
        )
    ours, theirs = counts["ours", "prod.yaml"], counts["upstream", "prod.yaml"]
    ours_bare, theirs_bare = counts["ours", "bare"], counts["upstream", "bare"]
    print(
        f"  prod.yaml, templates alone (no schema on either side): "
        f"{ours_bare / theirs_bare:.2f}x; the schema costs ours "
        f"{(ours - ours_bare) / 1e6:.0f}M, upstream's {(theirs - theirs_bare) / 1e6:.0f}M"
    )
    extra = {
        side: (counts[side, "+entries"] - counts[side, "prod.yaml"]) / ENTRIES
        for side in ("ours", "upstream")
    }
    print(
        f"instructions per extra volume entry: ours {extra['ours']:.0f}, upstream "
        f"{extra['upstream']:.0f}; ours / upstream {extra['ours'] / extra['upstream']:.2f}x"
    )


def _prod_with_entries() -> dict[str, Any]:
    """Return upstream's prod.yaml with ENTRIES global extra volumes and mounts."""
    extras = values_with(ENTRIES)
    entries = {k: extras[k] for k in ("extraVolumes", "extraVolumeMounts")}
    return {**yaml.safe_load((UPSTREAM_VALUES / "prod.yaml").read_text()), **entries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="renders of each side")
    runs = parser.parse_args().runs
    against_upstream(runs)
    instructions_against_upstream()
    samples = {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((CHART / "ci").glob("*-values.yaml"))
        if not path.name.startswith("recipe-")
    }
    samples["12 entries per list"] = values_with(12)
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(shutil.copytree(CHART, Path(tmp) / "agents"))
        (bare / "values.schema.json").unlink()
        with helm_python.Chart.load(CHART) as chart, helm_python.Chart.load(bare) as no_schema:
            chart.render(values_with(12), name="agents", namespace="agents")  # warm up
            for name, values in samples.items():
                with_schema, without = _median_ratio((chart, values), (no_schema, values), runs)
                ratio = with_schema / without
                print(
                    f"{name:>28}: with schema {with_schema * 1000:6.2f} ms, without "
                    f"{without * 1000:6.2f} ms; schema cost = {ratio:.2f} "
                    f"({_verdict(ratio, SCHEMA_GOAL)} <= {SCHEMA_GOAL})"
                )
            for small_n, large_n in ((12, 120), (120, 1200)):
                large, small = _median_ratio(
                    (chart, values_with(large_n)), (chart, values_with(small_n)), max(runs // 4, 3)
                )
                ratio = large / small
                print(
                    f"render with {large_n} entries per list: {large * 1000:8.2f} ms, "
                    f"{small_n}: {small * 1000:7.2f} ms; template scale = {ratio:.2f} "
                    f"({_verdict(ratio, SCALE_GOAL)} <= {SCALE_GOAL})"
                )


def _verdict(ratio: float, goal: float) -> str:
    return "meets the goal" if ratio <= goal else "misses the goal"


if __name__ == "__main__":
    main()
