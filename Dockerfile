# syntax=docker/dockerfile:1
# AI Ticket image: docker build -t ai-ticket .
#
# Stages (BuildKit runs `build` and `prod-deps` in parallel):
#   base       Node 24 LTS on Debian bookworm-slim, the one base every stage shares
#   build      all dependencies, then `npm run build`: the server (dist/apps, dist/libs) and the dashboard (dist/dashboard)
#   prod-deps  production dependencies only (`npm ci --omit=dev --omit=optional`), with the C++ toolchain sqlite3
#              compiles with, then pruned of what is never loaded at run time (scripts/prune-node-modules.mjs)
#   runtime    base + tini + dist/ + the production node_modules; no compiler, no npm, no package caches,
#              non-root, read-only friendly
#
# Why prod-deps is its own stage instead of running `npm ci --omit=dev` in the final one: sqlite3 is a native
# addon compiled by node-gyp during `npm ci` (the one install script allowed in package.json `allowScripts`),
# which needs python3, make and g++. Compiling in a builder stage on the very same base image (same glibc,
# same Node ABI) and copying node_modules keeps those ~250 MB of toolchain, and their CVEs, out of the image.
# `npm ci` is used rather than `npm prune` so the production tree is exactly what the lock file resolves.
#
# The npm steps also run outside Docker in the tests (test/packaging/image-build-outside-docker.spec.ts), and the
# whole image is built and run with podman in test/packaging/image-oci.spec.ts (docs/container-image.md).

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app

FROM base AS build
COPY package.json package-lock.json ./
# The build (tsc, vite) needs no native addon, so no install script runs here and no toolchain is needed.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY scripts/node-env.sh scripts/with-node.sh scripts/
COPY libs libs
COPY apps apps
RUN npm run build

FROM base AS prod-deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# No optional dependencies: the service needs none, and node-gyp comes with npm itself.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --no-audit --no-fund
# Drop what the service never loads (docs, tests, TypeScript, source maps, sqlite3's C sources and objects):
# node_modules is most of the layers this image adds.
COPY scripts/prune-node-modules.mjs scripts/
RUN node scripts/prune-node-modules.mjs node_modules

FROM base AS runtime
# tini as PID 1: forwards SIGTERM to Node (which drains, then exits 0) and reaps zombies.
# npm, npx, corepack and yarn are not needed at run time: removing them shrinks the attack surface.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && apt-get clean \
  && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt /var/log/dpkg.log /root/.npm \
  && rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* /usr/local/bin/yarn /usr/local/bin/yarnpkg \
  && groupadd --system --gid 10001 ai-ticket \
  && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ai-ticket \
  && mkdir -p /app/data \
  && chown 10001:10001 /app/data

# The SQLite defaults (data/rate-limit.sqlite, data/metrics.sqlite) are relative to WORKDIR, so they land in
# /app/data; the Helm chart sets them as absolute paths on its volume.
#
# NODE_OPTIONS: under a container memory limit of 512 MiB or less, V8 sizes its young generation for a
# low-memory device (semi-spaces of about 1 MiB): a scavenge every few requests, and half the events per
# second (measured with `BENCH_SOAK_MEMORY_LIMIT_MIB=512`: 3,060 req/s, against 5,300 with 16 MiB
# semi-spaces and 6,000 without any limit). 16 MiB keeps the throughput for about 25 MiB more memory.
# The bench runs the service with the same value (bench/production-node-options.ts; a test checks they agree).
# V8's heap growing factor, which keeps RSS near the live heap, is set by the service itself at start
# (apps/ai-ticket/src/runtime/heap-growth.ts): NODE_OPTIONS refuses that flag.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=5000 \
    NODE_OPTIONS=--max-semi-space-size=16

COPY --from=prod-deps /app/node_modules node_modules
COPY --from=build /app/dist/apps dist/apps
COPY --from=build /app/dist/libs dist/libs
COPY --from=build /app/dist/dashboard dist/dashboard
COPY package.json ./

# The SQLite files (RATE_LIMIT_SQLITE_PATH, AI_TICKET_METRICS_DB) live here; with a read-only root
# filesystem, /app/data and /tmp are the only writable paths, so both are volumes.
VOLUME ["/app/data", "/tmp"]

# Numeric, so Kubernetes can verify runAsNonRoot without reading /etc/passwd.
USER 10001:10001
EXPOSE 5000

# Slim images have no curl: Node's fetch probes the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# --min-semi-space-size (refused by NODE_OPTIONS) keeps the young generation at NODE_OPTIONS' 16 MiB through
# quiet spells: shrunk, it grows back slowly, and one connection after a minute's pause saw 240 scavenges in
# 10 s instead of 67. --no-allocation-site-pretenuring: in about half the starts V8's tenuring feedback left
# ~1.6 MiB surviving each scavenge, with a full collection every 1.5 s instead of every ~25 s. The reasons in
# full: bench/production-node-options.ts, where the bench takes the same flags from.
CMD ["node", "--min-semi-space-size=16", "--no-allocation-site-pretenuring", "dist/apps/ai-ticket/src/main.js"]
