{{- /* Names, labels and lookups shared by every object of the chart. */ -}}

{{- /* The chart's name, or nameOverride: app.kubernetes.io/name and the base of names. */ -}}
{{- define "agents.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- /*
{fullname}: fullnameOverride; else the release name when it already contains the
chart's name; else release-name. Every object is named after it.
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

{{- /* The labels of every object. */ -}}
{{- define "agents.labels" -}}
app.kubernetes.io/name: {{ include "agents.name" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- /*
The selector of one Deployment's pods. Selectors are immutable: these are the
labels chart 0.9.1 selects by, so a release upgrades in place.
Call with (dict "root" $ "suffix" "" | "-controllers").
*/ -}}
{{- define "agents.selectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s%s" (include "agents.name" .root) .suffix | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
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

{{- define "agents.databaseSecretName" -}}
{{- if .Values.database.createSecret.enabled -}}
{{- .Values.database.createSecret.name | default (printf "%s-db" (include "agents.fullname" .) | trunc 63 | trimSuffix "-") -}}
{{- else -}}
{{- .Values.database.secretRef.name -}}
{{- end -}}
{{- end -}}

{{- /* A controller's namespaces, comma-joined; none listed = the release's. Call with (dict "root" $ "namespaces" list). */ -}}
{{- define "agents.watched" -}}
{{- .namespaces | default (list (include "agents.namespace" .root)) | join "," -}}
{{- end -}}

{{- /* repository:tag, then @digest when set. Call with an image map. */ -}}
{{- define "agents.imageRef" -}}
{{- printf "%s:%s" .repository (toString .tag) -}}
{{- with .digest }}@{{ . }}{{ end -}}
{{- end -}}

{{- /*
One component's image: each empty field of {component}.image takes image.*.
Call with (dict "root" $ "own" <component values>); returns JSON.
*/ -}}
{{- define "agents.componentImage" -}}
{{- $image := dict -}}
{{- range $field, $shared := .root.Values.image -}}
{{- $_ := set $image $field (get $.own.image $field | default $shared) -}}
{{- end -}}
{{- toJson $image -}}
{{- end -}}

{{- /*
The component configured by values key .key (from the generated agents.components),
as JSON, with its Deployment's and container's names added.
Call with (dict "root" $ "key" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.component" -}}
{{- $key := .key -}}
{{- $root := .root -}}
{{- range include "agents.components" .root | fromJsonArray -}}
{{- if eq .key $key -}}
{{- $_ := set . "deployment" (printf "%s%s" (include "agents.fullname" $root) .suffix) -}}
{{- $_ := set . "container" (printf "%s%s" (include "agents.name" $root) .suffix | trunc 63 | trimSuffix "-") -}}
{{- toJson . -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- /*
Sets .out.value to the value at dotted values path .path in map .in, or to ""
where the path is missing. Writing into .out keeps the value's type: a number
stays a number (a round trip through JSON would make it a float).
*/ -}}
{{- define "agents.valueAt" -}}
{{- $node := .in -}}
{{- range splitList "." .path -}}
{{- $node = kindIs "map" $node | ternary (get (kindIs "map" $node | ternary $node dict) .) "" -}}
{{- end -}}
{{- $_ := set .out "value" $node -}}
{{- end -}}

{{- /*
The keys .keys of map .in whose values are set (not empty, zero or false), as JSON;
numbers stay whole and IDs become strings, as the resource's spec wants them.
*/ -}}
{{- define "agents.setFields" -}}
{{- $out := dict -}}
{{- range .keys -}}
{{- $value := get $.in . -}}
{{- if $value -}}
{{- if or (kindIs "float64" $value) (kindIs "int64" $value) (kindIs "int" $value) }}{{ $value = printf "%d" (int64 $value) }}{{ end -}}
{{- $_ := set $out . $value -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}
