"""Whether values files are clean: Helm renders them and lint has nothing to say.

Most files lint sees are clean, and a clean file needs a verdict, not words. This
decides it with the generated :mod:`schema_gen.values_contract` (the schema compiled
to Python, the models' defaults, the notices) and the cross-entry rules, which are
plain Python over dicts: no pydantic, no models. Anything else (a problem, a
warning, a file Helm 3 and Helm 4 read differently, a value the compiled code cannot
judge) answers "not clean", and lint asks the models, which word every problem.
Only "clean" is trusted here, so a doubt costs time, never a verdict.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schema_gen import notices, rules
from schema_gen.values_decoding import UnreadableValues
from schema_gen.values_files import ValuesFile, coalesced, merged_user_values, read_values_file


def _defaults(chart: Path | None, built_in: dict[str, Any]) -> dict[str, Any]:
    # As lint.defaults: the chart's values.yaml, or the models' defaults (generated).
    return built_in if chart is None else read_values_file(chart / "values.yaml").data


def _finite(node: Any) -> bool:
    """Return whether ``node`` holds no NaN or infinity, which compare as no schema expects."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            return False
    return True


def is_clean(files: Sequence[ValuesFile], chart: Path | None, namespace: str | None) -> bool:
    """Return whether lint would print nothing and exit 0 for ``files`` (merged in order)."""
    if any(values_file.helm3 is not None for values_file in files):
        return False  # a note to print
    from schema_gen import values_contract as contract  # generated

    try:
        merged = coalesced(_defaults(chart, contract.DEFAULTS), merged_user_values(files))
        if not _finite(merged):
            return False
        contract.validate(merged)
        return not (
            rules.chart_findings(merged, namespace)
            or rules.contract_findings(merged)
            or notices.found(merged, [notices.Notice(**n) for n in contract.NOTICES])
        )
    except (contract.JsonSchemaValueException, UnreadableValues, RecursionError):
        return False
