"""values.schema.json speaks Helm's safest dialect and carries the contract's per-entry rules."""

from __future__ import annotations

import jsonschema

from tests.conftest import merged_values
from tests.shared.schema_export import SCHEMA


def test_committed_schema_accepts_defaults_and_refuses_reserved_names():
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert not list(validator.iter_errors(merged_values({})))
    bad = {"controllers": {"extraVolumes": [{"name": "db-ca-cert", "volume": {"emptyDir": {}}}]}}
    assert [list(e.path) for e in validator.iter_errors(merged_values(bad))] == [
        ["controllers", "extraVolumes", 0, "name"]
    ]
