{{- /*
A server container's env, as a YAML list, in the order upstream 0.9.29 writes it.
The operator's variables (env.vars, without the controllers' reserved names in the
controllers, then the variables the chart forces there, then {component}.env.vars;
in the control plane the gRPC variables grpc.* derives) are written as one block,
sorted by name. A variable the chart sets from a typed key is left out when that
block holds its name, so each name appears once and the operator's value wins.
Every value is written with toJson: no value can change the manifest's structure,
and whole numbers stay in digits.
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.serverEnv" -}}
{{- $root := .root -}}
{{- $v := .root.Values -}}
{{- $cp := eq .component "controlPlane" -}}
{{- $own := index $v .component -}}
{{- $split := $v.controllers.enabled -}}
{{- $loops := or (not $cp) (not $split) -}}{{- /* this container runs the reconcile loops */ -}}
{{- $mapping := include "agents.envMapping" $root | fromJson -}}
{{- $namespace := include "agents.namespace" $root -}}
{{- $vars := dict -}}
{{- range $name, $value := $v.env.vars -}}
{{- if or $cp (not (has $name $mapping.controllersReserved)) }}{{ $_ := set $vars $name $value }}{{ end -}}
{{- end -}}
{{- if not $cp }}{{ range $name, $value := $mapping.forced.controllers }}{{ $_ := set $vars $name $value }}{{ end }}{{ end -}}
{{- range $name, $value := ($own.env | default dict).vars }}{{ $_ := set $vars $name $value }}{{ end -}}
{{- $grpc := $v.grpc -}}
{{- if and $cp (ne $grpc.manageEnvVar false) -}}
{{- $_ := set $vars "AGENTS_GRPC_ENABLED" ($grpc.enabled | ternary "true" "false") -}}
{{- $_ := set $vars "AGENTS_GRPC_HOST" "0.0.0.0" -}}
{{- $_ := set $vars "AGENTS_GRPC_PORT" (include "agents.int" $grpc.port) -}}
{{- end -}}
{{- if not $cp -}}
{{- $artifacts := $v.controller.agentRunArtifacts | default dict -}}
{{- if not (hasKey $vars "AGENTS_AGENTRUN_ARTIFACTS_MAX") }}{{ $_ := set $vars "AGENTS_AGENTRUN_ARTIFACTS_MAX" (printf "%d" (int64 ($artifacts.max | default (index (include "agents.fallbacks" $root | fromJson) "controller.agentRunArtifacts.max")))) }}{{ end -}}
{{- if not (hasKey $vars "AGENTS_AGENTRUN_ARTIFACTS_STRICT") }}{{ $_ := set $vars "AGENTS_AGENTRUN_ARTIFACTS_STRICT" (toString ($artifacts.strict | default false)) }}{{ end -}}
{{- end -}}
{{- $db := $v.database -}}
{{- if $db.url }}
- name: DATABASE_URL
  value: {{ toJson $db.url }}
{{- else if or $db.secretRef.name $db.createSecret.enabled }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "agents.databaseSecretName" $root | toJson }}
      key: {{ $db.createSecret.enabled | ternary "url" ($db.secretRef.key | default "url") | toJson }}
{{- end }}
{{- if $db.caSecret.name }}
{{- include "agents.var" (list $vars "PGSSLROOTCERT" (printf "/etc/agents/ca/%s" ($db.caSecret.key | default "ca.crt"))) }}
{{- end }}
{{- $native := $v.agentRuntime.native }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CODEX_RERUN_ORCHESTRATION" $native.rerunOrchestration) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CODEX_RERUN_ORCHESTRATION_NAMESPACE" $native.rerunOrchestrationNamespace) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_SYSTEM_IMPROVEMENT_ORCHESTRATION" $native.systemImprovementOrchestration) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_SYSTEM_IMPROVEMENT_ORCHESTRATION_NAMESPACE" $native.systemImprovementOrchestrationNamespace) }}
{{- $runner := $v.runner.image }}
{{- if $runner.repository }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_RUNNER_IMAGE" (include "agents.imageRef" (list $runner.repository $runner.tag $runner.digest))) }}
{{- end }}
{{- $sink := $v.audit.sink }}
{{- $http := $sink.http | default dict }}
{{- if ne (toString $sink.type) "none" }}
{{- include "agents.var" (list $vars "AGENTS_AUDIT_SINK_TYPE" $sink.type) }}
{{- end }}
{{- if eq (toString $sink.type) "http" }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AUDIT_SINK_HTTP_URL" $http.url) }}
{{- if $http.timeoutMs }}{{ include "agents.var" (list $vars "AGENTS_AUDIT_SINK_HTTP_TIMEOUT_MS" (printf "%d" (int64 $http.timeoutMs))) }}{{ end }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AUDIT_SINK_HTTP_HEADERS_JSON" $http.headers) }}
{{- end }}
{{- if $cp }}
{{- include "agents.var" (list $vars "AGENTS_SERVER_PROFILE" "agents-control-plane") }}
{{- end }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CORS_ALLOWED_ORIGINS" $v.cors.allowedOrigins) }}
{{- range $name := keys $vars | sortAlpha }}
- name: {{ toJson $name }}
  value: {{ get $vars $name | toJson }}
{{- end }}
{{- $image := include "agents.serverImage" . | fromJson }}
{{- include "agents.var" (list $vars "AGENTS_IMAGE" $image.ref) }}
{{- include "agents.var" (list $vars "AGENTS_RUNTIME_IMAGE" $image.ref) }}
{{- include "agents.var" (list $vars "AGENTS_GITOPS_REVISION" ($image.tag | default "" | toString)) }}
{{- $ctl := $v.controller }}
{{- $ttl := hasKey $ctl "jobTtlSeconds" | ternary $ctl.jobTtlSeconds $ctl.jobTtlSecondsAfterFinished }}
{{- if ne $ttl nil }}{{ include "agents.var" (list $vars "AGENTS_AGENT_RUNNER_JOB_TTL_SECONDS" (printf "%d" (int64 $ttl))) }}{{ end }}
{{- if and $cp (ne $ctl.logRetentionSeconds nil) }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_RUNNER_LOG_RETENTION_SECONDS" (printf "%d" (int64 $ctl.logRetentionSeconds))) }}
{{- end }}
{{- include "agents.var" (list $vars "AGENTS_SERVICE_ACCOUNT_NAME" (include "agents.serviceAccountName" $root)) }}
{{- $workload := $ctl.defaultWorkload }}
{{- $runnerAccount := "" }}
{{- if $v.runnerServiceAccount.setAsDefault }}{{ $runnerAccount = include "agents.runnerServiceAccountName" $root }}{{ end }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_SERVICE_ACCOUNT" ($workload.serviceAccountName | default $runnerAccount)) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_NODE_SELECTOR" $workload.nodeSelector) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_TOLERATIONS" $workload.tolerations) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_TOPOLOGY_SPREAD_CONSTRAINTS" $workload.topologySpreadConstraints) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_AFFINITY" $workload.affinity) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_POD_SECURITY_CONTEXT" $workload.podSecurityContext) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_RESOURCES" $workload.resources) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_IMAGE_PULL_SECRETS" ($workload.imagePullSecrets | default $runner.pullSecrets)) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_PRIORITY_CLASS" $workload.priorityClassName) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_RUNNER_SCHEDULER_NAME" $workload.schedulerName) }}
{{- include "agents.typed" (list $vars $mapping "KUBERNETES_SERVICE_HOST" $v.kubernetesApi.host) }}
{{- include "agents.typed" (list $vars $mapping "KUBERNETES_SERVICE_PORT" $v.kubernetesApi.port) }}
{{- include "agents.fieldRef" (list $vars "AGENTS_POD_NAMESPACE" "metadata.namespace") }}
{{- include "agents.fieldRef" (list $vars "AGENTS_POD_UID" "metadata.uid") }}
{{- if $cp }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_PROMETHEUS_METRICS_ENABLED" $v.metrics.enabled) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_PROMETHEUS_METRICS_PATH" $v.metrics.path) }}
{{- else }}
{{- include "agents.var" (list $vars "AGENTS_SERVER_PROFILE" "agents-controllers") }}
{{- end }}
{{- $election := $ctl.leaderElection | default dict }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_LEADER_ELECTION_ENABLED" $election.enabled) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_LEADER_ELECTION_LEASE_NAME" $election.leaseName) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_LEADER_ELECTION_LEASE_NAMESPACE" ($election.leaseNamespace | default $namespace)) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_LEADER_ELECTION_LEASE_DURATION_SECONDS" $election.leaseDurationSeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_LEADER_ELECTION_RENEW_DEADLINE_SECONDS" $election.renewDeadlineSeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_LEADER_ELECTION_RETRY_PERIOD_SECONDS" $election.retryPeriodSeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_RBAC_CLUSTER_SCOPED" $v.rbac.clusterScoped) }}
{{- include "agents.var" (list $vars "AGENTS_PRIMITIVES_NAMESPACES" (include "agents.watched" (list $root $ctl.namespaces))) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_SWARM_PRIMITIVE_ENABLED" $v.swarm.enabled) }}
{{- if and $cp $split }}
{{- include "agents.var" (list $vars "AGENTS_PRIMITIVES_RECONCILER" "0") }}
{{- end }}
{{- if and $loops $ctl.enabled }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_ENABLED" "1") }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_NAMESPACES" (include "agents.watched" (list $root $ctl.namespaces))) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_CONCURRENCY_NAMESPACE" $ctl.concurrency.perNamespace) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_CONCURRENCY_AGENT" $ctl.concurrency.perAgent) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_CONCURRENCY_CLUSTER" $ctl.concurrency.cluster) }}
{{- if $cp }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_REPO_CONCURRENCY_ENABLED" $ctl.repoConcurrency.enabled) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_REPO_CONCURRENCY_DEFAULT" $ctl.repoConcurrency.default) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_REPO_CONCURRENCY_OVERRIDES" $ctl.repoConcurrency.overrides) }}
{{- end }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_QUEUE_NAMESPACE" $ctl.queue.perNamespace) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_QUEUE_REPO" $ctl.queue.perRepo) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_QUEUE_CLUSTER" $ctl.queue.cluster) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_RATE_WINDOW_SECONDS" $ctl.rate.windowSeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_RATE_NAMESPACE" $ctl.rate.perNamespace) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_RATE_REPO" $ctl.rate.perRepo) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_RATE_CLUSTER" $ctl.rate.cluster) }}
{{- if $cp }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_QUEUE_SIZE" $ctl.webhook.queueSize) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_RETRY_BASE_DELAY_SECONDS" $ctl.webhook.retry.baseDelaySeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_RETRY_MAX_DELAY_SECONDS" $ctl.webhook.retry.maxDelaySeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_RETRY_MAX_ATTEMPTS" $ctl.webhook.retry.maxAttempts) }}
{{- end }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_AGENTRUN_RETENTION_SECONDS" $ctl.agentRunRetentionSeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_AGENTRUN_RETENTION_MAX_DELETES_PER_NAMESPACE" $ctl.agentRunRetentionMaxDeletesPerNamespace) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_AGENTRUN_RETENTION_ZERO_TTL_MAX_SECONDS" $ctl.agentRunRetentionZeroTtlMaxSeconds) }}
{{- if not $cp }}
{{- $debris := $ctl.runtimeDebrisCleanup | default dict }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_RUNTIME_DEBRIS_CLEANUP_MODE" $debris.mode) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_ORPHAN_POD_RETENTION_SECONDS" $debris.orphanPodRetentionSeconds) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_RUNTIME_DEBRIS_MAX_DELETES_PER_NAMESPACE" $debris.maxDeletesPerNamespace) }}
{{- end }}
{{- $policy := $ctl.admissionPolicy }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_LABELS_REQUIRED" $policy.labels.required) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_LABELS_ALLOWED" $policy.labels.allowed) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_LABELS_DENIED" $policy.labels.denied) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_IMAGES_ALLOWED" $policy.images.allowed) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_IMAGES_DENIED" $policy.images.denied) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_BLOCKED_SECRETS" $policy.secrets.blocked) }}
{{- $vcs := $ctl.vcsProviders }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_VCS_PROVIDERS_ENABLED" $vcs.enabled) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_VCS_DEPRECATED_TOKEN_TYPES" $vcs.deprecatedTokenTypes) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_VCS_PR_RATE_LIMITS" $vcs.prRateLimits) }}
{{- if $ctl.authSecret.name }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_AUTH_SECRET_NAME" $ctl.authSecret.name) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_AUTH_SECRET_KEY" $ctl.authSecret.key) }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_CONTROLLER_AUTH_SECRET_MOUNT_PATH" $ctl.authSecret.mountPath) }}
{{- end }}
{{- else }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_ENABLED" "0") }}
{{- end }}
{{- if and $loops $v.orchestrationController.enabled }}
{{- include "agents.var" (list $vars "AGENTS_ORCHESTRATION_CONTROLLER_ENABLED" "1") }}
{{- include "agents.var" (list $vars "AGENTS_ORCHESTRATION_CONTROLLER_NAMESPACES" (include "agents.watched" (list $root $v.orchestrationController.namespaces))) }}
{{- else }}
{{- include "agents.var" (list $vars "AGENTS_ORCHESTRATION_CONTROLLER_ENABLED" "0") }}
{{- end }}
{{- if and $loops $v.supportingController.enabled }}
{{- include "agents.var" (list $vars "AGENTS_SUPPORTING_CONTROLLER_ENABLED" "1") }}
{{- include "agents.var" (list $vars "AGENTS_SUPPORTING_CONTROLLER_NAMESPACES" (include "agents.watched" (list $root $v.supportingController.namespaces))) }}
{{- else }}
{{- include "agents.var" (list $vars "AGENTS_SUPPORTING_CONTROLLER_ENABLED" "0") }}
{{- end }}
{{- if not $cp }}
{{- include "agents.var" (list $vars "AGENTS_GRPC_HOST" "0.0.0.0") }}
{{- include "agents.var" (list $vars "AGENTS_GRPC_PORT" (include "agents.int" $grpc.port)) }}
{{- end }}
{{- $comms := $v.agentComms }}
{{- if and $loops $comms.enabled }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_COMMS_SUBSCRIBER_DISABLED" "false") }}
{{- include "agents.typed" (list $vars $mapping "NATS_URL" $comms.nats.url) }}
{{- $secret := $comms.nats.userSecret }}
{{- if $secret.name }}
{{- include "agents.secretRef" (list $vars "NATS_USER" $secret.name ($secret.usernameKey | default "username")) }}
{{- include "agents.secretRef" (list $vars "NATS_PASSWORD" $secret.name ($secret.passwordKey | default "password")) }}
{{- else }}
{{- include "agents.typed" (list $vars $mapping "NATS_USER" $comms.nats.user) }}
{{- include "agents.typed" (list $vars $mapping "NATS_PASSWORD" $comms.nats.password) }}
{{- end }}
{{- include "agents.typed" (list $vars $mapping "AGENTS_AGENT_COMMS_SUBJECTS" $comms.subjects) }}
{{- else }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_COMMS_SUBSCRIBER_DISABLED" "true") }}
{{- if $comms.enabled }}
{{- include "agents.typed" (list $vars $mapping "NATS_URL" $comms.nats.url) }}
{{- end }}
{{- end }}
{{- include "agents.refVars" $v.env }}
{{- end -}}

{{- /*
env.secrets, env.config and env.extra of a container, in that order, as written.
Call with the env map.
*/ -}}
{{- define "agents.refVars" -}}
{{- range .secrets }}
- name: {{ toJson .name }}
  valueFrom:
    secretKeyRef:
      name: {{ toJson .secretName }}
      key: {{ .key | default "value" | toJson }}
{{- end }}
{{- range .config }}
- name: {{ toJson .name }}
  valueFrom:
    configMapKeyRef:
      name: {{ toJson .configMapName }}
      key: {{ .key | default .name | toJson }}
{{- end }}
{{- range .extra }}
- name: {{ toJson .name }}
  value: {{ toJson .value }}
{{- end }}
{{- end -}}

{{- /* {name, value}, unless the value is empty or the operator's vars (first) hold the name. */ -}}
{{- define "agents.var" -}}
{{- if and (index . 2) (not (hasKey (index . 0) (index . 1))) }}
- name: {{ index . 1 }}
  value: {{ index . 2 | toJson }}
{{- end -}}
{{- end -}}

{{- /*
A typed key's variable {name, value} (see agents.var), written in the form its key
declares, with the fallback upstream's `| default` renders for an unset value: both
from the generated agents.envMapping's "typed" table, so no template retypes a
default. Forms: int (digits, quoted), bool (true/false; only null falls back),
string, json (left out when empty), jsonAlways ({} when empty), csv (joined with
commas). Call with (list $vars $mapping NAME value).
*/ -}}
{{- define "agents.typed" -}}
{{- $name := index . 2 -}}
{{- $row := index (index . 1).typed $name -}}
{{- $value := index . 3 -}}
{{- $form := $row.form -}}
{{- if hasKey $row "fallback" -}}
{{- if eq $form "bool" }}{{ if kindIs "invalid" $value }}{{ $value = $row.fallback }}{{ end -}}
{{- else }}{{ $value = $value | default $row.fallback }}{{ end -}}
{{- end -}}
{{- if kindIs "invalid" $value -}}
{{- else if eq $form "int" }}{{ $value = printf "%d" (int64 $value) -}}
{{- else if eq $form "bool" }}{{ $value = toString $value -}}
{{- else if eq $form "csv" }}{{ $value = join "," $value -}}
{{- else if and (eq $form "json") $value }}{{ $value = toJson $value -}}
{{- end -}}
{{- if eq $form "jsonAlways" }}{{ $value = toJson ($value | default dict) }}{{ end -}}
{{- include "agents.var" (list (index . 0) $name $value) -}}
{{- end -}}

{{- /* A variable read from the pod's own metadata, unless the operator's vars hold it. */ -}}
{{- define "agents.fieldRef" -}}
{{- if not (hasKey (index . 0) (index . 1)) }}
- name: {{ index . 1 }}
  valueFrom:
    fieldRef:
      fieldPath: {{ index . 2 }}
{{- end -}}
{{- end -}}

{{- /* A variable read from a Secret key, unless the operator's vars hold it. */ -}}
{{- define "agents.secretRef" -}}
{{- if not (hasKey (index . 0) (index . 1)) }}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 2 | toJson }}
      key: {{ index . 3 | toJson }}
{{- end -}}
{{- end -}}

{{- /*
A server Deployment's image, as JSON {ref, tag, pullPolicy, pullSecrets}: each
empty field of {component}.image takes image.*'s.
Call with (dict "root" $ "component" ...).
*/ -}}
{{- define "agents.serverImage" -}}
{{- $shared := .root.Values.image -}}
{{- $own := (index .root.Values .component).image | default dict -}}
{{- $repository := $own.repository | default $shared.repository -}}
{{- $tag := $own.tag | default $shared.tag -}}
{{- $digest := $own.digest | default $shared.digest -}}
{{- $ref := include "agents.imageRef" (list $repository $tag $digest) -}}
{{- toJson (dict "ref" $ref "tag" $tag "pullPolicy" ($own.pullPolicy | default $shared.pullPolicy) "pullSecrets" ($own.pullSecrets | default $shared.pullSecrets)) -}}
{{- end -}}
