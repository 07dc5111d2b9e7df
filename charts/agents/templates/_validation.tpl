{{- /*
The rules that span entries, which values.schema.json cannot express. For each
Deployment the values render:
  R2 every mount names a volume of its pod,
  R3 no two volumes of a pod share a name,
  R4 no two mounts of a container share a mountPath;
and R7: a component's own entries need its Deployment. The walk and the messages
mirror schema_gen/rules.py word for word; the tests compare the two. Returns a
JSON list of messages, each once.
*/ -}}
{{- define "agents.validationMessages" -}}
{{- $values := .Values -}}
{{- $messages := list -}}
{{- $managed := include "agents.chartManaged" . | fromJsonArray -}}
{{- $off := list -}}
{{- range include "agents.components" . | fromJsonArray -}}
{{- $component := .key -}}
{{- $own := index $values $component | default dict -}}
{{- if and .optional (not $own.enabled) -}}
{{- $off = append $off $component -}}
{{- else -}}
{{- $volumes := dict -}}{{- /* volume name -> values path that defines it */ -}}
{{- $paths := dict -}}{{- /* mountPath -> values path that mounts there */ -}}
{{- range $managed -}}
{{- $_ := set $volumes .volume.name .valuesKey -}}
{{- $_ := set $paths (clean .mount.mountPath) .valuesKey -}}
{{- end -}}
{{- /* Each list walked in place: no list of entries is built, so checks stay linear. */ -}}
{{- range $list := list (dict "at" "extraVolumes" "items" $values.extraVolumes) (dict "at" (printf "%s.extraVolumes" $component) "items" $own.extraVolumes) -}}
{{- range $i, $v := $list.items | default list -}}
{{- $where := printf "%s[%d]" $list.at $i -}}
{{- if hasKey $volumes $v.name -}}
{{- $messages = append $messages (printf "%s: volume name \"%s\" is already used by %s" $where $v.name (get $volumes $v.name)) -}}
{{- else -}}
{{- $_ := set $volumes $v.name $where -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $list := list (dict "at" "extraVolumeMounts" "items" $values.extraVolumeMounts) (dict "at" (printf "%s.extraVolumeMounts" $component) "items" $own.extraVolumeMounts) -}}
{{- range $i, $m := $list.items | default list -}}
{{- $where := printf "%s[%d]" $list.at $i -}}
{{- if not (hasKey $volumes $m.name) -}}
{{- $messages = append $messages (printf "%s: volume \"%s\" is not defined for %s (add it to extraVolumes or %s.extraVolumes)" $where $m.name $component $component) -}}
{{- end -}}
{{- /* Compared cleaned (/a, /a/ and //a are one place), shown as written. */ -}}
{{- if hasKey $paths (clean $m.mountPath) -}}
{{- $messages = append $messages (printf "%s: mountPath \"%s\" is already used by %s" $where $m.mountPath (get $paths (clean $m.mountPath))) -}}
{{- else -}}
{{- $_ := set $paths (clean $m.mountPath) $where -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $component := $off -}}
{{- range $key := list "extraVolumes" "extraVolumeMounts" -}}
{{- range $i, $_ := get (index $values $component | default dict) $key | default list -}}
{{- $messages = append $messages (printf "%s.%s[%d]: %s.enabled is false, so no pod gets this entry; set %s.enabled: true, or move it to %s (every pod) or controlPlane.%s" $component $key $i $component $component $key $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- uniq $messages | toJson -}}
{{- end -}}

{{- /* R8: a loop watching several namespaces, or "*", needs the ClusterRole; as rules.py words it. */ -}}
{{- define "agents.scopeMessages" -}}
{{- $messages := list -}}
{{- if not .Values.rbac.clusterScoped -}}
{{- range $loop := list "controller" "orchestrationController" "supportingController" -}}
{{- $namespaces := (index $.Values $loop).namespaces | default list -}}
{{- if or (gt (len $namespaces) 1) (has "*" $namespaces) -}}
{{- $messages = append $messages (printf "%s.namespaces: watching %s needs rbac.clusterScoped: true (a Role reaches one namespace); set it, or list one namespace" $loop (join ", " $namespaces)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $messages -}}
{{- end -}}

{{- /*
Fails the render, listing every broken rule at once, before anything reaches the
cluster. With validation.mode=warn the volume contract's problems go to NOTES.txt
instead; the namespace scope always fails, as a Role cannot grant it.
*/ -}}
{{- define "agents.validate" -}}
{{- $messages := include "agents.scopeMessages" . | fromJsonArray -}}
{{- $messages = concat $messages (include "agents.apiRuleProblems" . | splitList "\n" | compact) -}}
{{- $contract := include "agents.validationMessages" . | fromJsonArray -}}
{{- if ne .Values.validation.mode "warn" }}{{ $messages = concat $messages $contract }}{{ end -}}
{{- if $messages -}}
{{- fail (printf "the values break the agents chart's rules:\n- %s\n(validation.mode=warn renders a broken volume contract anyway and lists it in NOTES.txt)" (join "\n- " $messages)) -}}
{{- end -}}
{{- end -}}
