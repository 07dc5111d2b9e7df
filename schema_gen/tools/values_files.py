"""Values files as Helm reads them: each read once, decoded by Helm, merged like ``-f a -f b``.

Each file is read once, whatever it is (a regular file, ``-`` for standard input,
a pipe or a FIFO), and at most :data:`MAX_BYTES` of it: what was read is what is
checked. :mod:`schema_gen.tools.values_decoding` turns
the bytes into values as Helm 3 and Helm 4 do; where they read different values
from one file, both readings are kept, so lint can check each.
"""

from __future__ import annotations

import copy
import errno
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from schema_gen.contract.values_paths import ValuesPath
from schema_gen.tools.values_decoding import (
    Reading,
    UnreadableValues,
    helm3_reading,
    helm4_reading,
    helm4_reads_as_helm3,
    merge_maps,
)

__all__ = ["UnreadableValues"]  # raised by every reader here; the CLI catches it from here

STDIN = Path("-")  # as `helm -f -`
# schema-gen stops reading a values file here. Helm reads any size, but at 64 MiB
# `helm template` already takes 0.9 (Helm 4) to 1.7 GB (Helm 3) of memory and most
# of a minute; no chart's values come near it, and /dev/zero or a runaway pipe must
# not fill the memory.
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """A values file's name and the bytes read from it, once."""

    path: Path
    raw: bytes


@dataclass
class ValuesFile:
    """One values file: its data and the line on which each values path is set.

    ``data`` is what Helm 4 reads (and the SDK renders); ``helm3`` is what Helm 3
    reads instead, when that differs, and ``difference`` the line and reason to show.
    """

    path: Path
    data: dict[str, Any]
    lines: Mapping[ValuesPath, int] = field(default_factory=dict)
    helm3: Reading | None = None
    difference: tuple[int, str] | None = None

    def as_helm3(self) -> ValuesFile:
        """Return the file as Helm 3 reads it."""
        if self.helm3 is None:
            return self
        return replace(self, data=self.helm3.data, lines=self.helm3.lines, helm3=None)


_OS_FIXES = {
    errno.ENOENT: "check the path",
    errno.EISDIR: "name a values file, not a directory",
    errno.EACCES: "make it readable (chmod +r) or run as a user who may read it",
}


def _bounded(path: Path, stream: BinaryIO) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableValues(
            path, 1, f"longer than {MAX_BYTES} bytes (64 MiB), where schema-gen stops reading; "
            "no chart's values need that much: check that this is the values file you meant",
        )  # fmt: skip
    return data


def read_sources(paths: Sequence[Path]) -> list[Source]:
    """Return the bytes of each values file, read once; ``-`` is standard input.

    As with ``helm -f - -f -``, standard input is read at the first ``-``; a later
    ``-`` finds it at its end, empty.
    """
    sources = []
    for path in paths:
        try:
            if path == STDIN:
                seen = any(source.path == STDIN for source in sources)
                sources.append(Source(path, b"" if seen else _bounded(path, sys.stdin.buffer)))
                continue
            with open(path, "rb") as handle:
                sources.append(Source(path, _bounded(path, handle)))
        except OSError as error:
            fix = _OS_FIXES.get(error.errno, "check the file")
            why = (error.strerror or str(error)).lower()
            raise UnreadableValues(path, None, f"cannot read it ({why}): {fix}") from None
    return sources


def decoded(source: Source) -> ValuesFile:
    """Return the file as Helm reads it; raise :class:`UnreadableValues` where Helm refuses.

    A file that one Helm reads and the other refuses is refused, saying which:
    the chart supports both.
    """
    readings: list[Reading | UnreadableValues] = []
    for reading in (helm3_reading, helm4_reading):
        if readings and reading is helm4_reading and helm4_reads_as_helm3(source.path, source.raw):
            readings.append(readings[0])  # the same bytes to the same decoder: decoded once
            continue
        try:
            readings.append(reading(source.path, source.raw))
        except UnreadableValues as error:
            readings.append(error)
    helm3, helm4 = readings
    if isinstance(helm3, UnreadableValues) and isinstance(helm4, UnreadableValues):
        raise helm4 if (helm4.line or 0) < (helm3.line or 0) else helm3
    for refused, by, other in ((helm4, "Helm 4", "Helm 3"), (helm3, "Helm 3", "Helm 4")):
        if isinstance(refused, UnreadableValues):
            raise UnreadableValues(
                source.path, refused.line, f"{by} cannot read it, though {other} can: {refused.why}"
            )
    assert isinstance(helm3, Reading) and isinstance(helm4, Reading)
    if helm3.data == helm4.data:
        return ValuesFile(source.path, helm4.data, helm4.lines)
    return ValuesFile(source.path, helm4.data, helm4.lines, helm3, _difference(source.raw, helm4))


def _difference(raw: bytes, helm4: Reading) -> tuple[int, str]:
    """Return the line and the reason Helm 3 and Helm 4 read different values from ``raw``."""
    if len(helm4.documents) > 1:
        return helm4.documents[1], (
            "Helm 4 merges every YAML document in a values file, Helm 3 reads only the "
            "first; keep one document (or pass the others as files of their own)"
        )
    return raw.count(b"\n") + 1, (
        "Helm 4 ends the last line with a newline, Helm 3 reads it as it is; end the file "
        "with a newline"
    )


def read_values_file(path: Path) -> ValuesFile:
    """Return the file at ``path`` as Helm reads it; raise :class:`UnreadableValues`."""
    return decoded(read_sources([path])[0])


def chart_values(chart: Path) -> dict[str, Any]:
    """Return a chart's defaults: a chart folder's values.yaml, or a packaged chart's (a
    ``.tgz``, as ``helm template CHART.tgz`` takes it, loaded by Helm's SDK).

    Raises :class:`UnreadableValues` naming the chart where Helm cannot load it.
    """
    if chart.is_dir():
        return read_values_file(chart / "values.yaml").data
    import helm_python

    try:
        with helm_python.Chart.load(chart) as loaded:
            return dict(loaded.values)
    except helm_python.HelmError as error:
        why = " ".join(str(error).split())
        raise UnreadableValues(
            chart, None, f"Helm cannot load this chart ({why}): name a chart folder or a "
            "packaged chart (.tgz)",
        ) from None  # fmt: skip


def merged_user_values(files: Sequence[ValuesFile]) -> dict[str, Any]:
    """Return the files merged as ``helm -f a -f b`` does: maps deep, later files win."""
    merged: dict[str, Any] = {}
    for values_file in files:
        merged = merge_maps(merged, values_file.data)
    return merged


def coalesced(defaults: Mapping[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``user`` coalesced over the chart's ``defaults`` as Helm does.

    Maps merge key by key, anything else the user sets wins, and a null the user
    sets deletes the key and its default (a null with no default stays a null).
    """
    out = copy.deepcopy(dict(defaults))
    for key, value in user.items():
        if value is None and key in out:
            del out[key]
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = coalesced(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def origin(files: Sequence[ValuesFile], at: ValuesPath) -> tuple[Path, int]:
    """Return the file and line that set ``at``, or its nearest ancestor, the last file winning."""
    for depth in range(len(at), -1, -1):
        prefix = at[:depth]
        for values_file in reversed(files):
            if prefix in values_file.lines:
                return values_file.path, values_file.lines[prefix]
    return files[-1].path, 1
