{{- /*
The chart-managed volumes the values turn on (from the generated
agents.reservedVolumes), as a JSON list of {valuesKey, key, env, volume, mount}:
each a Secret's one key, mounted read-only; env names a variable set to its path. Pods, mounts and the contract's checks all
read this list.
*/ -}}
{{- define "agents.chartManaged" -}}
{{- $values := .Values -}}
{{- $managed := list -}}
{{- range include "agents.reservedVolumes" . | fromJsonArray -}}
{{- $found := dict -}}
{{- include "agents.valueAt" (dict "in" $values "path" .valuesKey "out" $found) -}}
{{- $ref := $found.value | default dict -}}
{{- if $ref.name -}}
{{- $items := list (dict "key" $ref.key "path" $ref.key) -}}
{{- $volume := dict "name" .name "secret" (dict "secretName" $ref.name "items" $items) -}}
{{- $mount := dict "name" .name "mountPath" .mountPath "readOnly" true -}}
{{- $managed = append $managed (dict "valuesKey" .valuesKey "key" $ref.key "env" .env "volume" $volume "mount" $mount) -}}
{{- end -}}
{{- end -}}
{{- toJson $managed -}}
{{- end -}}

{{- /*
Volumes and mounts of one component's pod, in the contract's order: chart-managed
entries, then the global extras, then the component's own. Operator entries are
copied whole, so no field they hold is dropped.
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}

{{- define "agents.podVolumes" -}}
{{- $values := .root.Values -}}
{{- $own := index $values .component -}}
{{- range include "agents.chartManaged" .root | fromJsonArray }}
{{ include "agents.listItem" .volume }}
{{- end }}
{{- range concat $values.extraVolumes $own.extraVolumes }}
{{ include "agents.listItem" (merge (dict "name" .name) .volume) }}
{{- end }}
{{- end -}}

{{- define "agents.containerVolumeMounts" -}}
{{- $values := .root.Values -}}
{{- $own := index $values .component -}}
{{- range include "agents.chartManaged" .root | fromJsonArray }}
{{ include "agents.listItem" .mount }}
{{- end }}
{{- range concat $values.extraVolumeMounts $own.extraVolumeMounts }}
{{ include "agents.listItem" . }}
{{- end }}
{{- end -}}

{{- /*
One YAML list item. Lists are written item by item, never grown with append,
which copies the list each time: a render stays linear in the entries.
*/ -}}
{{- define "agents.listItem" -}}
- {{ toYaml . | indent 2 | trimPrefix "  " }}
{{- end -}}
