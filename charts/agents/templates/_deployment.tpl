{{- /*
One Deployment of the chart. Both components share this shape, so a contract
change lands in both or neither; names come from agents.components.
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.deployment" -}}
{{- $root := .root -}}
{{- $v := .root.Values -}}
{{- $own := index $v .component -}}
{{- $cp := eq .component "controlPlane" -}}
{{- $component := include "agents.component" (dict "root" $root "key" .component) | fromJson -}}
{{- $image := include "agents.componentImage" (dict "root" $root "own" $own) | fromJson -}}
{{- $autoscaling := $cp | ternary $v.autoscaling $own.autoscaling -}}
{{- $replicas := $cp | ternary ($own.replicaCount | default $v.replicaCount) $own.replicaCount -}}
{{- $selector := dict "root" $root "suffix" $component.suffix -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $component.deployment }}
  namespace: {{ include "agents.namespace" $root }}
  labels:
    {{- include "agents.labels" $root | nindent 4 }}
spec:
  {{- if not $autoscaling.enabled }}
  replicas: {{ int64 $replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "agents.selectorLabels" $selector | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "agents.selectorLabels" $selector | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $v.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "agents.serviceAccountName" $root }}
      {{- with $image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
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
      containers:
        - name: {{ $component.container }}
          image: {{ include "agents.imageRef" $image | quote }}
          imagePullPolicy: {{ $image.pullPolicy }}
          {{- with $v.containerSecurityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          env:
            {{- include "agents.containerEnv" . | nindent 12 }}
          {{- if or $v.envFromSecretRefs $v.envFromConfigMapRefs }}
          envFrom:
            {{- range $v.envFromSecretRefs }}
            - secretRef:
                name: {{ . }}
            {{- end }}
            {{- range $v.envFromConfigMapRefs }}
            - configMapRef:
                name: {{ . }}
            {{- end }}
          {{- end }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            {{- if and $cp $v.grpc.enabled }}
            - name: grpc
              containerPort: {{ int64 $v.grpc.port }}
              protocol: TCP
            {{- end }}
          {{- range $kind := list "livenessProbe" "readinessProbe" }}
          {{- $probe := index $v $kind }}
          {{- if $probe.enabled }}
          {{ $kind }}:
            httpGet:
              path: {{ $probe.path }}
              port: http
            initialDelaySeconds: {{ int64 $probe.initialDelaySeconds }}
            periodSeconds: {{ int64 $probe.periodSeconds }}
            timeoutSeconds: {{ int64 $probe.timeoutSeconds }}
            failureThreshold: {{ int64 $probe.failureThreshold }}
          {{- end }}
          {{- end }}
          resources:
            {{- toYaml ($own.resources | default $v.resources) | nindent 12 }}
          {{- with include "agents.containerVolumeMounts" . | trim }}
          volumeMounts:
            {{- . | nindent 12 }}
          {{- end }}
      {{- with include "agents.podVolumes" . | trim }}
      volumes:
        {{- . | nindent 8 }}
      {{- end }}
{{- end -}}
