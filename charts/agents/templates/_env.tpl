{{- /*
A component's container env, in the order chart 0.9.1 writes it. The variables the
operator sets (env.vars, overlaid by {component}.env.vars, plus the ones the chart
forces in the component) are written as one block, sorted by name; a variable the
chart would set from a typed key is left out when that block holds its name, so
each name appears once and the operator's value wins.
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.containerEnv" -}}
{{- $root := .root -}}
{{- $v := .root.Values -}}
{{- $own := index $v .component -}}
{{- $cp := eq .component "controlPlane" -}}
{{- $split := $v.controllers.enabled -}}
{{- /* Whether this container runs the reconcile loops. */ -}}
{{- $loops := or (not $cp) (not $split) -}}
{{- $mapping := include "agents.envMapping" $root | fromJson -}}
{{- $vars := dict -}}
{{- range $name, $value := $v.env.vars }}{{ $_ := set $vars $name $value }}{{ end -}}
{{- range $name, $value := get $mapping.forced .component | default dict -}}
{{- $_ := set $vars $name $value -}}
{{- end -}}
{{- range $name, $value := $own.env.vars }}{{ $_ := set $vars $name $value }}{{ end -}}
{{- $acc := dict "items" list "vars" $vars -}}
{{- $set := dict "acc" $acc -}}
{{- $db := $v.database -}}
{{- if $db.url -}}
{{- include "agents.setEnv" (merge (dict "name" "DATABASE_URL" "value" $db.url) $set) -}}
{{- else if or $db.secretRef.name $db.createSecret.enabled -}}
{{- $key := $db.createSecret.enabled | ternary "url" $db.secretRef.key -}}
{{- $ref := dict "secretKeyRef" (dict "name" (include "agents.databaseSecretName" $root) "key" $key) -}}
{{- include "agents.setEnv" (merge (dict "name" "DATABASE_URL" "valueFrom" $ref) $set) -}}
{{- end -}}
{{- range include "agents.chartManaged" $root | fromJsonArray -}}
{{- if .env -}}
{{- include "agents.setEnv" (merge (dict "name" .env "value" (printf "%s/%s" .mount.mountPath .key)) $set) -}}
{{- end -}}
{{- end -}}
{{- $native := $v.workflowRuntime.native -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_CODEX_RERUN_ORCHESTRATION" "value" $native.rerunOrchestration) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_CODEX_RERUN_ORCHESTRATION_NAMESPACE" "value" $native.rerunOrchestrationNamespace) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_SYSTEM_IMPROVEMENT_ORCHESTRATION" "value" $native.systemImprovementOrchestration) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_SYSTEM_IMPROVEMENT_ORCHESTRATION_NAMESPACE" "value" $native.systemImprovementOrchestrationNamespace) $set) -}}
{{- $runner := $v.runner.image -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_RUNNER_IMAGE" "value" ($runner.repository | empty | ternary $v.runtime.agentRunnerImage "")) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_IMAGE" "value" $v.runtime.agentImage) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_SCHEDULE_RUNNER_IMAGE" "value" $v.runtime.scheduleRunnerImage) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_SCHEDULE_SERVICE_ACCOUNT" "value" $v.runtime.scheduleServiceAccount) $set) -}}
{{- range $name := keys $vars | sortAlpha -}}
{{- $_ := set $acc "items" (append $acc.items (dict "name" $name "value" (get $vars $name))) -}}
{{- end -}}
{{- $image := include "agents.componentImage" (dict "root" $root "own" $own) | fromJson -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_IMAGE" "value" (include "agents.imageRef" $image)) $set) -}}
{{- if $runner.repository -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_RUNNER_IMAGE" "value" (include "agents.imageRef" $runner)) $set) -}}
{{- end -}}
{{- $ctl := $v.controller -}}
{{- $ttl := hasKey $ctl "jobTtlSeconds" | ternary $ctl.jobTtlSeconds $ctl.jobTtlSecondsAfterFinished -}}
{{- include "agents.setInt" (merge (dict "name" "JANGAR_AGENT_RUNNER_JOB_TTL_SECONDS" "value" $ttl) $set) -}}
{{- if $cp -}}
{{- include "agents.setInt" (merge (dict "name" "JANGAR_AGENT_RUNNER_LOG_RETENTION_SECONDS" "value" $ctl.logRetentionSeconds) $set) -}}
{{- end -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_SERVICE_ACCOUNT_NAME" "value" (include "agents.serviceAccountName" $root)) $set) -}}
{{- $workload := $ctl.defaultWorkload -}}
{{- $runnerAccount := $v.runnerServiceAccount.setAsDefault | ternary (include "agents.runnerServiceAccountName" $root) "" -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_RUNNER_SERVICE_ACCOUNT" "value" ($workload.serviceAccountName | default $runnerAccount)) $set) -}}
{{- include "agents.setJson" (merge (dict "name" "JANGAR_AGENT_RUNNER_NODE_SELECTOR" "value" $workload.nodeSelector) $set) -}}
{{- include "agents.setJson" (merge (dict "name" "JANGAR_AGENT_RUNNER_TOLERATIONS" "value" $workload.tolerations) $set) -}}
{{- include "agents.setJson" (merge (dict "name" "JANGAR_AGENT_RUNNER_TOPOLOGY_SPREAD_CONSTRAINTS" "value" $workload.topologySpreadConstraints) $set) -}}
{{- include "agents.setJson" (merge (dict "name" "JANGAR_AGENT_RUNNER_AFFINITY" "value" $workload.affinity) $set) -}}
{{- include "agents.setJson" (merge (dict "name" "JANGAR_AGENT_RUNNER_POD_SECURITY_CONTEXT" "value" $workload.podSecurityContext) $set) -}}
{{- include "agents.setJson" (merge (dict "name" "JANGAR_AGENT_RUNNER_IMAGE_PULL_SECRETS" "value" $workload.imagePullSecrets) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_RUNNER_PRIORITY_CLASS" "value" $workload.priorityClassName) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_RUNNER_SCHEDULER_NAME" "value" $workload.schedulerName) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "KUBERNETES_SERVICE_HOST" "value" $v.kubernetesApi.host) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "KUBERNETES_SERVICE_PORT" "value" $v.kubernetesApi.port) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_POD_NAMESPACE" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.namespace"))) $set) -}}
{{- if $cp -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_PROMETHEUS_METRICS_ENABLED" "value" (toString $v.metrics.enabled)) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_PROMETHEUS_METRICS_PATH" "value" $v.metrics.path) $set) -}}
{{- end -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_RBAC_CLUSTER_SCOPED" "value" (toString $v.rbac.clusterScoped)) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_PRIMITIVES_NAMESPACES" "value" (include "agents.watched" (dict "root" $root "namespaces" $ctl.namespaces))) $set) -}}
{{- if $split -}}
{{- range $name, $value := get $mapping.forcedWithControllers .component | default dict -}}
{{- include "agents.setEnv" (merge (dict "name" $name "value" $value) $set) -}}
{{- end -}}
{{- end -}}
{{- $prefix := "JANGAR_AGENTS_CONTROLLER_" -}}
{{- if and $loops $ctl.enabled -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "ENABLED") "value" "1") $set) -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "NAMESPACES") "value" (include "agents.watched" (dict "root" $root "namespaces" $ctl.namespaces))) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "CONCURRENCY_NAMESPACE") "value" $ctl.concurrency.perNamespace) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "CONCURRENCY_AGENT") "value" $ctl.concurrency.perAgent) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "CONCURRENCY_CLUSTER") "value" $ctl.concurrency.cluster) $set) -}}
{{- if $cp -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "REPO_CONCURRENCY_ENABLED") "value" (toString $ctl.repoConcurrency.enabled)) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "REPO_CONCURRENCY_DEFAULT") "value" $ctl.repoConcurrency.default) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "REPO_CONCURRENCY_OVERRIDES") "value" $ctl.repoConcurrency.overrides) $set) -}}
{{- end -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "QUEUE_NAMESPACE") "value" $ctl.queue.perNamespace) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "QUEUE_REPO") "value" $ctl.queue.perRepo) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "QUEUE_CLUSTER") "value" $ctl.queue.cluster) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "RATE_WINDOW_SECONDS") "value" $ctl.rate.windowSeconds) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "RATE_NAMESPACE") "value" $ctl.rate.perNamespace) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "RATE_REPO") "value" $ctl.rate.perRepo) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "RATE_CLUSTER") "value" $ctl.rate.cluster) $set) -}}
{{- if $cp -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "WEBHOOK_QUEUE_SIZE") "value" $ctl.webhook.queueSize) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "WEBHOOK_RETRY_BASE_DELAY_SECONDS") "value" $ctl.webhook.retry.baseDelaySeconds) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "WEBHOOK_RETRY_MAX_DELAY_SECONDS") "value" $ctl.webhook.retry.maxDelaySeconds) $set) -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "WEBHOOK_RETRY_MAX_ATTEMPTS") "value" $ctl.webhook.retry.maxAttempts) $set) -}}
{{- end -}}
{{- include "agents.setInt" (merge (dict "name" (print $prefix "AGENTRUN_RETENTION_SECONDS") "value" $ctl.agentRunRetentionSeconds) $set) -}}
{{- $policy := $ctl.admissionPolicy -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "LABELS_REQUIRED") "value" $policy.labels.required) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "LABELS_ALLOWED") "value" $policy.labels.allowed) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "LABELS_DENIED") "value" $policy.labels.denied) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "IMAGES_ALLOWED") "value" $policy.images.allowed) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "IMAGES_DENIED") "value" $policy.images.denied) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "BLOCKED_SECRETS") "value" $policy.secrets.blocked) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "VCS_PROVIDERS_ENABLED") "value" (toString $ctl.vcsProviders.enabled)) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "VCS_DEPRECATED_TOKEN_TYPES") "value" $ctl.vcsProviders.deprecatedTokenTypes) $set) -}}
{{- include "agents.setJson" (merge (dict "name" (print $prefix "VCS_PR_RATE_LIMITS") "value" $ctl.vcsProviders.prRateLimits) $set) -}}
{{- if $ctl.authSecret.name -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "AUTH_SECRET_NAME") "value" $ctl.authSecret.name) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "AUTH_SECRET_KEY") "value" $ctl.authSecret.key) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "AUTH_SECRET_MOUNT_PATH") "value" $ctl.authSecret.mountPath) $set) -}}
{{- end -}}
{{- else -}}
{{- include "agents.setEnv" (merge (dict "name" (print $prefix "ENABLED") "value" "0") $set) -}}
{{- end -}}
{{- range $loop := list (dict "prefix" "JANGAR_ORCHESTRATION_CONTROLLER_" "values" $v.orchestrationController) (dict "prefix" "JANGAR_SUPPORTING_CONTROLLER_" "values" $v.supportingController) -}}
{{- if and $loops $loop.values.enabled -}}
{{- include "agents.setEnv" (merge (dict "name" (print $loop.prefix "ENABLED") "value" "1") $set) -}}
{{- include "agents.setEnv" (merge (dict "name" (print $loop.prefix "NAMESPACES") "value" (include "agents.watched" (dict "root" $root "namespaces" $loop.values.namespaces))) $set) -}}
{{- else -}}
{{- include "agents.setEnv" (merge (dict "name" (print $loop.prefix "ENABLED") "value" "0") $set) -}}
{{- end -}}
{{- end -}}
{{- if $v.grpc.enabled -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_GRPC_ENABLED" "value" "true") $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_GRPC_HOST" "value" "0.0.0.0") $set) -}}
{{- include "agents.setInt" (merge (dict "name" "JANGAR_GRPC_PORT" "value" $v.grpc.port) $set) -}}
{{- end -}}
{{- $comms := $v.agentComms -}}
{{- if and $loops $comms.enabled -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_COMMS_SUBSCRIBER_DISABLED" "value" "false") $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "NATS_URL" "value" ($comms.nats.url | default "nats://nats.nats.svc.cluster.local:4222")) $set) -}}
{{- $secret := $comms.nats.userSecret -}}
{{- if $secret.name -}}
{{- include "agents.setEnv" (merge (dict "name" "NATS_USER" "valueFrom" (dict "secretKeyRef" (dict "name" $secret.name "key" $secret.usernameKey))) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "NATS_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $secret.name "key" $secret.passwordKey))) $set) -}}
{{- else -}}
{{- include "agents.setEnv" (merge (dict "name" "NATS_USER" "value" $comms.nats.user) $set) -}}
{{- include "agents.setEnv" (merge (dict "name" "NATS_PASSWORD" "value" $comms.nats.password) $set) -}}
{{- end -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_COMMS_SUBJECTS" "value" (join "," $comms.subjects)) $set) -}}
{{- else -}}
{{- include "agents.setEnv" (merge (dict "name" "JANGAR_AGENT_COMMS_SUBSCRIBER_DISABLED" "value" "true") $set) -}}
{{- end -}}
{{- range $v.env.secrets -}}
{{- $ref := dict "secretKeyRef" (dict "name" .secretName "key" (.key | default "value")) -}}
{{- $_ := set $acc "items" (append $acc.items (dict "name" .name "valueFrom" $ref)) -}}
{{- end -}}
{{- range $v.env.config -}}
{{- $ref := dict "configMapKeyRef" (dict "name" .configMapName "key" (.key | default .name)) -}}
{{- $_ := set $acc "items" (append $acc.items (dict "name" .name "valueFrom" $ref)) -}}
{{- end -}}
{{- range $v.env.extra -}}
{{- $_ := set $acc "items" (append $acc.items (dict "name" .name "value" .value)) -}}
{{- end -}}
{{- toYaml $acc.items -}}
{{- end -}}

{{- /*
Appends {name, value} (or {name, valueFrom}) to .acc.items, unless .acc.vars
(the operator's variables) holds the name or the value is empty.
*/ -}}
{{- define "agents.setEnv" -}}
{{- if and (not (hasKey .acc.vars .name)) (or .value .valueFrom) -}}
{{- $item := dict "name" .name -}}
{{- if .valueFrom }}{{ $_ := set $item "valueFrom" .valueFrom }}{{ else }}{{ $_ := set $item "value" .value }}{{ end -}}
{{- $_ := set .acc "items" (append .acc.items $item) -}}
{{- end -}}
{{- end -}}

{{- /* Like agents.setEnv for a whole number: written in digits, never in float notation. */ -}}
{{- define "agents.setInt" -}}
{{- include "agents.setEnv" (dict "acc" .acc "name" .name "value" (printf "%d" (int64 .value))) -}}
{{- end -}}

{{- /* Like agents.setEnv for a list or map: written as JSON, left out when empty. */ -}}
{{- define "agents.setJson" -}}
{{- if .value -}}
{{- include "agents.setEnv" (dict "acc" .acc "name" .name "value" (toJson .value)) -}}
{{- end -}}
{{- end -}}
