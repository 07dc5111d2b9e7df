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
{{- if not (hasKey $vars "AGENTS_AGENTRUN_ARTIFACTS_MAX") }}{{ $_ := set $vars "AGENTS_AGENTRUN_ARTIFACTS_MAX" (printf "%d" (int64 ($artifacts.max | default 50))) }}{{ end -}}
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
{{- include "agents.var" (list $vars "AGENTS_CODEX_RERUN_ORCHESTRATION" $native.rerunOrchestration) }}
{{- include "agents.var" (list $vars "AGENTS_CODEX_RERUN_ORCHESTRATION_NAMESPACE" $native.rerunOrchestrationNamespace) }}
{{- include "agents.var" (list $vars "AGENTS_SYSTEM_IMPROVEMENT_ORCHESTRATION" $native.systemImprovementOrchestration) }}
{{- include "agents.var" (list $vars "AGENTS_SYSTEM_IMPROVEMENT_ORCHESTRATION_NAMESPACE" $native.systemImprovementOrchestrationNamespace) }}
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
{{- include "agents.var" (list $vars "AGENTS_AUDIT_SINK_HTTP_URL" $http.url) }}
{{- if $http.timeoutMs }}{{ include "agents.var" (list $vars "AGENTS_AUDIT_SINK_HTTP_TIMEOUT_MS" (printf "%d" (int64 $http.timeoutMs))) }}{{ end }}
{{- if $http.headers }}{{ include "agents.var" (list $vars "AGENTS_AUDIT_SINK_HTTP_HEADERS_JSON" (toJson $http.headers)) }}{{ end }}
{{- end }}
{{- if $cp }}
{{- include "agents.var" (list $vars "AGENTS_SERVER_PROFILE" "agents-control-plane") }}
{{- end }}
{{- include "agents.var" (list $vars "AGENTS_CORS_ALLOWED_ORIGINS" (join "," ($v.cors.allowedOrigins | default list))) }}
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
{{- include "agents.var" (list $vars "AGENTS_AGENT_RUNNER_SERVICE_ACCOUNT" ($workload.serviceAccountName | default $runnerAccount)) }}
{{- include "agents.json" (list $vars "AGENTS_AGENT_RUNNER_NODE_SELECTOR" $workload.nodeSelector) }}
{{- include "agents.json" (list $vars "AGENTS_AGENT_RUNNER_TOLERATIONS" $workload.tolerations) }}
{{- include "agents.json" (list $vars "AGENTS_AGENT_RUNNER_TOPOLOGY_SPREAD_CONSTRAINTS" $workload.topologySpreadConstraints) }}
{{- include "agents.json" (list $vars "AGENTS_AGENT_RUNNER_AFFINITY" $workload.affinity) }}
{{- include "agents.json" (list $vars "AGENTS_AGENT_RUNNER_POD_SECURITY_CONTEXT" $workload.podSecurityContext) }}
{{- include "agents.json" (list $vars "AGENTS_AGENT_RUNNER_RESOURCES" $workload.resources) }}
{{- include "agents.json" (list $vars "AGENTS_AGENT_RUNNER_IMAGE_PULL_SECRETS" ($workload.imagePullSecrets | default $runner.pullSecrets)) }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_RUNNER_PRIORITY_CLASS" $workload.priorityClassName) }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_RUNNER_SCHEDULER_NAME" $workload.schedulerName) }}
{{- include "agents.var" (list $vars "KUBERNETES_SERVICE_HOST" $v.kubernetesApi.host) }}
{{- include "agents.var" (list $vars "KUBERNETES_SERVICE_PORT" $v.kubernetesApi.port) }}
{{- include "agents.fieldRef" (list $vars "AGENTS_POD_NAMESPACE" "metadata.namespace") }}
{{- include "agents.fieldRef" (list $vars "AGENTS_POD_UID" "metadata.uid") }}
{{- if $cp }}
{{- include "agents.var" (list $vars "AGENTS_PROMETHEUS_METRICS_ENABLED" (hasKey $v.metrics "enabled" | ternary (toString $v.metrics.enabled) "true")) }}
{{- include "agents.var" (list $vars "AGENTS_PROMETHEUS_METRICS_PATH" ($v.metrics.path | default "/metrics")) }}
{{- else }}
{{- include "agents.var" (list $vars "AGENTS_SERVER_PROFILE" "agents-controllers") }}
{{- end }}
{{- $election := $ctl.leaderElection | default dict }}
{{- include "agents.var" (list $vars "AGENTS_LEADER_ELECTION_ENABLED" (hasKey $election "enabled" | ternary (toString $election.enabled) "true")) }}
{{- include "agents.var" (list $vars "AGENTS_LEADER_ELECTION_LEASE_NAME" ($election.leaseName | default "agents-controller-leader")) }}
{{- include "agents.var" (list $vars "AGENTS_LEADER_ELECTION_LEASE_NAMESPACE" ($election.leaseNamespace | default $namespace)) }}
{{- include "agents.var" (list $vars "AGENTS_LEADER_ELECTION_LEASE_DURATION_SECONDS" (printf "%d" (int64 ($election.leaseDurationSeconds | default 30)))) }}
{{- include "agents.var" (list $vars "AGENTS_LEADER_ELECTION_RENEW_DEADLINE_SECONDS" (printf "%d" (int64 ($election.renewDeadlineSeconds | default 20)))) }}
{{- include "agents.var" (list $vars "AGENTS_LEADER_ELECTION_RETRY_PERIOD_SECONDS" (printf "%d" (int64 ($election.retryPeriodSeconds | default 5)))) }}
{{- include "agents.var" (list $vars "AGENTS_RBAC_CLUSTER_SCOPED" (toString ($v.rbac.clusterScoped | default false))) }}
{{- include "agents.var" (list $vars "AGENTS_PRIMITIVES_NAMESPACES" (include "agents.watched" (list $root $ctl.namespaces))) }}
{{- include "agents.var" (list $vars "AGENTS_SWARM_PRIMITIVE_ENABLED" (toString ($v.swarm.enabled | default false))) }}
{{- if and $cp $split }}
{{- include "agents.var" (list $vars "AGENTS_PRIMITIVES_RECONCILER" "0") }}
{{- end }}
{{- if and $loops $ctl.enabled }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_ENABLED" "1") }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_NAMESPACES" (include "agents.watched" (list $root $ctl.namespaces))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_CONCURRENCY_NAMESPACE" (printf "%d" (int64 ($ctl.concurrency.perNamespace | default 10)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_CONCURRENCY_AGENT" (printf "%d" (int64 ($ctl.concurrency.perAgent | default 5)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_CONCURRENCY_CLUSTER" (printf "%d" (int64 ($ctl.concurrency.cluster | default 100)))) }}
{{- if $cp }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_REPO_CONCURRENCY_ENABLED" (toString ($ctl.repoConcurrency.enabled | default false))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_REPO_CONCURRENCY_DEFAULT" (printf "%d" (int64 ($ctl.repoConcurrency.default | default 0)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_REPO_CONCURRENCY_OVERRIDES" (toJson ($ctl.repoConcurrency.overrides | default dict))) }}
{{- end }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_QUEUE_NAMESPACE" (printf "%d" (int64 ($ctl.queue.perNamespace | default 200)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_QUEUE_REPO" (printf "%d" (int64 ($ctl.queue.perRepo | default 50)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_QUEUE_CLUSTER" (printf "%d" (int64 ($ctl.queue.cluster | default 1000)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_RATE_WINDOW_SECONDS" (printf "%d" (int64 ($ctl.rate.windowSeconds | default 60)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_RATE_NAMESPACE" (printf "%d" (int64 ($ctl.rate.perNamespace | default 120)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_RATE_REPO" (printf "%d" (int64 ($ctl.rate.perRepo | default 30)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_RATE_CLUSTER" (printf "%d" (int64 ($ctl.rate.cluster | default 600)))) }}
{{- if $cp }}
{{- include "agents.var" (list $vars "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_QUEUE_SIZE" (printf "%d" (int64 ($ctl.webhook.queueSize | default 1000)))) }}
{{- include "agents.var" (list $vars "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_RETRY_BASE_DELAY_SECONDS" (printf "%d" (int64 ($ctl.webhook.retry.baseDelaySeconds | default 1)))) }}
{{- include "agents.var" (list $vars "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_RETRY_MAX_DELAY_SECONDS" (printf "%d" (int64 ($ctl.webhook.retry.maxDelaySeconds | default 60)))) }}
{{- include "agents.var" (list $vars "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_RETRY_MAX_ATTEMPTS" (printf "%d" (int64 ($ctl.webhook.retry.maxAttempts | default 5)))) }}
{{- end }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_AGENTRUN_RETENTION_SECONDS" (printf "%d" (int64 ($ctl.agentRunRetentionSeconds | default 2592000)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_AGENTRUN_RETENTION_MAX_DELETES_PER_NAMESPACE" (printf "%d" (int64 ($ctl.agentRunRetentionMaxDeletesPerNamespace | default 100)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_AGENTRUN_RETENTION_ZERO_TTL_MAX_SECONDS" (printf "%d" (int64 ($ctl.agentRunRetentionZeroTtlMaxSeconds | default 0)))) }}
{{- if not $cp }}
{{- $debris := $ctl.runtimeDebrisCleanup | default dict }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_RUNTIME_DEBRIS_CLEANUP_MODE" ($debris.mode | default "disabled")) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_ORPHAN_POD_RETENTION_SECONDS" (printf "%d" (int64 ($debris.orphanPodRetentionSeconds | default 86400)))) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_RUNTIME_DEBRIS_MAX_DELETES_PER_NAMESPACE" (printf "%d" (int64 ($debris.maxDeletesPerNamespace | default 25)))) }}
{{- end }}
{{- $policy := $ctl.admissionPolicy }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_LABELS_REQUIRED" $policy.labels.required) }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_LABELS_ALLOWED" $policy.labels.allowed) }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_LABELS_DENIED" $policy.labels.denied) }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_IMAGES_ALLOWED" $policy.images.allowed) }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_IMAGES_DENIED" $policy.images.denied) }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_BLOCKED_SECRETS" $policy.secrets.blocked) }}
{{- $vcs := $ctl.vcsProviders }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_VCS_PROVIDERS_ENABLED" (hasKey $vcs "enabled" | ternary (toString $vcs.enabled) "true")) }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_VCS_DEPRECATED_TOKEN_TYPES" $vcs.deprecatedTokenTypes) }}
{{- include "agents.json" (list $vars "AGENTS_CONTROLLER_VCS_PR_RATE_LIMITS" $vcs.prRateLimits) }}
{{- if $ctl.authSecret.name }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_AUTH_SECRET_NAME" $ctl.authSecret.name) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_AUTH_SECRET_KEY" ($ctl.authSecret.key | default "auth.json")) }}
{{- include "agents.var" (list $vars "AGENTS_CONTROLLER_AUTH_SECRET_MOUNT_PATH" ($ctl.authSecret.mountPath | default "/root/.codex")) }}
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
{{- include "agents.var" (list $vars "NATS_URL" ($comms.nats.url | default "nats://nats.nats.svc.cluster.local:4222")) }}
{{- $secret := $comms.nats.userSecret }}
{{- if $secret.name }}
{{- include "agents.secretRef" (list $vars "NATS_USER" $secret.name ($secret.usernameKey | default "username")) }}
{{- include "agents.secretRef" (list $vars "NATS_PASSWORD" $secret.name ($secret.passwordKey | default "password")) }}
{{- else }}
{{- include "agents.var" (list $vars "NATS_USER" $comms.nats.user) }}
{{- include "agents.var" (list $vars "NATS_PASSWORD" $comms.nats.password) }}
{{- end }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_COMMS_SUBJECTS" (join "," ($comms.subjects | default list))) }}
{{- else }}
{{- include "agents.var" (list $vars "AGENTS_AGENT_COMMS_SUBSCRIBER_DISABLED" "true") }}
{{- if $comms.enabled }}
{{- include "agents.var" (list $vars "NATS_URL" ($comms.nats.url | default "nats://nats.nats.svc.cluster.local:4222")) }}
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

{{- /* Like agents.var for a list or map: written as JSON, left out when empty. */ -}}
{{- define "agents.json" -}}
{{- if and (index . 2) (not (hasKey (index . 0) (index . 1))) }}
- name: {{ index . 1 }}
  value: {{ index . 2 | toJson | toJson }}
{{- end -}}
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
