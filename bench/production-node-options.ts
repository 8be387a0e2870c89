/**
 * `NODE_OPTIONS` as the image, the chart and `k8s/` set it (test/packaging/dockerfile.spec.ts checks that
 * they agree): the bench runs the service, and the bare proxy it is compared with, under the same flags, so
 * its memory and GC figures are those of the service as it ships.
 */
export const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=16';
