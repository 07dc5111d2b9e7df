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
{{- $ca := $values.database.caSecret -}}
{{- if $ca.name -}}
{{- $reserved := include "agents.reservedVolume" (dict "root" .root "key" "database.caSecret") | fromJson -}}
{{- $items := list (dict "key" $ca.key "path" $ca.key) -}}
{{- $volumes = append $volumes (dict "name" $reserved.name "secret" (dict "secretName" $ca.name "items" $items)) -}}
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
{{- if $values.database.caSecret.name -}}
{{- $reserved := include "agents.reservedVolume" (dict "root" .root "key" "database.caSecret") | fromJson -}}
{{- $mounts = append $mounts (dict "name" $reserved.name "mountPath" $reserved.mountPath "readOnly" true) -}}
{{- end -}}
{{- $mounts = concat $mounts $values.extraVolumeMounts $own.extraVolumeMounts -}}
{{- if $mounts -}}
{{- toYaml $mounts -}}
{{- end -}}
{{- end -}}
