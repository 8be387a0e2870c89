#!/usr/bin/env bash
# Runs a command with Node.js 24 first on PATH (see node-env.sh). Used by the npm scripts.
set -euo pipefail
# shellcheck source=scripts/node-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
exec "$@"
