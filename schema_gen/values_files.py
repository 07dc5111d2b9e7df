"""Values files as Helm reads them: parsed with the line of every key, merged like ``-f a -f b``."""

from __future__ import annotations

import copy
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


def _index_lines(node: yaml.Node, at: ValuesPath, lines: dict[ValuesPath, int]) -> None:
    """Record the line of every key (the key's own line) and list item below ``at``."""
    if isinstance(node, yaml.MappingNode):
        children = [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    elif isinstance(node, yaml.SequenceNode):
        children = [(i, item, item) for i, item in enumerate(node.value)]
    else:
        return
    for key, marked, value in children:
        lines[(*at, key)] = marked.start_mark.line + 1
        _index_lines(value, (*at, key), lines)


def read_values_file(path: Path) -> ValuesFile:
    """Return the parsed file; raise :class:`UnreadableValues` naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableValues(path, 1, f"cannot read the file: {error}") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise UnreadableValues(path, line, f"not valid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise UnreadableValues(path, 1, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        line = node.start_mark.line + 1 if node is not None else 1
        raise UnreadableValues(path, line, "a values file must be a mapping of keys to values")
    lines: dict[ValuesPath, int] = {(): 1}
    if node is not None:
        _index_lines(node, (), lines)
    return ValuesFile(path, data, lines)


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
