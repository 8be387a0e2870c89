#!/usr/bin/env bash
# Installs the system tools the test suite uses, if they are missing: Chromium (the dashboard's browser
# test, driven by playwright-core) and promtool (validates the /metrics exposition). Idempotent: does
# nothing when both are present. Runs as `npm test`'s pretest step and from .ci/run.
# Needs root and Debian's package repositories; otherwise it says what is missing, and the tests that
# need a tool skip with that reason.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: missing ${missing[*]} (install them with your package manager; the tests needing them will be skipped)" >&2
  exit 0
fi

echo "install-test-tools: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Never start services from package scripts (the prometheus package ships a server we only need promtool from).
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=true
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
if [ "$created_policy" = true ]; then rm -f "$policy"; fi
exit "${status:-0}"
