{{/* todo-chatbot.name: the chart name, or nameOverride, cut to 63 characters. */}}
{{- define "todo-chatbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* todo-chatbot.fullname: release-qualified name used as the prefix of every object. */}}
{{- define "todo-chatbot.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* todo-chatbot.chart: chart name and version for the helm.sh/chart label. */}}
{{- define "todo-chatbot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* todo-chatbot.labels: standard labels for the backend's objects. */}}
{{- define "todo-chatbot.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" . }}
{{ include "todo-chatbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* todo-chatbot.selectorLabels: the immutable labels that select the backend pods. */}}
{{- define "todo-chatbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: api
{{- end }}

{{/* todo-chatbot.testSelectorLabels: labels of the `helm test` pod. */}}
{{- define "todo-chatbot.testSelectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
{{- end }}

{{/* todo-chatbot.annotations: commonAnnotations as a top-level metadata.annotations block, or nothing. */}}
{{- define "todo-chatbot.annotations" -}}
{{- with .Values.commonAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
{{- end }}
{{- end }}

{{/* todo-chatbot.serviceAccountName: the ServiceAccount the pods run as. */}}
{{- define "todo-chatbot.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "todo-chatbot.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* todo-chatbot.image: repository with the digest if set, else the tag (default appVersion). */}}
{{- define "todo-chatbot.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* todo-chatbot.configMapName: the ConfigMap with the non-secret settings. */}}
{{- define "todo-chatbot.configMapName" -}}
{{- printf "%s-config" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* todo-chatbot.secretName: the Secret loaded with envFrom (the chart's own, or existingSecret). */}}
{{- define "todo-chatbot.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- include "todo-chatbot.fullname" . }}
{{- end }}
{{- end }}

{{/* todo-chatbot.databaseMode: postgresql, external-url, external-secret or sqlite (first match wins). */}}
{{- define "todo-chatbot.databaseMode" -}}
{{- if .Values.postgresql.enabled }}postgresql
{{- else if .Values.externalDatabase.url }}external-url
{{- else if .Values.externalDatabase.existingSecret }}external-secret
{{- else }}sqlite
{{- end }}
{{- end }}

{{/* todo-chatbot.postgresql.fullname: name of the in-cluster PostgreSQL objects. */}}
{{- define "todo-chatbot.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* todo-chatbot.postgresql.selectorLabels: labels that select the PostgreSQL pod. */}}
{{- define "todo-chatbot.postgresql.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: postgresql
{{- end }}

{{/* todo-chatbot.postgresql.labels: standard labels for the PostgreSQL objects. */}}
{{- define "todo-chatbot.postgresql.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" . }}
{{ include "todo-chatbot.postgresql.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.postgresql.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* todo-chatbot.postgresql.image: the PostgreSQL image, pinned by digest or tag. */}}
{{- define "todo-chatbot.postgresql.image" -}}
{{- if .Values.postgresql.image.digest }}
{{- printf "%s@%s" .Values.postgresql.image.repository .Values.postgresql.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.postgresql.image.repository .Values.postgresql.image.tag }}
{{- end }}
{{- end }}

{{/* todo-chatbot.postgresql.password: the configured password, else the one already in the cluster, else a new one. */}}
{{- define "todo-chatbot.postgresql.password" -}}
{{- if .Values.postgresql.auth.password }}
{{- .Values.postgresql.auth.password }}
{{- else }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "todo-chatbot.postgresql.fullname" .) }}
{{- if and $existing $existing.data (index $existing.data "password") }}
{{- index $existing.data "password" | b64dec }}
{{- else }}
{{- randAlphaNum 32 }}
{{- end }}
{{- end }}
{{- end }}

{{/* todo-chatbot.validate: fails the render on combinations the schema cannot express. */}}
{{- define "todo-chatbot.validate" -}}
{{- if and (gt (int .Values.lifecycle.preStopSleepSeconds) 0) (semverCompare "<1.30.0-0" .Capabilities.KubeVersion.Version) }}
{{- fail (printf "lifecycle.preStopSleepSeconds: the native preStop sleep needs Kubernetes 1.30 or newer (cluster is %s); set lifecycle.preStopSleepSeconds=0" .Capabilities.KubeVersion.Version) }}
{{- end }}
{{- if and .Values.postgresql.enabled (or .Values.externalDatabase.url .Values.externalDatabase.existingSecret) }}
{{- fail "postgresql.enabled: choose either the in-cluster PostgreSQL or externalDatabase, not both" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- fail "autoscaling.maxReplicas: must be at least autoscaling.minReplicas" }}
{{- end }}
{{- if ge (int .Values.lifecycle.preStopSleepSeconds) (int .Values.terminationGracePeriodSeconds) }}
{{- fail "lifecycle.preStopSleepSeconds: must be shorter than terminationGracePeriodSeconds, or the backend gets no time to drain" }}
{{- end }}
{{- if and .Values.web.enabled (gt (int .Values.web.preStopSleepSeconds) 0) (semverCompare "<1.30.0-0" .Capabilities.KubeVersion.Version) }}
{{- fail (printf "web.preStopSleepSeconds: the native preStop sleep needs Kubernetes 1.30 or newer (cluster is %s); set web.preStopSleepSeconds=0" .Capabilities.KubeVersion.Version) }}
{{- end }}
{{- if and .Values.web.enabled (ge (int .Values.web.preStopSleepSeconds) (int .Values.web.terminationGracePeriodSeconds)) }}
{{- fail "web.preStopSleepSeconds: must be shorter than web.terminationGracePeriodSeconds, or nginx gets no time to finish" }}
{{- end }}
{{- end }}

{{/* todo-chatbot.web.fullname: name of the web frontend's objects. */}}
{{- define "todo-chatbot.web.fullname" -}}
{{- printf "%s-web" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* todo-chatbot.web.selectorLabels: the immutable labels that select the web pods. */}}
{{- define "todo-chatbot.web.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: web
{{- end }}

{{/* todo-chatbot.web.labels: standard labels for the web frontend's objects. */}}
{{- define "todo-chatbot.web.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" . }}
{{ include "todo-chatbot.web.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* todo-chatbot.web.testSelectorLabels: labels of the web frontend's `helm test` pod. */}}
{{- define "todo-chatbot.web.testSelectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: web-test
{{- end }}

{{/* todo-chatbot.web.image: the web image with the digest if set, else the tag (default appVersion). */}}
{{- define "todo-chatbot.web.image" -}}
{{- if .Values.web.image.digest }}
{{- printf "%s@%s" .Values.web.image.repository .Values.web.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.web.image.repository (default .Chart.AppVersion .Values.web.image.tag) }}
{{- end }}
{{- end }}

{{/* todo-chatbot.web.apiUpstream: web.apiUpstream, else the backend Service by its full DNS name (nginx's resolver does not search). */}}
{{- define "todo-chatbot.web.apiUpstream" -}}
{{- if .Values.web.apiUpstream }}
{{- .Values.web.apiUpstream }}
{{- else }}
{{- printf "http://%s.%s.svc.%s:%v" (include "todo-chatbot.fullname" .) .Release.Namespace .Values.clusterDomain .Values.service.port }}
{{- end }}
{{- end }}
