"""The rules that span entries or keys, which JSON Schema cannot express.

Two kinds, each mirrored word for word by ``templates/_validation.tpl`` (the
tests compare the two on every troubleshooting sample and on generated values):

* the volume contract (R2 a mount names a volume of its pod, R3 one name per
  volume, R4 one mountPath per container, R7 a component's own entries need its
  Deployment), which ``validation.mode: warn`` turns into NOTES.txt warnings;
* the chart's rules (R8 and up), which always refuse: what upstream 0.9.29's
  templates refuse (namespace scopes, JANGAR_* variables, image digests, the
  gRPC variables, reserved envFrom keys, rollout checksums, agents-shell's
  workspace and the Linear gateway's settings) and what the API server would
  refuse half-way through an install (a PodDisruptionBudget with both bounds).

A rule that depends on the release namespace (``helm -n``) takes it as
``namespace``; ``None`` means unknown, and such a rule is skipped unless
namespaceOverride names the namespace.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from schema_gen.contract import components, environment, reserved
from schema_gen.contract.values_paths import ValuesPath, dotted

Finding = tuple[ValuesPath, str]


def _clean(path: str) -> str:
    """Return ``path`` as Go's path.Clean (sprig's ``clean``) writes it: /a, /a/ and //a/. agree.

    The kubelet mounts them at the same place, so R4 compares them cleaned.
    """
    cleaned = posixpath.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def _map(node: Any, *keys: str) -> Mapping[str, Any]:
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


def _list(node: Any, key: str) -> list[Any]:
    found = node.get(key) if isinstance(node, Mapping) else None
    return found if isinstance(found, list) else []


def _str(value: Any) -> str:
    """Return ``value`` as Go's toString writes a value read from YAML (whole floats bare)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


# --- the volume contract (R2-R4, R7) -------------------------------------------------


def _entries(
    values: Mapping[str, Any], component: components.ChartComponent, key: str
) -> Iterator[tuple[ValuesPath, dict]]:
    """Yield the entries that reach ``component``'s pod, in order, whose shape the rules read.

    The rest have their own per-entry problems, so lint reports both kinds in one pass.
    """
    needed = ("name", "mountPath") if key == "extraVolumeMounts" else ("name",)
    shared = _list(values, key) if component.global_extras else []
    own = _list(values.get(component.key), key)
    for where, entry in [
        *(((key, i), e) for i, e in enumerate(shared)),
        *(((component.key, key, i), e) for i, e in enumerate(own)),
    ]:
        if isinstance(entry, Mapping) and all(isinstance(entry.get(f), str) for f in needed):
            yield where, entry


def _where_to_add(component: components.ChartComponent) -> str:
    if component.global_extras:
        return f"extraVolumes or {component.key}.extraVolumes"
    return f"{component.key}.extraVolumes"


def _component_findings(
    values: Mapping[str, Any], component: components.ChartComponent
) -> Iterator[Finding]:
    # volume name -> values path that defines it; mountPath -> values path that mounts there
    volumes, paths = reserved.occupied(values, component.key)
    for where, volume in _entries(values, component, "extraVolumes"):
        name = volume["name"]
        if name in volumes:
            yield where, f'volume name "{name}" is already used by {volumes[name]}'
        else:
            volumes[name] = dotted(where)
    paths = {_clean(path): owner for path, owner in paths.items()}
    for where, mount in _entries(values, component, "extraVolumeMounts"):
        name, path = mount["name"], mount["mountPath"]
        if name not in volumes:
            yield (
                where,
                f'volume "{name}" is not defined for {component.key} '
                f"(add it to {_where_to_add(component)})",
            )
        if _clean(path) in paths:
            yield where, f'mountPath "{path}" is already used by {paths[_clean(path)]}'
        else:
            paths[_clean(path)] = dotted(where)


def rendered(values: Mapping[str, Any]) -> list[str]:
    """Return the components (values keys) whose Deployment ``values`` render, in order."""
    return [
        c.key for c in components.COMPONENTS if not c.optional or _map(values, c.key).get("enabled")
    ]


def _without_pod(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R7: a component's own entries when its Deployment is off; they would go nowhere."""
    on = rendered(values)
    for c in components.COMPONENTS:
        if c.key in on:
            continue
        elsewhere = (
            f", or move it to {{key}} (both server pods) or {components.CONTROL_PLANE.key}.{{key}}"
            if c.global_extras
            else ", or remove it"
        )
        for key in ("extraVolumes", "extraVolumeMounts"):
            for i, _entry in enumerate(_list(values.get(c.key), key)):
                yield (
                    (c.key, key, i),
                    f"{c.key}.enabled is false, so no pod gets this entry; set {c.key}.enabled: "
                    f"true" + elsewhere.format(key=key),
                )


def contract_findings(values: Mapping[str, Any]) -> list[Finding]:
    """Return (values path, message) for every volume contract problem, once each, in order.

    A problem among global entries shows up in both server components; it is reported once.
    """
    on = rendered(values)
    found = [
        p for c in components.COMPONENTS if c.key in on for p in _component_findings(values, c)
    ]
    return list(dict.fromkeys([*found, *_without_pod(values)]))


# --- the chart's rules (R8 and up) ---------------------------------------------------


def release_namespace(values: Mapping[str, Any], namespace: str | None) -> str | None:
    """Return the namespace the release's objects go to: namespaceOverride, else ``namespace``."""
    override = values.get("namespaceOverride")
    return override if isinstance(override, str) and override else namespace


def _scope(values: Mapping[str, Any], namespace: str | None) -> Iterator[Finding]:
    """R8: a loop watching more than its RBAC can grant, or a list that cannot mean anything."""
    cluster = bool(_map(values, "rbac").get("clusterScoped"))
    release = release_namespace(values, namespace)
    for loop in components.WATCHERS:
        listed = _list(values.get(loop), "namespaces")
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
    return _map(values, "env", "vars") if scope == "env" else _map(values, scope, "env", "vars")


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
    if not _map(values, "imagePolicy").get("requireDigest"):
        return
    why = "imagePolicy.requireDigest is true"
    image = _map(values, "image")
    runner = _map(values, "runner", "image")
    servers = [components.CONTROL_PLANE]
    if _map(values, "controllers").get("enabled"):
        servers.append(components.CONTROLLERS)
    for server in servers:
        own = _map(values, server.key, "image")
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
            if not _SHA256_REF.search(_str(override)):
                yield (*base, name), f"{why}: the runner image set here must end with @sha256:..."
        elif runner.get("repository") and not runner.get("digest"):
            yield (
                ("runner", "image", "digest"),
                (f"{why}: the runner image needs a digest; set runner.image.digest to sha256:..."),
            )
    for key, label in (("agentsShell", "agents-shell"), ("argocdHooks", "hook"), ("tests", "test")):
        if _map(values, key).get("enabled") and not _map(values, key, "image").get("digest"):
            yield (
                (key, "image", "digest"),
                (f"{why}: the {label} image needs a digest; set {key}.image.digest to sha256:..."),
            )


_TRUTHY = re.compile(r"^(1|true|yes|on)$")


def _controllers_grpc(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R11: a gRPC listener in the controllers needs its Service."""
    controllers = _map(values, "controllers")
    if not controllers.get("enabled") or _map(controllers, "service").get("enabled"):
        return
    own = _env_vars(values, "controllers").get("AGENTS_GRPC_ENABLED")
    if own is not None and _TRUTHY.match(_str(own).strip().lower()):
        yield (
            ("controllers", "env", "vars", "AGENTS_GRPC_ENABLED"),
            (
                "turns the controllers' gRPC listener on; set controllers.service.enabled: true to "
                "expose it, or remove the variable"
            ),
        )


def grpc_expected(values: Mapping[str, Any]) -> dict[str, str]:
    """Return the control plane's gRPC variables as the chart derives them from grpc.*."""
    grpc = _map(values, "grpc")
    return {
        "AGENTS_GRPC_ENABLED": "true" if grpc.get("enabled") else "false",
        "AGENTS_GRPC_HOST": "0.0.0.0",
        "AGENTS_GRPC_PORT": _str(grpc.get("port")),
    }


def _grpc_managed(values: Mapping[str, Any]) -> bool:
    grpc = _map(values, "grpc")
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
            if given is not None and _str(given) != expected[name]:
                yield (
                    (*base, name),
                    (
                        f'is "{_str(given)}", but grpc.* makes it "{expected[name]}" '
                        "(grpc.manageEnvVar); remove it, or change grpc.*"
                    ),
                )
        own = _env_vars(values, "controllers").get(name)
        if own is not None and name in shared and _str(own) != _str(shared[name]):
            yield (
                ("controllers", "env", "vars", name),
                (
                    f'is "{_str(own)}" while env.vars sets "{_str(shared[name])}"; give both '
                    "the same "
                    "value, or remove one"
                ),
            )


def _ref_keys(entry: Any) -> list[str]:
    keys = entry.get("keys") if isinstance(entry, Mapping) else None
    if isinstance(keys, str):
        return [keys]
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def _reserved_env_from(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R13: envFrom entries that would set a variable the chart manages."""
    if not _map(values, "validation").get("reservedEnvKeysEnforced"):
        return
    reserved_keys = environment.CONTROLLERS_RESERVED
    controllers_on = bool(_map(values, "controllers").get("enabled"))
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
        for i, entry in enumerate(_list(values, key)):
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
                        if _str(control_plane[name]) != expected[name]:
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
                    if _str(controllers.get(name)) != want:
                        yield (
                            at,
                            (
                                f"lists {name}, which the controllers get as "
                                f'"{_str(controllers.get(name))}"; remove it from keys'
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
    return _str(ref.get("name")).strip() if isinstance(ref, Mapping) else ""


def _checksum_sources(values: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Return the Secrets and ConfigMaps the server pods read, by name."""
    secrets: list[str] = []
    config_maps: list[str] = []
    database = _map(values, "database")
    create = _map(database, "createSecret").get("enabled")
    if not create and not database.get("url"):
        secrets.append(_str(_map(database, "secretRef").get("name")).strip())
    secrets.append(_str(_map(database, "caSecret").get("name")).strip())
    if _map(values, "agentComms").get("enabled"):
        secrets.append(_str(_map(values, "agentComms", "nats", "userSecret").get("name")).strip())
    secrets += [_object_name(r) for r in _list(values, "envFromSecretRefs")]
    secrets += [
        _str(_map(e).get("secretName")).strip() for e in _list(values.get("env"), "secrets")
    ]
    config_maps += [_object_name(r) for r in _list(values, "envFromConfigMapRefs")]
    config_maps += [
        _str(_map(e).get("configMapName")).strip() for e in _list(values.get("env"), "config")
    ]
    volumes = [
        *_list(values, "extraVolumes"),
        *_list(values.get("controlPlane"), "extraVolumes"),
        *_list(values.get("controllers"), "extraVolumes"),
    ]
    for volume in volumes:
        source = _map(volume, "volume")
        secrets.append(_str(_map(source, "secret").get("secretName")).strip())
        config_maps.append(_str(_map(source, "configMap").get("name")).strip())
        for projection in _list(_map(source, "projected"), "sources"):
            secrets.append(_str(_map(projection, "secret").get("name")).strip())
            config_maps.append(_str(_map(projection, "configMap").get("name")).strip())
    return [s for s in secrets if s], [c for c in config_maps if c]


def database_secret_name(values: Mapping[str, Any], fullname: str) -> str:
    """Return the Secret DATABASE_URL is read from (the chart's own when createSecret)."""
    database = _map(values, "database")
    create = _map(database, "createSecret")
    if create.get("enabled"):
        return _str(create.get("name")) or trunc63(f"{fullname}-db")
    return _str(_map(database, "secretRef").get("name"))


def _checksums(values: Mapping[str, Any], namespace: str | None) -> Iterator[Finding]:
    """R14: rolloutChecksums.enabled needs an entry for every object the server pods read."""
    rollout = _map(values, "rolloutChecksums")
    if not rollout.get("enabled"):
        return
    release = release_namespace(values, namespace) or ""
    database = _map(values, "database")
    owned = ""
    if _map(database, "createSecret").get("enabled") and database.get("url"):
        owned = f"{release}/{database_secret_name(values, fullname(values))}"
    secrets, config_maps = _checksum_sources(values)
    for key, kind, needed in (
        ("secrets", "Secret", secrets),
        ("configMaps", "ConfigMap", config_maps),
    ):
        seen: set[str] = set()
        for i, entry in enumerate(_list(rollout, key)):
            if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
                continue
            ref = f"{_str(entry.get('namespace')) or release}/{entry['name'].strip()}"
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
    override = _str(values.get("fullnameOverride"))
    if override:
        return trunc63(override)
    name = _str(values.get("nameOverride")) or components.CHART
    full = release if name in release else f"{release}-{name}"
    return trunc63(full)


def _shell(values: Mapping[str, Any]) -> Iterator[Finding]:
    """R15: agents-shell's workspace claim must exist to be mounted."""
    shell = _map(values, "agentsShell")
    workspace = _map(shell, "workspace")
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
    gateway = _map(values, "linearMcpGateway")
    if not gateway.get("enabled"):
        return
    config = _map(gateway, "config")
    if not _map(gateway, "databaseSecret").get("name"):
        yield (
            ("linearMcpGateway", "databaseSecret", "name"),
            ("is empty; the gateway reads DATABASE_URL from this Secret: name it"),
        )
    release = release_namespace(values, namespace)
    if release is not None and config.get("namespace") != release:
        yield (
            ("linearMcpGateway", "config", "namespace"),
            (
                f'is "{_str(config.get("namespace"))}", but the release namespace is {release}; '
                "set "
                f"it to {release}"
            ),
        )
    runner = _str(_map(gateway, "runnerServiceAccount").get("name"))
    if _str(config.get("runnerServiceAccount")) != runner:
        yield (
            ("linearMcpGateway", "config", "runnerServiceAccount"),
            (
                f'is "{_str(config.get("runnerServiceAccount"))}", but '
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
    top = _map(values, "deploymentStrategy")
    components_on = [("controlPlane", top)]
    if _map(values, "controllers").get("enabled"):
        components_on.append(("controllers", top))
    if _map(values, "agentsShell").get("enabled"):
        components_on.append(("agentsShell", {}))
    for key, base in components_on:
        own = _map(values, key, "deploymentStrategy")
        rolling = {**_map(base, "rollingUpdate"), **_map(own, "rollingUpdate")}
        kind = own.get("type", base.get("type"))
        zero = ("0", "0%")
        if _str(kind) == "Recreate" or not (
            _str(rolling.get("maxSurge")) in zero and _str(rolling.get("maxUnavailable")) in zero
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
        budget = _map(values, *base)
        if base[0] == "controllers" and not _map(values, "controllers").get("enabled"):
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


def contract_problems(values: Mapping[str, Any]) -> list[str]:
    """Return every volume contract problem of camelCase ``values`` as Helm words it."""
    return [f"{dotted(where)}: {message}" for where, message in contract_findings(values)]


def chart_problems(values: Mapping[str, Any], namespace: str | None = None) -> list[str]:
    """Return every chart rule problem of camelCase ``values`` as Helm words it."""
    return [f"{dotted(where)}: {message}" for where, message in chart_findings(values, namespace)]
