"""The divisor patterns take exactly the spellings Kubernetes prints as an allowed form.

tests/quantity_strings.json holds 1,676 spellings with the string Quantity.String()
gives for each, read from kubectl (see its "about"): the facts the patterns must match.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from schema_gen.contract import go_regex, quantities

FACTS = json.loads((Path(__file__).parent / "quantity_strings.json").read_text(encoding="utf-8"))
PRINTED = FACTS["strings"]
CPU = ["1m", "1"]
BYTES = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"]
_SPLIT = re.compile(r"^([+-]?[0-9.]*)(.*)$")


def _left_out(spelling: str) -> bool:
    """Whether ``spelling`` is of a kind quantities.py leaves out (and so refuses): a
    decimal exponent beyond EXPONENTS, or a value of 10^21 or more."""
    number, suffix = _SPLIT.match(spelling).groups()
    if suffix in quantities.DECIMAL_SI:
        scale = Fraction(10) ** quantities.DECIMAL_SI[suffix]
    elif suffix in quantities.BINARY_SI:
        scale = Fraction(1024) ** quantities.BINARY_SI[suffix]
    else:
        exponent = int(suffix[1:])
        if exponent not in quantities.EXPONENTS:
            return True
        scale = Fraction(10) ** exponent
    digits = number.lstrip("+-")
    value = Fraction(digits if digits.strip(".") else "0") if digits != "." else Fraction(0)
    return abs(value * scale) >= 10**21


@pytest.mark.parametrize(("name", "allowed"), [("cpu", CPU), ("bytes", BYTES)])
def test_pattern_takes_what_kubernetes_prints_as_an_allowed_form(name, allowed):
    pattern = go_regex.validator({"pattern": quantities.spelling_pattern(allowed)})
    wrong = []
    for spelling, printed in PRINTED.items():
        takes = printed is not None and (printed == "0" or printed in allowed)
        expected = takes and not _left_out(spelling)
        if pattern.is_valid(spelling) != expected:
            wrong.append((spelling, printed))
    assert not wrong, wrong[:20]


def test_the_facts_hold_spellings_of_each_verdict():
    # Both verdicts, and the kinds left out, are represented, so the test above can fail.
    takes_cpu = [s for s, p in PRINTED.items() if p in CPU and not _left_out(s)]
    kept_as_written = [s for s, p in PRINTED.items() if p not in CPU and p == s and "1" in s]
    assert len(takes_cpu) > 40
    assert {"+01.", "1e0", "1.", "10e0"} <= set(kept_as_written)
    assert any(_left_out(s) and p == "1" for s, p in PRINTED.items())


@pytest.mark.parametrize(
    ("whole", "fraction", "kept_at", "takes", "refuses"),
    [
        ("1", "", 1, ["1", "+01.", "1.00", "1.000", "1.0000"], ["1.0", "+1.0", "1.5"]),
        ("1", "5", 2, ["1.5", "01.5", "1.500", "1.5000"], ["1.50", "+1.50", "1.05"]),
        ("", "25", 9, [".25", "0.25", "00.250"], ["0.2", "1.25"]),
    ],
)
def test_number_leaves_out_exactly_the_spellings_kept_as_written(
    whole, fraction, kept_at, takes, refuses
):
    # A made-up keeping rule, to reach shapes the allowed divisors never need.
    regex = re.compile(quantities._number(whole, fraction, lambda n: n == kept_at) + r"\Z")
    assert [s for s in takes if not regex.match(s)] == []
    assert [s for s in refuses if regex.match(s)] == []
