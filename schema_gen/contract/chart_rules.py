"""The chart's own rules (R8 and up), which always refuse, whatever validation.mode says.

What upstream 0.9.29's templates refuse (namespace scopes, JANGAR_* variables, image
digests, the gRPC variables, reserved envFrom keys, rollout checksums, agents-shell's
workspace and the Linear gateway's settings) and what the API server would refuse
half-way through an install (a PodDisruptionBudget with both bounds, a rolling update
that can make no progress). Mirrored word for word by ``templates/_validation.tpl``.

A rule that depends on the release namespace (``helm -n``) takes it as
``namespace``; ``None`` means unknown, and such a rule is skipped unless
namespaceOverride names the namespace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from schema_gen.contract import components, environment
from schema_gen.contract.findings import Finding, go_string, list_at, mapping_at, said
from schema_gen.contract.values_paths import ValuesPath, dotted


def release_namespace(values: Mapping[str, Any], namespace: str | None) -> str | None:
    """Return the namespace the release's objects go to: namespaceOverride, else ``namespace``."""
    override = values.get("namespaceOverride")
    return override if isinstance(override, str) and override else namespace


def _scope(values: Mapping[str, Any], namespace: str | None) -> Iterator[Finding]:
    """R8: a loop watching more than its RBAC can grant, or a list that cannot mean anything."""
    cluster = bool(mapping_at(values, "rbac").get("clusterScoped"))
    release = release_namespace(values, namespace)
    for loop in components.WATCHERS:
        listed = list_at(values.get(loop), "namespaces")
        at = (loop, "namespaces")
        if not listed or not all(isinstance(n, str) for n in listed):
            continue  # the schema refuses an empty list or a non-string entry
        if "*" in listed and len(listed) > 1:
            yield at, 'mixes "*" with other namespaces; write ["*"] alone, with rbac.clusterScoped'
            continue
        if duplicates := sorted({n for n in listed if listed.count(n) > 1}):
            yield at, f"lists {', '.join(duplicates)} more than once; remove the duplicates"
            continue
        if cluster:
            continue
        if len(listed) > 1 or listed == ["*"]:
            yield (
                at,
                (
                    f"watching {', '.join(listed)} needs rbac.clusterScoped: true (a Role "
                    "reaches one "
                    "namespace); set it, or list one namespace"
                ),
            )
        elif release is not None and listed[0] != release:
            yield (
                at,
                (
                    f"watching {listed[0]} needs rbac.clusterScoped: true (the Role is in the "
                    "release "
                    f"namespace, {release}); set it, or list {release}"
                ),
            )


ENV_SCOPES = ("env", "controlPlane", "controllers")


def _env_vars(values: Mapping[str, Any], scope: str) -> Mapping[str, Any]:
    return (
        mapping_at(values, "env", "vars")
        if scope == "env"
        else mapping_at(values, scope, "env", "vars")
    )


def _legacy_env(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R9: variables today's application no longer reads."""
    from schema_gen.contract import renames  # the table of 0.9.1 names, loaded only when needed

    for scope in ENV_SCOPES:
        base = ("env", "vars") if scope == "env" else (scope, "env", "vars")
        for name in sorted(_env_vars(values, scope)):
            if name in environment.REMOVED:
                yield (*base, name), f"is no longer read; {environment.REMOVED[name]}"
            elif name.startswith(environment.LEGACY_PREFIX):
                yield (
                    (*base, name),
                    (
                        f"today's application reads {renames.new_variable(name)} (JANGAR_* "
                        "names are "
                        "ignored); rename it, or run `schema-gen migrate`"
                    ),
                )


_SHA256_REF = re.compile(r"@sha256:[a-fA-F0-9]{64}$")


def _server_env(values: Mapping[str, Any], component: str) -> dict[str, Any]:
    """Return the env.vars a server container gets from the values: shared, then its own."""
    shared = dict(_env_vars(values, "env"))
    if component == components.CONTROLLERS.key:
        shared = {k: v for k, v in shared.items() if k not in environment.CONTROLLERS_RESERVED}
    return {**shared, **_env_vars(values, component)}


def _digests(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R10: imagePolicy.requireDigest: every running image pinned by a sha256 digest."""
    if not mapping_at(values, "imagePolicy").get("requireDigest"):
        return
    why = "imagePolicy.requireDigest is true"
    image = mapping_at(values, "image")
    runner = mapping_at(values, "runner", "image")
    servers = [components.CONTROL_PLANE]
    if mapping_at(values, "controllers").get("enabled"):
        servers.append(components.CONTROLLERS)
    for server in servers:
        own = mapping_at(values, server.key, "image")
        if not (own.get("digest") or image.get("digest")):
            yield (
                (server.key, "image", "digest"),
                (
                    f"{why}: the {server.key} image needs a digest; set {server.key}.image.digest "
                    "or image.digest to sha256:..."
                ),
            )
        name = "AGENTS_AGENT_RUNNER_IMAGE"
        if name in _env_vars(values, server.key):
            override, base = _env_vars(values, server.key)[name], (server.key, "env", "vars")
        else:
            override, base = _env_vars(values, "env").get(name), ("env", "vars")
        if override:
            if not _SHA256_REF.search(go_string(override)):
                yield (*base, name), f"{why}: the runner image set here must end with @sha256:..."
        elif runner.get("repository") and not runner.get("digest"):
            yield (
                ("runner", "image", "digest"),
                (f"{why}: the runner image needs a digest; set runner.image.digest to sha256:..."),
            )
    for key, label in (("agentsShell", "agents-shell"), ("argocdHooks", "hook"), ("tests", "test")):
        if mapping_at(values, key).get("enabled") and not mapping_at(values, key, "image").get(
            "digest"
        ):
            yield (
                (key, "image", "digest"),
                (f"{why}: the {label} image needs a digest; set {key}.image.digest to sha256:..."),
            )


_TRUTHY = re.compile(r"^(1|true|yes|on)$")


def _controllers_grpc(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R11: a gRPC listener in the controllers needs its Service."""
    controllers = mapping_at(values, "controllers")
    if not controllers.get("enabled") or mapping_at(controllers, "service").get("enabled"):
        return
    own = _env_vars(values, "controllers").get("AGENTS_GRPC_ENABLED")
    if own is not None and _TRUTHY.match(go_string(own).strip().lower()):
        yield (
            ("controllers", "env", "vars", "AGENTS_GRPC_ENABLED"),
            (
                "turns the controllers' gRPC listener on; set controllers.service.enabled: true to "
                "expose it, or remove the variable"
            ),
        )


def grpc_expected(values: Mapping[str, Any]) -> dict[str, str]:
    """Return the control plane's gRPC variables as the chart derives them from grpc.*."""
    grpc = mapping_at(values, "grpc")
    return {
        "AGENTS_GRPC_ENABLED": "true" if grpc.get("enabled") else "false",
        "AGENTS_GRPC_HOST": "0.0.0.0",
        "AGENTS_GRPC_PORT": go_string(grpc.get("port")),
    }


def _grpc_managed(values: Mapping[str, Any]) -> bool:
    grpc = mapping_at(values, "grpc")
    return grpc.get("manageEnvVar", True) is not False


def _grpc_env(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R12: while grpc.manageEnvVar, env.vars may only repeat what grpc.* says."""
    if not _grpc_managed(values):
        return
    expected = grpc_expected(values)
    shared = _env_vars(values, "env")
    for name in environment.GRPC_MANAGED:
        for scope in ("env", "controlPlane"):
            given = _env_vars(values, scope).get(name)
            base = ("env", "vars") if scope == "env" else (scope, "env", "vars")
            if given is not None and go_string(given) != expected[name]:
                yield (
                    (*base, name),
                    (
                        f'is "{go_string(given)}", but grpc.* makes it "{expected[name]}" '
                        "(grpc.manageEnvVar); remove it, or change grpc.*"
                    ),
                )
        own = _env_vars(values, "controllers").get(name)
        if own is not None and name in shared and go_string(own) != go_string(shared[name]):
            yield (
                ("controllers", "env", "vars", name),
                (
                    f'is "{go_string(own)}" while env.vars sets "{go_string(shared[name])}"; '
                    "give both the same value, or remove one"
                ),
            )


def _ref_keys(entry: Any) -> list[str]:
    keys = entry.get("keys") if isinstance(entry, Mapping) else None
    if isinstance(keys, str):
        return [keys]
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def _reserved_env_from(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R13: envFrom entries that would set a variable the chart manages."""
    if not mapping_at(values, "validation").get("reservedEnvKeysEnforced"):
        return
    reserved_keys = environment.CONTROLLERS_RESERVED
    controllers_on = bool(mapping_at(values, "controllers").get("enabled"))
    managed = _grpc_managed(values)
    expected = grpc_expected(values)
    control_plane = _server_env(values, components.CONTROL_PLANE.key)
    controllers = {
        **environment.FORCED[components.CONTROLLERS.key],
        "AGENTS_GRPC_HOST": "0.0.0.0",
        "AGENTS_GRPC_PORT": expected["AGENTS_GRPC_PORT"],
        **_server_env(values, components.CONTROLLERS.key),
    }
    owners: dict[str, list[ValuesPath]] = {}
    for key, _kind in (("envFromSecretRefs", "Secret"), ("envFromConfigMapRefs", "ConfigMap")):
        for i, entry in enumerate(list_at(values, key)):
            if not isinstance(entry, Mapping):
                continue
            at = (key, i, "keys")
            for name in _ref_keys(entry):
                if name not in reserved_keys:
                    continue
                owners.setdefault(name, []).append(at)
                grpc = name in environment.GRPC_MANAGED
                if name in environment.CONTROL_PLANE_RESERVED:
                    if grpc and managed and name in control_plane:
                        if go_string(control_plane[name]) != expected[name]:
                            yield (
                                at,
                                (
                                    f'lists {name}, which the chart sets to "{expected[name]}" in '
                                    "the control plane; remove it from keys"
                                ),
                            )
                    elif not grpc and name not in control_plane:
                        yield (
                            at,
                            (
                                f"lists {name}, which the chart manages; set it in env.vars or "
                                "controlPlane.env.vars too, or remove it from keys (or set "
                                "validation.reservedEnvKeysEnforced: false)"
                            ),
                        )
                if controllers_on and grpc and managed:
                    want = "0" if name == "AGENTS_GRPC_ENABLED" else expected[name]
                    if go_string(controllers.get(name)) != want:
                        yield (
                            at,
                            (
                                f"lists {name}, which the controllers get as "
                                f'"{go_string(controllers.get(name))}"; remove it from keys'
                            ),
                        )
    for name in sorted(owners):
        ats = owners[name]
        if len(ats) > 1:
            yield (
                ats[-1],
                (
                    f"lists {name}, which {dotted(ats[0])} lists too; keep a reserved variable in "
                    "one envFrom entry"
                ),
            )


def _object_name(ref: Any) -> str:
    if isinstance(ref, str):
        return ref.strip()
    return go_string(ref.get("name")).strip() if isinstance(ref, Mapping) else ""


def _checksum_sources(values: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Return the Secrets and ConfigMaps the server pods read, by name."""
    secrets: list[str] = []
    config_maps: list[str] = []
    database = mapping_at(values, "database")
    create = mapping_at(database, "createSecret").get("enabled")
    if not create and not database.get("url"):
        secrets.append(go_string(mapping_at(database, "secretRef").get("name")).strip())
    secrets.append(go_string(mapping_at(database, "caSecret").get("name")).strip())
    if mapping_at(values, "agentComms").get("enabled"):
        secrets.append(
            go_string(mapping_at(values, "agentComms", "nats", "userSecret").get("name")).strip()
        )
    secrets += [_object_name(r) for r in list_at(values, "envFromSecretRefs")]
    secrets += [
        go_string(mapping_at(e).get("secretName")).strip()
        for e in list_at(values.get("env"), "secrets")
    ]
    config_maps += [_object_name(r) for r in list_at(values, "envFromConfigMapRefs")]
    config_maps += [
        go_string(mapping_at(e).get("configMapName")).strip()
        for e in list_at(values.get("env"), "config")
    ]
    volumes = [
        *list_at(values, "extraVolumes"),
        *list_at(values.get("controlPlane"), "extraVolumes"),
        *list_at(values.get("controllers"), "extraVolumes"),
    ]
    for volume in volumes:
        source = mapping_at(volume, "volume")
        secrets.append(go_string(mapping_at(source, "secret").get("secretName")).strip())
        config_maps.append(go_string(mapping_at(source, "configMap").get("name")).strip())
        for projection in list_at(mapping_at(source, "projected"), "sources"):
            secrets.append(go_string(mapping_at(projection, "secret").get("name")).strip())
            config_maps.append(go_string(mapping_at(projection, "configMap").get("name")).strip())
    return [s for s in secrets if s], [c for c in config_maps if c]


def database_secret_name(values: Mapping[str, Any], fullname: str) -> str:
    """Return the Secret DATABASE_URL is read from (the chart's own when createSecret)."""
    database = mapping_at(values, "database")
    create = mapping_at(database, "createSecret")
    if create.get("enabled"):
        return go_string(create.get("name")) or trunc63(f"{fullname}-db")
    return go_string(mapping_at(database, "secretRef").get("name"))


def _checksums(values: Mapping[str, Any], namespace: str | None) -> Iterator[Finding]:
    """R14: rolloutChecksums.enabled needs an entry for every object the server pods read."""
    rollout = mapping_at(values, "rolloutChecksums")
    if not rollout.get("enabled"):
        return
    release = release_namespace(values, namespace) or ""
    database = mapping_at(values, "database")
    owned = ""
    if mapping_at(database, "createSecret").get("enabled") and database.get("url"):
        owned = f"{release}/{database_secret_name(values, fullname(values))}"
    secrets, config_maps = _checksum_sources(values)
    for key, kind, needed in (
        ("secrets", "Secret", secrets),
        ("configMaps", "ConfigMap", config_maps),
    ):
        seen: set[str] = set()
        for i, entry in enumerate(list_at(rollout, key)):
            if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
                continue
            ref = f"{go_string(entry.get('namespace')) or release}/{entry['name'].strip()}"
            if key == "secrets" and owned and ref == owned:
                yield (
                    ("rolloutChecksums", key, i),
                    (
                        f"names {ref}, the Secret the chart creates from database.url and sums "
                        "itself; remove the entry"
                    ),
                )
            elif ref in seen:
                yield ("rolloutChecksums", key, i), f"names {ref} twice; remove the duplicate"
            seen.add(ref)
        if namespace is None and not values.get("namespaceOverride"):
            continue  # which objects are listed depends on the release namespace
        for name in dict.fromkeys(needed):
            if f"{release}/{name}" not in seen:
                yield (
                    ("rolloutChecksums", key),
                    (
                        f"has no entry for {kind} {release}/{name}, which the pods read; add "
                        "{name, checksum} for it (or turn rolloutChecksums off)"
                    ),
                )


def trunc63(name: str) -> str:
    """Return ``name`` as the chart's helpers cut it: ``trunc 63 | trimSuffix "-"``."""
    cut = name[:63]
    return cut[:-1] if cut.endswith("-") else cut


def fullname(values: Mapping[str, Any], release: str = components.RELEASE) -> str:
    """Return {fullname} as the chart computes it for ``release``."""
    override = go_string(values.get("fullnameOverride"))
    if override:
        return trunc63(override)
    name = go_string(values.get("nameOverride")) or components.CHART
    full = release if name in release else f"{release}-{name}"
    return trunc63(full)


def _shell(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R15: agents-shell's workspace claim must exist to be mounted."""
    shell = mapping_at(values, "agentsShell")
    workspace = mapping_at(shell, "workspace")
    if not shell.get("enabled"):
        return
    mode = workspace.get("volumeMode") or "persistentVolumeClaim"
    if mode == "persistentVolumeClaim" and not workspace.get("enabled"):
        yield (
            ("agentsShell", "workspace", "enabled"),
            (
                "is false, but volumeMode persistentVolumeClaim mounts the claim; set it to "
                "true, or "
                "set agentsShell.workspace.volumeMode: emptyDir"
            ),
        )


def _gateway(values: Mapping[str, Any], namespace: str | None) -> Iterator[Finding]:
    """R16: the Linear MCP gateway's database and the names it must agree on."""
    gateway = mapping_at(values, "linearMcpGateway")
    if not gateway.get("enabled"):
        return
    config = mapping_at(gateway, "config")
    if not mapping_at(gateway, "databaseSecret").get("name"):
        yield (
            ("linearMcpGateway", "databaseSecret", "name"),
            ("is empty; the gateway reads DATABASE_URL from this Secret: name it"),
        )
    release = release_namespace(values, namespace)
    if release is not None and config.get("namespace") != release:
        yield (
            ("linearMcpGateway", "config", "namespace"),
            (
                f'is "{go_string(config.get("namespace"))}", but the release namespace is '
                f"{release}; set it to {release}"
            ),
        )
    runner = go_string(mapping_at(gateway, "runnerServiceAccount").get("name"))
    if go_string(config.get("runnerServiceAccount")) != runner:
        yield (
            ("linearMcpGateway", "config", "runnerServiceAccount"),
            (
                f'is "{go_string(config.get("runnerServiceAccount"))}", but '
                f'linearMcpGateway.runnerServiceAccount.name is "{runner}"; make them the same'
            ),
        )


def _set(value: Any, *, zero_unsets: bool) -> bool:
    """Return whether a PodDisruptionBudget bound renders (upstream: truthy, or not "")."""
    if value is None or value == "":
        return False
    return not (zero_unsets and value == 0)


def _rolling_updates(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R17 too: a rolling update needs maxSurge or maxUnavailable above 0."""
    top = mapping_at(values, "deploymentStrategy")
    components_on = [("controlPlane", top)]
    if mapping_at(values, "controllers").get("enabled"):
        components_on.append(("controllers", top))
    if mapping_at(values, "agentsShell").get("enabled"):
        components_on.append(("agentsShell", {}))
    for key, base in components_on:
        own = mapping_at(values, key, "deploymentStrategy")
        rolling = {**mapping_at(base, "rollingUpdate"), **mapping_at(own, "rollingUpdate")}
        kind = own.get("type", base.get("type"))
        zero = ("0", "0%")
        if go_string(kind) == "Recreate" or not (
            go_string(rolling.get("maxSurge")) in zero
            and go_string(rolling.get("maxUnavailable")) in zero
        ):
            continue
        at = (
            (key, "deploymentStrategy")
            if key == "agentsShell" or own.get("rollingUpdate")
            else (("deploymentStrategy",))
        )
        yield (
            (*at, "rollingUpdate"),
            (
                f"has maxSurge and maxUnavailable both 0 for {key}'s Deployment, and Kubernetes "
                "needs one of them above 0; set one to 1 or more"
            ),
        )


def _disruption_budgets(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R17: Kubernetes takes minAvailable or maxUnavailable, not both."""
    for base, zero_unsets in (
        (("podDisruptionBudget",), True),
        (("controllers", "podDisruptionBudget"), False),
    ):
        budget = mapping_at(values, *base)
        if base[0] == "controllers" and not mapping_at(values, "controllers").get("enabled"):
            continue
        if not budget.get("enabled"):
            continue
        if _set(budget.get("minAvailable"), zero_unsets=zero_unsets) and _set(
            budget.get("maxUnavailable"), zero_unsets=zero_unsets
        ):
            yield (
                (*base, "maxUnavailable"),
                (
                    "and minAvailable are both set, and Kubernetes takes one; set "
                    f"{dotted(base)}.minAvailable: null to use maxUnavailable"
                ),
            )


@dataclass(frozen=True)
class Rule:
    """A chart rule: its number, and the findings it makes of chart-merged values."""

    number: int
    check: Callable[[Mapping[str, Any], str | None], Iterator[Finding]]


CHART_RULES: tuple[Rule, ...] = (
    Rule(8, _scope),
    Rule(9, lambda values, _ns: _legacy_env(values)),
    Rule(10, lambda values, _ns: _digests(values)),
    Rule(11, lambda values, _ns: _controllers_grpc(values)),
    Rule(12, lambda values, _ns: _grpc_env(values)),
    Rule(13, lambda values, _ns: _reserved_env_from(values)),
    Rule(14, _checksums),
    Rule(15, lambda values, _ns: _shell(values)),
    Rule(16, _gateway),
    Rule(17, lambda values, _ns: [*_disruption_budgets(values), *_rolling_updates(values)]),
)


def chart_findings(values: Mapping[str, Any], namespace: str | None = None) -> list[Finding]:
    """Return (values path, message) for every chart rule broken by chart-merged ``values``."""
    return list(dict.fromkeys(f for rule in CHART_RULES for f in rule.check(values, namespace)))


def chart_problems(values: Mapping[str, Any], namespace: str | None = None) -> list[str]:
    """Return every chart rule problem of camelCase ``values`` as Helm words it."""
    return said(chart_findings(values, namespace))
