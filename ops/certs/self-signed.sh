#!/usr/bin/env bash
# Writes a self-signed TLS certificate for trying the Compose deployment (never for production):
#   ops/certs/self-signed.sh [DIR] [HOSTNAME]     # default: ops/certs localhost
# Creates DIR/tls.crt and DIR/tls.key (mode 0600), valid 30 days, for HOSTNAME, localhost and 127.0.0.1.
# Clients must trust it explicitly, e.g. NODE_EXTRA_CA_CERTS=ops/certs/tls.crt or curl --cacert.
set -euo pipefail
dir="${1:-$(dirname "${BASH_SOURCE[0]}")}"
host="${2:-localhost}"
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null
chmod 0644 "$dir/tls.crt"
echo "wrote $dir/tls.crt and $dir/tls.key for $host"
