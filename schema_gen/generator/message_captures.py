"""What the official Helm CLIs and ``schema-gen lint`` print for each troubleshooting sample.

``nox -s messages`` runs this with a Helm 4 and a Helm 3 binary and writes what they
printed into the samples' captures file; a test runs it again and compares, so the
troubleshooting pages always show the binaries' own words (the ``Error:`` prefix and
Helm's ``--debug`` hint included) and never text typed by hand or the SDK's.

It sits above the commands: ``schema-gen lint`` is one of the programs it runs.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import yaml

from schema_gen.generator.troubleshooting_samples import (
    CAPTURES,
    PRINTERS,
    RELEASE_ARGS,
    Sample,
    read_samples,
    stored_captures,
)
from schema_gen.tools.file_writes import write_whole

NOT_FAILING = "(renders: this sample no longer fails)"
NO_NOTE = "(renders: NOTES.txt has no note for this sample)"
# Where NOTES.txt's notes start: the chart's notices, and the broken contract in warn mode.
NOTE_STARTS = ("NOTE:", "WARNING:")
VALUES_FILE = "values.yaml"  # what the captures call the sample, as an operator's file


def helm_printed(binary: str, chart: Path, sample: Sample) -> str:
    """Return what ``binary`` prints for the sample: ``helm template``'s error, or for a
    sample that renders, the notes ``helm install --dry-run=client`` ends NOTES.txt with."""
    with tempfile.TemporaryDirectory() as scratch:
        values = Path(scratch) / VALUES_FILE
        values.write_text(sample.values, encoding="utf-8")
        if sample.header("stage") == "notes":
            args = ["install", *RELEASE_ARGS, str(chart.resolve()), "--dry-run=client"]
        else:
            args = ["template", *RELEASE_ARGS, str(chart.resolve())]
        done = subprocess.run(
            [binary, *args, "-f", VALUES_FILE],
            cwd=scratch, capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
    if sample.header("stage") == "notes":
        if done.returncode != 0:
            return done.stderr.strip()
        notes = done.stdout.splitlines()
        start = next((i for i, ln in enumerate(notes) if ln.startswith(NOTE_STARTS)), None)
        return "\n".join(notes[start:]).strip() if start is not None else NO_NOTE
    return done.stderr.strip() if done.returncode != 0 else NOT_FAILING


def lint_printed(sample: Sample) -> str:
    """Return what ``schema-gen lint -n agents values.yaml`` prints for the sample."""
    from schema_gen.tools import commands

    with tempfile.TemporaryDirectory() as scratch:
        values = Path(scratch) / VALUES_FILE
        values.write_text(sample.values, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = commands.lint([values], None, namespace=RELEASE_ARGS[-1])  # -n, as the CLIs
    said = (out.getvalue() + err.getvalue()).replace(str(values), VALUES_FILE).strip()
    return f"{said}\n(exit {status})".strip()


def helm_captures(sample: Sample, chart: Path, helm4: str, helm3: str) -> dict[str, str]:
    """Return what the Helm 4 and Helm 3 binaries print for ``sample`` now. Helm 3 prints no
    notes without a cluster (its ``install --dry-run=client`` asks one for its version), so
    notes are captured from Helm 4 alone."""
    printed = {"helm4": helm_printed(helm4, chart, sample)}
    if sample.header("stage") != "notes":
        printed["helm3"] = helm_printed(helm3, chart, sample)
    return printed


def write_captures(samples: Path, chart: Path, helm4: str, helm3: str) -> Path:
    """Capture what each CLI prints for every sample into the captures file; return it.

    The Helm runs go on threads (each is a process of its own); lint runs in this one.
    """
    found = read_samples(samples)
    before = stored_captures(samples)
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        helms = list(pool.map(lambda s: helm_captures(s, chart, helm4, helm3), found))
    every = {}
    for sample, printed in zip(found, helms, strict=True):
        printed = {**printed, "lint": lint_printed(sample)}
        kept = before.get(sample.path, {})
        every[sample.path] = {
            key: kept[key] if same_print(kept.get(key, ""), printed[key]) else printed[key]
            for key in PRINTERS
            if key in printed
        }
    target = samples / CAPTURES
    header = (
        "# What each CLI printed for each sample, captured by `nox -s messages` from the\n"
        "# official binaries (see schema_gen/generator/message_captures.py); do not edit.\n"
    )
    text = header + yaml.dump(every, Dumper=_Literal, width=1000, sort_keys=False)
    write_whole({target: text})
    return target


def same_print(one: str, other: str) -> bool:
    """Whether two prints say the same. Helm lists several problems in the order of Go's
    map iteration, which changes from run to run, so lines count as a multiset; a
    recapture keeps the stored order of a print that only moved."""
    return sorted(one.splitlines()) == sorted(other.splitlines())


class _Literal(yaml.SafeDumper):
    """Writes multi-line messages as literal blocks, so the file reads as the CLIs printed."""


_Literal.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def main(argv: list[str] | None = None) -> int:
    """Capture the messages (``python -m schema_gen.generator.message_captures``)."""
    parser = argparse.ArgumentParser(prog="python -m schema_gen.generator.message_captures")
    parser.add_argument("--helm4", required=True, help="a Helm 4 binary")
    parser.add_argument("--helm3", required=True, help="a Helm 3 binary")
    parser.add_argument("--samples", type=Path, default=Path("docs/troubleshooting"))
    parser.add_argument("--chart", type=Path, default=Path("charts/agents"))
    args = parser.parse_args(argv)
    print(write_captures(args.samples, args.chart, args.helm4, args.helm3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
