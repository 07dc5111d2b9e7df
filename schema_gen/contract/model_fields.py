"""One walk over the values models' fields, for everything that reads them.

The Config Mapping rows, the environment declarations, the values reference,
``values.yaml`` and lint's key suggestions all need the same thing: each field
with its values path, in field order, parents before children.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the walk needs models, which import pydantic; the rules' import does not
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

ITEMS = "[]"  # path element standing for "every item of the list above"


def _model(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation if is_model else None


@dataclass(frozen=True)
class FieldAt:
    """A model field and where its key sits in the values."""

    path: tuple[str, ...]  # keys from the top; ITEMS for a list's items
    field: FieldInfo

    @property
    def key(self) -> str:
        """Return the field's key in the values."""
        return self.path[-1]

    @property
    def dotted(self) -> str:
        """Return the path as ``controllers.extraVolumes[].name``."""
        return ".".join(self.path).replace(f".{ITEMS}", ITEMS)

    @property
    def nested(self) -> type[BaseModel] | None:
        """Return the model this field holds, if it holds one."""
        return _model(self.field.annotation)

    @property
    def items(self) -> type[BaseModel] | None:
        """Return the model of this list field's items, if they are models."""
        annotation = self.field.annotation
        if typing.get_origin(annotation) is list:
            return _model(typing.get_args(annotation)[0])
        return None

    def metadata(self, kind: type) -> list[Any]:
        """Return the field's metadata of type ``kind`` (Renders, EnvVar, ...)."""
        return [m for m in self.field.metadata if isinstance(m, kind)]


def key_of(name: str, field: FieldInfo) -> str:
    """Return the values key of model field ``name``."""
    return field.alias or name


def walk(
    model: type[BaseModel], prefix: tuple[str, ...] = (), *, into_lists: bool = False
) -> Iterator[FieldAt]:
    """Yield every field of ``model`` and of the models below it, parents first.

    ``into_lists``: also walk the models of list items, under an ITEMS path element.
    """
    for name, field in model.model_fields.items():
        at = FieldAt((*prefix, key_of(name, field)), field)
        yield at
        if at.nested:
            yield from walk(at.nested, at.path, into_lists=into_lists)
        elif into_lists and at.items:
            yield from walk(at.items, (*at.path, ITEMS), into_lists=into_lists)


def model_at(root: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """Return the model whose fields sit at values path ``path``, if it leads to one."""
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        fields = {key_of(n, f): f for n, f in model.model_fields.items()}
        if part not in fields:
            return None
        annotation = fields[part].annotation
        model = _model(annotation) or _model(next(iter(typing.get_args(annotation)), None))
        if model is None:
            return None
    return model


def keys(model: type[BaseModel]) -> list[str]:
    """Return the values keys of ``model``'s own fields."""
    return [key_of(n, f) for n, f in model.model_fields.items()]
