"""Which layer of a stack wrote which value, and on which line: the attribution every tool shares.

A GitOps tool builds a release's values from layers (values files, a block of a
manifest, a ``--set`` parameter, a ConfigMap's key) in an order and by rules of its
own. Each tool's module (:mod:`.kustomize`, :mod:`.argocd`, :mod:`.flux`) says what
its layers are and in which order they are applied, as a :class:`Stack` of steps:
a layer merged as Helm merges values files (``MergeMaps``: maps key by key, anything
else replaced whole, nulls kept), or a ``--set`` expression written in place. Replaying
the steps gives the values Helm receives and, for every values path, the layer that
wrote it last; a problem at a path is reported at that layer's file and line, the
line found by the layer (a values file's own line of each key, a manifest's lines
shifted to where the block sits).

A list is written whole by the layer that last set it: a problem inside it is at that
layer's line for the item, never at an earlier layer's item of the same index.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schema_gen.contract.values_paths import ValuesPath
from schema_gen.tools.stacks import strvals
from schema_gen.tools.values_files import ValuesFile


class StackError(Exception):
    """A stack its tool would refuse, or a reference that cannot be resolved: ``FILE:LINE: why``.

    Lint exits 2 on it, as on a values file Helm cannot read.
    """

    def __init__(self, path: Path, line: int | None, why: str) -> None:
        super().__init__(f"{path}:{line}: {why}" if line else f"{path}: {why}")
        self.path, self.line, self.why = path, line, why


@dataclass(frozen=True)
class Where:
    """A file and a line in it."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


Locate = Callable[[ValuesPath], Where]


def nearest(
    path: Path, lines: Mapping[ValuesPath, int], shift: Callable[[int], int] = int
) -> Locate:
    """Return where a values path is written in a file whose keys are on ``lines``:
    the line of the path, or of its nearest ancestor the file writes (``shift`` maps a
    line of the text to the file's, for a block inside a manifest)."""

    def locate(at: ValuesPath) -> Where:
        for depth in range(len(at), -1, -1):
            line = lines.get(at[:depth])
            if line is not None:
                return Where(path, shift(line))
        return Where(path, shift(1))

    return locate


def rerooted(lines: Mapping[ValuesPath, int], root: ValuesPath) -> Mapping[ValuesPath, int]:
    """Return the lines of the values under ``root`` of a document, as paths from ``root``."""
    return _Rerooted(lines, root)


class _Rerooted(Mapping[ValuesPath, int]):
    def __init__(self, lines: Mapping[ValuesPath, int], root: ValuesPath) -> None:
        self._lines, self._root = lines, root

    def __getitem__(self, at: ValuesPath) -> int:
        return self._lines[(*self._root, *at)]

    def __iter__(self) -> Iterator[ValuesPath]:
        size = len(self._root)
        return (p[size:] for p in self._lines if p[:size] == self._root)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True, eq=False)
class Layer:
    """One layer: the values it hands over and where each of its paths is written.

    ``helm3`` is what Helm 3 reads instead, for a file the Helm CLI reads and the two
    Helms read differently (``note`` then says where and why).
    """

    name: str  # what the layer is, for explain: "values-prod.yaml", "valuesInline"
    values: dict[str, Any]
    locate: Locate
    helm3: Layer | None = None
    note: tuple[Where, str] | None = None

    @classmethod
    def of_file(cls, values_file: ValuesFile, name: str | None = None) -> Layer:
        """Return a values file, as the Helm CLI reads it with ``-f``, as a layer."""
        label = name or str(values_file.path)
        helm3 = None
        if values_file.helm3 is not None:
            helm3 = cls.of_file(values_file.as_helm3(), label)
        note = None
        if values_file.difference:
            line, why = values_file.difference
            note = (Where(values_file.path, line), why)
        return cls(
            label, values_file.data, nearest(values_file.path, values_file.lines), helm3, note
        )

    def reading(self, helm3: bool) -> Layer:
        return self.helm3 if helm3 and self.helm3 is not None else self


def written_at(where: Callable[[], Where], name: str) -> Layer:
    """Return a layer whose every value is written on one line (a ``--set`` parameter),
    found when a message needs it."""
    return Layer(name, {}, lambda _at: where())


@dataclass(frozen=True)
class Merge:
    """A step: ``layer`` merged over the values as Helm merges values files (``MergeMaps``)."""

    layer: Layer


@dataclass(frozen=True)
class Set:
    """A step: a ``--set`` expression written into the values in place, by ``layer``.

    ``as_string`` is ``--set-string``; ``reader`` turns a value into what is set
    (``--set-file`` reads a file).
    """

    expression: str
    layer: Layer
    as_string: bool = False
    reader: Callable[[str], Any] | None = None


Step = Merge | Set


@dataclass
class Stack:
    """A release as a GitOps tool declares it: the steps that make its values, and where.

    ``declared`` finds where the release is declared (the helmCharts entry, the
    Application's source, the HelmRelease) in ``path``, only when a message says it: a
    clean stack never reads its manifest's lines. ``label`` is how a message names it.
    """

    path: Path
    declared: Callable[[], Where]
    label: str
    steps: list[Step]
    namespace: str | None = None
    release: str | None = None
    notes: list[str] = field(default_factory=list)
    reads: list[Path] = field(default_factory=list)  # every file the stack is made of

    @property
    def where(self) -> Where:
        return self.declared()

    def layers(self) -> list[Layer]:
        return list(dict.fromkeys(step.layer for step in self.steps))

    def differs_for_helm3(self) -> bool:
        return any(layer.helm3 is not None for layer in self.layers())


class _Written:
    """Who wrote a value and the values below it (a trie over values paths).

    ``whole`` is the layer whose write put the value there, with everything below it
    that has no node of its own; ``last`` the last layer that wrote or merged into it.
    """

    __slots__ = ("last", "under", "whole")

    def __init__(self, whole: Layer | None = None, last: Layer | None = None) -> None:
        self.whole, self.last = whole, last or whole
        self.under: dict[str | int, _Written] = {}

    def node(self, at: ValuesPath) -> _Written:
        """Return the node at ``at``, made (written by its parent's writer) where missing."""
        node = self
        for key in at:
            if key not in node.under:
                node.under[key] = _Written(node.whole)
            node = node.under[key]
        return node

    def replaced(self, at: ValuesPath, by: Layer) -> None:
        """Record that ``by`` wrote the whole value at ``at``."""
        if not at:
            self.whole, self.last, self.under = by, by, {}
            return
        self.node(at[:-1]).under[at[-1]] = _Written(by)


@dataclass
class Attribution:
    """For each values path of the merged values, the layer that wrote it last."""

    root: _Written
    values: dict[str, Any]  # what the layers wrote: a path not in them is the chart's default

    def held(self, at: ValuesPath) -> ValuesPath:
        """Return the longest beginning of ``at`` that the layers' values hold."""
        node: Any = self.values
        for depth, key in enumerate(at):
            inside = isinstance(node, dict) and key in node
            inside = inside or (
                isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
            )
            if not inside:
                return at[:depth]
            node = node[key]
        return at

    def writer(self, at: ValuesPath) -> Layer | None:
        node = self.root
        for depth, key in enumerate(at):
            below = node.under.get(key)
            if below is None:  # written as part of the value above it
                return node.whole or node.last
            node = below
            if depth == len(at) - 1:
                return node.last
        return node.last

    def written(self, at: ValuesPath) -> Where | None:
        """Return the file and line that wrote ``at``; None when no layer wrote any of it
        (the chart's default)."""
        held = self.held(at)
        if at and not held:
            return None
        by = self.writer(held)
        return by.locate(held) if by is not None else None

    def where(self, at: ValuesPath, fallback: Where) -> Where:
        """Return the file and line that wrote ``at`` or its nearest written ancestor, else
        ``fallback`` (where the stack is declared)."""
        return self.written(at) or fallback


def _merged(
    base: dict[str, Any], over: Mapping[str, Any], written: _Written, by: Layer, at: ValuesPath
) -> dict[str, Any]:
    """Return Helm's ``MergeMaps(base, over)``, recording what ``by`` wrote.

    Like Helm's (and Flux's), the result shares ``over``'s lists and maps that it
    takes whole, which Flux's ``targetPath`` then writes into.
    """
    out = dict(base)
    for key, value in over.items():
        here = (*at, key)
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value, written, by, here)
            written.node(here).last = by
        else:
            out[key] = value
            written.replaced(here, by)
    return out


def _containers(values: Any, at: ValuesPath = ()) -> Iterator[tuple[int, ValuesPath]]:
    """Yield (id, path) of every map and list in ``values``."""
    stack: list[tuple[Any, ValuesPath]] = [(values, at)]
    while stack:
        node, here = stack.pop()
        if isinstance(node, dict):
            yield id(node), here
            stack.extend((v, (*here, k)) for k, v in node.items())
        elif isinstance(node, list):
            yield id(node), here
            stack.extend((v, (*here, i)) for i, v in enumerate(node))


def replay(stack: Stack, helm3: bool = False) -> tuple[dict[str, Any], Attribution]:
    """Return the values Helm receives from ``stack`` (as Helm 4 or Helm 3 reads its
    files) and who wrote each path.

    A ``--set`` expression writes into the values in place, so it also changes a map
    or list that a layer's values share with them; a later merge of that layer
    carries the change (Flux relies on it), and the change stays the expression's.
    """
    layers = stack.layers()
    own = {id(layer): copy.deepcopy(layer.reading(helm3).values) for layer in layers}
    changed: dict[int, dict[ValuesPath, Layer]] = {}  # layer -> path -> the Set that wrote it
    values: dict[str, Any] = {}
    written = _Written()
    for index, step in enumerate(stack.steps):
        if isinstance(step, Merge):
            values = _merged(values, own[id(step.layer)], written, step.layer, ())
            for at, by in changed.get(id(step.layer), {}).items():
                written.replaced(at, by)
            continue
        later = {id(s.layer) for s in stack.steps[index + 1 :] if isinstance(s, Merge)}
        owners = {
            container: (layer_id, at)
            for layer_id in later
            for container, at in _containers(own[layer_id])
        }

        def on_write(
            at: ValuesPath, container: Any, key: Any, step: Set = step, owners: dict = owners
        ) -> None:
            written.replaced(at, step.layer)
            if id(container) in owners:
                layer_id, inside = owners[id(container)]
                changed.setdefault(layer_id, {})[(*inside, key)] = step.layer

        try:
            strvals.parse_into(
                step.expression,
                values,
                as_string=step.as_string,
                reader=step.reader,
                on_write=on_write,
            )
        except strvals.StrvalsError as error:
            where = step.layer.locate(())
            raise StackError(
                where.path, where.line, f"Helm refuses {step.expression!r}: {error}"
            ) from None
    return values, Attribution(written, values)


def notes(stack: Stack) -> Sequence[tuple[Where, str]]:
    """Return where and why the two Helms read a layer of ``stack`` differently."""
    return [layer.note for layer in stack.layers() if layer.note]
