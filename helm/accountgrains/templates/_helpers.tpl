{{/* The release's name for every object: <release>-accountgrains, or the release name when it says accountgrains already. */}}
{{- define "accountgrains.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the silo pods; never change them in an upgrade (a Deployment's selector is immutable). */}}
{{- define "accountgrains.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: silo
{{- end -}}

{{- define "accountgrains.labels" -}}
{{ include "accountgrains.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "accountgrains.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* The store's settings, shared by the silos and the migration Job: the same names, so both open the same schema. */}}
{{- define "accountgrains.storeEnv" -}}
- name: ConnectionStrings__AccountGrains
  valueFrom:
    secretKeyRef:
      name: {{ required "postgres.existingSecret is required: a Secret with the PostgreSQL connection string" .Values.postgres.existingSecret }}
      key: {{ .Values.postgres.connectionStringKey }}
- name: AccountGrains__Storage__Schema
  value: {{ .Values.postgres.schema | quote }}
{{- end -}}
