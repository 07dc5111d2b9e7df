"""How Helm 3 and Helm 4 turn the bytes of a values file into values.

Both decode with go-yaml (through sigs.k8s.io/yaml): UTF-8, or UTF-16 after a
byte-order mark (a UTF-8 mark is skipped); a control character (C0 but tab and
line breaks, DEL, C1 but NEL, U+FFFE, U+FFFF) is refused wherever it is,
comments and quoted strings included. They differ in what they feed it:

- Helm 3 decodes the whole file and keeps its first YAML document.
- Helm 4 reads the file line by line, each line ending in one ``\\n`` (a ``\\r``
  before it dropped, a last line without one given one), cuts it into documents
  at lines starting ``---``, decodes each and merges them, later ones winning.
  The added byte cuts UTF-16 text in half: little-endian always, big-endian
  without a final newline.

Helm's decoder comes from Helm's Go SDK (or, where it cannot load, the helm CLI;
see ``helm_sdk.values_from_yaml``), which takes a C string: a NUL byte would
end the text there. It is handed over as U+0001 instead, which go-yaml refuses at
the same place for the same reason. A separate, tolerant pass with PyYAML finds
the line of each key for the messages; where it cannot, they point at the
document's first line, and the verdict is still Helm's.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schema_gen.contract.values_paths import ValuesPath

if TYPE_CHECKING:  # PyYAML loads only when a line is looked up
    import yaml


class UnreadableValues(Exception):
    """A values file that cannot be read or decoded: ``FILE:LINE: why``, or ``FILE: why``."""

    def __init__(self, path: Path, line: int | None, why: str) -> None:
        super().__init__(f"{path}:{line}: {why}" if line else f"{path}: {why}")
        self.path, self.line, self.why = path, line, why


@dataclass(frozen=True)
class Reading:
    """What one Helm reads from a file: the values, and the line that set each path."""

    data: dict[str, Any]
    lines: Mapping[ValuesPath, int] = field(default_factory=lambda: {(): 1})
    documents: list[int] = field(default_factory=lambda: [1])  # the line each document starts on


@dataclass(frozen=True)
class _Document:
    line: int  # the file's line on which it starts
    raw: bytes


NESTED_TOO_DEEP = (
    "nests lists or maps deeper than schema-gen can follow (about 900 levels); no chart "
    "value needs that depth: flatten it"
)
# The positional pass records at most this many keys and items; the rest point at line 1.
MAX_POSITIONS = 200_000
# go-yaml's reader accepts these characters and no others.
_REFUSED = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Go's unicode.IsSpace, which Helm 4 trims from the rest of a "---" line.
_GO_SPACE = "[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_UTF16 = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_UTF32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_SAVE_AS_UTF8 = "save the file as UTF-8"


_BREAK = re.compile(r"\r\n|\r|\n")


class _LineIndex:
    """The line of a character as editors count them: CR, LF and CRLF end lines.

    YAML also breaks lines at NEL, LS and PS, which editors show inside a line.
    """

    def __init__(self, text: str, first: int = 1) -> None:
        self.ends = [found.end() for found in _BREAK.finditer(text)]
        self.first = first

    def __call__(self, index: int) -> int:
        return self.first + bisect.bisect_right(self.ends, index)


def merge_maps(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``over`` merged into ``base`` as Helm merges values files and documents:
    maps key by key, anything else replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge_maps(out[key], value)
        else:
            out[key] = value
    return out


def helm3_reading(path: Path, raw: bytes) -> Reading:
    """Return what Helm 3 reads from ``raw``; raise :class:`UnreadableValues` where it refuses."""
    return Reading(*_decoded(path, _Document(1, raw)))


def helm4_reads_as_helm3(path: Path, raw: bytes) -> bool:
    """Return whether Helm 4 hands ``raw`` to the decoder whole, as Helm 3 does."""
    try:
        return _helm4_documents(path, raw) == [_Document(1, raw)]
    except UnreadableValues:
        return False


def helm4_reading(path: Path, raw: bytes) -> Reading:
    """Return what Helm 4 reads from ``raw``; raise :class:`UnreadableValues` where it refuses."""
    documents = _helm4_documents(path, raw)
    if documents == [_Document(1, raw)]:
        return helm3_reading(path, raw)  # one document, byte for byte the file
    data: dict[str, Any] = {}
    lines: dict[ValuesPath, int] = {(): 1}
    for document in documents:
        if any(document.raw.startswith(bom) for bom, _codec in _UTF16) and len(raw) % 2 == 0:
            _check_halves(path, document)
        found, found_lines = _decoded(path, document)
        data = merge_maps(data, found)
        lines.update(found_lines)
    return Reading(data, lines, [document.line for document in documents])


def manifest_documents(path: Path, raw: bytes) -> list[Reading]:
    """Return each YAML document of a Kubernetes manifest as kubectl reads it.

    kubectl cuts a file into documents at lines starting ``---`` (apimachinery's
    YAMLReader, the reader Helm 4 cuts values files with) and decodes each alone with
    sigs.k8s.io/yaml, Helm's decoder; ``documents`` holds the line each starts on.
    """
    readings = []
    for document in _helm4_documents(path, raw):
        data, lines = _decoded(path, document)
        readings.append(Reading(data, lines, [document.line]))
    return readings


def _check_halves(path: Path, document: _Document) -> None:
    if (len(document.raw) - 2) % 2:
        codec = dict(_UTF16)[document.raw[:2]]
        text = document.raw[2:-1].decode(codec, "replace").rstrip("\r\n\ufffd")
        last = _LineIndex(text, document.line)(len(text))
        raise UnreadableValues(
            path, last, "Helm 4 reads a values file line by line and ends each line with a "
            "one-byte newline, which cuts UTF-16 text in half (little-endian always, "
            f"big-endian without a final newline); {_SAVE_AS_UTF8}",
        )  # fmt: skip


def _helm4_lines(raw: bytes) -> list[bytes]:
    pieces = raw.split(b"\n")
    last = pieces.pop()  # what follows the final newline: nothing, or an unended line
    lines = [(piece[:-1] if piece.endswith(b"\r") else piece) + b"\n" for piece in pieces]
    return lines + ([last + b"\n"] if last else [])


def _helm4_documents(path: Path, raw: bytes) -> list[_Document]:
    """Return the documents Helm 4's reader cuts ``raw`` into (k8s.io/apimachinery's YAMLReader).

    A line starting ``---`` ends the document before it and is dropped; at the start
    of a document it stays in it. Only a comment may follow the dashes.
    """
    documents: list[_Document] = []
    buffer: list[bytes] = []
    start = 1
    for number, line in enumerate(_helm4_lines(raw), 1):
        if line.startswith(b"---"):
            rest = re.sub(f"^{_GO_SPACE}+|{_GO_SPACE}+$", "", line[3:].decode("utf-8", "replace"))
            if rest and not rest.startswith("#"):
                raise UnreadableValues(
                    path, number, f'text after "---" ({rest[:40]!r}): Helm 4 takes a line '
                    'starting with "---" for a document separator and allows only a comment '
                    "after it; move the text to the next line",
                )  # fmt: skip
            if buffer:
                documents.append(_Document(start, b"".join(buffer)))
                buffer, start = [], number + 1
                continue
        buffer.append(line)
    if buffer:
        documents.append(_Document(start, b"".join(buffer)))
    return documents


def _decoded(path: Path, document: _Document) -> tuple[dict[str, Any], Mapping[ValuesPath, int]]:
    """Return the values go-yaml decodes from the document's first YAML document, and lines."""
    from schema_gen.tools import helm_sdk  # Helm's decoder, loaded when a file is read

    utf8 = _as_utf8(path, document)
    try:
        data = helm_sdk.values_from_yaml(utf8.replace(b"\0", b"\1"))
    except RecursionError:  # Helm decoded it; Python cannot follow that deep a nesting
        raise UnreadableValues(path, document.line, NESTED_TOO_DEEP) from None
    except helm_sdk.ValuesRefused as error:
        raise _refusal(path, document, utf8, str(error)) from None
    return (data if isinstance(data, dict) else {}), _Lines(utf8, document.line)


def _as_utf8(path: Path, document: _Document) -> bytes:
    """Return the document as UTF-8, as go-yaml transcodes UTF-16 after a byte-order mark."""
    for bom, codec in _UTF16:
        if document.raw.startswith(bom):
            try:
                return document.raw[len(bom) :].decode(codec).encode("utf-8")
            except UnicodeDecodeError as error:
                done = document.raw[len(bom) : len(bom) + error.start]
                text = done.decode(codec, "replace")
                line = _LineIndex(text, document.line)(len(text))
                why = "its last character is cut in half" if error.end >= len(
                    document.raw) - len(bom) else "it holds a lone surrogate"  # fmt: skip
                raise UnreadableValues(
                    path, line, f"not valid UTF-16 text ({why}); {_SAVE_AS_UTF8}"
                ) from None
    return document.raw


def _refusal(path: Path, document: _Document, utf8: bytes, message: str) -> UnreadableValues:
    """Return the error for what go-yaml refused, with the line and the fix."""
    message = re.sub(r"^error (converting YAML to JSON|unmarshaling JSON): ", "", message)
    if "cannot unmarshal" in message:
        return UnreadableValues(
            path, document.line, "a values file must be a mapping of keys to values"
        )
    if "control characters are not allowed" in message:
        return _control_character(path, document, utf8)
    if "UTF-8" in message or "invalid Unicode character" in message:
        try:
            utf8.decode("utf-8")
            at = len(utf8)
        except UnicodeDecodeError as error:
            at = error.start
        text = utf8[:at].decode("utf-8")
        line = _LineIndex(text, document.line)(len(text))
        why = re.sub(r"^yaml: ", "", message.strip())
        return UnreadableValues(path, line, f"not UTF-8 text ({why}); {_SAVE_AS_UTF8}")
    found = re.search(r"\bline (\d+)\b", message)
    why = re.sub(r"^(yaml: )?(line \d+: )?", "", message.strip())
    text = utf8.decode("utf-8", "replace")
    line = _problem_line(text) or (int(found.group(1)) if found else 1)
    return UnreadableValues(path, document.line + line - 1, f"not valid YAML: {why}")


def _control_character(path: Path, document: _Document, utf8: bytes) -> UnreadableValues:
    text = utf8.decode("utf-8", "replace")
    found = _REFUSED.search(text)
    at = found.start() if found else 0
    line = _LineIndex(text, document.line)(at)
    if document.raw.startswith(_UTF32):
        return UnreadableValues(path, 1, f"UTF-32 text, which Helm cannot read; {_SAVE_AS_UTF8}")
    nuls = text.count("\0")
    if found and found.group() == "\0" and nuls >= 2 and nuls * 3 >= len(text):
        return UnreadableValues(
            path, line, "NUL bytes throughout: this looks like UTF-16 or UTF-32 text without "
            f"a byte-order mark, which Helm reads as UTF-8; {_SAVE_AS_UTF8}",
        )  # fmt: skip
    code = ord(found.group()) if found else 0
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return UnreadableValues(
        path, line, f"a control character (U+{code:04X}), which Helm refuses anywhere in a "
        f'values file, comments and quoted strings included: delete it (in a double-quoted '
        f'string, write it as the escape "{escape}")',
    )  # fmt: skip


class _Lines(Mapping[ValuesPath, int]):
    """The line of every key and list item of a document, found when first looked up."""

    def __init__(self, utf8: bytes, first: int) -> None:
        self._utf8, self._first = utf8, first
        self._found: dict[ValuesPath, int] | None = None

    def _all(self) -> dict[ValuesPath, int]:
        if self._found is None:
            self._found = _lines(self._utf8.decode("utf-8", "replace"), self._first)
        return self._found

    def __getitem__(self, at: ValuesPath) -> int:
        return self._all()[at]

    def __iter__(self) -> Iterator[ValuesPath]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _first_node(text: str) -> yaml.Node | None:
    import yaml

    return next(iter(yaml.compose_all(text, Loader=yaml.SafeLoader)), None)


def _problem_line(text: str) -> int | None:
    """Return the line PyYAML blames for a document Helm refused, when it blames one.

    Helm's decoder names the line where the broken construct began; PyYAML names
    the line of the offending token, which is the one to edit.
    """
    import yaml

    try:
        _first_node(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return _LineIndex(text)(mark.index) if mark else None
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError):
        return None
    return None


def _lines(text: str, first: int) -> dict[ValuesPath, int]:
    """Return the line of every key (the key's own line) and list item, as far as PyYAML can.

    Iterative, and each node is walked once however many aliases name it, so
    hostile nesting or aliasing costs bounded work; anything PyYAML cannot compose
    leaves only the document's first line.
    """
    import yaml

    lines: dict[ValuesPath, int] = {(): first}
    try:
        root = _first_node(text)
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError):
        return lines
    line_of = _LineIndex(text, first)
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
            lines.setdefault((*at, key), line_of(marked.start_mark.index))
            stack.append((value, (*at, key)))
    return lines
