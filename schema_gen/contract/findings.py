"""What a rule finds, and how the helpers every rule shares read chart-merged values.

A finding is a values path and a message; lint prints it as ``FILE:LINE: path:
message`` and the chart's ``_validation.tpl`` as ``path: message``, word for word.
Values reach a rule as Helm merged them, so any key may hold any type: the readers
below answer an empty map, list or string where a value is missing or of another type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from schema_gen.contract.values_paths import ValuesPath, dotted

Finding = tuple[ValuesPath, str]


def mapping_at(node: Any, *keys: str) -> Mapping[str, Any]:
    """Return the map at ``keys`` below ``node``, or an empty one."""
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


def list_at(node: Any, key: str) -> list[Any]:
    """Return the list at ``key`` of ``node``, or an empty one."""
    found = node.get(key) if isinstance(node, Mapping) else None
    return found if isinstance(found, list) else []


def go_string(value: Any) -> str:
    """Return ``value`` as Go's toString writes a value read from YAML (whole floats bare)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def said(found: Iterable[Finding]) -> list[str]:
    """Return each finding as Helm's templates word it: ``values.path: message``."""
    return [f"{dotted(where)}: {message}" for where, message in found]
