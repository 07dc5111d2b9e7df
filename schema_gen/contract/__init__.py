"""The contract: what the chart's values mean.

The models of every key, the chart's components and reserved volumes, the Kubernetes
types and the API server's checks, which key sets which variable, the cross-entry rules,
the notices, the renames since 0.9.1 and the differences from upstream. Everything else
(the generator that ``generate`` runs, the operator's tools) reads it; it reads neither.
"""
