// One Jest run covers every kind of test; `--selectProjects unit|e2e|packaging` narrows it.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const moduleNameMapper = {
  '^@ai-ticket/(config|errors|storage|testing)$': '<rootDir>/libs/$1/src',
};
const common = { rootDir: __dirname, transform: { '^.+\\.ts$': tsJest }, moduleNameMapper, testEnvironment: 'node' };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts', '<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/**/test/**/*.e2e-spec.ts'],
      // Builds dist/ once, for the specs that run the real service as a child process.
      globalSetup: '<rootDir>/apps/ai-ticket/test/support/global-setup.ts',
    },
    {
      ...common,
      // The Dockerfile, Helm chart, plain manifests and workflows: `helm template`/`kubectl kustomize` output
      // checked against Kubernetes schemas, and the image's build steps run outside Docker.
      displayName: 'packaging',
      testMatch: ['<rootDir>/charts/*/tests/**/*.spec.ts', '<rootDir>/test/packaging/**/*.spec.ts'],
    },
  ],
};
