"""Every Config Mapping row is proven by rendering: a row that lies fails here."""

from __future__ import annotations

from schema_gen.contract import components
from tests.shared.config_mapping import ROWS


def test_the_design_rows_and_every_per_component_key_are_mapped():
    keys = {row.key for row in ROWS}
    assert {"extraVolumes", "extraVolumeMounts", "database.caSecret", "validation.mode"} <= keys
    assert {"grpc.serviceType", "grpc.servicePort"} <= keys
    for component in components.DEPLOYMENTS:
        assert {f"{component}.extraVolumes", f"{component}.extraVolumeMounts"} <= keys
