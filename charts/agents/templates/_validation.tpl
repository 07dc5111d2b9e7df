{{- /*
The contract's cross-entry rules, which values.schema.json cannot express:
  R2 every mount names a volume of its pod,
  R3 no two volumes of a pod share a name,
  R4 no two mounts of a container share a mountPath.
The walk and the messages mirror schema_gen/rules.py word for word; the tests
compare the two. Returns a JSON list of messages, each once.
*/ -}}
{{- define "agents.validationMessages" -}}
{{- $values := .Values -}}
{{- $messages := list -}}
{{- $managed := include "agents.chartManaged" . | fromJsonArray -}}
{{- range include "agents.components" . | fromJsonArray -}}
{{- $component := .key -}}
{{- $own := index $values $component | default dict -}}
{{- $volumes := dict -}}{{- /* volume name -> values path that defines it */ -}}
{{- $paths := dict -}}{{- /* mountPath -> values path that mounts there */ -}}
{{- range $managed -}}
{{- $_ := set $volumes .volume.name .valuesKey -}}
{{- $_ := set $paths .mount.mountPath .valuesKey -}}
{{- end -}}
{{- $entries := list -}}
{{- range $i, $v := $values.extraVolumes | default list -}}
{{- $entries = append $entries (dict "where" (printf "extraVolumes[%d]" $i) "name" $v.name) -}}
{{- end -}}
{{- range $i, $v := $own.extraVolumes | default list -}}
{{- $entries = append $entries (dict "where" (printf "%s.extraVolumes[%d]" $component $i) "name" $v.name) -}}
{{- end -}}
{{- range $entries -}}
{{- if hasKey $volumes .name -}}
{{- $messages = append $messages (printf "%s: volume name \"%s\" is already used by %s" .where .name (get $volumes .name)) -}}
{{- else -}}
{{- $_ := set $volumes .name .where -}}
{{- end -}}
{{- end -}}
{{- $entries = list -}}
{{- range $i, $m := $values.extraVolumeMounts | default list -}}
{{- $entries = append $entries (dict "where" (printf "extraVolumeMounts[%d]" $i) "name" $m.name "path" $m.mountPath) -}}
{{- end -}}
{{- range $i, $m := $own.extraVolumeMounts | default list -}}
{{- $entries = append $entries (dict "where" (printf "%s.extraVolumeMounts[%d]" $component $i) "name" $m.name "path" $m.mountPath) -}}
{{- end -}}
{{- range $entries -}}
{{- if not (hasKey $volumes .name) -}}
{{- $messages = append $messages (printf "%s: volume \"%s\" is not defined for %s (add it to extraVolumes or %s.extraVolumes)" .where .name $component $component) -}}
{{- end -}}
{{- if hasKey $paths .path -}}
{{- $messages = append $messages (printf "%s: mountPath \"%s\" is already used by %s" .where .path (get $paths .path)) -}}
{{- else -}}
{{- $_ := set $paths .path .where -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- uniq $messages | toJson -}}
{{- end -}}

{{- /*
Fails the render, listing every broken cross-entry rule at once, before anything
reaches the cluster. With validation.mode=warn the problems go to NOTES.txt instead.
*/ -}}
{{- define "agents.validate" -}}
{{- $messages := include "agents.validationMessages" . | fromJsonArray -}}
{{- if and $messages (ne .Values.validation.mode "warn") -}}
{{- fail (printf "the values break the agents chart's volume contract:\n- %s\n(validation.mode=warn renders anyway and lists these in NOTES.txt)" (join "\n- " $messages)) -}}
{{- end -}}
{{- end -}}
