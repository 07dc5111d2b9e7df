"""Benchmark: what the schema and the template checks cost when Helm renders the chart.

- Schema cost: median render time of the chart with its values.schema.json divided
  by the same chart without it, same values. Goal: at most 5.
- Template scale: median render time with 120 entries in every extra list divided
  by 12 entries. Goal: at most 12 (linear in the entries).

Both are measured in this one process with Helm's Go SDK, the runs of the two
sides alternating so that load on this shared machine hits both alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import helm_python

CHART = Path(__file__).resolve().parent.parent / "charts" / "agents"
SCHEMA_GOAL = 5.0
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=41, help="renders of each side")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(shutil.copytree(CHART, Path(tmp) / "agents"))
        (bare / "values.schema.json").unlink()
        with helm_python.Chart.load(CHART) as chart, helm_python.Chart.load(bare) as no_schema:
            sample = values_with(12)
            chart.render(sample, name="agents", namespace="agents")  # warm up
            with_schema, without = _median_ratio((chart, sample), (no_schema, sample), runs)
            large, small = _median_ratio((chart, values_with(120)), (chart, sample), runs)
    schema_ratio = with_schema / without
    scale_ratio = large / small
    print(f"render with schema: {with_schema * 1000:7.2f} ms, without: {without * 1000:7.2f} ms")
    print(
        f"schema cost = {schema_ratio:.2f} ({_verdict(schema_ratio, SCHEMA_GOAL)} <= {SCHEMA_GOAL})"
    )
    print(f"render with 120 entries per list: {large * 1000:7.2f} ms, 12: {small * 1000:7.2f} ms")
    print(
        f"template scale = {scale_ratio:.2f} ({_verdict(scale_ratio, SCALE_GOAL)} <= {SCALE_GOAL})"
    )


def _verdict(ratio: float, goal: float) -> str:
    return "meets the goal" if ratio <= goal else "misses the goal"


if __name__ == "__main__":
    main()
