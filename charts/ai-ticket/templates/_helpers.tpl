{{/* The chart name, or nameOverride. */}}
{{- define "ai-ticket.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The resource name prefix: fullnameOverride, or <release>-<name> (just <release> when it already contains the name). */}}
{{- define "ai-ticket.fullname" -}}
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

{{/* The helm.sh/chart label value: <chart>-<version>. */}}
{{- define "ai-ticket.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The namespace every resource goes to: namespaceOverride, or the release namespace. */}}
{{- define "ai-ticket.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource: the selector labels plus chart, version, manager, component and commonLabels. */}}
{{- define "ai-ticket.labels" -}}
helm.sh/chart: {{ include "ai-ticket.chart" . }}
{{ include "ai-ticket.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: gateway
app.kubernetes.io/part-of: ai-ticket
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels: name and instance only. Selectors are immutable on a Deployment, so nothing that
changes between releases (version, chart) may be in them.
*/}}
{{- define "ai-ticket.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ai-ticket.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "ai-ticket.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ai-ticket.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The container image reference: registry/repository, then @digest or :tag (appVersion by default). */}}
{{- define "ai-ticket.image" -}}
{{- $repository := .Values.image.repository }}
{{- if .Values.image.registry }}
{{- $repository = printf "%s/%s" .Values.image.registry .Values.image.repository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* commonAnnotations as a YAML map (empty when none). */}}
{{- define "ai-ticket.annotations" -}}
{{- with .Values.commonAnnotations }}
{{- toYaml . }}
{{- end }}
{{- end }}

{{/* Name of the Secret with the token file: auth.existingSecret, or the chart's. */}}
{{- define "ai-ticket.tokensSecretName" -}}
{{- default (printf "%s-tokens" (include "ai-ticket.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{/* Name of the chart's env Secret (upstream API key, Redis and PostgreSQL URLs given inline). */}}
{{- define "ai-ticket.envSecretName" -}}
{{- printf "%s-env" (include "ai-ticket.fullname" .) }}
{{- end }}

{{/* "true" when the chart's env Secret has anything to hold. */}}
{{- define "ai-ticket.envSecretNeeded" -}}
{{- if or (and .Values.upstream.apiKey (not .Values.upstream.existingSecret)) (and .Values.redis.url (not .Values.redis.existingSecret) (include "ai-ticket.usesRedis" .)) (and .Values.postgres.url (not .Values.postgres.existingSecret) (eq .Values.history.backend "postgres")) }}true{{- end }}
{{- end }}

{{/*
The effective UPSTREAM_SLOTS: upstream.slots.backend, where "auto" is redis as soon as more than one pod
can run (each pod counting its own slots would let N pods overbook a single-slot KoboldCPP N times).
*/}}
{{- define "ai-ticket.upstreamSlots" -}}
{{- $backend := .Values.upstream.slots.backend }}
{{- if eq $backend "auto" }}
{{- if gt (include "ai-ticket.maxPods" . | int) 1 }}redis{{ else }}local{{ end }}
{{- else }}
{{- $backend }}
{{- end }}
{{- end }}

{{/* "true" when the service needs REDIS_URL: Redis rate limits or Redis slot leases. */}}
{{- define "ai-ticket.usesRedis" -}}
{{- if or (eq .Values.storage.backend "redis") (eq (include "ai-ticket.upstreamSlots" .) "redis") }}true{{- end }}
{{- end }}

{{/* KOBOLDCPP_API_URL: the headless Service's DNS name, else upstream.urls joined by commas, else upstream.url. */}}
{{- define "ai-ticket.upstreamUrls" -}}
{{- with .Values.upstream.headlessService }}
{{- if .name }}
{{- printf "%s://%s.%s.svc.cluster.local:%d" .scheme .name (.namespace | default (include "ai-ticket.namespace" $)) (.port | int) }}
{{- else if $.Values.upstream.urls }}
{{- join "," $.Values.upstream.urls }}
{{- else }}
{{- $.Values.upstream.url }}
{{- end }}
{{- end }}
{{- end }}

{{/* UPSTREAM_DISCOVERY: dns whenever a headless Service is named (its A records are the pods), else upstream.discovery.mode. */}}
{{- define "ai-ticket.upstreamDiscovery" -}}
{{- if .Values.upstream.headlessService.name }}dns{{ else }}{{ .Values.upstream.discovery.mode }}{{ end }}
{{- end }}

{{/* Environment variables read from Secrets: the upstream API key, REDIS_URL, DATABASE_URL (each only when used). */}}
{{- define "ai-ticket.secretEnv" -}}
{{- $envSecret := include "ai-ticket.envSecretName" . }}
{{- if or .Values.upstream.existingSecret .Values.upstream.apiKey }}
- name: UPSTREAM_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.upstream.existingSecret | default $envSecret }}
      key: {{ .Values.upstream.existingSecretKey }}
{{- end }}
{{- if include "ai-ticket.usesRedis" . }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret | default $envSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- end }}
{{- if eq .Values.history.backend "postgres" }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgres.existingSecret | default $envSecret }}
      key: {{ .Values.postgres.existingSecretKey }}
{{- end }}
{{- end }}

{{/* The most pods that can run at once: maxReplicas with autoscaling, else replicaCount. */}}
{{- define "ai-ticket.maxPods" -}}
{{- if .Values.autoscaling.enabled }}{{ .Values.autoscaling.maxReplicas | int }}{{ else }}{{ .Values.replicaCount | int }}{{ end }}
{{- end }}

{{/* "true" when rate limits or the event history live in SQLite files. */}}
{{- define "ai-ticket.usesSqlite" -}}
{{- if or (eq .Values.storage.backend "sqlite") (eq .Values.history.backend "sqlite") }}true{{- end }}
{{- end }}

{{/* TRUST_PROXY_COUNT: config.trustProxyCount, or 1 behind the chart's own Ingress (its controller is one hop) and 0 without. */}}
{{- define "ai-ticket.trustProxyCount" -}}
{{- if kindIs "invalid" .Values.config.trustProxyCount }}{{ ternary 1 0 .Values.ingress.enabled }}{{ else }}{{ .Values.config.trustProxyCount | int }}{{ end }}
{{- end }}

{{/*
Fails the render on combinations that would run but be wrong (H3's validateValues pattern).
Every message says what is unsafe and how to fix it.
*/}}
{{- define "ai-ticket.validateValues" -}}
{{- $maxPods := include "ai-ticket.maxPods" . | int }}
{{- $messages := list }}
{{- if and (eq .Values.storage.backend "memory") (gt $maxPods 1) (gt (.Values.rateLimit.requests | int) 0) }}
{{- $messages = append $messages (printf "storage.backend=memory keeps rate-limit counts per pod: %d pods would admit %d x rateLimit.requests. Use storage.backend=redis (or sqlite on a ReadWriteMany volume), one replica, or rateLimit.requests=0." $maxPods $maxPods) }}
{{- end }}
{{- if and (include "ai-ticket.usesSqlite" .) (gt $maxPods 1) }}
{{- if not .Values.persistence.enabled }}
{{- $messages = append $messages "SQLite with more than one pod needs persistence.enabled=true (a shared volume); each pod would otherwise keep its own file." }}
{{- else if not (has "ReadWriteMany" .Values.persistence.accessModes) }}
{{- $messages = append $messages "SQLite with more than one pod needs persistence.accessModes to include ReadWriteMany, so that pods on different nodes can mount the same files. Otherwise use storage.backend=redis / history.backend=postgres." }}
{{- else if eq .Values.storage.sqlite.journalMode "wal" }}
{{- $messages = append $messages "SQLite with more than one pod on a shared volume needs storage.sqlite.journalMode=delete: WAL needs shared memory on one host. Prefer storage.backend=redis for pods on several nodes." }}
{{- end }}
{{- end }}
{{- if and (eq .Values.storage.backend "redis") (not .Values.redis.url) (not .Values.redis.existingSecret) }}
{{- $messages = append $messages "storage.backend=redis needs redis.url or redis.existingSecret." }}
{{- end }}
{{- $slots := include "ai-ticket.upstreamSlots" . }}
{{- if and (eq $slots "redis") (ne .Values.storage.backend "redis") (not .Values.redis.url) (not .Values.redis.existingSecret) }}
{{- if eq .Values.upstream.slots.backend "auto" }}
{{- $messages = append $messages (printf "upstream.slots.backend=auto shares upstream slots through Redis when more than one pod can run (%d here), so that the pods together never send a KoboldCPP more than its slots. Set redis.existingSecret (or redis.url); or, deliberately, upstream.slots.backend=local: each pod then counts its own slots and %d pods may send up to %d x upstream.concurrency to each upstream (KoboldCPP queues the extra requests or answers them busy, and busy answers are retried, never failed)." $maxPods $maxPods $maxPods) }}
{{- else }}
{{- $messages = append $messages "upstream.slots.backend=redis needs redis.url or redis.existingSecret." }}
{{- end }}
{{- end }}
{{- if and (eq (include "ai-ticket.upstreamDiscovery" .) "dns") (not .Values.upstream.headlessService.name) }}
{{- $entries := .Values.upstream.urls | default (list .Values.upstream.url) }}
{{- range $index, $entry := $entries }}
{{- $host := (urlParse (regexReplaceAll "#.*$" $entry "")).host }}
{{- if or (hasPrefix "[" $host) (regexMatch "^[0-9]+(\\.[0-9]+){3}(:[0-9]+)?$" $host) }}
{{- $where := ternary (printf "upstream.urls[%d]" $index) "upstream.url" (gt (len $.Values.upstream.urls) 0) }}
{{- $messages = append $messages (printf "upstream.discovery.mode=dns resolves the host name of every upstream URL, but %s is an IP address: name a host (for pods, a headless Service: upstream.headlessService.name) or use upstream.discovery.mode=static." $where) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and (eq .Values.history.backend "postgres") (not .Values.postgres.url) (not .Values.postgres.existingSecret) }}
{{- $messages = append $messages "history.backend=postgres needs postgres.url or postgres.existingSecret." }}
{{- end }}
{{- if and .Values.auth.existingSecret .Values.auth.tokens }}
{{- $messages = append $messages "Set either auth.existingSecret or auth.tokens, not both." }}
{{- end }}
{{- $drainSeconds := add (div (add (.Values.shutdown.graceMs | int) 999) 1000) (.Values.shutdown.preStopSleepSeconds | int) }}
{{- if le (.Values.shutdown.terminationGracePeriodSeconds | int) $drainSeconds }}
{{- $messages = append $messages (printf "shutdown.terminationGracePeriodSeconds (%d) must exceed shutdown.graceMs/1000 + shutdown.preStopSleepSeconds (%d), or Kubernetes kills pods mid-drain." (.Values.shutdown.terminationGracePeriodSeconds | int) $drainSeconds) }}
{{- end }}
{{- if and .Values.persistence.enabled (not (has "ReadWriteMany" .Values.persistence.accessModes)) (eq .Values.updateStrategy.type "RollingUpdate") }}
{{- $messages = append $messages "A volume without ReadWriteMany cannot be mounted by the new pod while the old one runs (on another node): set updateStrategy.type=Recreate." }}
{{- end }}
{{- if and .Values.persistence.enabled (not (include "ai-ticket.usesSqlite" .)) }}
{{- $messages = append $messages "persistence.enabled=true but neither storage.backend nor history.backend is sqlite: nothing would be stored on the volume." }}
{{- end }}
{{- if and .Values.ingress.certManager.issuer .Values.ingress.certManager.clusterIssuer }}
{{- $messages = append $messages "Set either ingress.certManager.issuer or ingress.certManager.clusterIssuer, not both." }}
{{- end }}
{{- if $messages }}
{{- fail (printf "\nVALUES VALIDATION:\n - %s" (join "\n - " $messages)) }}
{{- end }}
{{- end }}
