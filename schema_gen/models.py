"""Pydantic models of the agents chart's values: the single source of truth.

The schema Helm enforces, the chart's ``values.yaml`` and the docs are generated
from these classes. The models also enforce every rule themselves (per entry
here, across entries in :mod:`schema_gen.rules`), so Python and Helm give the
same verdict on a values document.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticUndefined

from schema_gen import api_rules, k8s, rules
from schema_gen.env_mapping import EnvVar
from schema_gen.mapping import CONTAINER, NOTES, POD, Renders
from schema_gen.reserved import RESERVED_VOLUMES, reserved_names, reserved_volume

DNS_LABEL = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
# Empty, or a DNS-1123 subdomain: what Kubernetes accepts as a Secret's name.
OPTIONAL_DNS_SUBDOMAIN = r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$"
SECRET_KEY = r"^[-._a-zA-Z0-9]+$"
ENV_NAME = r"^[-._a-zA-Z][-._a-zA-Z0-9]*$"
DIGEST = r"^(sha256:[a-f0-9]{64})?$"

# The components, by values key, whose container an EnvVar reaches.
BOTH = ("controlPlane", "controllers")
CONTROLLERS = ("controllers",)
CONTROL_PLANE = ("controlPlane",)
_CTL = "JANGAR_AGENTS_CONTROLLER_"

Count = Annotated[int, Field(ge=1)]
Seconds = Annotated[int, Field(ge=0)]
Namespace = Annotated[str, StringConstraints(pattern=DNS_LABEL, max_length=63)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Port = Annotated[int, Field(ge=1, le=65535)]


class Strict(BaseModel):
    """Base of every values model: camelCase keys, unknown keys and lax types rejected.

    ``strict`` matters for agreement with Helm: JSON Schema rejects ``"true"``
    for a boolean, so pydantic must not coerce it either.
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        alias_generator=to_camel,
        populate_by_name=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _chart_defaults_present(cls, data: Any) -> Any:
        """Refuse a merged document that lacks a key the chart sets by default.

        Helm deletes a key whose value is null, so ``controlPlane: null`` leaves
        the templates without the chart's defaults; the schema marks these keys
        required (see :func:`has_chart_default`) and this is the same check.
        """
        if isinstance(data, dict):
            missing = [
                field.alias
                for name, field in cls.model_fields.items()
                if has_chart_default(field.default, field.alias)
                and field.alias not in data
                and name not in data
            ]
            if missing:
                keys = ", ".join(str(key) for key in missing)
                raise ValueError(
                    f"missing {keys}: a null in the values file deletes the chart's default; "
                    "set a value instead"
                )
        return data


def has_chart_default(default: Any, alias: str | None) -> bool:
    """Return whether merged values always hold a field, unless a null deleted it.

    A field with a default other than None is in the chart's values.yaml; one whose
    default is None is optional. ``global`` is Helm's own and may be absent.
    """
    return default is not None and default is not PydanticUndefined and alias != "global"


def _not_reserved(name: str) -> str:
    if name in reserved_names():
        owner = next(v for v in RESERVED_VOLUMES if v.name == name)
        raise ValueError(
            f'"{name}" is reserved for the chart-managed volume that holds {owner.purpose} '
            f"({owner.values_key}); choose another name"
        )
    return name


VolumeName = Annotated[
    str,
    StringConstraints(pattern=DNS_LABEL, max_length=63),
    Field(json_schema_extra={"not": {"enum": reserved_names()}}),
    AfterValidator(_not_reserved),
]


def _valid_volume_source(volume: dict[str, Any]) -> dict[str, Any]:
    if errors := k8s.volume_source_errors(volume):
        raise ValueError("; ".join(errors))
    return volume


# The source map is kept as the operator wrote it (it renders byte for byte) and
# checked against the pinned Kubernetes schema, the same one values.schema.json embeds.
VolumeSource = Annotated[
    dict[str, Any],
    AfterValidator(_valid_volume_source),
    WithJsonSchema({k8s.PLACEHOLDER_KEY: k8s.VOLUME_SOURCE}),
]


class ExtraVolume(Strict):
    """A volume the operator adds to a pod."""

    name: VolumeName = Field(
        description="Volume name: a DNS-1123 label, unique in the pod, not a reserved name."
    )
    volume: VolumeSource = Field(
        description=(
            "Exactly one Kubernetes volume source, as in a Pod's volumes[] entry without its "
            "name, for example {secret: {secretName: corp-ca}}. Rendered unchanged."
        )
    )


def _enforced(rules: tuple[api_rules.ApiRule, ...]) -> Any:
    """Return pydantic metadata that puts ``rules`` in the schema and applies them."""

    def check(value: Any) -> Any:
        if broken := api_rules.violations(value, rules):
            raise ValueError("; ".join(broken))
        return value

    return [Field(json_schema_extra=api_rules.with_rules({}, rules)), AfterValidator(check)]


LocalPath = Annotated[str, *_enforced(api_rules.MOUNT_RULES["subPath"])]


class ExtraVolumeMount(Strict):
    """A mount the operator adds to a container; every field renders unchanged."""

    model_config = ConfigDict(json_schema_extra=api_rules.with_rules({}, api_rules.MOUNT_RULES[""]))

    name: VolumeName = Field(description="Name of the volume to mount.")
    mount_path: str = Field(
        min_length=1, description="Path in the container at which the volume is mounted."
    )
    # Optional fields default to None without admitting an explicit null: pydantic
    # does not validate defaults, and the schema (like Helm) rejects null.
    read_only: bool = Field(None, description="Mount read-only.")
    sub_path: LocalPath = Field(
        None, description="Path within the volume to mount instead of its root."
    )
    sub_path_expr: LocalPath = Field(
        None, description="Like subPath, with $(VAR) references expanded from the environment."
    )
    mount_propagation: Literal["None", "HostToContainer", "Bidirectional"] = Field(
        None, description="How mounts propagate between the host and the container."
    )
    recursive_read_only: Literal["Disabled", "Enabled", "IfPossible"] = Field(
        None, description="Whether a read-only mount is read-only recursively."
    )

    @model_validator(mode="after")
    def _api_server_accepts(self) -> ExtraVolumeMount:
        """Apply the API server's checks that span fields (subPath, recursiveReadOnly)."""
        given = self.model_dump(by_alias=True, exclude_unset=True)
        if broken := api_rules.violations(given, api_rules.MOUNT_RULES[""]):
            raise ValueError("; ".join(broken))
        return self


# What the Config Mapping probes render (see schema_gen/mapping.py).
PROBE_VOLUME = {"name": "probe", "volume": {"emptyDir": {"sizeLimit": "1Mi"}}}
PROBE_RENDERED_VOLUME = {"name": "probe", "emptyDir": {"sizeLimit": "1Mi"}}
PROBE_MOUNT = {"name": "probe", "mountPath": "/probe", "readOnly": True, "subPath": "p"}
_DB_CA = reserved_volume("db-ca-cert")


def _renders_volumes(scope: Literal["both", "component"], where: str) -> Renders:
    return Renders(
        field=f"{POD}.volumes[]",
        behavior=f"Appends volumes to {where}, each as {{name, <source>}} exactly as written.",
        probe={"extraVolumes": [PROBE_VOLUME]},
        expect=PROBE_RENDERED_VOLUME,
        scope=scope,
        value="`{key}[].name` + `{key}[].volume`",
    )


def _renders_mounts(scope: Literal["both", "component"], where: str) -> Renders:
    return Renders(
        field=f"{CONTAINER}.volumeMounts[]",
        behavior=f"Appends mounts to {where}, every field as written.",
        probe={"extraVolumes": [PROBE_VOLUME], "extraVolumeMounts": [PROBE_MOUNT]},
        expect=PROBE_MOUNT,
        scope=scope,
        value="`{key}[].name` + `{key}[].mountPath`",
    )


EXTRA_VOLUMES_EXAMPLE = [{"name": "corp-ca", "volume": {"configMap": {"name": "corp-ca-bundle"}}}]
EXTRA_MOUNTS_EXAMPLE = [{"name": "corp-ca", "mountPath": "/etc/ssl/corp", "readOnly": True}]


class Image(Strict):
    """A container image."""

    repository: str = Field(min_length=1, description="Image repository.")
    tag: str = Field("", description="Image tag; empty means the chart's appVersion.")
    digest: str = Field(
        "", pattern=DIGEST, description="Image digest (sha256:...); when set it pins the image."
    )
    pull_policy: Literal["Always", "IfNotPresent", "Never"] = Field(
        "IfNotPresent", description="Kubernetes imagePullPolicy."
    )


EnvName = Annotated[str, StringConstraints(pattern=ENV_NAME)]


class Env(Strict):
    """Environment variables for a container."""

    vars: dict[EnvName, str] = Field(
        {},
        description="Environment variables, name to value. Quote values: numbers and booleans "
        "are rejected rather than silently reformatted.",
    )


class Component(Strict):
    """Settings of one Deployment: the control plane or the controllers."""

    image: Annotated[
        Image,
        Renders(
            field=f"{CONTAINER}.image",
            behavior="repository:tag, then @digest when set; the tag defaults to appVersion.",
            probe={"image": {"repository": "probe.example/agents", "tag": "probe"}},
            expect="probe.example/agents:probe",
            scope="component",
            value="`{key}.*`",
        ),
    ] = Field(description="The container image.")
    env: Annotated[
        Env,
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="Overlays the shared env.vars in this Deployment only; wins on conflict.",
            probe={"env": {"vars": {"PROBE_COMPONENT": "on"}}},
            expect={"name": "PROBE_COMPONENT", "value": "on"},
            scope="component",
            value="`{key}.vars`",
        ),
    ] = Field(
        Env.model_construct(),
        description="Overlay on the shared env.vars for this Deployment (wins on conflict).",
    )
    extra_volumes: Annotated[
        list[ExtraVolume], _renders_volumes("component", "this Deployment's pod only")
    ] = Field(
        [], description="Volumes added to this Deployment only, after the global extraVolumes."
    )
    extra_volume_mounts: Annotated[
        list[ExtraVolumeMount], _renders_mounts("component", "this Deployment's container only")
    ] = Field(
        [],
        description="Mounts added to this Deployment's container only, after the global "
        "extraVolumeMounts. Each must name a volume from extraVolumes or this component's own.",
    )


class SecretKeyRef(Strict):
    """A key in a Secret of the release namespace."""

    name: str = Field(
        "", pattern=OPTIONAL_DNS_SUBDOMAIN, max_length=253, description="Secret name; empty = off."
    )
    key: str = Field(pattern=SECRET_KEY, description="Key within the Secret.")


class Database(Strict):
    """Database connection settings."""

    secret_ref: Annotated[
        SecretKeyRef,
        EnvVar("DATABASE_URL", BOTH, "secretKeyRef"),
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="DATABASE_URL from a secretKeyRef, in both containers, when name is set.",
            probe={"secretRef": {"name": "probe-db", "key": "url"}},
            expect={
                "name": "DATABASE_URL",
                "valueFrom": {"secretKeyRef": {"name": "probe-db", "key": "url"}},
            },
            value="`{key}.*`",
        ),
    ] = Field(
        SecretKeyRef.model_construct(key="uri"),
        description="Secret key holding the database URL, exposed as DATABASE_URL in both "
        "containers when name is set.",
    )
    ca_secret: Annotated[
        SecretKeyRef,
        Renders(
            field=f"{POD}.volumes[]",
            behavior=f"Chart-managed secret volume `{_DB_CA.name}` (reserved name), first in "
            "both pods, when name is set.",
            probe={"caSecret": {"name": "probe-ca", "key": "probe.crt"}},
            expect={
                "name": _DB_CA.name,
                "secret": {
                    "secretName": "probe-ca",
                    "items": [{"key": "probe.crt", "path": "probe.crt"}],
                },
            },
            value="`{key}.*`",
        ),
        Renders(
            field=f"{CONTAINER}.volumeMounts[]",
            behavior=f"Mounts `{_DB_CA.name}` read-only at {_DB_CA.mount_path}, first in both "
            "containers.",
            probe={"caSecret": {"name": "probe-ca", "key": "probe.crt"}},
            expect={"name": _DB_CA.name, "mountPath": _DB_CA.mount_path, "readOnly": True},
            value="`{key}.*`",
        ),
    ] = Field(
        SecretKeyRef.model_construct(key="ca.crt"),
        description="Secret key holding the database CA certificate. When name is set the chart "
        "adds the volume db-ca-cert and mounts it read-only at /etc/agents/ca in both containers.",
    )


class Validation(Strict):
    """How the chart's render-time checks react to a broken volume contract."""

    mode: Annotated[
        Literal["fail", "warn"],
        Renders(
            field=NOTES,
            behavior="fail: a broken cross-entry rule stops the render, listing every problem. "
            "warn: the chart renders and NOTES.txt lists the problems.",
            probe={"mode": "warn"},
            context={"extraVolumeMounts": [{"name": "probe-missing", "mountPath": "/probe"}]},
            expect='volume "probe-missing" is not defined',
            scope="notes",
        ),
    ] = Field(
        "fail",
        description="fail: a mount without its volume, a duplicate volume name or a duplicate "
        "mountPath stops the render. warn: render anyway and list the problems in NOTES.txt. "
        "Per-entry rules in values.schema.json apply in both modes.",
    )


class Concurrency(Strict):
    """How many AgentRuns the controllers run at once; unset keys keep the app's default."""

    namespace: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_NAMESPACE", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once per namespace."
    )
    agent: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_AGENT", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once per Agent."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}CONCURRENCY_CLUSTER", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns at once in the cluster."
    )


class Queue(Strict):
    """How many AgentRuns may wait; unset keys keep the app's default."""

    namespace: Annotated[Count, EnvVar(f"{_CTL}QUEUE_NAMESPACE", CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns per namespace."
    )
    repo: Annotated[Count, EnvVar(f"{_CTL}QUEUE_REPO", CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns per repository."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}QUEUE_CLUSTER", CONTROLLERS, "int")] = Field(
        None, description="At most this many queued AgentRuns in the cluster."
    )


class Rate(Strict):
    """How many AgentRuns may start per window; unset keys keep the app's default."""

    window_seconds: Annotated[Count, EnvVar(f"{_CTL}RATE_WINDOW_SECONDS", CONTROLLERS, "int")] = (
        Field(None, description="Length of the rate window, in seconds.")
    )
    namespace: Annotated[Count, EnvVar(f"{_CTL}RATE_NAMESPACE", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window per namespace."
    )
    repo: Annotated[Count, EnvVar(f"{_CTL}RATE_REPO", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window per repository."
    )
    cluster: Annotated[Count, EnvVar(f"{_CTL}RATE_CLUSTER", CONTROLLERS, "int")] = Field(
        None, description="At most this many AgentRuns started per window in the cluster."
    )


class AdmissionPolicy(Strict):
    """What the controllers admit: labels, images and Secrets an AgentRun may use."""

    labels_required: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_REQUIRED", CONTROLLERS, "list")
    ] = Field([], description="Labels every AgentRun must carry.")
    labels_allowed: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_ALLOWED", CONTROLLERS, "list")
    ] = Field([], description="Labels an AgentRun may carry; empty allows any.")
    labels_denied: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}LABELS_DENIED", CONTROLLERS, "list")
    ] = Field([], description="Labels an AgentRun may not carry.")
    images_allowed: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}IMAGES_ALLOWED", CONTROLLERS, "list")
    ] = Field([], description="Image patterns an AgentRun may use; empty allows any.")
    images_denied: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}IMAGES_DENIED", CONTROLLERS, "list")
    ] = Field([], description="Image patterns an AgentRun may not use.")
    blocked_secrets: Annotated[
        list[NonEmpty], EnvVar(f"{_CTL}BLOCKED_SECRETS", CONTROLLERS, "list")
    ] = Field([], description="Secrets no AgentRun may mount or reference.")


class VcsProviders(Strict):
    """Version control providers (VersionControlProvider resources)."""

    enabled: Annotated[bool, EnvVar(f"{_CTL}VCS_PROVIDERS_ENABLED", CONTROLLERS, "bool")] = Field(
        None,
        description="Reconcile VersionControlProvider resources; unset keeps the app's default.",
    )


class AuthSecret(Strict):
    """The Secret the controllers hand to agent runners for authentication."""

    name: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_NAME", CONTROLLERS)] = Field(
        "", description="Secret name; empty = none."
    )
    key: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_KEY", CONTROLLERS)] = Field(
        "", description="Key within the Secret."
    )
    mount_path: Annotated[str, EnvVar(f"{_CTL}AUTH_SECRET_MOUNT_PATH", CONTROLLERS)] = Field(
        "", description="Where runner pods mount the Secret."
    )


class Controller(Strict):
    """The agents controller: the reconcile loops of Agents and AgentRuns."""

    namespaces: Annotated[
        list[Namespace],
        EnvVar(f"{_CTL}NAMESPACES", CONTROLLERS, "list"),
        EnvVar("JANGAR_PRIMITIVES_NAMESPACES", CONTROLLERS, "list"),
    ] = Field([], description="Namespaces to reconcile; empty = every namespace.")
    concurrency: Concurrency = Field(Concurrency.model_construct(), description=Concurrency.__doc__)
    queue: Queue = Field(Queue.model_construct(), description=Queue.__doc__)
    rate: Rate = Field(Rate.model_construct(), description=Rate.__doc__)
    agent_run_retention_seconds: Annotated[
        Seconds, EnvVar(f"{_CTL}AGENTRUN_RETENTION_SECONDS", CONTROLLERS, "int")
    ] = Field(None, description="Delete finished AgentRuns after this many seconds.")
    job_ttl_seconds_after_finished: Annotated[
        Seconds, EnvVar("JANGAR_AGENT_RUNNER_JOB_TTL_SECONDS", CONTROLLERS, "int")
    ] = Field(None, description="ttlSecondsAfterFinished of the runner Jobs.")
    admission_policy: AdmissionPolicy = Field(
        AdmissionPolicy.model_construct(), description=AdmissionPolicy.__doc__
    )
    vcs_providers: VcsProviders = Field(
        VcsProviders.model_construct(), description=VcsProviders.__doc__
    )
    auth_secret: AuthSecret = Field(AuthSecret.model_construct(), description=AuthSecret.__doc__)


class OrchestrationController(Strict):
    """The Orchestration controller."""

    enabled: Annotated[
        bool, EnvVar("JANGAR_ORCHESTRATION_CONTROLLER_ENABLED", CONTROLLERS, "bool")
    ] = Field(None, description="Run it; unset keeps the app's default.")
    namespaces: Annotated[
        list[Namespace], EnvVar("JANGAR_ORCHESTRATION_CONTROLLER_NAMESPACES", CONTROLLERS, "list")
    ] = Field([], description="Namespaces it reconciles; empty = the app's default.")


class SupportingController(Strict):
    """The supporting-primitives controller (budgets, approvals, signals, ...)."""

    enabled: Annotated[
        bool, EnvVar("JANGAR_SUPPORTING_CONTROLLER_ENABLED", CONTROLLERS, "bool")
    ] = Field(None, description="Run it; unset keeps the app's default.")
    namespaces: Annotated[
        list[Namespace], EnvVar("JANGAR_SUPPORTING_CONTROLLER_NAMESPACES", CONTROLLERS, "list")
    ] = Field([], description="Namespaces it reconciles; empty = the app's default.")


class Grpc(Strict):
    """The control plane's gRPC server and its Service."""

    enabled: Annotated[bool, EnvVar("JANGAR_GRPC_ENABLED", CONTROL_PLANE, "bool")] = Field(
        False, description="Serve gRPC from the control plane, behind Service {release}-grpc."
    )
    host: Annotated[str, EnvVar("JANGAR_GRPC_HOST", CONTROL_PLANE)] = Field(
        "", description="Address the server binds; empty keeps the app's default."
    )
    port: Annotated[Port, EnvVar("JANGAR_GRPC_PORT", CONTROL_PLANE, "int")] = Field(
        50051, description="Port the server listens on (the container port)."
    )
    service_type: Annotated[
        Literal["ClusterIP", "NodePort", "LoadBalancer"],
        Renders(
            field="spec.type",
            behavior="Type of the control plane's gRPC Service, rendered when grpc.enabled.",
            probe={"enabled": True, "serviceType": "NodePort"},
            expect="NodePort",
            resource=("Service", "agents-grpc"),
        ),
    ] = Field("ClusterIP", description="Type of the gRPC Service.")
    service_port: Annotated[
        Port,
        Renders(
            field="spec.ports[]",
            behavior="The Service port, forwarding to the control plane's grpc container port.",
            probe={"enabled": True, "servicePort": 443},
            expect={"name": "grpc", "port": 443, "targetPort": "grpc", "protocol": "TCP"},
            resource=("Service", "agents-grpc"),
        ),
    ] = Field(50051, description="Port of the gRPC Service.")


class Runtime(Strict):
    """What the controllers run for agents and schedules."""

    agent_runner_image: Annotated[str, EnvVar("JANGAR_AGENT_RUNNER_IMAGE", CONTROLLERS)] = Field(
        "", description="Image of the agent runner Jobs; empty keeps the app's default."
    )
    agent_image: Annotated[str, EnvVar("JANGAR_AGENT_IMAGE", CONTROLLERS)] = Field(
        "", description="Image of the agent itself; empty keeps the app's default."
    )
    schedule_runner_image: Annotated[str, EnvVar("JANGAR_SCHEDULE_RUNNER_IMAGE", CONTROLLERS)] = (
        Field("", description="Image of scheduled runs; empty keeps the app's default.")
    )
    schedule_service_account: Annotated[
        str, EnvVar("JANGAR_SCHEDULE_SERVICE_ACCOUNT", CONTROLLERS)
    ] = Field("", description="ServiceAccount of scheduled runs; empty keeps the app's default.")


class Rbac(Strict):
    """The ServiceAccount and RBAC the Deployments run with."""

    create: bool = Field(True, description="Create the Roles or ClusterRoles and their bindings.")
    cluster_scoped: bool = Field(
        True,
        description="ClusterRole and ClusterRoleBinding; false: a Role and RoleBinding in each "
        "of controller.namespaces (the release namespace when empty).",
    )


class Values(Strict):
    """The values of the agents chart."""

    database: Database = Field(
        Database.model_construct(), description="Database connection settings."
    )
    env: Annotated[
        Env,
        Renders(
            field=f"{CONTAINER}.env[]",
            behavior="Environment of both containers, sorted by name.",
            probe={"env": {"vars": {"PROBE_SHARED": "on"}}},
            expect={"name": "PROBE_SHARED", "value": "on"},
            value="`{key}.vars`",
        ),
    ] = Field(Env.model_construct(), description="Environment shared by both Deployments.")
    extra_volumes: Annotated[
        list[ExtraVolume], _renders_volumes("both", "both pods, after the chart-managed ones")
    ] = Field(
        [],
        description="Volumes added to both Deployments, after the chart-managed ones.",
        examples=[EXTRA_VOLUMES_EXAMPLE],
    )
    extra_volume_mounts: Annotated[
        list[ExtraVolumeMount],
        _renders_mounts("both", "both containers, after the chart-managed ones"),
    ] = Field(
        [],
        description="Mounts added to both containers, after the chart-managed ones. Each must "
        "name a volume that both Deployments have.",
        examples=[EXTRA_MOUNTS_EXAMPLE],
    )
    control_plane: Component = Field(
        Component.model_construct(
            image=Image.model_construct(
                repository="registry.ide-newton.ts.net/lab/jangar-control-plane"
            )
        ),
        description="The control plane: Deployment {release} (API and gRPC).",
    )
    controllers: Component = Field(
        Component.model_construct(
            image=Image.model_construct(repository="registry.ide-newton.ts.net/lab/jangar")
        ),
        description="The controllers: Deployment {release}-controllers (reconcile loops).",
    )
    controller: Controller = Field(Controller.model_construct(), description=Controller.__doc__)
    orchestration_controller: OrchestrationController = Field(
        OrchestrationController.model_construct(), description=OrchestrationController.__doc__
    )
    supporting_controller: SupportingController = Field(
        SupportingController.model_construct(), description=SupportingController.__doc__
    )
    grpc: Grpc = Field(Grpc.model_construct(), description=Grpc.__doc__)
    runtime: Runtime = Field(Runtime.model_construct(), description=Runtime.__doc__)
    rbac: Rbac = Field(Rbac.model_construct(), description=Rbac.__doc__)
    validation: Validation = Field(
        Validation.model_construct(), description="Render-time checks of the volume contract."
    )
    global_: dict[str, Any] = Field(
        {},
        alias="global",
        description="Values Helm shares with subcharts; accepted and unused by this chart.",
    )

    @model_validator(mode="after")
    def _contract_holds(self, info: ValidationInfo) -> Values:
        """Apply the cross-entry rules (R2-R4) unless validation.mode is warn.

        ``context={"per_entry_only": True}`` skips them too, for callers that
        report cross-entry problems themselves, one by one.
        """
        if self.validation.mode == "warn" or (info.context or {}).get("per_entry_only"):
            return self  # Helm renders and lists the problems in NOTES.txt
        if problems := rules.contract_problems(self.model_dump(by_alias=True)):
            raise ValueError("\n".join(problems))
        return self
