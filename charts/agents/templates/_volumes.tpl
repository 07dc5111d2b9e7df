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
{{- $volumes := list -}}
{{- range include "agents.chartManaged" .root | fromJsonArray -}}
{{- $volumes = append $volumes .volume -}}
{{- end -}}
{{- range (concat $values.extraVolumes $own.extraVolumes) -}}
{{- $volume := dict "name" .name -}}
{{- range $source, $spec := .volume -}}
{{- $_ := set $volume $source $spec -}}
{{- end -}}
{{- $volumes = append $volumes $volume -}}
{{- end -}}
{{- if $volumes -}}
{{- toYaml $volumes -}}
{{- end -}}
{{- end -}}

{{- define "agents.containerVolumeMounts" -}}
{{- $values := .root.Values -}}
{{- $own := index $values .component -}}
{{- $mounts := list -}}
{{- range include "agents.chartManaged" .root | fromJsonArray -}}
{{- $mounts = append $mounts .mount -}}
{{- end -}}
{{- $mounts = concat $mounts $values.extraVolumeMounts $own.extraVolumeMounts -}}
{{- if $mounts -}}
{{- toYaml $mounts -}}
{{- end -}}
{{- end -}}
