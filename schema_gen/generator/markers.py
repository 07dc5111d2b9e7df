"""Generated sections inside hand-written Markdown, between start and end markers.

Only the text between ``<!-- schema-gen:start NAME -->`` and
``<!-- schema-gen:end NAME -->`` belongs to the generator; every byte outside is
the author's and is kept. A missing, repeated or unbalanced marker is an error
naming the file and line, never a silent rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

# The one spelling of a marker line; the parser below is built from it.
_FORM = "<!-- schema-gen:{kind} {name} -->"
_PREFIX = _FORM[: _FORM.index("{")]  # a line starting with this means to be a marker
_MARKER = re.compile(
    "^"
    + re.escape(_FORM)
    .replace(re.escape("{kind}"), "(start|end)")
    .replace(re.escape("{name}"), "([a-z0-9-]+)")
    + "$"
)


class MarkerError(Exception):
    """A generated section whose markers are missing or damaged: ``FILE:LINE: why``."""

    def __init__(self, path: Path, line: int, why: str) -> None:
        super().__init__(f"{path}:{line}: {why}")


def start_marker(name: str) -> str:
    """Return the line that opens section ``name``."""
    return _FORM.format(kind="start", name=name)


def end_marker(name: str) -> str:
    """Return the line that closes section ``name``."""
    return _FORM.format(kind="end", name=name)


def _sections(path: Path, lines: list[str]) -> dict[str, tuple[int, int]]:
    """Return each section's (start index, end index), checking the markers pair up."""
    found: dict[str, tuple[int, int]] = {}
    open_name, open_at = None, -1
    for index, line in enumerate(lines):
        if not line.startswith(_PREFIX):
            continue  # prose may mention markers; only a line that opens like one is one
        if not (match := _MARKER.match(line.rstrip("\r\n"))):
            raise MarkerError(path, index + 1, f"damaged marker: {line.strip()}")
        kind, name = match.groups()
        if kind == "start":
            if open_name is not None:
                raise MarkerError(path, index + 1, f'"{name}" starts inside "{open_name}"')
            if name in found:
                raise MarkerError(path, index + 1, f'section "{name}" appears twice')
            open_name, open_at = name, index
        elif name != open_name:
            raise MarkerError(path, index + 1, f'end of "{name}" without its start')
        else:
            found[name], open_name = (open_at, index), None
    if open_name is not None:
        raise MarkerError(path, open_at + 1, f'section "{open_name}" has no end marker')
    return found


def filled(path: Path, text: str, sections: Mapping[str, str]) -> str:
    """Return ``text`` with each named section's body replaced; nothing else changes."""
    lines = text.splitlines(keepends=True)
    found = _sections(path, lines)
    for name in sections:
        if name not in found:
            raise MarkerError(
                path,
                1,
                f'no section "{name}": add {start_marker(name)} and '
                f"{end_marker(name)} where it belongs",
            )
    for name, (start, end) in sorted(found.items(), key=lambda item: -item[1][0]):
        if name not in sections:
            raise MarkerError(path, start + 1, f'unknown section "{name}"')
        body = sections[name] if sections[name].endswith("\n") else sections[name] + "\n"
        lines[start + 1 : end] = [body]
    return "".join(lines)
