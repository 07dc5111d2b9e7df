{{- /*
The API server's volume and mount checks that values.schema.json cannot express,
on what the rendered pods get (global entries, then each rendered component's):
a projected volume's file paths are distinct across its sources; with
iscsi.initiatorName, "<volume name>:<iscsi.targetPortal>" fits in 64 bytes; an
ephemeral claim's dataSource and dataSourceRef, both set, name one object; a claim
template's annotations hold at most 256 KiB; a downward API divisor is one its
resource allows (_divisors.tpl); Bidirectional mount propagation needs a privileged
container. The walk and the messages mirror schema_gen/contract/api_checks.py
word for word; the tests compare the two. Messages name values paths, never
values. Returns the problems, one per line.
*/ -}}
{{- define "agents.apiRuleProblems" -}}
{{- $v := .Values -}}
{{- $problems := list -}}
{{- $divisorRules := list -}}{{- /* read from _divisors.tpl at the first divisor set */ -}}
{{- $volumes := list (dict "at" "extraVolumes" "items" $v.extraVolumes) -}}
{{- $mounts := list (dict "at" "extraVolumeMounts" "items" $v.extraVolumeMounts) -}}
{{- range include "agents.components" . | fromJsonArray -}}
{{- $own := index $v .key | default dict -}}
{{- if or (not .optional) $own.enabled -}}
{{- $volumes = append $volumes (dict "at" (printf "%s.extraVolumes" .key) "items" $own.extraVolumes) -}}
{{- $mounts = append $mounts (dict "at" (printf "%s.extraVolumeMounts" .key) "items" $own.extraVolumeMounts) -}}
{{- end -}}
{{- end -}}
{{- range $list := $volumes -}}
{{- range $i, $entry := $list.items | default list -}}
{{- $source := $entry.volume | default dict -}}
{{- /* Only these sources have a check here: an entry of any other source costs no more. */ -}}
{{- if or $source.iscsi $source.projected $source.ephemeral $source.downwardAPI -}}
{{- $where := printf "%s[%d]" $list.at $i -}}
{{- $iscsi := $source.iscsi | default dict -}}
{{- if hasKey $iscsi "initiatorName" -}}
{{- $length := add (len $entry.name) 1 (len $iscsi.targetPortal) -}}
{{- if gt $length 64 -}}
{{- $problems = append $problems (printf "%s.name: with iscsi.initiatorName set, the volume name, ':' and iscsi.targetPortal must fit in 64 characters, not %d; shorten the name or the portal" $where $length) -}}
{{- end -}}
{{- end -}}
{{- $seen := dict -}}{{- /* file path -> where in the projected volume it was first */ -}}
{{- range $s, $projection := ($source.projected | default dict).sources | default list -}}
{{- range $kind := list "secret" "configMap" "downwardAPI" -}}
{{- range $j, $item := (get $projection $kind | default dict).items | default list -}}
{{- if $item.path -}}
{{- $at := printf "sources[%d].%s.items[%d].path" $s $kind $j -}}
{{- if hasKey $seen $item.path -}}
{{- $problems = append $problems (printf "%s.volume.projected.%s: the projected volume already has a file at this path, from %s; give each file its own path" $where $at (get $seen $item.path)) -}}
{{- else -}}
{{- $_ := set $seen $item.path $at -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if hasKey $projection "clusterTrustBundle" -}}
{{- $path := toString $projection.clusterTrustBundle.path -}}
{{- $at := printf "sources[%d].clusterTrustBundle.path" $s -}}
{{- if hasKey $seen $path -}}
{{- $problems = append $problems (printf "%s.volume.projected.%s: the projected volume already has a file at this path, from %s; give each file its own path" $where $at (get $seen $path)) -}}
{{- else -}}
{{- $_ := set $seen $path $at -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $claim := ($source.ephemeral | default dict).volumeClaimTemplate | default dict -}}
{{- $spec := $claim.spec | default dict -}}
{{- if and (hasKey $spec "dataSource") (hasKey $spec "dataSourceRef") (not $spec.dataSourceRef.namespace) -}}
{{- $from := $spec.dataSource -}}
{{- $ref := $spec.dataSourceRef -}}
{{- $sameGroup := and (eq (hasKey $from "apiGroup") (hasKey $ref "apiGroup")) (eq (toString $from.apiGroup) (toString $ref.apiGroup)) -}}
{{- if or (not $sameGroup) (ne $from.kind $ref.kind) (ne $from.name $ref.name) -}}
{{- $problems = append $problems (printf "%s.volume.ephemeral.volumeClaimTemplate.spec.dataSource: must name the same object as dataSourceRef (apiGroup, kind and name) when both are set; keep one of them" $where) -}}
{{- end -}}
{{- end -}}
{{- $size := 0 -}}
{{- range $key, $value := ($claim.metadata | default dict).annotations | default dict -}}
{{- $size = add $size (len $key) (len $value) -}}
{{- end -}}
{{- if gt $size 262144 -}}
{{- $problems = append $problems (printf "%s.volume.ephemeral.volumeClaimTemplate.metadata.annotations: hold %d bytes of keys and values; the API server allows at most 262144 (256 KiB)" $where $size) -}}
{{- end -}}
{{- $files := list (list "downwardAPI" $source.downwardAPI) -}}
{{- range $s, $projection := ($source.projected | default dict).sources | default list -}}
{{- $files = append $files (list (printf "projected.sources[%d].downwardAPI" $s) $projection.downwardAPI) -}}
{{- end -}}
{{- range $files -}}
{{- $at := index . 0 -}}
{{- range $j, $item := (index . 1 | default dict).items | default list -}}
{{- $ref := $item.resourceFieldRef | default dict -}}
{{- if hasKey $ref "divisor" -}}
{{- $divisor := $ref.divisor -}}
{{- if not $divisorRules -}}
{{- $divisorRules = include "agents.divisors" $ | fromJsonArray -}}
{{- end -}}
{{- range $divisorRules -}}
{{- if and (kindIs "string" $ref.resource) (regexMatch .resources (toString $ref.resource)) -}}
{{- $ok := true -}}
{{- if kindIs "string" $divisor -}}
{{- $ok = regexMatch .pattern $divisor -}}
{{- else if or (kindIs "float64" $divisor) (kindIs "int64" $divisor) (kindIs "int" $divisor) -}}
{{- $ok = has (float64 $divisor) .numbers -}}
{{- end -}}
{{- if not $ok -}}
{{- $problems = append $problems (printf "%s.volume.%s.items[%d].resourceFieldRef.divisor: %s" $where $at $j .message) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $privileged := eq (toString ($v.containerSecurityContext | default dict).privileged) "true" -}}
{{- range $list := $mounts -}}
{{- range $i, $mount := $list.items | default list -}}
{{- if and (eq (toString $mount.mountPropagation) "Bidirectional") (not $privileged) -}}
{{- $problems = append $problems (printf "%s[%d].mountPropagation: Bidirectional propagation needs a privileged container: set containerSecurityContext.privileged: true, or use HostToContainer" $list.at $i) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- join "\n" $problems -}}
{{- end -}}
