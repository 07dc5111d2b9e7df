"""Our ``--set`` parser and Helm's own (its Go SDK's ``strvals``) read every expression alike:
the same values, or both refuse it."""

from __future__ import annotations

import helm_python
from hypothesis import given, settings
from hypothesis import strategies as st

from schema_gen.tools.stacks.strvals import StrvalsError, parse_into

# Expressions made of the language's own characters, so that most are nearly valid.
_PIECES = st.sampled_from(
    ["a", "b", "x1", "0", "7", "007", "-3", "true", "NULL", "1.5", "=", ",", ".", "[", "]",
     "[0]", "[1]", "[2]", "{", "}", "\\", "\\,", " ", "é", "yes"]
)  # fmt: skip
EXPRESSIONS = st.lists(_PIECES, min_size=1, max_size=12).map("".join)


def _ours(expression: str, as_string: bool) -> dict | None:
    values: dict = {}
    try:
        parse_into(expression, values, as_string=as_string)
    except StrvalsError:
        return None
    return values


def _helms(expression: str, as_string: bool) -> dict | None:
    parse = helm_python.parse_set_string_values if as_string else helm_python.parse_set_string
    try:
        return parse(expression)
    except helm_python.HelmError:
        return None


@settings(max_examples=400, deadline=None)
@given(EXPRESSIONS, st.booleans())
def test_our_set_parser_reads_as_helms(expression, as_string):
    assert _ours(expression, as_string) == _helms(expression, as_string)
