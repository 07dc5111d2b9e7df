"""Pydantic models of the agents chart's values: the single source of truth.

The schema Helm enforces, the chart's ``values.yaml``, the templates' generated
helpers and the docs are generated from these classes. The models also enforce
every rule themselves (per entry in the classes, across entries in
:mod:`~schema_gen.contract.volume_rules` and :mod:`~schema_gen.contract.chart_rules`), so
Python and Helm give the same verdict.

``base`` holds what all share; every other module models one area of the values,
named for its top-level key (``database``, ``env``, ``image``, ``grpc``, ...);
``component`` models ``controlPlane``/``controllers``, ``agents_shell`` and
``linear_gateway`` the two optional Deployments, ``volumes`` the extra
volumes/mounts contract and ``values`` the root.
"""

from schema_gen.contract.models.values import Values, chart_defaults
from schema_gen.contract.models.volumes import ExtraVolume, ExtraVolumeMount

__all__ = ["ExtraVolume", "ExtraVolumeMount", "Values", "chart_defaults"]
