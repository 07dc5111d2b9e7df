"""A YAML text edited only where its values change, every other byte kept.

``schema-gen migrate`` knows what a values file must hold after the migration (the
values Helm read from it, mapped through the rename table). This module turns the
file's text into a text that holds them, touching only what differs: a renamed key
has its name replaced where it stands, a dropped one loses its lines, a new one is
appended to its map. Comments, blank lines, quoting, flow style, anchors elsewhere
and line endings stay byte for byte, so nothing the operator wrote around a value is
lost. Positions come from PyYAML's parser; what the text means is decided by Helm's
decoder, which the caller asks again about the result.

Some shapes cannot be edited in place, and are written out in full instead (their
inner comments go, the values stay): a map that takes keys through a merge key
(``<<: *base``), an alias (``*vars``) where the values change, a map whose keys
PyYAML and Helm spell differently (``y`` is ``"true"`` to Helm). Where an edit would
change the values an alias elsewhere reads (``podAnnotations: *vars`` while
``env.vars: &vars`` is renamed), that alias is first written out with the values
Helm read there. Earlier copies of a key Helm reads the last of are deleted when the
key changes, so a value Helm ignored never comes back.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schema_gen.contract.values_paths import ValuesPath, dotted


class CannotRewrite(Exception):
    """The text cannot be edited to hold the values (the reason, for the operator)."""


# go-yaml (YAML 1.1) reads these plain scalars as booleans or null, and Helm's JSON
# step turns such a key into "true", "false" or "null".
_TRUE = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_FALSE = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}
_NULL = {"", "~", "null", "Null", "NULL"}
# Characters a double-quoted scalar must escape: what go-yaml refuses raw, and the
# line breaks YAML folds (NEL, LS, PS) and the byte-order mark.
_ESCAPE = re.compile(
    r"[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_CANDIDATE = re.compile(r"[A-Za-z0-9_./@+][A-Za-z0-9_./@+:=-]*")
MAX_PASSES = 5  # aliases written out, then the edits; more means the shapes keep moving


@dataclass(eq=False)
class Node:
    """A YAML node of the text: its kind, where it stands, and its children."""

    kind: str  # "map", "seq", "scalar" or "alias"
    start: int
    end: int
    path: tuple[str | int, ...] | None  # its values path, None where a key is no string
    anchor: str | None = None
    target: Node | None = None  # for an alias, the node it names
    flow: bool = False
    in_flow: bool = False  # inside a flow collection
    style: str | None = None  # a scalar's: None (plain), "'", '"', "|", ">"
    value: str = ""
    items: list[tuple[Node | None, Node]] = field(default_factory=list)
    merge: bool = False  # a map with a "<<" key
    _key: Node | None = None


@dataclass
class Document:
    """One YAML document of the text: its span, its root, and its aliases."""

    start: int
    end: int = 0
    root: Node | None = None
    aliases: list[Node] = field(default_factory=list)


def key_string(node: Node) -> str | None:
    """Return the key Helm reads from a key node, or None where this cannot tell."""
    if node.kind != "scalar":
        return None
    if node.style is not None:
        return node.value
    if node.value in _TRUE:
        return "true"
    if node.value in _FALSE:
        return "false"
    if node.value in _NULL:
        return "null"
    return node.value


def documents(text: str) -> list[Document]:
    """Return the documents PyYAML finds in ``text``, with every node's position.

    Built from the parser's events without recursion, so any nesting costs a stack entry.
    """
    import yaml

    docs: list[Document] = []
    stack: list[Node] = []
    anchors: dict[str, Node] = {}
    doc = Document(0)

    def attach(node: Node) -> None:
        if node.anchor:
            anchors[node.anchor] = node
        if not stack:
            doc.root = node
            return
        parent = stack[-1]
        node.in_flow = parent.flow or parent.in_flow
        if parent.kind == "seq":
            parent.items.append((None, node))
        elif parent._key is None:
            parent._key = node
            if node.kind == "scalar" and node.style is None and node.value == "<<":
                parent.merge = True
        else:
            parent.items.append((parent._key, node))
            parent._key = None

    def child_path() -> tuple[str | int, ...] | None:
        if not stack:
            return ()
        parent = stack[-1]
        if parent.path is None:
            return None
        if parent.kind == "seq":
            return (*parent.path, len(parent.items))
        if parent._key is None:  # this node is a key
            return None
        key = key_string(parent._key)
        return None if key is None else (*parent.path, key)

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        start, end = event.start_mark.index, event.end_mark.index
        if isinstance(event, yaml.DocumentStartEvent):
            doc, anchors = Document(start), {}
        elif isinstance(event, yaml.DocumentEndEvent):
            doc.end = end
            docs.append(doc)
        elif isinstance(event, yaml.AliasEvent):
            node = Node("alias", start, end, child_path(), target=anchors.get(event.anchor))
            doc.aliases.append(node)
            attach(node)
        elif isinstance(event, yaml.ScalarEvent):
            node = Node("scalar", start, end, child_path(), event.anchor, style=event.style)
            node.value = event.value
            attach(node)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
            node = Node(kind, start, end, child_path(), event.anchor, flow=bool(event.flow_style))
            attach(node)
            stack.append(node)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop().end = end
    return docs


def same(a: Any, b: Any) -> bool:
    """Return whether two values are equal, types included (``1``, ``1.0`` and ``True`` differ)."""
    pairs = [(a, b)]
    while pairs:
        x, y = pairs.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, dict):
            if x.keys() != y.keys():
                return False
            pairs += [(x[k], y[k]) for k in x]
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            pairs += list(zip(x, y, strict=True))
        elif x != y and not (isinstance(x, float) and x != x and y != y):
            return False
    return True


def at_path(values: Any, path: Sequence[str | int]) -> Any:
    """Return the value at ``path``; raise :class:`CannotRewrite` where there is none."""
    for step in path:
        in_list = isinstance(values, list) and isinstance(step, int) and step < len(values)
        if (isinstance(values, dict) and step in values) or in_list:
            values = values[step]
        else:
            raise CannotRewrite(f"{dotted(tuple(path))} is read differently by Helm")
    return values


# Rendering values as YAML text that Helm reads back as the same values.


@functools.lru_cache(maxsize=4096)
def _plain_reads_back(text: str) -> bool:
    import helm_python  # Helm's decoder: the judge of what a plain scalar means

    try:
        found = helm_python.values_from_yaml(f"k: {text}\n".encode())
    except helm_python.HelmError:
        return False
    return isinstance(found, dict) and found.get("k") == text and type(found["k"]) is str


def scalar(value: str, flow: bool = False) -> str:
    """Return string ``value`` as a plain scalar where Helm reads it back as the same string,
    else double-quoted."""
    candidate = _PLAIN_CANDIDATE.fullmatch(value) and not (flow and ":" in value)
    if candidate and _plain_reads_back(value):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _ESCAPE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)


def inline(value: Any) -> str:
    """Return ``value`` as YAML on one line (flow style for a collection)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return json.dumps(value)
    if isinstance(value, str):
        return scalar(value, flow=True)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k, True)}: {inline(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(inline(item) for item in value) + "]"


def block_lines(value: Any, column: int) -> list[str]:
    """Return a non-empty map or list as block YAML, each line indented to ``column``."""
    pad = " " * column
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{scalar(key)}:")
                lines += block_lines(item, column + 2)
            else:
                lines.append(f"{pad}{scalar(key)}: {_block_scalar(item)}")
        return lines
    for item in value:
        if isinstance(item, dict | list) and item:
            inner = block_lines(item, column + 2)
            lines.append(f"{pad}- {inner[0][column + 2 :]}")
            lines += inner[1:]
        else:
            lines.append(f"{pad}- {_block_scalar(item)}")
    return lines


def _block_scalar(value: Any) -> str:
    return scalar(value) if isinstance(value, str) else inline(value)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``; ``owner`` is the span whose values it changes."""

    start: int
    end: int
    new: str
    owner: tuple[int, int]


@dataclass
class Rewrite:
    """The edits that make one text hold new values, and what they did worth a note."""

    text: str
    renames: Mapping[ValuesPath, Mapping[str, str]]  # map path -> old key -> new key
    sources: Mapping[ValuesPath, ValuesPath]  # new path -> the path its value came from
    edits: list[Edit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    newline: str = "\n"
    spaced: bool = False  # top-level sections set apart by blank lines
    _scalars: dict[ValuesPath, Node] = field(default_factory=dict)

    # Positions.

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _column(self, index: int) -> int:
        return index - self._line_start(index)

    def _after_line(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def content_end(self, node: Node) -> int:
        """Return where the node's last character is: a block's last item's, a block
        scalar's last non-blank one (its line break stays with the line)."""
        while node.kind in ("map", "seq") and not node.flow and node.items:
            node = node.items[-1][1]
        end = node.end
        if node.kind == "scalar" and node.style in ("|", ">"):
            while end > node.start and self.text[end - 1] in "\r\n ":
                end -= 1
        return end

    def _line_of(self, index: int) -> int:
        return self.text.count("\n", 0, index) + 1

    # Edits.

    def _edit(self, start: int, end: int, new: str, owner: Node) -> None:
        self.edits.append(Edit(start, end, new, (owner.start, self.content_end(owner))))

    def replace(self, node: Node, key: Node | None, value: Any) -> None:
        """Write ``value`` in place of ``node``, in the style its place allows."""
        start, end = node.start, self.content_end(node)
        if node.kind == "scalar" and node.style is None and node.value == "" and start == end:
            lead = " "  # an empty value right after its key's colon
        else:
            lead = ""
        if isinstance(value, str) and node.kind == "scalar" and node.style in ("'", '"'):
            self._edit(start, end, self._quoted(node.style, value), node)  # its quotes kept
            return
        if node.in_flow or node.flow or not (isinstance(value, dict | list) and value):
            self._edit(start, end, lead + inline(value), node)  # a flow collection stays one
            return
        before = self.text[self._line_start(start) : start]
        if not before.strip() or key is None:  # on a line of its own, or after "- "
            column = self._column(start)
            lines = block_lines(value, column)
            self._edit(start, end, self.newline.join([lines[0][column:], *lines[1:]]), node)
            return
        while start > 0 and self.text[start - 1] == " ":
            start -= 1
        column = self._column(key.start) + 2
        lines = block_lines(value, column)
        self._edit(start, end, self.newline + self.newline.join(lines), node)

    def _entry_span(self, key: Node, value: Node) -> tuple[int, int] | None:
        """Return the lines of a block map's entry, or None where its key does not start
        a line (the first key of a list item, ``- key: value``)."""
        first = self._line_start(key.start)
        if self.text[first : key.start].strip():
            return None
        return first, self._after_line(self.content_end(value))

    def _append(self, node: Node, path: ValuesPath, items: dict[str, Any]) -> None:
        at = self._after_line(self.content_end(node))
        lead = "" if at == 0 or self.text[at - 1] == "\n" else self.newline
        column = self._column(node.items[0][0].start) if node.items and node.items[0][0] else 0
        lines = []
        for key, value in items.items():
            entry = block_lines({key: value}, column)
            source = self._scalars.get(self.sources.get((*path, key), ()))
            if len(entry) == 1 and source is not None and source.style in (None, "'", '"'):
                text = self.text[source.start : source.end]
                if "\n" not in text:  # the moved value as it was written, quotes and all
                    entry = [f"{' ' * column}{scalar(key)}: {text}"]
            if not path and self.spaced:
                lines.append("")
            lines += entry
        new = lead + self.newline.join(lines) + self.newline
        self.edits.append(Edit(at, at, new, (self.content_end(node) - 1, self.content_end(node))))

    def walk(self, node: Node, key: Node | None, old: Any, new: Any, path: ValuesPath) -> None:
        """Add the edits that turn ``node`` (holding ``old``) into text holding ``new``."""
        if same(old, new):
            return
        why = self._whole_because(node, old, new)
        if why is not None:
            if why:
                self.notes.append(f"wrote {dotted(path) or 'the file'} out in full: {why}")
            self.replace(node, key, new)
            return
        entries: dict[str, list[tuple[Node, Node]]] = {}
        for k, v in node.items:
            entries.setdefault(key_string(k) or "", []).append((k, v))  # type: ignore[arg-type]
        renames = self.renames.get(path, {})
        kept = {n for n in entries if n in new or (renames.get(n) in new and renames[n] not in old)}
        twice = any(len(copies) > 1 for copies in entries.values())
        if node.flow and (kept != set(entries) or len(new) != len(kept) or twice):
            self.replace(node, key, new)  # a flow map with keys to remove, add or drop: anew
            return
        edits_before = len(self.edits)
        renamed_to: set[str] = set()
        for name, copies in entries.items():
            k, v = copies[-1]
            renamed = renames.get(name)
            if name in new:
                if same(old[name], new[name]):
                    continue
                self.walk(v, k, old[name], new[name], (*path, name))
            elif renamed in new and renamed not in old:
                renamed_to.add(renamed)
                self._edit(k.start, k.end, self._key_text(k, renamed), k)
                self.walk(v, k, old[name], new[renamed], (*path, renamed))
            elif not self._delete(k, v):
                del self.edits[edits_before:]
                self.notes.append(
                    f"wrote {dotted(path) or 'the file'} out in full: a key to remove shares "
                    "its line with another"
                )
                self.replace(node, key, new)
                return
            for dead_key, dead_value in copies[:-1]:  # Helm read the last; never revive these
                if not self._delete(dead_key, dead_value):
                    raise CannotRewrite(f"{dotted((*path, name))} is set twice on one line")
                self.notes.append(
                    f"dropped {dotted((*path, name))} on line {self._line_of(dead_key.start)}: "
                    f"the one on line {self._line_of(k.start)} replaces it, as Helm reads the file"
                )
        added = {k: v for k, v in new.items() if k not in old and k not in renamed_to}
        if added:
            self._append(node, path, added)

    def _whole_because(self, node: Node, old: Any, new: Any) -> str | None:
        """Return why ``node`` is written out in full ("" for a value simply replaced),
        or None when it can be edited in place."""
        if node.kind == "alias":
            return (
                f"it was the alias *{node.target.anchor if node.target else '?'}, whose values "
                "are not the ones it holds after the migration"
            )
        if not (node.kind == "map" and isinstance(old, dict) and isinstance(new, dict) and new):
            return ""
        if node.merge:
            return (
                "it takes keys through a merge key (<<), which cannot be renamed where they stand"
            )
        written = {key_string(k) for k, _v in node.items}
        if None in written or written != set(old):
            return "its keys are spelled in ways Helm reads differently (y, on, numbers)"
        return None

    @staticmethod
    def _quoted(style: str, value: str) -> str:
        if style == "'" and not _ESCAPE.search(value) and "\n" not in value:
            return "'" + value.replace("'", "''") + "'"
        quoted = scalar(value)
        return quoted if quoted.startswith('"') else json.dumps(value, ensure_ascii=False)

    def _key_text(self, key: Node, name: str) -> str:
        if key.style in ("'", '"'):
            return self._quoted(key.style, name)
        return scalar(name, flow=key.in_flow)

    def _delete(self, key: Node, value: Node) -> bool:
        span = self._entry_span(key, value)
        if span is None or key.in_flow:
            return False
        self.edits.append(Edit(span[0], span[1], "", span))
        return True

    def note_scalars(self, root: Node) -> None:
        """Remember every scalar's node by its path, to move a value as it was written."""
        stack = [root]
        while stack:
            node = stack.pop()
            if node.kind == "scalar" and node.path is not None:
                known = self._scalars.get(node.path)
                if known is None or known.start < node.start:  # of a key set twice, the last
                    self._scalars[node.path] = node
            stack += [value for _key, value in node.items]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < max(b[1], b[0] + 1) and b[0] < max(a[1], a[0] + 1)


def applied(text: str, edits: Sequence[Edit]) -> str:
    """Return ``text`` with the edits made; raise :class:`CannotRewrite` where two overlap."""
    out, at = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < at:
            raise CannotRewrite("two changes fall on the same text")
        out += [text[at : edit.start], edit.new]
        at = edit.end
    return "".join([*out, text[at:]])


# For each document: the values Helm reads from it, the values it must hold, the keys
# renamed (map path -> old key -> new key) and where moved values came from (new path -> old).
Plans = Callable[[list[str]], list[tuple[Any, Any, Any, Any]]]


def rewritten(text: str, plans: Plans) -> tuple[str, list[str]]:
    """Return ``text`` edited to hold new values, and notes on shapes written out in full.

    ``plans`` gets the text of each YAML document and returns what it must hold. An
    alias whose values an edit would change is first written out with what Helm read
    there, and the text read again.
    """
    notes: list[str] = []
    first = text.find("\n")
    newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"  # the file's own
    for _pass in range(MAX_PASSES):
        docs = documents(text)
        wanted = plans([text[d.start : d.end] for d in docs])
        rewrite = Rewrite(text, {}, {}, newline=newline, spaced="\n\n" in text)
        for doc, (old, new, renames, sources) in zip(docs, wanted, strict=True):
            if doc.root is None:
                if not same(old, new):
                    raise CannotRewrite("a document without values would need some")
                continue
            rewrite.renames, rewrite.sources = renames, sources
            rewrite.note_scalars(doc.root)
            rewrite.walk(doc.root, None, old, new, ())
        hazards = [
            (alias, old)
            for doc, (old, *_rest) in zip(docs, wanted, strict=True)
            for alias in doc.aliases
            if _changed_under(rewrite, alias)
        ]
        if not hazards:
            return applied(text, rewrite.edits), [*notes, *rewrite.notes]
        expand = Rewrite(text, {}, {}, newline=newline)
        for alias, old in hazards:
            if alias.path is None:
                raise CannotRewrite("an alias stands where its key cannot be read")
            expand.replace(alias, _key_of(docs, alias), at_path(old, alias.path))
            notes.append(
                f"wrote {dotted(alias.path)} out in full instead of *{alias.target.anchor}: "  # type: ignore[union-attr]
                f"the migration changes what &{alias.target.anchor} holds, "  # type: ignore[union-attr]
                f"and {dotted(alias.path)} keeps what Helm read there"
            )
        text = applied(text, expand.edits)
    raise CannotRewrite("its anchors and aliases keep changing under the edits")


def _changed_under(rewrite: Rewrite, alias: Node) -> bool:
    """Return whether an edit changes what ``alias`` reads, itself left unedited."""
    if alias.target is None:
        return False
    own = (alias.start, alias.end)
    if any(e.start <= alias.start and alias.end <= max(e.end, e.start) for e in rewrite.edits):
        return False  # the alias itself is replaced or deleted
    defined = (alias.target.start, rewrite.content_end(alias.target))
    return any(_overlaps(edit.owner, defined) for edit in rewrite.edits) and not any(
        _overlaps((e.start, e.end), own) for e in rewrite.edits if e.end > e.start
    )


def _key_of(docs: list[Document], wanted: Node) -> Node | None:
    """Return the key node whose value is ``wanted`` (None for a list item or a root)."""
    for doc in docs:
        stack = [doc.root] if doc.root else []
        while stack:
            node = stack.pop()
            for key, value in node.items:
                if value is wanted:
                    return key
                stack.append(value)
    return None
