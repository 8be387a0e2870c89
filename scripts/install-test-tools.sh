#!/usr/bin/env bash
# Installs the system tools the test suites use, if they are missing: Chromium (the dashboard's browser
# test, driven by playwright-core), promtool (validates the /metrics exposition and unit-tests the alert
# rules) and the Prometheus server (scrapes the service in the metrics and dashboard tests), nginx + openssl
# (the TLS front of the topology test), curl (the runbook's commands), and podman, buildah, runc and
# debootstrap (the OCI image test builds the real Dockerfile on a stand-in base,
# test/packaging/stand-in-node-image.sh). Idempotent: does nothing when all are present. Runs as the
# pretest step of `npm test` and `npm run test:topology`.
# Needs root and Debian's package repositories; otherwise it says what is missing, and the tests that
# need a tool skip with that reason.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Debian's prometheus package ships both promtool and the server.
{ command -v promtool >/dev/null 2>&1 && { command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ]; }; } || missing+=(prometheus)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The runbook test runs the runbook's own curl commands.
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The image test: podman builds with buildah's chroot isolation and runs with runc (crun refuses hybrid cgroups).
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v buildah >/dev/null 2>&1 || missing+=(buildah)
command -v runc >/dev/null 2>&1 || [ -x /usr/sbin/runc ] || missing+=(runc)
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: missing ${missing[*]} (install them with your package manager; the tests needing them will be skipped)" >&2
  exit 0
fi

echo "install-test-tools: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Never start services from package scripts (the prometheus package would start its own server; the tests start theirs).
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=true
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
if [ "$created_policy" = true ]; then rm -f "$policy"; fi
exit "${status:-0}"
