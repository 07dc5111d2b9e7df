"""The troubleshooting samples, and the words the official CLIs printed for each.

A sample is a values file under ``docs/troubleshooting/`` whose header comments say
what it shows (``# title:``, ``# rule:``, ``# meaning:``, ``# fix:``, ``# stage:``,
``# expect:``); the API server's checks sit under ``api/``, values that render with
a note under ``notes/``. Samples that show the same error elsewhere name their entry
(``# entry: r1-reserved-name``) and are shown inside it.

What the Helm 4 and Helm 3 CLIs and ``schema-gen lint`` print for each sample is
captured from the binaries (:mod:`schema_gen.generator.message_captures`, ``nox -s messages``)
into ``captured/messages.yaml`` beside the samples, and a test holds it current: the
pages show the words an operator sees, and generating them needs no Helm at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The folders of samples, each a family of entries: the chart's and the schema's errors,
# the API server's checks, and values that render with a note in NOTES.txt.
FOLDERS = ("", "api", "notes")
CAPTURES = "captured/messages.yaml"  # under the samples folder, out of the samples' glob
# The CLIs whose words are captured, in the order the pages show them.
PRINTERS = ("helm4", "helm3", "lint")
# The release and namespace every capture renders with, as the docs' commands say.
RELEASE_ARGS = ("agents", "-n", "agents")


class UnusableSample(Exception):
    """A sample the troubleshooting pages cannot show: the sample, why, and the fix."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"troubleshooting sample {path}: {why}")


@dataclass(frozen=True)
class Sample:
    """A troubleshooting sample: its file, its header comments, and what each CLI printed."""

    path: str  # relative to the samples folder: "r1-reserved-name.yaml", "api/....yaml"
    text: str  # the whole file, header comments included
    printed: Mapping[str, str] = field(default_factory=dict)  # PRINTERS -> text, if captured

    @property
    def name(self) -> str:
        """The file's name without its folder and suffix: the entry's anchor, if it leads one."""
        return Path(self.path).stem

    @property
    def folder(self) -> str:
        """The sample's folder, one of FOLDERS."""
        return str(Path(self.path).parent).replace(".", "")

    @property
    def entry(self) -> str:
        """The anchor of the entry that shows this sample."""
        return self.header("entry") or self.name

    @property
    def leads(self) -> bool:
        """Whether the sample leads its entry (its heading, meaning and fix are the entry's)."""
        return self.header("entry") is None

    @property
    def values(self) -> str:
        """The values alone, as the pages show them and the CLIs read them."""
        return values_of(self.text)

    def header(self, key: str) -> str | None:
        """Return the first ``# key: ...`` header line's text, or None."""
        found = self.headers(key)
        return found[0] if found else None

    def headers(self, key: str) -> list[str]:
        """Return every ``# key: ...`` header line's text, in order."""
        return list(self._headers.get(key, ()))

    @functools.cached_property
    def _headers(self) -> dict[str, list[str]]:
        # Read once: the pages ask a sample for its headers some twenty times each.
        found: dict[str, list[str]] = {}
        for line in self.text.split("\n"):
            key, colon, value = line[2:].partition(": ")
            if line.startswith("# ") and colon:
                found.setdefault(key, []).append(value)
        return found


def values_of(text: str) -> str:
    """Return a sample's values: the file without its header comments."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")) + "\n"


def sample_files(samples: Path) -> list[Path]:
    """Return every sample, folder by folder, in name order (r9 before r10)."""
    return [
        path
        for folder in FOLDERS
        for path in sorted((samples / folder).glob("*.yaml"), key=_natural)
    ]


def _natural(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def stored_captures(samples: Path) -> dict[str, dict[str, str]]:
    """Return the stored captures: sample path -> printer -> text ({} before any capture)."""
    path = samples / CAPTURES
    if not path.exists():
        return {}
    # Thousands of captured lines: libyaml's loader reads them ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}


def read_samples(samples: Path) -> list[Sample]:
    """Return every sample under ``samples`` with the words captured for it."""
    stored = stored_captures(samples)
    found = []
    for file in sample_files(samples):
        relative = file.relative_to(samples).as_posix()
        found.append(Sample(relative, file.read_text(encoding="utf-8"), stored.get(relative, {})))
    return found


@functools.cache
def problem_lines(printed: str) -> tuple[str, ...]:
    """Return the problems a CLI listed (its ``- `` lines, nested ones too), without indent."""
    return tuple(
        line.strip()[2:] for line in printed.splitlines() if line.lstrip().startswith("- ")
    )
