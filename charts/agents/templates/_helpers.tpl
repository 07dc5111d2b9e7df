{{- /* Names and labels shared by every object of the chart. */ -}}

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

{{- /* The chart-managed volume registry entry configured by values key .key. */ -}}
{{- define "agents.reservedVolume" -}}
{{- index (include "agents.reservedVolumes" .root | fromJson) .key | toJson -}}
{{- end -}}
