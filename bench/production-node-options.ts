/**
 * `NODE_OPTIONS` as the image, the chart and `k8s/` set it (test/packaging/dockerfile.spec.ts checks that
 * they agree): the bench runs the service, and the bare proxy it is compared with, under the same flags, so
 * its memory and GC figures are those of the service as it ships.
 */
export const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=16';

/**
 * Node flags the image's command line gives the service (the Dockerfile's CMD, `npm start`; the bench gives
 * them to the service and the bare proxy), which `NODE_OPTIONS` would refuse:
 * - `--min-semi-space-size=16`: the young generation's floor, at the size `NODE_OPTIONS` gives as its
 *   ceiling. Without it V8 shrinks the young generation after a quiet spell, and with few objects surviving
 *   it grows back slowly: after a minute without traffic, one connection ran on 1-8 MiB semi-spaces for more
 *   than 10 s (240 scavenges in 10 s, GC 1.4 % of the time, against 67 and 0.6 % with the floor).
 * - `--no-allocation-site-pretenuring`: V8's per-allocation-site tenuring feedback settled, in about half the
 *   starts of a service that loads only what its configuration uses, on a state where about 1.6 MiB
 *   survived each scavenge at one connection: scavenges of 3 ms instead of 0.8, and a full collection (3-12
 *   ms) every 1.5 s instead of every 25 s or so. Without the feedback: 0 such starts in 11.
 */
export const PRODUCTION_NODE_ARGS: readonly string[] = ['--min-semi-space-size=16', '--no-allocation-site-pretenuring'];
