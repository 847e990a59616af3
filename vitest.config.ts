import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // After each test: stops its waits still polling, and says what a failed one was waiting for.
    setupFiles: ['test/support/setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start their own servers on loopback ports; two cores on CI.
    maxWorkers: 2,
    // Structured INFO lines from sweeps and jobs drown the test report; warnings and errors still show.
    env: {
      POWERTOOLS_LOG_LEVEL: 'WARN',
      // The SDK's notice that its 2027 releases need Node 22; this project pins today's SDK on Node 20.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});
