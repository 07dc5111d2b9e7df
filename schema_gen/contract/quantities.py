"""Which spellings of a resource quantity the API server reads as a given string.

Some checks compare a quantity by ``Quantity.String()`` (k8s.io/apimachinery,
``pkg/api/resource``), the downward API's divisor among them. String() is the
canonical form of the value ("1000m" is "1", "1024Ki" is "1Mi"), except that a
spelling ``ParseQuantity`` takes for canonical is kept as written: "+1", "01",
"1.", "1e0" and "01Ki" stay so, and fail a check that wants "1" or "1Ki".

:func:`spelling_pattern` returns the regular expression, for the schema, of
the spellings whose String() is one of a set; checked against kubectl's own
ParseQuantity on 16,000 spellings. Three kinds of spelling that Kubernetes 1.33
also reads so are left out, and so refused: decimal exponents beyond
``EXPONENTS`` ("1000…0e-40"), values that only round up to a target
("0.9999999999" is 1 after rounding to nano units), and values of 10^21 and
more, which 1.33 prints without their exponent ("1000E" is "1").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from functools import partial

DECIMAL_SI = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
BINARY_SI = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}  # powers of 1024
EXPONENTS = range(-18, 19)  # the decimal exponents ("e-3", "E6") spelled out
# Any spelling of zero; checks that skip an unset quantity skip zero too.
ZERO = r"[+-]?(0+[.]?0*|[.]0+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?"


def _value(canonical: str) -> tuple[Fraction, str]:
    """Return the value a canonical "1<suffix>" names, and its format: "si" or "binary"."""
    digits, suffix = canonical[:1], canonical[1:]
    if suffix in BINARY_SI:
        return Fraction(int(digits)) * 1024 ** BINARY_SI[suffix], "binary"
    return Fraction(int(digits)) * Fraction(10) ** DECIMAL_SI[suffix], "si"


def _digits(number: Fraction) -> tuple[str, str] | None:
    """Return the integer digits (no leading zero) and fraction digits (no trailing zero)
    of ``number``, or None if its decimal expansion does not end."""
    for places in range(80):
        scaled = number * 10**places
        if scaled.denominator == 1:
            text = str(scaled.numerator).rjust(places + 1, "0")
            whole, fraction = (text[:-places], text[-places:]) if places else (text, "")
            return whole.lstrip("0"), fraction
    return None


def _number(whole: str, fraction: str, kept: Callable[[int], bool]) -> str:
    """Return the regex of the ways to write whole.fraction that ParseQuantity does not keep
    as written; ``kept(n)`` says whether it keeps a spelling with n written decimals.

    Leading zeros and a "+" change nothing but the string kept, so they are allowed
    exactly where nothing is kept. Three or more trailing zeros are never kept.
    """
    zeros = [n for n in range(3) if not kept(len(fraction) + n)]
    if fraction:
        tail = (
            "0*" if len(zeros) == 3 else "(" + "|".join(["0" * n for n in zeros] + ["000+"]) + ")"
        )
        return rf"[+]?0*{whole}[.]{fraction}{tail}"
    if len(zeros) == 3:
        return rf"[+]?0*{whole}([.]0*)?"
    # No "." and a bare "." both write no decimal.
    forms = ["[.]?" if n == 0 else "[.]" + "0" * n for n in zeros] + ["[.]000+"]
    return rf"[+]?0*{whole}(" + "|".join(forms) + ")"


def _decimal_kept(whole: str, fraction: str, *, exponent: int) -> Callable[[int], bool]:
    """Return whether ParseQuantity keeps as written a decimal spelling of whole.fraction
    with a given number of written decimals, under a suffix of 10^exponent.

    Its fast path also wants at most 18 digits and a scale of nano or more; every
    spelling of a power of ten it could keep meets both, so they are left out.
    """

    def kept(written: int) -> bool:
        # `written` decimals: the fraction's, then zeros
        shifted = whole + fraction + "0" * (written - len(fraction))
        # A number below 1 keeps a leading "0" in `shifted`, which is never kept.
        return bool(whole) and (exponent - written) % 3 == 0 and not shifted.endswith("000")

    return kept


def _binary_kept(whole: str, fraction: str, *, power: int) -> Callable[[int], bool]:
    """Return whether ParseQuantity keeps as written a spelling of whole.fraction under a
    suffix of 1024^power: on its fast path (no decimals, few digits), an integer that
    is not a multiple of 8."""

    def kept(written: int) -> bool:
        digits = whole or "0"
        fast = written == 0 and 15 - len(digits) - 3 * power - 1 >= 0
        return fast and int(digits) % 8 != 0

    return kept


def _exponent(exponent: int) -> str:
    if exponent == 0:
        return "[eE][+-]?0+"
    return rf"[eE][+]?0*{exponent}" if exponent > 0 else rf"[eE]-0*{-exponent}"


def _spelled(value: Fraction, base: Fraction, suffix: str, kept: Callable[..., Callable]) -> str:
    """Return the regex of ``value`` written as a number times ``base`` (named by ``suffix``)."""
    digits = _digits(value / base)
    if digits is None:
        return ""
    return f"({_number(*digits, kept(*digits))}){suffix}"


def spelling_pattern(canonical: Iterable[str]) -> str:
    """Return the anchored regex of the quantity spellings whose String() is in ``canonical``
    (each "1" with an SI or binary suffix), or that are zero."""
    wanted = sorted(set(canonical))
    values = [_value(c) for c in wanted]
    decimal = [value for value, kind in values if kind == "si"]
    # A binary spelling below 1024 prints as decimal SI; at or above, in powers of 1024.
    binary = [value for value, kind in values if kind == "binary" or value < 1024]
    spelled = []
    for suffix, power in DECIMAL_SI.items():
        kept = partial(_decimal_kept, exponent=power)
        spelled += [_spelled(v, Fraction(10) ** power, suffix, kept) for v in decimal]
    if "1" in wanted:  # a decimal exponent prints 1 as "1", and any other value with "e"
        for exponent in EXPONENTS:
            kept = partial(_decimal_kept, exponent=exponent)
            spelled.append(
                _spelled(Fraction(1), Fraction(10) ** exponent, _exponent(exponent), kept)
            )
    for suffix, power in BINARY_SI.items():
        kept = partial(_binary_kept, power=power)
        spelled += [_spelled(v, Fraction(1024) ** power, suffix, kept) for v in binary]
    return "^(" + "|".join([ZERO, *wanted, *filter(None, spelled)]) + ")$"
