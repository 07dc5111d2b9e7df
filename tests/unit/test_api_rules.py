"""What the API server would refuse in a volume or mount is refused at render time instead.

Each rule of schema_gen/contract/api_rules.py has an invalid sample, which Helm, pydantic
and jsonschema (on values.schema.json) all refuse, and a valid neighbour, which
all three accept and which renders into Deployments kubernetes-validate passes.
"""

from __future__ import annotations

import json
from typing import Any

from schema_gen.contract import api_rules, components, go_regex, k8s
from tests.conftest import (
    with_both,
)
from tests.shared.api_rules import CASES, IQN, TEMPLATE_CASES


def _key(rule: api_rules.ApiRule) -> str:
    # Rules with the same fragment are one rule to the schema (see api_rules.rule_for).
    return json.dumps(rule.schema, sort_keys=True)


# Every rule of api_rules.py, where it applies: (definition or "mount", property, rule).
def _declared_rules() -> set[tuple[str, str, str]]:
    declared = set()
    for table, suffix in ((api_rules.VOLUME_RULES, ""), (api_rules.VOLUME_ITEM_RULES, "[]")):
        for definition, by_property in table.items():
            for prop, rules in by_property.items():
                declared |= {(definition, prop + suffix, _key(rule)) for rule in rules}
    for prop, rules in api_rules.MOUNT_RULES.items():
        declared |= {("mount", prop, _key(rule)) for rule in rules}
    return declared


def _definition(schema: dict[str, Any]) -> str | None:
    """Return the definition a property schema refers to, directly or under allOf."""
    refs = [schema, *schema.get("allOf", [])]
    return next((r["$ref"].rsplit("/", 1)[-1] for r in refs if "$ref" in r), None)


def _places(path: tuple[str | int, ...]) -> list[tuple[str, str]]:
    """Return the (definition, property) pairs an error at ``path`` in a source may belong to.

    The property itself ("secretName" of SecretVolumeSource), or the whole object it
    holds ("" of SecretProjection); a list item as "property[]".
    """
    definitions = k8s.volume_source_definitions()
    current, schema, prop = k8s.VOLUME_SOURCE, None, ""
    places = [(current, "")]
    for part in path:
        if isinstance(part, int):
            schema, owner = schema["items"], (current, f"{prop}[]")
        else:
            schema, owner, prop = definitions[current]["properties"][part], (current, part), part
        inner = _definition(schema)
        places = [owner, *([(inner, "")] if inner else [])]
        current = inner or current
    return places


def _broken_rules(values: dict[str, Any]) -> set[tuple[str, str, str]]:
    """Return which declared rules ``values`` break, and where."""
    found = set()
    lists = [values, *(values.get(c, {}) for c in components.KEYS)]
    for volume in (v for own in lists for v in own.get("extraVolumes", [])):
        for error in k8s._validator(k8s.VOLUME_SOURCE).iter_errors(volume["volume"]):
            rule = api_rules.rule_for(error.schema)
            found |= {(d, p, _key(rule)) for d, p in _places(tuple(error.path)) if rule}
    for mount in (m for own in lists for m in own.get("extraVolumeMounts", [])):
        for prop, rules in api_rules.MOUNT_RULES.items():
            given = mount if not prop else mount.get(prop)
            if given is not None:
                found |= {
                    ("mount", prop, _key(r)) for r in rules if api_rules.violations(given, (r,))
                }
    return found


def test_every_api_rule_has_a_sample_that_breaks_it_where_it_applies():
    broken = set().union(*(_broken_rules(bad) for _rule, bad, _good, _where in CASES))
    missing = _declared_rules() - broken
    messages = {_key(r): r.message for r in api_rules._all_rules()}
    assert not missing, sorted((d, p, messages[r]) for d, p, r in missing)


def test_no_two_rules_share_a_fragment():
    # A fragment names its rule (api_rules.rule_for): a shared one would lend one rule's
    # message to the other.
    by_fragment: dict[str, set[str]] = {}
    for rule in api_rules._all_rules():
        by_fragment.setdefault(_key(rule), set()).add(rule.message)
    assert all(len(messages) == 1 for messages in by_fragment.values()), by_fragment


def test_patterns_end_where_go_ends_them():
    # Python's "$" also matches before a final newline; Helm's Go regexps do not.
    rule = api_rules.ISCSI_NAME
    assert api_rules.violations(IQN, (rule,)) == []
    assert api_rules.violations(IQN + "\n", (rule,)) == [rule.message]
    assert go_regex.go_anchored(r"^[$]a$|b$") == r"^[$]a\Z|b\Z"


def test_lint_reports_each_template_check_with_its_file_and_line(tmp_path):
    from schema_gen.tools import lint

    _rule, bad, _good, expected = TEMPLATE_CASES[0]
    path = tmp_path / "values.yaml"
    path.write_text(json.dumps(with_both(bad), indent=1), encoding="utf-8")
    from schema_gen.tools.values_files import read_values_file

    lines, refused = lint.report([read_values_file(path)], None)
    assert refused
    assert any(line.startswith(f"{path}:") and expected in line for line in lines), lines
