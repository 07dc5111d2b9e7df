{{- /*
The rules that span entries or keys, which values.schema.json cannot express,
word for word as schema_gen/contract/volume_rules.py and chart_rules.py (the tests
compare the two). Returns JSON:
{"chart": [...], "contract": [...]}, each message once, in the rules' order.
  chart (always refuse): R8 namespace scopes, R9 variables the app no longer reads,
    R10 image digests, R11 the controllers' gRPC Service, R12 the gRPC variables,
    R13 reserved envFrom keys, R14 rollout checksums, R15 agents-shell's workspace,
    R16 the Linear gateway, R17 PodDisruptionBudget bounds;
  contract (validation.mode warn lists them in NOTES.txt instead): per Deployment,
    R2 a mount names a volume of its pod, R3 one name per volume, R4 one mountPath
    per container; R7 a component's own entries need its Deployment.
*/ -}}
{{- define "agents.validationMessages" -}}
{{- $out := dict "chart" list "contract" list -}}
{{- $args := dict "root" . "out" $out -}}
{{- include "agents.rules.scope" $args -}}
{{- include "agents.rules.legacyEnv" $args -}}
{{- include "agents.rules.digests" $args -}}
{{- include "agents.rules.grpc" $args -}}
{{- include "agents.rules.envFrom" $args -}}
{{- include "agents.rules.checksums" $args -}}
{{- include "agents.rules.workloads" $args -}}
{{- include "agents.rules.contract" $args -}}
{{- toJson (dict "chart" (uniq $out.chart) "contract" (uniq $out.contract)) -}}
{{- end -}}

{{- /* Appends "path: message" to .out.chart. Call with (list $args path message). */ -}}
{{- define "agents.rules.add" -}}
{{- $out := (index . 0).out -}}
{{- $_ := set $out "chart" (append $out.chart (printf "%s: %s" (index . 1) (index . 2))) -}}
{{- end -}}

{{- /* The values of a dotted path, or nil. Call with (list values "a.b.c"). */ -}}
{{- define "agents.valueAt" -}}
{{- $node := index . 0 -}}
{{- range splitList "." (index . 1) -}}
{{- $node = kindIs "map" $node | ternary (get (kindIs "map" $node | ternary $node dict) .) nil -}}
{{- end -}}
{{- toJson $node -}}
{{- end -}}

{{- /* R8 */ -}}
{{- define "agents.rules.scope" -}}
{{- $v := .root.Values -}}
{{- $release := include "agents.namespace" .root -}}
{{- range $loop := list "controller" "orchestrationController" "supportingController" -}}
{{- $listed := (index $v $loop).namespaces | default list -}}
{{- $at := printf "%s.namespaces" $loop -}}
{{- if $listed -}}
{{- $counts := dict -}}
{{- range $listed }}{{ $_ := set $counts . (add1 (get $counts . | default 0)) }}{{ end -}}
{{- $duplicates := list -}}
{{- range keys $counts | sortAlpha }}{{ if gt (get $counts .) 1 }}{{ $duplicates = append $duplicates . }}{{ end }}{{ end -}}
{{- if and (has "*" $listed) (gt (len $listed) 1) -}}
{{- include "agents.rules.add" (list $ $at "mixes \"*\" with other namespaces; write [\"*\"] alone, with rbac.clusterScoped") -}}
{{- else if $duplicates -}}
{{- include "agents.rules.add" (list $ $at (printf "lists %s more than once; remove the duplicates" (join ", " $duplicates))) -}}
{{- else if not $v.rbac.clusterScoped -}}
{{- if or (gt (len $listed) 1) (eq (first $listed) "*") -}}
{{- include "agents.rules.add" (list $ $at (printf "watching %s needs rbac.clusterScoped: true (a Role reaches one namespace); set it, or list one namespace" (join ", " $listed))) -}}
{{- else if ne (first $listed) $release -}}
{{- include "agents.rules.add" (list $ $at (printf "watching %s needs rbac.clusterScoped: true (the Role is in the release namespace, %s); set it, or list %s" (first $listed) $release $release)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /* R9 */ -}}
{{- define "agents.rules.legacyEnv" -}}
{{- $v := .root.Values -}}
{{- $mapping := include "agents.envMapping" .root | fromJson -}}
{{- range $scope := list (list "env.vars" $v.env.vars) (list "controlPlane.env.vars" ($v.controlPlane.env).vars) (list "controllers.env.vars" ($v.controllers.env).vars) -}}
{{- range $name, $_ := index $scope 1 -}}
{{- $at := printf "%s.%s" (index $scope 0) $name -}}
{{- if hasKey $mapping.removed $name -}}
{{- include "agents.rules.add" (list $ $at (printf "is no longer read; %s" (get $mapping.removed $name))) -}}
{{- else if hasPrefix "JANGAR_" $name -}}
{{- $new := "" -}}
{{- range $mapping.renames -}}
{{- if and (not $new) (hasPrefix (index . 0) $name) }}{{ $new = print (index . 1) (trimPrefix (index . 0) $name) }}{{ end -}}
{{- end -}}
{{- include "agents.rules.add" (list $ $at (printf "today's application reads %s (JANGAR_* names are ignored); rename it, or run `schema-gen migrate`" $new)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /* R10 */ -}}
{{- define "agents.rules.digests" -}}
{{- $v := .root.Values -}}
{{- if ($v.imagePolicy | default dict).requireDigest -}}
{{- $why := "imagePolicy.requireDigest is true" -}}
{{- $servers := list "controlPlane" -}}
{{- if $v.controllers.enabled }}{{ $servers = append $servers "controllers" }}{{ end -}}
{{- $name := "AGENTS_AGENT_RUNNER_IMAGE" -}}
{{- range $server := $servers -}}
{{- $own := index $v $server -}}
{{- if not (($own.image | default dict).digest | default $v.image.digest) -}}
{{- include "agents.rules.add" (list $ (printf "%s.image.digest" $server) (printf "%s: the %s image needs a digest; set %s.image.digest or image.digest to sha256:..." $why $server $server)) -}}
{{- end -}}
{{- $ownVars := ($own.env | default dict).vars | default dict -}}
{{- $override := "" -}}
{{- $base := "env.vars" -}}
{{- if hasKey $ownVars $name -}}
{{- $override = get $ownVars $name -}}
{{- $base = printf "%s.env.vars" $server -}}
{{- else -}}
{{- $override = get ($v.env.vars | default dict) $name -}}
{{- end -}}
{{- if $override -}}
{{- if not (regexMatch "@sha256:[a-fA-F0-9]{64}$" (toString $override)) -}}
{{- include "agents.rules.add" (list $ (printf "%s.%s" $base $name) (printf "%s: the runner image set here must end with @sha256:..." $why)) -}}
{{- end -}}
{{- else if and $v.runner.image.repository (not $v.runner.image.digest) -}}
{{- include "agents.rules.add" (list $ "runner.image.digest" (printf "%s: the runner image needs a digest; set runner.image.digest to sha256:..." $why)) -}}
{{- end -}}
{{- end -}}
{{- range list (list "agentsShell" "agents-shell") (list "argocdHooks" "hook") (list "tests" "test") -}}
{{- $values := index $v (index . 0) -}}
{{- if and $values.enabled (not ($values.image | default dict).digest) -}}
{{- include "agents.rules.add" (list $ (printf "%s.image.digest" (index . 0)) (printf "%s: the %s image needs a digest; set %s.image.digest to sha256:..." $why (index . 1) (index . 0))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /* R11 and R12 */ -}}
{{- define "agents.rules.grpc" -}}
{{- $v := .root.Values -}}
{{- $shared := $v.env.vars | default dict -}}
{{- $controllers := ($v.controllers.env).vars | default dict -}}
{{- if and $v.controllers.enabled (not $v.controllers.service.enabled) (hasKey $controllers "AGENTS_GRPC_ENABLED") -}}
{{- if regexMatch "^(1|true|yes|on)$" (get $controllers "AGENTS_GRPC_ENABLED" | toString | trim | lower) -}}
{{- include "agents.rules.add" (list $ "controllers.env.vars.AGENTS_GRPC_ENABLED" "turns the controllers' gRPC listener on; set controllers.service.enabled: true to expose it, or remove the variable") -}}
{{- end -}}
{{- end -}}
{{- if ne $v.grpc.manageEnvVar false -}}
{{- $expected := dict "AGENTS_GRPC_ENABLED" ($v.grpc.enabled | ternary "true" "false") "AGENTS_GRPC_HOST" "0.0.0.0" "AGENTS_GRPC_PORT" (toString $v.grpc.port) -}}
{{- range $name := list "AGENTS_GRPC_ENABLED" "AGENTS_GRPC_HOST" "AGENTS_GRPC_PORT" -}}
{{- range $scope := list (list "env.vars" $shared) (list "controlPlane.env.vars" (($v.controlPlane.env).vars | default dict)) -}}
{{- $given := index $scope 1 -}}
{{- if and (hasKey $given $name) (ne (get $given $name | toString) (get $expected $name)) -}}
{{- include "agents.rules.add" (list $ (printf "%s.%s" (index $scope 0) $name) (printf "is \"%s\", but grpc.* makes it \"%s\" (grpc.manageEnvVar); remove it, or change grpc.*" (get $given $name | toString) (get $expected $name))) -}}
{{- end -}}
{{- end -}}
{{- if and (hasKey $controllers $name) (hasKey $shared $name) (ne (get $controllers $name | toString) (get $shared $name | toString)) -}}
{{- include "agents.rules.add" (list $ (printf "controllers.env.vars.%s" $name) (printf "is \"%s\" while env.vars sets \"%s\"; give both the same value, or remove one" (get $controllers $name | toString) (get $shared $name | toString))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /* R13 */ -}}
{{- define "agents.rules.envFrom" -}}
{{- $v := .root.Values -}}
{{- if $v.validation.reservedEnvKeysEnforced -}}
{{- $mapping := include "agents.envMapping" .root | fromJson -}}
{{- $managed := ne $v.grpc.manageEnvVar false -}}
{{- $expected := dict "AGENTS_GRPC_ENABLED" ($v.grpc.enabled | ternary "true" "false") "AGENTS_GRPC_HOST" "0.0.0.0" "AGENTS_GRPC_PORT" (toString $v.grpc.port) -}}
{{- $shared := $v.env.vars | default dict -}}
{{- $controlPlane := merge (deepCopy (($v.controlPlane.env).vars | default dict)) $shared -}}
{{- $sharedForControllers := dict -}}
{{- range $name, $value := $shared }}{{ if not (has $name $mapping.controllersReserved) }}{{ $_ := set $sharedForControllers $name $value }}{{ end }}{{ end -}}
{{- $controllers := merge (deepCopy (($v.controllers.env).vars | default dict)) $sharedForControllers (dict "AGENTS_GRPC_HOST" "0.0.0.0" "AGENTS_GRPC_PORT" (get $expected "AGENTS_GRPC_PORT")) $mapping.forced.controllers -}}
{{- $owners := dict -}}
{{- range $key := list "envFromSecretRefs" "envFromConfigMapRefs" -}}
{{- range $i, $entry := index $v $key | default list -}}
{{- if kindIs "map" $entry -}}
{{- $at := printf "%s[%d].keys" $key $i -}}
{{- $names := list -}}
{{- if kindIs "string" $entry.keys }}{{ $names = list $entry.keys }}{{ else if kindIs "slice" $entry.keys }}{{ range $entry.keys }}{{ if kindIs "string" . }}{{ $names = append $names . }}{{ end }}{{ end }}{{ end -}}
{{- range $name := $names -}}
{{- if has $name $mapping.controllersReserved -}}
{{- $_ := set $owners $name (append (get $owners $name | default list) $at) -}}
{{- $grpc := has $name $mapping.grpcManaged -}}
{{- if has $name $mapping.controlPlaneReserved -}}
{{- if and $grpc $managed (hasKey $controlPlane $name) -}}
{{- if ne (get $controlPlane $name | toString) (get $expected $name) -}}
{{- include "agents.rules.add" (list $ $at (printf "lists %s, which the chart sets to \"%s\" in the control plane; remove it from keys" $name (get $expected $name))) -}}
{{- end -}}
{{- else if and (not $grpc) (not (hasKey $controlPlane $name)) -}}
{{- include "agents.rules.add" (list $ $at (printf "lists %s, which the chart manages; set it in env.vars or controlPlane.env.vars too, or remove it from keys (or set validation.reservedEnvKeysEnforced: false)" $name)) -}}
{{- end -}}
{{- end -}}
{{- if and $v.controllers.enabled $grpc $managed -}}
{{- $want := eq $name "AGENTS_GRPC_ENABLED" | ternary "0" (get $expected $name) -}}
{{- if ne (get $controllers $name | toString) $want -}}
{{- include "agents.rules.add" (list $ $at (printf "lists %s, which the controllers get as \"%s\"; remove it from keys" $name (get $controllers $name | toString))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $name := keys $owners | sortAlpha -}}
{{- $ats := get $owners $name -}}
{{- if gt (len $ats) 1 -}}
{{- include "agents.rules.add" (list $ (last $ats) (printf "lists %s, which %s lists too; keep a reserved variable in one envFrom entry" $name (first $ats))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /* R14 */ -}}
{{- define "agents.rules.checksums" -}}
{{- $v := .root.Values -}}
{{- $rollout := $v.rolloutChecksums -}}
{{- if $rollout.enabled -}}
{{- $release := include "agents.namespace" .root -}}
{{- $db := $v.database -}}
{{- $owned := "" -}}
{{- if and $db.createSecret.enabled $db.url }}{{ $owned = printf "%s/%s" $release (include "agents.databaseSecretName" .root) }}{{ end -}}
{{- $secrets := list -}}
{{- $configMaps := list -}}
{{- if and (not $db.createSecret.enabled) (not $db.url) }}{{ $secrets = append $secrets (include "agents.text" $db.secretRef.name | trim) }}{{ end -}}
{{- $secrets = append $secrets (include "agents.text" $db.caSecret.name | trim) -}}
{{- if $v.agentComms.enabled }}{{ $secrets = append $secrets (include "agents.text" $v.agentComms.nats.userSecret.name | trim) }}{{ end -}}
{{- range $v.envFromSecretRefs }}{{ $secrets = append $secrets (include "agents.refName" . | trim) }}{{ end -}}
{{- range $v.env.secrets }}{{ $secrets = append $secrets (include "agents.text" .secretName | trim) }}{{ end -}}
{{- range $v.envFromConfigMapRefs }}{{ $configMaps = append $configMaps (include "agents.refName" . | trim) }}{{ end -}}
{{- range $v.env.config }}{{ $configMaps = append $configMaps (include "agents.text" .configMapName | trim) }}{{ end -}}
{{- range concat ($v.extraVolumes | default list) ($v.controlPlane.extraVolumes | default list) ($v.controllers.extraVolumes | default list) -}}
{{- $source := .volume | default dict -}}
{{- $secrets = append $secrets (include "agents.text" ($source.secret | default dict).secretName | trim) -}}
{{- $configMaps = append $configMaps (include "agents.text" ($source.configMap | default dict).name | trim) -}}
{{- range ($source.projected | default dict).sources -}}
{{- $secrets = append $secrets (include "agents.text" (.secret | default dict).name | trim) -}}
{{- $configMaps = append $configMaps (include "agents.text" (.configMap | default dict).name | trim) -}}
{{- end -}}
{{- end -}}
{{- range $kind := list (list "secrets" "Secret" $secrets) (list "configMaps" "ConfigMap" $configMaps) -}}
{{- $key := index $kind 0 -}}
{{- $seen := dict -}}
{{- range $i, $entry := get $rollout $key | default list -}}
{{- $ref := printf "%s/%s" ($entry.namespace | default $release) (trim $entry.name) -}}
{{- if and (eq $key "secrets") $owned (eq $ref $owned) -}}
{{- include "agents.rules.add" (list $ (printf "rolloutChecksums.%s[%d]" $key $i) (printf "names %s, the Secret the chart creates from database.url and sums itself; remove the entry" $ref)) -}}
{{- else if hasKey $seen $ref -}}
{{- include "agents.rules.add" (list $ (printf "rolloutChecksums.%s[%d]" $key $i) (printf "names %s twice; remove the duplicate" $ref)) -}}
{{- end -}}
{{- $_ := set $seen $ref true -}}
{{- end -}}
{{- range $name := index $kind 2 | uniq -}}
{{- if and $name (not (hasKey $seen (printf "%s/%s" $release $name))) -}}
{{- include "agents.rules.add" (list $ (printf "rolloutChecksums.%s" $key) (printf "has no entry for %s %s/%s, which the pods read; add {name, checksum} for it (or turn rolloutChecksums off)" (index $kind 1) $release $name)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /* R15, R16 and R17 */ -}}
{{- define "agents.rules.workloads" -}}
{{- $v := .root.Values -}}
{{- $shell := $v.agentsShell -}}
{{- if and $shell.enabled (eq ($shell.workspace.volumeMode | default "persistentVolumeClaim") "persistentVolumeClaim") (not $shell.workspace.enabled) -}}
{{- include "agents.rules.add" (list $ "agentsShell.workspace.enabled" "is false, but volumeMode persistentVolumeClaim mounts the claim; set it to true, or set agentsShell.workspace.volumeMode: emptyDir") -}}
{{- end -}}
{{- $gateway := $v.linearMcpGateway -}}
{{- if $gateway.enabled -}}
{{- if not $gateway.databaseSecret.name -}}
{{- include "agents.rules.add" (list $ "linearMcpGateway.databaseSecret.name" "is empty; the gateway reads DATABASE_URL from this Secret: name it") -}}
{{- end -}}
{{- $release := include "agents.namespace" .root -}}
{{- if ne (toString $gateway.config.namespace) $release -}}
{{- include "agents.rules.add" (list $ "linearMcpGateway.config.namespace" (printf "is \"%s\", but the release namespace is %s; set it to %s" (toString $gateway.config.namespace) $release $release)) -}}
{{- end -}}
{{- if ne (toString $gateway.config.runnerServiceAccount) (toString $gateway.runnerServiceAccount.name) -}}
{{- include "agents.rules.add" (list $ "linearMcpGateway.config.runnerServiceAccount" (printf "is \"%s\", but linearMcpGateway.runnerServiceAccount.name is \"%s\"; make them the same" (toString $gateway.config.runnerServiceAccount) (toString $gateway.runnerServiceAccount.name))) -}}
{{- end -}}
{{- end -}}
{{- $budgets := list (list "podDisruptionBudget" $v.podDisruptionBudget true) -}}
{{- if $v.controllers.enabled }}{{ $budgets = append $budgets (list "controllers.podDisruptionBudget" $v.controllers.podDisruptionBudget false) }}{{ end -}}
{{- range $entry := $budgets -}}
{{- $budget := index $entry 1 -}}
{{- $zeroUnsets := index $entry 2 -}}
{{- if $budget.enabled -}}
{{- $set := 0 -}}
{{- range $bound := list $budget.minAvailable $budget.maxUnavailable -}}
{{- if and (ne $bound nil) (ne (toString $bound) "") (or (not $zeroUnsets) $bound) }}{{ $set = add1 $set }}{{ end -}}
{{- end -}}
{{- if eq $set 2 -}}
{{- include "agents.rules.add" (list $ (printf "%s.maxUnavailable" (index $entry 0)) (printf "and minAvailable are both set, and Kubernetes takes one; set %s.minAvailable: null to use maxUnavailable" (index $entry 0))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* A rolling update with maxSurge and maxUnavailable both 0, as each Deployment gets it. */ -}}
{{- $zero := list "0" "0%" -}}
{{- $top := $v.deploymentStrategy | default dict -}}
{{- $strategies := list (list "controlPlane" $top) -}}
{{- if $v.controllers.enabled }}{{ $strategies = append $strategies (list "controllers" $top) }}{{ end -}}
{{- if $v.agentsShell.enabled }}{{ $strategies = append $strategies (list "agentsShell" dict) }}{{ end -}}
{{- range $entry := $strategies -}}
{{- $key := index $entry 0 -}}
{{- $own := (index $v $key).deploymentStrategy | default dict -}}
{{- $strategy := mergeOverwrite (deepCopy (index $entry 1)) (deepCopy $own) -}}
{{- $rolling := $strategy.rollingUpdate | default dict -}}
{{- if and (ne (toString $strategy.type) "Recreate") (has (toString $rolling.maxSurge) $zero) (has (toString $rolling.maxUnavailable) $zero) -}}
{{- $at := "deploymentStrategy" -}}
{{- if or (eq $key "agentsShell") $own.rollingUpdate }}{{ $at = printf "%s.deploymentStrategy" $key }}{{ end -}}
{{- include "agents.rules.add" (list $ (printf "%s.rollingUpdate" $at) (printf "has maxSurge and maxUnavailable both 0 for %s's Deployment, and Kubernetes needs one of them above 0; set one to 1 or more" $key)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /* R2, R3, R4 and R7 */ -}}
{{- define "agents.rules.contract" -}}
{{- $v := .root.Values -}}
{{- $out := .out -}}
{{- $reserved := include "agents.reservedVolumes" .root | fromJsonArray -}}
{{- $off := list -}}
{{- range include "agents.components" .root | fromJsonArray -}}
{{- $component := .key -}}
{{- $own := index $v $component | default dict -}}
{{- if and .optional (not $own.enabled) -}}
{{- $off = append $off . -}}
{{- else -}}
{{- $volumes := dict -}}{{- /* volume name -> values path that defines it */ -}}
{{- $paths := dict -}}{{- /* cleaned mountPath -> values path that mounts there */ -}}
{{- range $reserved -}}
{{- if and (has $component .components) (or (not .enabledBy) (include "agents.valueAt" (list $v .enabledBy) | fromJson)) -}}
{{- $_ := set $volumes .name .owner -}}
{{- $_ := set $paths (clean .mountPath) .owner -}}
{{- end -}}
{{- end -}}
{{- $lists := list -}}
{{- if .globalExtras }}{{ $lists = append $lists (list "extraVolumes" $v.extraVolumes "extraVolumeMounts" $v.extraVolumeMounts) }}{{ end -}}
{{- $lists = append $lists (list (printf "%s.extraVolumes" $component) $own.extraVolumes (printf "%s.extraVolumeMounts" $component) $own.extraVolumeMounts) -}}
{{- range $lists -}}
{{- $at := index . 0 -}}
{{- range $i, $volume := index . 1 | default list -}}
{{- $where := printf "%s[%d]" $at $i -}}
{{- if hasKey $volumes $volume.name -}}
{{- $_ := set $out "contract" (append $out.contract (printf "%s: volume name \"%s\" is already used by %s" $where $volume.name (get $volumes $volume.name))) -}}
{{- else -}}
{{- $_ := set $volumes $volume.name $where -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $add := .globalExtras | ternary (printf "extraVolumes or %s.extraVolumes" $component) (printf "%s.extraVolumes" $component) -}}
{{- range $lists -}}
{{- $at := index . 2 -}}
{{- range $i, $mount := index . 3 | default list -}}
{{- $where := printf "%s[%d]" $at $i -}}
{{- if not (hasKey $volumes $mount.name) -}}
{{- $_ := set $out "contract" (append $out.contract (printf "%s: volume \"%s\" is not defined for %s (add it to %s)" $where $mount.name $component $add)) -}}
{{- end -}}
{{- if hasKey $paths (clean $mount.mountPath) -}}
{{- $_ := set $out "contract" (append $out.contract (printf "%s: mountPath \"%s\" is already used by %s" $where $mount.mountPath (get $paths (clean $mount.mountPath)))) -}}
{{- else -}}
{{- $_ := set $paths (clean $mount.mountPath) $where -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $off -}}
{{- $component := .key -}}
{{- $global := .globalExtras -}}
{{- range $key := list "extraVolumes" "extraVolumeMounts" -}}
{{- range $i, $_ := get (index $v $component | default dict) $key | default list -}}
{{- $tail := $global | ternary (printf ", or move it to %s (both server pods) or controlPlane.%s" $key $key) ", or remove it" -}}
{{- $_ := set $out "contract" (append $out.contract (printf "%s.%s[%d]: %s.enabled is false, so no pod gets this entry; set %s.enabled: true%s" $component $key $i $component $component $tail)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /*
Fails the render, listing every broken rule at once, before anything reaches the
cluster. With validation.mode=warn the volume contract's problems go to NOTES.txt
instead; the chart's rules always fail.
*/ -}}
{{- define "agents.validate" -}}
{{- $found := include "agents.validationMessages" . | fromJson -}}
{{- $messages := concat $found.chart (include "agents.apiRuleProblems" . | splitList "\n" | compact) -}}
{{- $footer := "" -}}
{{- if and $found.contract (ne .Values.validation.mode "warn") -}}
{{- $messages = concat $messages $found.contract -}}
{{- /* Only the volume contract can be relaxed, so only its problems mention how. */ -}}
{{- $footer = "\n(validation.mode=warn renders a broken volume contract anyway and lists it in NOTES.txt)" -}}
{{- end -}}
{{- if $messages -}}
{{- fail (printf "the values break the agents chart's rules:\n- %s%s" (join "\n- " $messages) $footer) -}}
{{- end -}}
{{- end -}}
