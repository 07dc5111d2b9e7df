{{- /*
A server Deployment: the control plane ({fullname}) or the controllers
({fullname}-controllers). Both share this shape, so a contract change lands in
both or neither. Each of probes, lifecycle, strategy and rollout settings is the
top-level key overlaid by the component's own (its keys win).
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.serverDeployment" -}}
{{- $root := .root -}}
{{- $v := .root.Values -}}
{{- $cp := eq .component "controlPlane" -}}
{{- $own := index $v .component -}}
{{- $suffix := $cp | ternary "" "-controllers" -}}
{{- $image := include "agents.serverImage" . | fromJson -}}
{{- $autoscaling := $cp | ternary $v.autoscaling ($own.autoscaling | default dict) -}}
{{- $replicas := $cp | ternary ($own.replicaCount | default $v.replicaCount) ($own.replicaCount | default (index (include "agents.fallbacks" $root | fromJson) "controllers.replicaCount")) -}}
{{- $strategy := mergeOverwrite (deepCopy ($v.deploymentStrategy | default dict)) (deepCopy ($own.deploymentStrategy | default dict)) -}}
{{- if eq (toString $strategy.type) "Recreate" }}{{ $_ := unset $strategy "rollingUpdate" }}{{ end -}}
{{- $rollout := mergeOverwrite (deepCopy ($v.deploymentLifecycle | default dict)) (deepCopy ($own.deploymentLifecycle | default dict)) -}}
{{- $lifecycle := mergeOverwrite (deepCopy ($v.lifecycle | default dict)) (deepCopy ($own.lifecycle | default dict)) -}}
{{- $grace := hasKey $own "terminationGracePeriodSeconds" | ternary $own.terminationGracePeriodSeconds $v.terminationGracePeriodSeconds -}}
{{- $annotations := merge (deepCopy ($v.podAnnotations | default dict)) (include "agents.checksums" $root | fromJson) -}}
{{- $selector := dict "root" $root "suffix" $suffix -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "agents.fullname" $root }}{{ $suffix }}
  namespace: {{ include "agents.namespace" $root }}
  labels:
    {{- include "agents.labels" $root | nindent 4 }}
spec:
  {{- if not $autoscaling.enabled }}
  replicas: {{ include "agents.int" $replicas }}
  {{- end }}
  {{- with $strategy }}
  strategy:
    {{- include "agents.strategy" . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "agents.selectorLabels" $selector | nindent 6 }}
  {{- range $field := list "minReadySeconds" "progressDeadlineSeconds" "revisionHistoryLimit" }}
  {{- if hasKey $rollout $field }}
  {{ $field }}: {{ include "agents.int" (index $rollout $field) }}
  {{- end }}
  {{- end }}
  template:
    metadata:
      labels:
        {{- include "agents.selectorLabels" $selector | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $annotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "agents.serviceAccountName" $root | toJson }}
      {{- with $image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ toJson . }}
        {{- end }}
      {{- end }}
      {{- if hasKey $v "nodeSelector" }}
      nodeSelector: {{- $v.nodeSelector | default dict | toYaml | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if ne $grace nil }}
      terminationGracePeriodSeconds: {{ include "agents.int" $grace }}
      {{- end }}
      containers:
        - name: {{ printf "%s%s" (include "agents.name" $root) $suffix | trunc 63 | trimSuffix "-" }}
          image: {{ toJson $image.ref }}
          imagePullPolicy: {{ with $image.pullPolicy }}{{ toJson . }}{{ end }}
          {{- with $v.containerSecurityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          env:
            {{- include "agents.serverEnv" . | nindent 12 }}
          {{- if or $v.envFromSecretRefs $v.envFromConfigMapRefs }}
          envFrom:
            {{- include "agents.envFrom" (list "secretRef" $v.envFromSecretRefs) | nindent 12 }}
            {{- include "agents.envFrom" (list "configMapRef" $v.envFromConfigMapRefs) | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            {{- if and $cp $v.grpc.enabled }}
            - name: grpc
              containerPort: {{ include "agents.int" $v.grpc.port }}
              protocol: TCP
            {{- end }}
          {{- with $lifecycle }}
          lifecycle:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- range $kind := list "startupProbe" "livenessProbe" "readinessProbe" }}
          {{- $probe := mergeOverwrite (deepCopy (get $v $kind | default dict)) (deepCopy (get $own $kind | default dict)) }}
          {{- if $probe.enabled }}
          {{ $kind }}:
            {{- include "agents.httpProbe" $probe | nindent 12 }}
          {{- end }}
          {{- end }}
          resources:
            {{- toYaml ($own.resources | default $v.resources) | nindent 12 }}
          volumeMounts:
            {{- if $v.database.caSecret.name }}
            - name: db-ca-cert
              mountPath: /etc/agents/ca
              readOnly: true
            {{- end }}
            {{- include "agents.extraVolumeMounts" (concat ($v.extraVolumeMounts | default list) ($own.extraVolumeMounts | default list)) | indent 12 }}
      volumes:
        {{- with $v.database.caSecret }}
        {{- if .name }}
        - name: db-ca-cert
          secret:
            secretName: {{ toJson .name }}
            items:
              - key: {{ .key | default "ca.crt" | toJson }}
                path: {{ .key | default "ca.crt" | toJson }}
        {{- end }}
        {{- end }}
        {{- include "agents.extraVolumes" (concat ($v.extraVolumes | default list) ($own.extraVolumes | default list)) | indent 8 }}
{{- end -}}

{{- /* An HTTP probe on the http port, its fields as set (a null one is left to Kubernetes). */ -}}
{{- define "agents.httpProbe" -}}
httpGet:
  path: {{ with .path }}{{ toJson . }}{{ end }}
  port: http
{{- range $field := list "initialDelaySeconds" "periodSeconds" "timeoutSeconds" "failureThreshold" }}
{{ $field }}: {{ include "agents.int" (index $ $field) }}
{{- end }}
{{- end -}}

{{- /*
envFrom entries: a bare name, or {name, optional}; an empty name renders
"anonymous", as upstream does. Call with (list "secretRef"|"configMapRef" refs).
*/ -}}
{{- define "agents.envFrom" -}}
{{- $kind := index . 0 -}}
{{- range index . 1 }}
{{- if kindIs "map" . }}
- {{ $kind }}:
    name: {{ .name | default "anonymous" | toJson }}
    {{- if hasKey . "optional" }}
    optional: {{ .optional }}
    {{- end }}
{{- else }}
- {{ $kind }}:
    name: {{ toJson . }}
{{- end }}
{{- end }}
{{- end -}}
