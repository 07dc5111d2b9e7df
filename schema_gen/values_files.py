"""Values files as Helm reads them: decoded by Helm, merged like ``-f a -f b``.

Helm's own decoder (through its Go SDK) gives the values: YAML 1.1 booleans such
as ``y``, octal ``0o17``, ``1e3`` as a number, dates and times as strings, tags
ignored, the first document only, aliases bounded. A separate, tolerant pass
with PyYAML finds the line of each key for the messages; where it cannot, the
messages point at line 1, and the verdict is still Helm's.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from schema_gen.values_paths import ValuesPath


class UnreadableValues(Exception):
    """A values file that cannot be read or parsed: ``FILE:LINE: why``."""

    def __init__(self, path: Path, line: int, why: str) -> None:
        super().__init__(f"{path}:{line}: {why}")


@dataclass
class ValuesFile:
    """One values file: its data and the line on which each values path is set."""

    path: Path
    data: dict[str, Any]
    lines: dict[ValuesPath, int] = field(default_factory=dict)
    text: str = ""  # the file as read, for tools that rewrite it


NESTED_TOO_DEEP = (
    "nests lists or maps deeper than schema-gen can follow (about 900 levels); no chart "
    "value needs that depth: flatten it"
)
# Larger values files are refused before any parser sees them.
MAX_BYTES = 8 * 1024 * 1024
# The positional pass records at most this many keys and items; the rest point at line 1.
MAX_POSITIONS = 200_000


def _lines(text: str) -> dict[ValuesPath, int]:
    """Return the line of every key (the key's own line) and list item, as far as PyYAML can.

    Iterative, and each node is walked once however many aliases name it, so
    hostile nesting or aliasing costs bounded work; anything PyYAML cannot compose
    leaves only the file's first line.
    """
    lines: dict[ValuesPath, int] = {(): 1}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError):
        return lines
    stack: list[tuple[yaml.Node, ValuesPath]] = [(root, ())] if root is not None else []
    walked: set[int] = set()
    while stack and len(lines) < MAX_POSITIONS:
        node, at = stack.pop()
        if id(node) in walked:
            continue
        walked.add(id(node))
        if isinstance(node, yaml.MappingNode):
            children = [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
        elif isinstance(node, yaml.SequenceNode):
            children = [(i, item, item) for i, item in enumerate(node.value)]
        else:
            continue
        for key, marked, value in children:
            lines.setdefault((*at, key), marked.start_mark.line + 1)
            stack.append((value, (*at, key)))
    return lines


def _helm_decoded(path: Path, text: str) -> dict[str, Any]:
    """Return the values Helm decodes from ``text``; raise :class:`UnreadableValues` as Helm."""
    import helm_python  # Helm's decoder; loaded only when a values file is read

    try:
        data = helm_python.values_from_yaml(text)
    except RecursionError:  # Helm decoded it; Python cannot follow that deep a nesting
        raise UnreadableValues(path, 1, NESTED_TOO_DEEP) from None
    except helm_python.HelmError as error:
        message = re.sub(r"^error (converting YAML to JSON|unmarshaling JSON): ", "", str(error))
        if "cannot unmarshal" in message:
            raise UnreadableValues(
                path, 1, "a values file must be a mapping of keys to values"
            ) from None
        found = re.search(r"\bline (\d+)\b", message)
        why = re.sub(r"^(yaml: )?(line \d+: )?", "", message.strip())
        line = _problem_line(text) or (int(found.group(1)) if found else 1)
        raise UnreadableValues(path, line, f"not valid YAML: {why}") from None
    return data if isinstance(data, dict) else {}


def _problem_line(text: str) -> int | None:
    """Return the line PyYAML blames for a document Helm refused, when it blames one.

    Helm's decoder names the line where the broken construct began; PyYAML names
    the line of the offending token, which is the one to edit.
    """
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return mark.line + 1 if mark else None
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError):
        return None
    return None


def values_from_bytes(path: Path, raw: bytes) -> ValuesFile:
    """Return ``raw`` read as Helm reads a values file; ``path`` names it in messages."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableValues(path, 1, "cannot read the file: it is not UTF-8 text") from None
    return ValuesFile(path, _helm_decoded(path, text), _lines(text), text)


def read_values_file(path: Path) -> ValuesFile:
    """Return the file as Helm reads it; raise :class:`UnreadableValues` naming file and line."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableValues(
                path, 1, f"the file is {size} bytes; values files over {MAX_BYTES} are refused"
            )
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise UnreadableValues(path, 1, f"cannot read the file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UnreadableValues(path, 1, "cannot read the file: it is not UTF-8 text") from None
    return ValuesFile(path, _helm_decoded(path, text), _lines(text), text)


def merged_user_values(files: Sequence[ValuesFile]) -> dict[str, Any]:
    """Return the files merged as ``helm -f a -f b`` does: maps deep, later files win."""
    merged: dict[str, Any] = {}
    for values_file in files:
        merged = _merge_maps(merged, values_file.data)
    return merged


def _merge_maps(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge_maps(out[key], value)
        else:
            out[key] = value
    return out


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
