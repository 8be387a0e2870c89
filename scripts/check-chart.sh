#!/usr/bin/env bash
# helm lint --strict and helm template for every charts/ai-ticket/ci/*-values.yaml (the chart-testing
# convention), kubectl kustomize of k8s/overlays/example, and validation of everything rendered, and of the
# plain example manifests in k8s/examples/, against the Kubernetes schemas (scripts/validate-k8s-manifests.mjs). The Jest project `packaging` runs the same checks
# and more; this script is the quick command-line version.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh
bin="$(bash scripts/fetch-k8s-tools.sh)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for values in charts/ai-ticket/ci/*-values.yaml; do
  name="$(basename "$values" .yaml)"
  echo "== $values"
  "$bin/helm" lint --strict charts/ai-ticket -f "$values"
  "$bin/helm" template ci charts/ai-ticket --namespace ci -f "$values" > "$out/$name.yaml"
done
echo "== k8s/overlays/example"
"$bin/kubectl" kustomize k8s/overlays/example > "$out/kustomize-example.yaml"
echo "== k8s/examples"
node scripts/validate-k8s-manifests.mjs "$out"/*.yaml k8s/examples/*.yaml
