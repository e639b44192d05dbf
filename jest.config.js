// Three suites, kept apart: unit (no servers), integration (real ZooKeeper,
// the local cluster, child processes) and browser (Debian's chromium).
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Per-project testTimeout is ignored by jest; the slowest suites (integration, browser) set the bar.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/helpers/integration-setup.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
