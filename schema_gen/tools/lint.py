"""``schema-gen lint``: every problem in a set of values files, with its file, line and a fix.

Helm says ``at '/controllers/extraVolumes/0/name': 'not' failed``: true, but it
does not say why. Lint validates with the same models and rules and words each
problem for the operator who has to fix it.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic

from schema_gen.contract import api_checks, chart_rules, k8s, notices, renames, volume_rules
from schema_gen.contract.model_fields import keys, model_at
from schema_gen.contract.models import Values, chart_defaults
from schema_gen.contract.models.base import (
    INT32_MAX,
    MAX_EXACT,
    PATTERN_WORDING,
    SECTION_REMOVED,
    SectionRemoved,
)
from schema_gen.contract.values_paths import ValuesPath, copied, dotted
from schema_gen.tools.values_files import (
    ValuesFile,
    chart_values,
    coalesced,
    merged_user_values,
    origin,
)


@dataclass(frozen=True)
class Finding:
    """One problem: where in the values it is, and what to do about it."""

    at: ValuesPath
    message: str
    warning: bool = False  # Helm renders anyway (validation.mode: warn)


# How close a typo must be to a known key to be suggested (difflib's ratio):
# "mountpath" for "mountPath" is, "image" for "images" is, "foo" for "env" is not.
SUGGESTION_CUTOFF = 0.6


def _unknown_key(at: ValuesPath) -> str:
    key = str(at[-1])
    old = tuple(str(p) for p in at)
    if moved := renames.moved(old):
        return (
            f'"{key}" is a key of chart 0.9.1: today it is {renames.today(old)} ({moved.note}); '
            "run `schema-gen migrate` to rewrite the file"
        )
    if dropped := renames.dropped(old):
        return (
            f'"{key}" is a key of chart 0.9.1 that today\'s chart has no place for: {dropped.why}'
        )
    if inside := renames.under(old):  # a section of 0.9.1's (runtime): what became of its keys
        return (
            f'"{key}" is a section of chart 0.9.1 that today\'s chart has no place for: '
            f"{'; '.join(inside)}; run `schema-gen migrate` to rewrite the file"
        )
    model = model_at(Values, at[:-1])
    known = keys(model) if model else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=SUGGESTION_CUTOFF)
    hint = f'; did you mean "{close[0]}"?' if close else f" (known keys: {', '.join(known)})"
    return f'unknown key "{key}"{hint}' if known else f'unknown key "{key}"'


_TYPES = {
    "bool_type": "a boolean (true or false, without quotes)",
    "string_type": "a string (quote it)",
    "int_type": "a whole number",
    "dict_type": "a mapping",
    "list_type": "a list",
}


def _message(error: dict[str, Any]) -> str:
    at, kind, given = error["loc"], error["type"], error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(at)
    if kind == "missing":
        return f'required key "{at[-1]}" is missing'
    if kind in _TYPES:
        return f"must be {_TYPES[kind]}, not {type(given).__name__} {given!r}"
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}, not {given!r}"
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] in PATTERN_WORDING:
        return f'"{given}" is not {PATTERN_WORDING[error["ctx"]["pattern"]]}'
    if kind == "string_too_long":
        return f"is {len(given)} characters long; at most {error['ctx']['max_length']} are allowed"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "less_than_equal":
        limit = error["ctx"]["le"]
        why = {MAX_EXACT: " (Helm reads numbers as 64-bit floats, exact up to 2^53)",
               INT32_MAX: " (Kubernetes keeps this field in 32 bits)"}.get(limit, "")  # fmt: skip
        return f"must be at most {limit}, not {_shown(given)}{why}"
    return error["msg"].removeprefix("Value error, ")


# Errors that say a value is not of a union branch's type at all (not that it is of the
# type but wrong): the branch does not fit the value, and its words would mislead.
_WRONG_TYPE = {*_TYPES, "model_type", "float_type", "int_from_float", "int_parsing"}
_TYPE_WORDS = {**_TYPES, "model_type": "a mapping", "float_type": "a number",
               "int_from_float": "a whole number", "int_parsing": "a whole number"}  # fmt: skip


def _union_tag(merged: Any, error: dict[str, Any]) -> int | None:
    """Return where in ``error``'s path a union's branch is named, or None when it is not.

    Pydantic puts the branch that failed ("constrained-str", a model's name) into the
    path; it is the first element that is not a key or index of the values there (a
    missing key, the one other such element, is last and says so).
    """
    loc = tuple(error["loc"])
    node = merged
    for index, key in enumerate(loc):
        in_map = isinstance(node, dict) and key in node
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if in_map or in_list:
            node = node[key]
        elif error["type"] == "missing" and index == len(loc) - 1:
            return None
        else:
            return index if isinstance(key, str) else None
    return None


def _unions_resolved(merged: dict[str, Any], errors: list[Any]) -> list[Any]:
    """Return the errors with each union's branches read as an operator means them.

    A value of a union key (a count or a percentage, a name or a mapping) failed every
    branch. The branches whose type the value has are the ones its writer meant: only
    their errors are kept, without the branch's tag. When none has its type, one error
    names every type the key takes.
    """
    plain: list[Any] = []
    unions: dict[tuple[Any, ...], list[tuple[str, Any]]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        tag = _union_tag(merged, error)
        if tag is None:
            plain.append(error)
            continue
        branch = {**error, "loc": loc[:tag] + loc[tag + 1 :]}
        unions.setdefault(loc[:tag], []).append((loc[tag], branch))
    for at, branches in unions.items():
        misfits = {b for b, e in branches if e["loc"] == at and e["type"] in _WRONG_TYPE}
        fitting = [e for b, e in branches if b not in misfits]
        if fitting:
            plain += fitting
            continue
        given = branches[0][1].get("input")
        forms = " or ".join(dict.fromkeys(_TYPE_WORDS[e["type"]] for _b, e in branches))
        message = f"must be {forms}, not {type(given).__name__} {given!r}"
        plain.append({"loc": at, "type": "union_type", "input": given, "msg": message})
    return plain


def _json_integers(values: Any) -> Any:
    """Return ``values`` with every whole float an int, as JSON Schema counts numbers.

    Helm hands the schema a number past 1e21 (``1e300``) as a float; for JSON Schema a
    number without a fraction is an integer, so Helm takes it where an integer is
    wanted, and the models, which are strict, must see the same number as an int.
    """
    return copied(values, _whole_as_int)


def _whole_as_int(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _shown(value: Any) -> str:
    """Return a number as the operator wrote it: a whole float past 1e21 stays 1e+300."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**21:
        return repr(float(value))
    return repr(value)


def _model_findings(merged: dict[str, Any]) -> list[Finding]:
    try:
        Values.model_validate(_json_integers(merged), context={"per_entry_only": True})
    except pydantic.ValidationError as invalid:
        found = []
        for error in _unions_resolved(merged, invalid.errors()):
            at = tuple(error["loc"])
            cause = (error.get("ctx") or {}).get("error")
            if isinstance(cause, SectionRemoved):
                found += [Finding((*at, k), f"is missing: {SECTION_REMOVED}") for k in cause.keys]
            elif isinstance(cause, k8s.Findings):  # a Kubernetes type: where inside the value
                found += [Finding((*at, *inner), why) for inner, why in cause.found]
            else:
                found.append(Finding(at, _message(error)))
        return found
    return []


def findings(merged: dict[str, Any], namespace: str | None = None) -> list[Finding]:
    """Return every problem in chart-merged ``values``, per entry and across entries, at once.

    Helm stops at the schema and shows the cross-entry rules only on a second try;
    lint checks the rules across the entries that are valid in the same pass. With
    ``validation.mode: warn`` Helm renders despite the volume contract: those
    problems are warnings, as are the notices (values that render but may not mean
    what they seem). ``namespace`` is the release namespace (``helm -n``), if known.
    """
    warn = isinstance(merged.get("validation"), dict) and merged["validation"].get("mode") == "warn"
    found = _model_findings(merged)
    seen = {finding.at for finding in found}
    found += [
        Finding(at, message)
        for at, message in chart_rules.chart_findings(merged, namespace)
        if at not in seen
    ]
    found += [Finding(at, m) for at, m in api_checks.findings(merged) if at not in seen]
    found += [
        Finding(at, message, warning=warn)
        for at, message in volume_rules.contract_findings(merged)
        if at not in seen
    ]
    found += [
        Finding(tuple(n.path.split(".")), n.text, warning=True) for n in notices.found(merged)
    ]
    return found


def defaults(chart: Path | None) -> dict[str, Any]:
    """Return the defaults to merge over: the chart's values.yaml, or the models' own."""
    if chart is None:
        return chart_defaults()
    return chart_values(chart)


def merged(files: Sequence[ValuesFile], chart: Path | None) -> dict[str, Any]:
    """Return the files merged like ``helm -f a -f b`` and coalesced over the chart's defaults."""
    return coalesced(defaults(chart), merged_user_values(files))


WARNING = "warning: "  # after FILE:LINE:, on what Helm renders anyway


def verdict(
    files: Sequence[ValuesFile], values: dict[str, Any], namespace: str | None = None
) -> tuple[list[str], bool]:
    """Return one ``FILE:LINE: values.path: message`` line per problem in merged ``values``,
    and whether Helm refuses them (a warning, ``FILE:LINE: warning: ...``, does not)."""
    found = findings(values, namespace)
    return _located(files, found), any(not finding.warning for finding in found)


def _located(files: Sequence[ValuesFile], found: list[Finding]) -> list[str]:
    return located(found, lambda at: origin(files, at), [f.path for f in files])


def located(
    found: list[Finding], where: Callable[[ValuesPath], tuple[Path, int]], paths: Sequence[Path]
) -> list[str]:
    """Return ``FILE:LINE: values.path: message`` for each finding, ``where`` saying which
    file and line wrote its path; sorted by the files' order in ``paths``, then by line."""
    order = {path: index for index, path in enumerate(paths)}
    lines = []
    for finding in found:
        path, line = where(finding.at)
        kind = WARNING if finding.warning else ""
        text = f"{path}:{line}: {kind}{dotted(finding.at)}: {finding.message}"
        lines.append((order.get(path, len(order)), line, text))
    return [text for _file, _line, text in sorted(lines, key=lambda x: x[:2])]


def report(
    files: Sequence[ValuesFile], chart: Path | None, namespace: str | None = None
) -> tuple[list[str], bool]:
    """Return the :func:`verdict` on ``files``, merged in order over the chart's defaults.

    Where Helm 3 and Helm 4 read different values from a file, both readings are
    checked: a problem only one of them has says which, and either refusing refuses.
    ``namespace`` is the release namespace (``helm -n``), if known.
    """
    problems, refused = verdict(files, merged(files, chart), namespace)
    if all(values_file.helm3 is None for values_file in files):
        return problems, refused
    helm3 = [values_file.as_helm3() for values_file in files]
    notes = [
        difference_note(values_file.path, line, why)
        for values_file in files
        if values_file.difference
        for line, why in [values_file.difference]
    ]
    helm3_verdict = verdict(helm3, merged(helm3, chart), namespace)
    return both_helms(notes, (problems, refused), helm3_verdict)


def difference_note(path: Path, line: int, why: str) -> str:
    """Return the warning that Helm 3 and Helm 4 read different values from a file."""
    return f"{path}:{line}: {WARNING}Helm 3 and Helm 4 read different values from this file: {why}"


def both_helms(
    notes: list[str], helm4: tuple[list[str], bool], helm3: tuple[list[str], bool]
) -> tuple[list[str], bool]:
    """Return the verdicts on Helm 4's and Helm 3's readings as one: a problem only one
    of them has says which, and either refusing refuses."""
    (problems, refused), (problems3, refused3) = helm4, helm3
    both = [line if line in problems3 else f"{line} (with Helm 4)" for line in problems]
    helm3_only = [f"{line} (with Helm 3)" for line in problems3 if line not in problems]
    return notes + both + helm3_only, refused or refused3
