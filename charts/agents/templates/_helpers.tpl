{{- /* Names, labels and lookups shared by every object of the chart. */ -}}

{{- define "agents.fullname" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "agents.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "agents.labels" -}}
{{ include "agents.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{- /* repository[:tag][@digest]; the tag defaults to the chart's appVersion. */ -}}
{{- define "agents.image" -}}
{{- $ref := printf "%s:%s" .image.repository (.image.tag | default .root.Chart.AppVersion) -}}
{{- if .image.digest -}}{{- $ref = printf "%s@%s" $ref .image.digest -}}{{- end -}}
{{- $ref -}}
{{- end -}}

{{- /*
The component configured by values key .key (from the generated agents.components),
as JSON, with its Deployment's name added.
Call with (dict "root" $ "key" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.component" -}}
{{- $key := .key -}}
{{- $fullname := include "agents.fullname" .root -}}
{{- range include "agents.components" .root | fromJsonArray -}}
{{- if eq .key $key -}}
{{- toJson (set . "deployment" (printf "%s%s" $fullname .suffix)) -}}
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
