"""Values paths: where a key sits in a values document, and how a message spells it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

# ("controllers", "extraVolumes", 0): map keys and list indexes, from the top.
ValuesPath = tuple[str | int, ...]


def dotted(at: ValuesPath) -> str:
    """Return ``("controllers", "extraVolumes", 0)`` as ``controllers.extraVolumes[0]``."""
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in at).lstrip(".")
    return text or "(top level)"


def value_at(values: Mapping[str, Any], path: str) -> Any:
    """Return the value at a dotted values path, or None where it is missing."""
    node: Any = values
    for key in path.split("."):
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def nested(path: str, value: Any) -> dict[str, Any]:
    """Return a values document that holds ``value`` at dotted ``path`` and nothing else."""
    for key in reversed(path.split(".")):
        value = {key: value}
    return value


def copied(values: Any, leaf: Callable[[Any], Any] = lambda value: value) -> Any:
    """Return a copy of ``values``'s maps and lists, however deep (no recursion: Helm reads
    values nested 10,000 levels), each value that is neither passed through ``leaf``."""
    top: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(values, top, 0)]
    while stack:
        value, holder, slot = stack.pop()
        if isinstance(value, dict):
            holder[slot] = copy = dict(value)
            stack += [(v, copy, k) for k, v in value.items()]
        elif isinstance(value, list):
            holder[slot] = copy = list(value)
            stack += [(v, copy, i) for i, v in enumerate(value)]
        else:
            holder[slot] = leaf(value)
    return top[0]
