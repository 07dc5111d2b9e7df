"""Upstream parity: the upgrade-relevant names are upstream 0.9.29's, and every listed
difference renders as the list says."""

from __future__ import annotations

from schema_gen.contract import differences


def test_the_found_lookup_picks_named_items_and_dotted_keys():
    obj = {"a": [{"name": "x", "v": 1}, {"name": "y", "v": 2}], "m": {"k.io/h": "z"}}
    assert differences.found(obj, "a[y].v") == 2
    assert differences.found(obj, "a[0].v") == 1
    assert differences.found(obj, "m[k.io/h]") == "z"
    assert differences.found(obj, "a[missing].v") is None
