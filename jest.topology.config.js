// `npm run test:topology`: the production topology on one machine (TLS nginx in front of three real
// replicas sharing state). Separate from `npm test` because it installs system tools and runs for a
// minute; .ci/run runs both.
const base = require('./jest.config.js').projects.find((project) => project.displayName === 'e2e');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'topology',
  testMatch: ['<rootDir>/apps/**/test/topology/**/*.topology-spec.ts'],
  testTimeout: 120_000,
  // One topology at a time: the scenarios share ports, files and the machine's two cores.
  maxWorkers: 1,
};
