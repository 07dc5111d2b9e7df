{{- /* Names, labels and lookups shared by every object of the chart. */ -}}

{{- /* The chart's name, or nameOverride: app.kubernetes.io/name and the base of names. */ -}}
{{- define "agents.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- /*
{fullname}: fullnameOverride; else the release name when it already contains the
chart's name; else release-name. Most objects are named after it.
*/ -}}
{{- define "agents.fullname" -}}
{{- $name := .Values.nameOverride | default .Chart.Name -}}
{{- $full := .Values.fullnameOverride -}}
{{- if not $full -}}
{{- $full = contains $name .Release.Name | ternary .Release.Name (printf "%s-%s" .Release.Name $name) -}}
{{- end -}}
{{- $full | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "agents.namespace" -}}
{{- .Values.namespaceOverride | default .Release.Namespace -}}
{{- end -}}

{{- /* The labels of most objects. */ -}}
{{- define "agents.labels" -}}
app.kubernetes.io/name: {{ include "agents.name" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | toJson }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- /*
The selector of one Deployment's pods. Selectors are immutable: these are the
labels upstream selects by, so a release upgrades in place.
Call with (dict "root" $ "suffix" "" | "-controllers" | "-shell").
*/ -}}
{{- define "agents.selectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s%s" (include "agents.name" .root) .suffix | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if eq .suffix "-shell" }}
app.kubernetes.io/component: agents-shell
{{- end }}
{{- end -}}

{{- /* The Linear MCP gateway's labels and selector: fixed names, as upstream's. */ -}}
{{- define "agents.gatewayLabels" -}}
app.kubernetes.io/name: agents-linear-mcp-gateway
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "agents.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (printf "%s-sa" (include "agents.fullname" .) | trunc 63 | trimSuffix "-") -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- /* The runner ServiceAccount's name; empty when there is none. */ -}}
{{- define "agents.runnerServiceAccountName" -}}
{{- if .Values.runnerServiceAccount.name -}}
{{- .Values.runnerServiceAccount.name -}}
{{- else if .Values.runnerServiceAccount.create -}}
{{- printf "%s-runner" (include "agents.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- /* agents-shell's objects are named after the chart's name, not the release. */ -}}
{{- define "agents.shellName" -}}
{{- printf "%s-shell" (include "agents.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "agents.shellServiceAccountName" -}}
{{- $account := .Values.agentsShell.serviceAccount -}}
{{- if $account.name -}}
{{- $account.name -}}
{{- else if $account.create -}}
{{- printf "%s-shell" (include "agents.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- else -}}
default
{{- end -}}
{{- end -}}

{{- define "agents.shellClaimName" -}}
{{- $workspace := .Values.agentsShell.workspace -}}
{{- $workspace.existingClaim | default $workspace.claimName | default (printf "%s-workspace" (include "agents.shellName" .) | trunc 63 | trimSuffix "-") -}}
{{- end -}}

{{- define "agents.databaseSecretName" -}}
{{- if .Values.database.createSecret.enabled -}}
{{- .Values.database.createSecret.name | default (printf "%s-db" (include "agents.fullname" .) | trunc 63 | trimSuffix "-") -}}
{{- else -}}
{{- .Values.database.secretRef.name -}}
{{- end -}}
{{- end -}}

{{- /* A loop's namespaces, comma-joined; none listed = the release namespace. Call with (list $ namespaces). */ -}}
{{- define "agents.watched" -}}
{{- index . 1 | default (list (include "agents.namespace" (index . 0))) | join "," -}}
{{- end -}}

{{- /* repository:tag, then @digest when set. Call with (list repository tag digest). */ -}}
{{- define "agents.imageRef" -}}
{{- printf "%s:%s" (index . 0 | default "" | toString) (index . 1 | default "" | toString) -}}
{{- with index . 2 }}@{{ . }}{{ end -}}
{{- end -}}

{{- /* A whole number in digits; nothing for null, which YAML reads as unset. */ -}}
{{- define "agents.int" -}}
{{- if ne . nil }}{{ int64 . }}{{ end -}}
{{- end -}}

{{- /*
A value as text: a whole number in digits (toString writes Helm's float 1234567 as
"1.234567e+06"); nothing for null, which toString would write "<nil>".
*/ -}}
{{- define "agents.text" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) }}{{ int64 . }}{{ else if ne . nil }}{{ toString . }}{{ end -}}
{{- end -}}

{{- /*
The object an envFrom entry names: upstream takes an entry as a plain name ("- extra-env")
or as {name: ...}.
*/ -}}
{{- define "agents.refName" -}}
{{- if kindIs "map" . }}{{ include "agents.text" .name }}{{ else }}{{ include "agents.text" . }}{{ end -}}
{{- end -}}

{{- /*
A count or a percentage as Kubernetes takes it (a PodDisruptionBudget's bounds, a rolling
update's): "1" is the count 1, as upstream writes the value bare; "50%" stays a string.
*/ -}}
{{- define "agents.intOrPercent" -}}
{{- if kindIs "string" . }}{{ regexMatch "^[0-9]+$" . | ternary . (toJson .) }}{{ else }}{{ int64 . }}{{ end -}}
{{- end -}}

{{- /* A Deployment's strategy as YAML, its rolling update's counts as numbers (see above). */ -}}
{{- define "agents.strategy" -}}
{{- $strategy := deepCopy . -}}
{{- with $strategy.rollingUpdate -}}
{{- range $key, $value := . -}}
{{- if and (kindIs "string" $value) (regexMatch "^[0-9]+$" $value) }}{{ $_ := set $strategy.rollingUpdate $key (atoi $value) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- toYaml $strategy -}}
{{- end -}}

{{- /*
The key of a rollout checksum annotation for an object (kind, namespace, name):
a hash of its identity, so the key stays short and stable.
*/ -}}
{{- define "agents.checksumKey" -}}
{{- printf "agents.proompteng.ai/checksum-%s-%s" .kind (sha256sum (printf "%s:%s/%s" .kind .namespace .name) | trunc 24) -}}
{{- end -}}

{{- /*
The server pods' rollout checksum annotations, as a JSON map: the chart's own
database Secret summed from database.url, then the rolloutChecksums entries.
*/ -}}
{{- define "agents.checksums" -}}
{{- $out := dict -}}
{{- $rollout := .Values.rolloutChecksums -}}
{{- if $rollout.enabled -}}
{{- $namespace := include "agents.namespace" . -}}
{{- $owned := "" -}}
{{- if and .Values.database.createSecret.enabled .Values.database.url -}}
{{- $owned = include "agents.checksumKey" (dict "kind" "secret" "namespace" $namespace "name" (include "agents.databaseSecretName" .)) -}}
{{- $_ := set $out $owned (sha256sum .Values.database.url) -}}
{{- end -}}
{{- range $kind, $entries := dict "secret" $rollout.secrets "configmap" $rollout.configMaps -}}
{{- range $entries -}}
{{- $key := include "agents.checksumKey" (dict "kind" $kind "namespace" (.namespace | default $namespace) "name" (.name | trim)) -}}
{{- if ne $key $owned }}{{ $_ := set $out $key (.checksum | trim) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{- /*
The notices the values draw (from the generated agents.notices), as a JSON list of
"path: text": keys that read 0 as their default, and values whose meaning differs
from upstream's. schema-gen lint prints the same words.
*/ -}}
{{- define "agents.noticeLines" -}}
{{- $lines := list -}}
{{- range include "agents.notices" . | fromJsonArray -}}
{{- $value := include "agents.valueAt" (list $.Values .path) -}}
{{- $drawn := eq $value (toJson .when) | ne (.other_than | default false) -}}
{{- if and $drawn .also }}{{ $drawn = eq (include "agents.valueAt" (list $.Values (index .also 0))) (toJson (index .also 1)) }}{{ end -}}
{{- if $drawn -}}
{{- $lines = append $lines (printf "%s: %s" .path .text) -}}
{{- end -}}
{{- end -}}
{{- toJson $lines -}}
{{- end -}}

{{- /*
Extra volumes as a pod's volumes[] entries and extra mounts as volumeMounts[] entries,
one JSON flow mapping per entry (JSON is YAML; every field as written, but an empty
subPath, which means none and which upstream leaves out). toYaml costs a
JSON encoding and then a YAML round trip for each entry; this is the encoding alone, so
an entry costs about what it does in upstream's chart. The result starts each entry on a
new line: indent it with indent.
*/ -}}
{{- define "agents.extraVolumes" -}}
{{- range . }}
- {"name":{{ toJson .name }},{{ toJson .volume | trimPrefix "{" }}
{{- end }}
{{- end -}}

{{- define "agents.extraVolumeMounts" -}}
{{- range . }}
- {{ and (hasKey . "subPath") (eq (toString .subPath) "") | ternary (omit . "subPath") . | toJson }}
{{- end }}
{{- end -}}
