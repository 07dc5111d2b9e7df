"""How kustomize merges a ``helmCharts`` entry's ``valuesInline`` with its ``valuesFile``.

With a non-empty ``valuesInline`` and ``valuesMerge`` ``override`` (the default) or
``merge``, kustomize does not hand Helm the values file: it reads it with kyaml
(go-yaml v3, YAML 1.2: ``yes`` is a string, ``2001-12-14`` a time), merges the inline
values into it with kyaml's ``merge2`` and hands Helm the result, written out as
JSON-like YAML (``HelmChartInflationGenerator.replaceValuesInline``). What that
means, from kyaml's ``merge2.Merger`` and ``walk.Walker`` (kustomize v5.7.1):

- maps merge key by key; a scalar or a list from the winning side replaces the
  other's whole (without a schema no list is associative);
- ``override``: the inline values win; ``merge``: the file wins;
- a null on the winning side removes the key, so Helm's default comes back;
  a null only the losing side writes stays when it is spelled (``null``, ``~``) and
  goes when it is empty (``key:``); a null inside a map only one side brings goes;
- a key whose value is an alias (``*anchor``, ``<<: *anchor``) is dropped; inside a
  list, which is not walked, it is kept and resolved;
- two non-null values of different kinds (a map and a scalar) stop kustomize
  ("wrong node kind"), as do an empty file, a top-level list, duplicate keys, a
  nested map with a non-string key, and NaN or infinity (JSON has neither).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from schema_gen.contract.values_paths import ValuesPath
from schema_gen.tools.stacks.layers import Layer, Locate, StackError, Where

NULL, STR, BOOL, INT, FLOAT, TIMESTAMP, MERGE, BINARY = (
    "!!null",
    "!!str",
    "!!bool",
    "!!int",
    "!!float",
    "!!timestamp",
    "!!merge",
    "!!binary",
)
_LONG = "tag:yaml.org,2002:"


@dataclass(eq=False)
class Node:
    """A YAML node as go-yaml v3 sees it: its kind, its resolved tag and value, its parts.

    ``layer`` is the layer it comes from (the values file or ``valuesInline``).
    """

    kind: str  # "map" | "seq" | "scalar" | "alias"
    layer: Layer
    line: int = 1
    tag: str = ""
    value: Any = None
    text: str = ""  # a scalar's text as written ("null", "~", "" for an empty value)
    entries: list[Entry] = field(default_factory=list)  # a map's
    items: list[Node] = field(default_factory=list)  # a sequence's
    target: Node | None = None  # an alias's

    def null(self) -> bool:
        return self.kind == "scalar" and self.tag == NULL


@dataclass(eq=False)
class Entry:
    key: str  # the key's text, as kyaml matches fields
    key_tag: str
    line: int
    value: Node


# --- go-yaml v3's resolver (resolve.go) ---------------------------------------------

_SPECIAL = {
    **dict.fromkeys(["true", "True", "TRUE"], (BOOL, True)),
    **dict.fromkeys(["false", "False", "FALSE"], (BOOL, False)),
    **dict.fromkeys(["", "~", "null", "Null", "NULL"], (NULL, None)),
    **dict.fromkeys([".nan", ".NaN", ".NAN"], (FLOAT, math.nan)),
    **dict.fromkeys([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"], (FLOAT, math.inf)),
    **dict.fromkeys(["-.inf", "-.Inf", "-.INF"], (FLOAT, -math.inf)),
    "<<": (MERGE, "<<"),
}
_YAML_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_GO_INT = re.compile(r"^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$")
_GO_FLOAT = re.compile(
    r"^[-+]?((\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)"
    r"[pP][-+]?\d+|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$"
)
_STAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[-+]\d{2}:\d{2})?)?$"
)


def _go_int(text: str) -> int | None:
    """Return ``text`` as Go's ``strconv.ParseInt(text, 0, 64)`` (or ParseUint) reads it."""
    if not _GO_INT.match(text):
        return None
    sign, body = (-1, text[1:]) if text[0] == "-" else (1, text.lstrip("+"))
    base = {"x": 16, "o": 8, "b": 2}.get(body[1:2].lower(), 8) if body[:1] == "0" else 10
    digits = body[2:] if base != 10 and body[1:2].isalpha() else body
    number = sign * int(digits or "0", base)
    return number if -(2**63) <= number < 2**64 else None


def _go_float(text: str) -> float | None:
    if not _GO_FLOAT.match(text):
        return None
    try:
        return float.fromhex(text) if "x" in text.lower() else float(text)
    except (ValueError, OverflowError):
        return None


def _timestamp(text: str) -> str | None:
    """Return a YAML timestamp as Go's ``time.Time`` marshals to JSON (RFC 3339), or None."""
    found = _STAMP.match(text)
    if not found:
        return None
    year, month, day, t_upper_or_lower, space, hour, minute, second, fraction, zone = found.groups()
    if space and zone:  # "2006-1-2 15:4:5.999999999" has no zone
        return None
    if t_upper_or_lower and not zone:  # the "T" forms need one
        return None
    try:
        stamp = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    offset = timedelta(0)
    if zone and zone != "Z":
        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])) * (
            -1 if zone[0] == "-" else 1
        )
    nanos = (fraction or "")[:9].ljust(9, "0").rstrip("0")
    shown = stamp.replace(tzinfo=timezone(offset)).strftime("%Y-%m-%dT%H:%M:%S")
    suffix = (
        "Z"
        if not offset
        else f"{'-' if offset < timedelta(0) else '+'}"
        + (f"{abs(offset).seconds // 3600:02d}:{abs(offset).seconds % 3600 // 60:02d}")
    )
    return f"{shown}{'.' + nanos if nanos else ''}{suffix}"


def resolve(tag: str, text: str) -> tuple[str, Any]:
    """Return the tag and value go-yaml v3 resolves a plain scalar to (``resolve``)."""
    if tag not in ("", STR, BOOL, INT, FLOAT, NULL, TIMESTAMP):
        return tag, text
    if tag == STR:
        return STR, text
    hint = text[:1]
    if text in _SPECIAL:
        return _SPECIAL[text]
    if hint == ".":
        number = _go_float(text)
        if number is not None:
            return FLOAT, number
    elif hint and (hint.isdigit() or hint in "+-"):
        if tag in ("", TIMESTAMP):
            stamp = _timestamp(text)
            if stamp is not None:
                return TIMESTAMP, stamp
        plain = text.replace("_", "")
        number = _go_int(plain)
        if number is not None:
            return INT, number
        if _YAML_FLOAT.match(plain):
            real = _go_float(plain)
            if real is not None:
                return FLOAT, real
    return STR, text


def _short(tag: str | None) -> str:
    if not tag or tag == "!":
        return ""
    return "!!" + tag[len(_LONG) :] if tag.startswith(_LONG) else tag


# --- reading a values file as kyaml does ----------------------------------------------


def read(path: Path, text: str, layer: Layer) -> Node:
    """Return the first YAML document of ``text`` as go-yaml v3 composes it."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    anchors: dict[str, Node] = {}
    stack: list[Node] = []
    pending_key: list[tuple[str, str, int] | None] = []
    root: Node | None = None

    def place(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.kind == "seq":
            parent.items.append(node)
        elif pending_key[-1] is None:
            if node.kind != "scalar":
                raise StackError(
                    path, node.line, "kustomize cannot read it: a map or list as a map key"
                )
            pending_key[-1] = (node.text, node.tag, node.line)
        else:
            key, key_tag, line = pending_key[-1]  # type: ignore[misc]
            parent.entries.append(Entry(key, key_tag, line, node))
            pending_key[-1] = None

    try:
        for event in yaml.parse(text, Loader=loader):
            kind = type(event).__name__
            line = event.start_mark.line + 1
            if kind == "DocumentEndEvent":
                break
            if kind == "ScalarEvent":
                quoted = event.style not in (None, "")
                tag = _short(event.tag)
                if quoted and not tag:
                    resolved_tag, value = STR, event.value
                else:
                    resolved_tag, value = resolve(tag, event.value)
                if resolved_tag == BINARY:
                    import base64

                    value = base64.b64decode(event.value).decode("utf-8", "replace")
                node = Node("scalar", layer, line, resolved_tag, value, event.value)
            elif kind == "AliasEvent":
                if event.anchor not in anchors:
                    raise StackError(path, line, f'unknown anchor "{event.anchor}" referenced')
                node = Node("alias", layer, line, target=anchors[event.anchor])
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                node = Node("map" if kind[0] == "M" else "seq", layer, line)
                node.tag = "!!map" if kind[0] == "M" else "!!seq"
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                done = stack.pop()
                pending_key.pop()
                place(done)
                continue
            else:
                continue
            if getattr(event, "anchor", None) and kind != "AliasEvent":
                anchors[event.anchor] = node
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                stack.append(node)
                pending_key.append(None)
            else:
                place(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        why = (error.problem or str(error)).strip()
        raise StackError(path, mark.line + 1 if mark else None, f"not valid YAML: {why}") from None
    if root is None:
        raise StackError(
            path,
            None,
            "kustomize cannot merge valuesInline into it: it holds no "
            "YAML document (kyaml: EOF); give it a values map, or drop it",
        )
    return root


def from_values(values: Any, layer: Layer) -> Node:
    """Return decoded values (a kustomization's ``valuesInline``) as nodes of ``layer``."""
    if isinstance(values, dict):
        return Node(
            "map",
            layer,
            tag="!!map",
            entries=[Entry(str(k), STR, 1, from_values(v, layer)) for k, v in values.items()],
        )
    if isinstance(values, list):
        return Node("seq", layer, tag="!!seq", items=[from_values(v, layer) for v in values])
    if values is None:
        return Node("scalar", layer, tag=NULL, text="null")
    return Node(
        "scalar", layer, tag=STR if isinstance(values, str) else "", value=values, text=str(values)
    )


# --- merge2 -----------------------------------------------------------------------------

_KINDS = {"map": "MappingNode", "seq": "SequenceNode", "scalar": "ScalarNode", "alias": "AliasNode"}


def _present(node: Node | None) -> bool:
    return node is not None and not node.null()


def _field(node: Node | None, key: str) -> Node | None:
    if node is None or node.kind != "map":
        return None
    return next((e.value for e in node.entries if e.key == key), None)


def _walk(dest: Node | None, origin: Node | None, path: Path, at: ValuesPath) -> Node | None:
    """Return what ``merge2`` keeps of a field (None: it clears it); ``origin`` wins."""
    first = next((n for n in (dest, origin) if _present(n)), None)
    if first is None:  # every side missing or null: kyaml walks it as an empty map
        if origin is None and dest is not None and dest.text:
            return dest  # a spelled null only the losing side writes is kept
        return None
    if first.kind == "alias":
        return None
    for other in (dest, origin):
        if _present(other) and other.kind != first.kind:  # type: ignore[union-attr]
            where = first.layer.locate(at)
            raise StackError(
                where.path,
                where.line,
                "kustomize cannot merge valuesInline at "
                f"{'.'.join(map(str, at)) or 'the top'}: wrong node kind: expected "
                f"{_KINDS[first.kind]} but got {_KINDS[other.kind]}",
            )  # type: ignore[union-attr]
    if first.kind != "map":  # a scalar or a list: the winning side's, whole
        if origin is None:
            return dest
        return None if origin.null() else origin
    if not _present(dest):
        dest, origin = origin, origin  # kyaml merges the origin's map with itself: its nulls go
    elif origin is not None and origin.null():
        return None
    assert dest is not None
    over = origin if origin is not None and origin.kind == "map" else None
    merged = Node("map", (over or dest).layer, dest.line, dest.tag)
    entries: dict[str, Entry] = {}
    for entry in dest.entries:
        entries.setdefault(entry.key, entry)  # kyaml finds the first of a duplicate key
    taken: set[str] = set()
    for entry in over.entries if over is not None and over is not dest else []:
        if entry.key not in taken:  # the winning side's line for a key both write
            entries[entry.key] = entry
            taken.add(entry.key)
    for name, entry in entries.items():
        kept = _walk(_field(dest, name), _field(over, name), path, (*at, name))
        if kept is not None:
            merged.entries.append(Entry(name, entry.key_tag, entry.line, kept))
    # A duplicate key stays where kyaml leaves it, for the decoding to refuse.
    seen: set[str] = set()
    for entry in dest.entries:
        if entry.key in seen:
            merged.entries.append(entry)
        seen.add(entry.key)
    return merged


def merge(file: Node, inline: Node, mode: str, path: Path) -> Node:
    """Return ``merge2.Merge`` of the file and the inline values as kustomize calls it."""
    dest, origin = (file, inline) if mode == "override" else (inline, file)
    if not (file.kind == "map" or file.null()):
        raise StackError(
            path,
            file.line,
            "kustomize cannot merge valuesInline into it: wrong "
            "node kind: the values file is not a map",
        )
    return _walk(dest, origin, path, ()) or Node("map", inline.layer, tag="!!map")


# --- what Helm receives ------------------------------------------------------------------


def _decoded(node: Node, path: Path, top: bool, seen: frozenset[int] = frozenset()) -> Any:
    """Return go-yaml v3's decoding of ``node`` into ``interface{}``, as JSON can hold it."""
    if node.kind == "alias":
        assert node.target is not None
        if id(node) in seen:
            raise StackError(path, node.line, "an anchor's value contains itself")
        return _decoded(node.target, path, top, seen | {id(node)})
    if node.kind == "scalar":
        if isinstance(node.value, float) and not math.isfinite(node.value):
            raise StackError(
                path,
                node.line,
                f"kustomize cannot hand Helm {node.text!r}: JSON has no NaN or infinity",
            )
        return node.value
    if node.kind == "seq":
        return [_decoded(item, path, False, seen) for item in node.items]
    out: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    merges: list[Node] = []
    for entry in node.entries:
        if entry.key_tag == MERGE:
            merges.append(entry.value)
            continue
        if entry.key in first_line:
            raise StackError(
                path,
                entry.line,
                f"kustomize refuses the values: mapping key "
                f'"{entry.key}" already defined at line {first_line[entry.key]}',
            )
        first_line[entry.key] = entry.line
        if not top and entry.key_tag not in (STR,):
            raise StackError(
                path,
                entry.line,
                f"kustomize cannot hand Helm the key "
                f"{entry.key!r} ({entry.key_tag.lstrip('!')}): JSON keys are "
                "strings; quote it",
            )
        out[entry.key] = _decoded(entry.value, path, False, seen)
    for merged in merges:
        sources = merged.items if merged.kind == "seq" else [merged]
        for source in sources:
            value = _decoded(source, path, False, seen)
            if not isinstance(value, dict):
                raise StackError(
                    path, source.line, "map merge requires map or sequence of maps as the value"
                )
            for key, item in value.items():
                out.setdefault(key, item)
    return out


def handed_to_helm(node: Node, path: Path) -> dict[str, Any]:
    """Return the values Helm reads from the file kustomize writes for the merged ``node``."""
    from schema_gen.tools import helm_sdk  # Helm's decoder, as for every values file

    values = _decoded(node, path, True) if not node.null() else {}
    return helm_sdk.values_from_yaml(json.dumps(values, ensure_ascii=False).encode("utf-8"))


def locate_in(node: Node) -> Locate:
    """Return where a path of the merged values was written: by the layer of the deepest
    node on its way (the values file's or valuesInline's), at that layer's line."""

    def locate(at: ValuesPath) -> Where:
        current = node
        for key in at:
            nxt: Node | None = None
            if current.kind == "map":
                nxt = next((e.value for e in current.entries if e.key == key), None)
            elif current.kind == "seq" and isinstance(key, int) and key < len(current.items):
                nxt = current.items[key]
            if nxt is None or current.kind == "alias":
                break
            current = nxt
        return current.layer.locate(at)

    return locate


def lines_of(root: Node) -> Mapping[ValuesPath, int]:
    """Return the line of every key and item of a file read by :func:`read`."""
    lines: dict[ValuesPath, int] = {(): root.line}
    stack: list[tuple[Node, ValuesPath]] = [(root, ())]
    while stack:
        node, at = stack.pop()
        if node.kind == "map":
            for entry in node.entries:
                lines.setdefault((*at, entry.key), entry.line)
                stack.append((entry.value, (*at, entry.key)))
        elif node.kind == "seq":
            for index, item in enumerate(node.items):
                lines.setdefault((*at, index), item.line)
                stack.append((item, (*at, index)))
    return lines
