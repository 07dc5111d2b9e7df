"""The generator that ``schema-gen generate`` runs: every generated file, from the contract.

The schema in Helm's dialect, values.yaml and the templates' data helpers, lint's
compiled contract, the docs pages and the chart README's sections. Maintainers run it;
the operator's commands (``schema_gen.tools``) import nothing from here.
"""
