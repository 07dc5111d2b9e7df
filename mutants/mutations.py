"""The realistic mutations ``nox -s mutants`` applies, one at a time, to a copy of the tree.

Each is an edit a maintainer could make by mistake: a default retyped, a bound dropped,
a template line changed, a rule loosened, a table entry lost, a docs generator's words
changed. Each names the tests that should notice (a tier or files; ``generate`` and
``generate --check`` always run first). A mutation whose tests all pass is a survivor:
a missing test. Keep this set growing: every defect found later gets its mutation here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutation:
    """Replace ``old`` (which must occur exactly once in ``path``) with ``new``."""

    name: str
    path: str
    old: str
    new: str
    why: str
    tests: tuple[str, ...] = ("tests/unit",)


_CP = "schema_gen/contract/models/component.py"
_CTL = "schema_gen/contract/models/controller.py"
_ENV = "charts/agents/templates/_env.tpl"
_ENVIRONMENT = "schema_gen/contract/environment.py"
_CHART_ENV = ("tests/chart/test_env.py", "tests/chart/test_parity.py")

MUTATIONS: tuple[Mutation, ...] = (
    # --- the survivors -----------------------------------------------------------
    Mutation(
        "control-plane-replicas-default",
        _CP,
        'replica_count: Replicas = Field(None, description="Replicas; unset = replicaCount.")',
        'replica_count: Replicas = Field(2, description="Replicas; unset = replicaCount.")',
        "controlPlane.replicaCount gets a default of its own",
        ("tests/unit", "tests/chart/test_parity.py"),
    ),
    Mutation(
        "notes-deployment-name",
        "charts/agents/templates/NOTES.txt",
        "Deployment {{ $fullname }}-controllers (controllers)",
        "Deployment agents-controller (controllers)",
        "NOTES.txt names a Deployment that does not exist",
        ("tests/chart/test_notes.py", "tests/chart/test_render.py"),
    ),
    Mutation(
        "artifacts-max-bound",
        _CTL,
        "Field(ge=0, le=50),",
        "Field(ge=0),",
        "controller.agentRunArtifacts.max loses upstream's maximum of 50",
        ("tests/unit", "tests/chart/test_upstream_bounds.py"),
    ),
    Mutation(
        "config-mapping-set-in",
        "schema_gen/generator/mapping_docs.py",
        '((cp,), (cp, ctl)): "both server Deployments",',
        "((cp,), (cp, ctl)): control_plane,",
        "the Config Mapping's Set in column says the control plane for 84 rows of both",
        ("tests/chart/test_env.py",),
    ),
    Mutation(
        "controllers-reserved-shortened",
        _ENVIRONMENT,
        '    "AGENTS_AGENTRUN_ARTIFACTS_STRICT",\n)',
        ")",
        "the shared env.vars now overrides a variable the chart reserves in the controllers",
        ("tests/chart/test_parity.py",),
    ),
    Mutation(
        "differences-classifier",
        "schema_gen/contract/differences.py",
        "def _operator_sets(seen: Seen) -> bool:",
        "def _operator_sets(seen: Seen) -> bool:\n    return True\n\n\n"
        "def _unused(seen: Seen) -> bool:",
        "a differences-page classifier explains every difference",
        ("tests/chart/test_differences.py", "tests/chart/test_parity.py"),
    ),
    Mutation(
        "description-false",
        "schema_gen/contract/models/services.py",
        'description="HTTP path of the metrics; empty = /metrics."',
        'description="HTTP path of the metrics; empty = /prometheus."',
        "a description promises a fallback the chart does not render",
        ("tests/chart/test_descriptions.py",),
    ),
    # --- defaults and fallbacks ----------------------------------------------------------
    Mutation(
        "queue-default",
        _CTL,
        '200, "At most this many queued per namespace"',
        '250, "At most this many queued per namespace"',
        "a default no longer upstream's",
        ("tests/unit", *_CHART_ENV),
    ),
    Mutation(
        "nats-fallback",
        "schema_gen/contract/models/agent_comms.py",
        'Fallback(DEFAULT_NATS_URL, ("",))',
        'Fallback("nats://nats:4222", ("",))',
        "an empty NATS URL falls back to another server than upstream's",
        _CHART_ENV,
    ),
    Mutation(
        "bool-fallback-lost",
        "charts/agents/templates/_env.tpl",
        '{{- if eq $form "bool" }}{{ if kindIs "invalid" $value }}{{ $value = $row.fallback }}'
        "{{ end -}}",
        '{{- if eq $form "bool" }}{{ $value = $value | default $row.fallback }}',
        "false reads as unset for a bool whose default is true",
        _CHART_ENV,
    ),
    Mutation(
        "int-unquoted",
        _ENV,
        '{{- else if eq $form "int" }}{{ $value = printf "%d" (int64 $value) -}}',
        '{{- else if eq $form "int" }}{{ $value = int64 $value -}}',
        "typed integers render unquoted, which the API server refuses",
        ("tests/chart/test_env.py",),
    ),
    Mutation(
        "typed-line-other-key",
        _ENV,
        '"AGENTS_CONTROLLER_RATE_REPO" $ctl.rate.perRepo',
        '"AGENTS_CONTROLLER_RATE_REPO" $ctl.rate.perNamespace',
        "a typed line reads another key",
        ("tests/chart/test_env.py",),
    ),
    # --- templates -----------------------------------------------------------------------
    Mutation(
        "ca-mount-path",
        "schema_gen/contract/reserved.py",
        '"/etc/agents/ca"',
        '"/etc/jangar/ca"',
        "the chart-managed CA moves back to 0.9.1's path",
        ("tests/unit", "tests/chart/test_parity.py", "tests/chart/test_injection.py"),
    ),
    Mutation(
        "controllers-replicas",
        "charts/agents/templates/_deployment.tpl",
        '($own.replicaCount | default (index (include "agents.fallbacks" $root | fromJson) '
        '"controllers.replicaCount"))',
        "($own.replicaCount | default 2)",
        "the controllers' replicas fall back to 2, retyped in the template",
        ("tests/chart/test_parity.py",),
    ),
    Mutation(
        "extra-volumes-order",
        "charts/agents/templates/_helpers.tpl",
        '{{- define "agents.extraVolumes" -}}\n{{- range . }}',
        '{{- define "agents.extraVolumes" -}}\n{{- range reverse . }}',
        "extra volumes render in reverse order",
        (
            "tests/chart/test_render.py",
            "tests/chart/test_injection.py",
            "tests/chart/test_parity.py",
        ),
    ),
    # --- rules ---------------------------------------------------------------------------
    Mutation(
        "legacy-env-quiet",
        "schema_gen/contract/chart_rules.py",
        "elif name.startswith(environment.LEGACY_PREFIX):",
        "elif name.startswith('JANGAR_NEVER_'):",
        "a JANGAR_* variable no longer draws R9",
        ("tests/unit", "tests/chart/test_rules.py"),
    ),
    Mutation(
        "checksum-ca-forgotten",
        "schema_gen/contract/chart_rules.py",
        '    secrets.append(go_string(mapping_at(database, "caSecret").get("name")).strip())\n',
        "",
        "lint's rollout-checksum rule forgets the database CA Secret",
        ("tests/unit", "tests/chart/test_rules.py", "tests/chart/test_checksum_sources.py"),
    ),
    # --- the rename table ----------------------------------------------------------------
    Mutation(
        "rename-webhook-prefix",
        "schema_gen/contract/renames.py",
        '("JANGAR_AGENTS_CONTROLLER_WEBHOOK_", "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_"),',
        '("JANGAR_AGENTS_CONTROLLER_WEBHOOK_", "AGENTS_CONTROLLER_WEBHOOK_"),',
        "0.9.1's webhook variables migrate to names today's application ignores",
        ("tests/unit", "tests/chart/test_migrate.py"),
    ),
    # --- docs generators -----------------------------------------------------------------
    Mutation(
        "reserved-names-table",
        "schema_gen/contract/reserved.py",
        "def template_data() -> list[dict[str, Any]]:",
        "def template_data() -> list[dict[str, Any]]:\n    return []\n\n\ndef _unused() -> list:",
        "the templates' reserved volumes helper is empty: no reserved name is refused",
        ("tests/chart/test_rules.py", "tests/chart/test_render.py"),
    ),
    Mutation(
        "fallback-marker-lost",
        "schema_gen/contract/models/grpc.py",
        'Port, NEEDED, EnvVar("AGENTS_GRPC_PORT", IN_BOTH, "int", line="own"), Fallback()',
        'Port, NEEDED, EnvVar("AGENTS_GRPC_PORT", IN_BOTH, "int", line="own")',
        "grpc.port loses its Fallback, so the templates have no fallback to read",
        ("tests/chart/test_parity.py",),
    ),
    Mutation(
        "form-words",
        _ENVIRONMENT,
        'Format("int", "the number in digits, quoted."),',
        'Format("int", "the number in digits."),',
        "the Config Mapping says integers are written unquoted",
        ("tests/chart/test_env.py",),
    ),
)
