"""What the Helm engine prints for the docs' troubleshooting samples, captured at generation.

The docs show each error exactly as Helm words it; the text is rendered now,
never typed by hand. Kept apart from :mod:`schema_gen.docs`, which only writes
Markdown, because only this part needs the Helm engine.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

NOT_FAILING = "(renders: this sample no longer fails)"
# What Helm 3 (gojsonschema) prints for each sample, captured with a Helm 3 binary by
# `nox -s helm3_messages` and kept beside the samples; a test holds it current.
HELM3_MESSAGES = "helm3/messages.yaml"  # under the samples folder, out of their glob


@dataclass(frozen=True)
class Sample:
    """A troubleshooting sample: its header comments, its values, and what Helm printed."""

    name: str  # the sample's file name
    text: str  # the whole file, header comments included
    values: str  # the values alone, as the docs show them
    printed: str  # what the Helm engine (Helm 4) prints
    helm3: str | None = None  # what Helm 3 prints, when captured

    def header(self, key: str) -> str:
        """Return the first ``# key: ...`` header line's text."""
        prefix = f"# {key}: "
        return next(ln[len(prefix) :] for ln in self.text.splitlines() if ln.startswith(prefix))


def _printed(outcome: Any) -> str:
    """Return what the Helm engine prints for a render's ``outcome``."""
    from schema_gen.helm_engine import RenderRejected

    return outcome.message if isinstance(outcome, RenderRejected) else NOT_FAILING


def captured(samples: Path, chart: Path) -> list[Sample]:
    """Return every ``*.yaml`` sample under ``samples`` with what Helm prints for it.

    All of them render through one Helm engine in this process: Helm's Go SDK, which
    schema-gen pins, so the page is the same whatever ``helm`` is on PATH.
    """
    from schema_gen.helm_engine import sdk_outcomes

    paths = sample_files(samples)
    texts = [path.read_text(encoding="utf-8") for path in paths]
    values = [values_of(text) for text in texts]
    outcomes = sdk_outcomes(chart, [yaml.safe_load(shown) or {} for shown in values])
    helm3 = helm3_messages(samples)
    return [
        Sample(path.name, text, shown, _printed(outcome), helm3.get(path.name))
        for path, text, shown, outcome in zip(paths, texts, values, outcomes, strict=True)
    ]


def sample_files(samples: Path) -> list[Path]:
    """Return the troubleshooting samples, in name order."""
    return sorted(samples.glob("*.yaml"))


def values_of(text: str) -> str:
    """Return a sample's values: the file without its header comments."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def helm3_messages(samples: Path) -> dict[str, str]:
    """Return the captured Helm 3 messages by sample file name ({} before any capture)."""
    path = samples / HELM3_MESSAGES
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def helm3_printed(binary: str, chart: Path, values_text: str) -> str:
    """Return what a Helm 3 binary prints when ``helm template`` refuses these values."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml") as handle:
        handle.write(values_text)
        handle.flush()
        done = subprocess.run(
            [binary, "template", "agents", str(chart), "-n", "agents", "-f", handle.name],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if done.returncode == 0:
        return NOT_FAILING
    return done.stderr.strip().removeprefix("Error: ")


def container_env(chart: Path, values: dict) -> dict[str, list[dict]]:
    """Return Deployment name -> its first container's env, as Helm's SDK renders ``values``."""
    from schema_gen.helm_engine import RenderRejected, sdk_outcomes

    (rendered,) = sdk_outcomes(chart, [values])
    if isinstance(rendered, RenderRejected):
        raise rendered
    return {
        obj["metadata"]["name"]: obj["spec"]["template"]["spec"]["containers"][0].get("env", [])
        for obj in rendered.objects
        if obj["kind"] == "Deployment"
    }


def write_helm3_messages(samples: Path, chart: Path, binary: str) -> Path:
    """Capture what the Helm 3 ``binary`` prints for every sample, into the messages file."""
    captured = {
        path.name: helm3_printed(binary, chart, values_of(path.read_text(encoding="utf-8")))
        for path in sample_files(samples)
    }
    target = samples / HELM3_MESSAGES
    header = "# Captured by `nox -s helm3_messages` (HELM3_BIN=a Helm 3 binary); do not edit.\n"
    target.write_text(header + yaml.dump(captured, Dumper=_Literal, width=1000), encoding="utf-8")
    return target


class _Literal(yaml.SafeDumper):
    """Writes multi-line messages as literal blocks, so the file reads as Helm printed them."""


_Literal.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)
