"""The downward API's divisor rules (validateContainerResourceDivisor): which divisors the
API server takes for which resources.

Checked where a divisor is set (:mod:`schema_gen.contract.api_checks` and
``templates/_api_rules.tpl``, from the generated ``_divisors.tpl``), not in the schema.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from schema_gen.contract import quantities
from schema_gen.contract.go_regex import compiled


@dataclass(frozen=True)
class Divisor:
    """A downward API divisor rule (validateContainerResourceDivisor): for a resource
    ``resources`` matches, the divisor's String() must be one of ``allowed``.

    Checked where a divisor is set (:mod:`schema_gen.contract.api_checks` and
    ``templates/_api_rules.tpl``), not in the schema: its pattern, every spelling of
    the allowed values, cost 15% of what Helm spends on values.schema.json in every
    render, for a field few values files set, and Helm's schema error printed it whole.
    """

    resources: str  # Go regexp of the resource names the rule is for
    allowed: tuple[str, ...]
    # The numbers allowed: Helm writes a number divisor as its shortest decimal, so 1000
    # reaches the API server as "1000", that is "1k". Zero is a divisor left unset.
    numbers: tuple[float, ...]
    message: str  # what is wrong and how to fix it

    @functools.cached_property
    def pattern(self) -> str:
        """Return the Go regexp of the spellings allowed (and of zero)."""
        return quantities.spelling_pattern(self.allowed)

    def applies(self, resource: Any) -> bool:
        """Return whether the rule is for ``resource``."""
        return isinstance(resource, str) and bool(compiled(self.resources).search(resource))

    def allows(self, divisor: Any) -> bool:
        """Return whether the API server takes ``divisor``; a value of another type is the
        schema's to refuse (it types the divisor as a quantity)."""
        if isinstance(divisor, str):
            return bool(compiled(self.pattern).search(divisor))
        if isinstance(divisor, (int, float)) and not isinstance(divisor, bool):
            return divisor in self.numbers_taken
        return True

    @property
    def numbers_taken(self) -> tuple[float, ...]:
        """Return the number divisors taken: the allowed ones, and zero (left unset)."""
        return (0, *self.numbers)

    def template_data(self) -> dict[str, Any]:
        """Return the rule as ``templates/_divisors.tpl`` holds it for the templates."""
        return {"resources": self.resources, "pattern": self.pattern,
                "numbers": list(self.numbers_taken), "message": self.message}  # fmt: skip


_BYTES = ("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei")
CPU_DIVISOR = Divisor(
    "^(limits|requests)[.]cpu$", ("1m", "1"), (1, 0.001), "a cpu divisor must be 1m or 1"
)
BYTES_DIVISOR = Divisor(
    "^(limits|requests)[.](memory|ephemeral-storage|hugepages-)",
    _BYTES,
    (1, *(10**e for e in range(3, 19, 3))),
    "a memory, ephemeral-storage or hugepages divisor must be 1, 1k, 1M, 1G, 1T, 1P, 1E, "
    "1Ki, 1Mi, 1Gi, 1Ti, 1Pi or 1Ei",
)
DIVISORS = (CPU_DIVISOR, BYTES_DIVISOR)
