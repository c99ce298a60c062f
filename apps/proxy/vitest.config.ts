import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/proxy-app',
    environment: 'node',
    // Test files share their worker's modules (see the root vitest.config.ts).
    isolate: false,
    // initdb once per run: the servers' new data folders start from its files (test/helpers.ts).
    globalSetup: ['../../packages/proxy/test/pgliteTemplate.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
