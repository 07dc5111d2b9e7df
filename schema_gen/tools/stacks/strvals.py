"""Helm's ``--set`` language (``strvals``): ``a.b[0]=x,c={1,2}`` written into values in place.

Argo CD hands an Application's ``parameters`` to Helm as ``--set`` and ``--set-string``
(``forceString``) and its ``fileParameters`` as ``--set-file``; Flux writes a
``valuesFrom`` entry's ``targetPath`` with the same parser. A port of Helm's
``pkg/strvals/parser.go`` (the same in Helm 3.17 and 4.1): a value is typed as
``--set`` types it (``true``, ``false``, ``null``, ``0`` and integers without a
leading zero; anything else, ``1.5`` included, stays a string), lists are
``{a,b}``, ``\\`` escapes the next character, and the parser writes into the values
it is given, in place, as Helm's does: a list or map it walks into is changed where
it stands, which Flux's merge depends on (see :mod:`.flux`).

Every write is reported (``on_write``) with the values path it lands on, so that a
stack can say which parameter wrote which value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schema_gen.contract.values_paths import ValuesPath

MAX_INDEX = 65536  # Helm's MaxIndex
MAX_NESTED_NAME_LEVEL = 30  # Helm's MaxNestedNameLevel


class StrvalsError(Exception):
    """An expression Helm's parser refuses, in Helm's words."""


class _Panic(Exception):
    """What Go's parser would panic on (a type assertion): recovered as an error, as Helm does."""


_EOF = "EOF"  # Go's io.EOF: the end of the expression, not an error to the caller
_NOT_LIST = "not a list"  # Go's ErrNotList

Writer = Callable[[ValuesPath, Any, Any], None]  # (path, container, key) after each write
Reader = Callable[[str], Any]


def _quoted(text: str) -> str:
    """Return ``text`` as Go's ``%q`` shows it (near enough for a message)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typed(text: str) -> Any:
    """Return a ``--set`` value as Helm types it (``typedVal``)."""
    lowered = text.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    if lowered == "null":
        return None
    if text == "0":
        return 0
    if text and text[0] != "0" and _go_int64(text) is not None:
        return int(text)
    return text


def _go_int64(text: str) -> int | None:
    """Return ``text`` as Go's ``strconv.ParseInt(text, 10, 64)`` reads it, or None."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        return None
    number = int(text)
    return number if -(2**63) <= number < 2**63 else None


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def read(self) -> str | None:
        if self.at >= len(self.text):
            return None
        self.at += 1
        return self.text[self.at - 1]

    def unread(self) -> None:
        self.at -= 1

    def runes_until(self, stop: str) -> tuple[str, str | None, bool]:
        """Return the text up to a rune of ``stop`` (``\\`` escaping one), that rune, and EOF."""
        out: list[str] = []
        while True:
            rune = self.read()
            if rune is None:
                return "".join(out), None, True
            if rune in stop:
                return "".join(out), rune, False
            if rune == "\\":
                rune = self.read()
                if rune is None:
                    return "".join(out), None, True
            out.append(rune)


class _Parser:
    def __init__(self, text: str, reader: Reader, on_write: Writer | None) -> None:
        self.sc, self.reader = _Scanner(text), reader
        self.on_write = on_write or (lambda _at, _container, _key: None)

    def parse(self, data: dict[str, Any]) -> None:
        while True:
            error = self.key(data, 0, ())
            if error is None:
                continue
            if error == _EOF:
                return
            raise StrvalsError(error)

    def set(self, data: dict[str, Any], key: str, value: Any, at: ValuesPath) -> None:
        if not key:
            return
        old = data.get(key)
        grown = isinstance(old, list) and isinstance(value, list) and len(value) > len(old)
        grown = grown and all(a is b for a, b in zip(old, value, strict=False))  # type: ignore[arg-type]
        changed = key not in data or (old is not value and not grown)
        data[key] = value
        if changed:  # a list grown for an index is the same list: its item was reported
            self.on_write((*at, key), data, key)

    def set_index(
        self, items: list[Any], index: int, value: Any, at: ValuesPath
    ) -> tuple[list[Any], str | None]:
        if index < 0:
            return items, f"negative {index} index not allowed"
        if index > MAX_INDEX:
            return items, f"index of {index} is greater than maximum supported index of {MAX_INDEX}"
        if len(items) <= index:
            items = [*items, *([None] * (index + 1 - len(items)))]  # a new list, as Go's
        changed = items[index] is not value
        items[index] = value
        if changed:
            self.on_write((*at, index), items, index)
        return items, None

    def key(self, data: dict[str, Any], level: int, at: ValuesPath) -> str | None:
        try:
            return self._key(data, level, at)
        except _Panic as panic:  # Go's recover() in parser.key
            return f"unable to parse key: {panic}"

    def _key(self, data: dict[str, Any], level: int, at: ValuesPath) -> str | None:
        key, last, eof = self.sc.runes_until("=[,.")
        if eof:
            return _EOF if not key else f"key {_quoted(key)} has no value"
        if last == "[":
            index, error = self.key_index()
            if error:  # a wrapped EOF is still the end for Helm 4's errors.Is
                return error if error == _EOF else f"error parsing index: {error}"
            items = _as(data[key], list) if key in data else []
            items, error = self.list_item(items, index, level, (*at, key))
            self.set(data, key, items, at)
            return error
        if last == "=":
            listed, error = self.val_list()
            if error is None:
                self.set(data, key, listed, at)
                return None
            if error == _EOF:
                self.set(data, key, "", at)
                return _EOF
            if error == _NOT_LIST:
                self.set(data, key, self.reader(self.val()), at)
                return None  # Go's `v, e := t.reader(rs)` shadows val()'s EOF
            return error
        if last == ",":
            self.set(data, key, "", at)
            return f"key {_quoted(key)} has no value (cannot end with ,)"
        level += 1  # last == "."
        if level > MAX_NESTED_NAME_LEVEL:
            return (
                "value name nested level is greater than maximum supported nested level of "
                f"{MAX_NESTED_NAME_LEVEL}"
            )
        inner = _as(data[key], dict) if key in data else {}
        error = self.key(inner, level, (*at, key))
        if error is None and not inner:
            return f"key map {_quoted(key)} has no value"
        if inner:
            self.set(data, key, inner, at)
        return error

    def key_index(self) -> tuple[int, str | None]:
        text, _last, eof = self.sc.runes_until("]")
        if eof:
            return 0, _EOF
        try:
            return _go_atoi(text), None
        except ValueError:
            return 0, f"strconv.Atoi: parsing {_quoted(text)}: invalid syntax"

    def list_item(
        self, items: list[Any], index: int, level: int, at: ValuesPath
    ) -> tuple[list[Any], str | None]:
        if index < 0:
            return items, f"negative {index} index not allowed"
        key, last, eof = self.sc.runes_until("[.=")
        if key:
            return items, f"unexpected data at end of array index: {_quoted(key)}"
        if eof:
            return items, _EOF
        if last == "=":
            listed, error = self.val_list()
            if error is None:
                return self.set_index(items, index, listed, at)
            if error == _EOF:
                return self.set_index(items, index, "", at)
            if error == _NOT_LIST:
                return self.set_index(items, index, self.reader(self.val()), at)
            return items, error
        if last == "[":
            inner_index, error = self.key_index()
            if error:
                return items, error if error == _EOF else f"error parsing index: {error}"
            current: list[Any] = []
            if len(items) > index and items[index] is not None:
                current = _as(items[index], list)
            nested, error = self.list_item(current, inner_index, level, (*at, index))
            if error:
                return items, error
            return self.set_index(items, index, nested, at)
        inner: dict[str, Any] = {}  # last == "."
        if len(items) > index:
            if isinstance(items[index], dict):
                inner = items[index]
            else:  # "indices out of order": Helm puts an empty map there first
                items[index] = inner
                self.on_write((*at, index), items, index)
        error = self.key(inner, level, (*at, index))
        if error:
            return items, error
        return self.set_index(items, index, inner, at)

    def val(self) -> str:
        text, _last, _eof = self.sc.runes_until(",")
        return text

    def val_list(self) -> tuple[list[Any], str | None]:
        rune = self.sc.read()
        if rune is None:
            return [], _EOF
        if rune != "{":
            self.sc.unread()
            return [], _NOT_LIST
        listed: list[Any] = []
        while True:
            text, last, eof = self.sc.runes_until(",}")
            if eof:
                return listed, "list must terminate with '}'"
            if last == "}":
                following = self.sc.read()
                if following is not None and following != ",":
                    self.sc.unread()
                listed.append(self.reader(text))
                return listed, None
            listed.append(self.reader(text))


def _as(value: Any, kind: type) -> Any:
    """Return ``value`` if it is a ``kind``; else panic as Go's type assertion does."""
    if isinstance(value, kind):
        return value
    names = {list: "[]interface {}", dict: "map[string]interface {}"}
    given = "nil" if value is None else type(value).__name__
    raise _Panic(f"interface conversion: interface {{}} is {given}, not {names[kind]}")


def _go_atoi(text: str) -> int:
    number = _go_int64(text)
    if number is None:
        raise ValueError(text)
    return number


def parse_into(
    expression: str,
    dest: dict[str, Any],
    *,
    as_string: bool = False,
    reader: Reader | None = None,
    on_write: Writer | None = None,
) -> None:
    """Write ``expression`` into ``dest`` as ``helm --set`` does (``--set-string`` with
    ``as_string``; ``--set-file`` with a ``reader`` that returns a file's text).

    Raise :class:`StrvalsError` where Helm refuses the expression.
    """
    value_of = reader or (str if as_string else typed)
    _Parser(expression, value_of, on_write).parse(dest)
