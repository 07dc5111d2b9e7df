"""Regular expressions as Helm's schema validators read them: in Go.

Both Helm validators (gojsonschema and santhosh-tekuri/jsonschema) match a "pattern"
with Go's regexp, where "$" matches only at the very end of the text; Python's also
matches before a final newline. Everything that checks a pattern in Python, so that it
gives Helm's verdict, compiles it here.
"""

from __future__ import annotations

import functools
import re
from typing import Any


def go_anchored(pattern: str) -> str:
    """Return ``pattern`` with each "$" outside a character class as Python's "\\Z".

    In Go (both Helm validators) "$" matches only at the end of the text; in
    Python also before a final newline, which would pass "name\\n".
    """
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped or char == "\\":
            escaped = not escaped
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return "".join(out)


@functools.cache
def _validator_class() -> Any:
    import jsonschema  # only validation needs it; generation should start fast

    def pattern(checker: Any, regex: str, instance: Any, schema: Any) -> Any:
        if checker.is_type(instance, "string") and not compiled(regex).search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {regex!r}")

    return jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})


@functools.cache
def compiled(regex: str) -> re.Pattern[str]:
    """Return ``regex`` compiled to match as Go matches it."""
    return re.compile(go_anchored(regex))


def validator(schema: dict[str, Any]) -> Any:
    """Return a draft-07 validator of ``schema`` that reads "pattern" as Helm does."""
    return _validator_class()(schema)
