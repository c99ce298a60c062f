import { defineProject } from 'vitest/config';

// The demo's own logic in plain functions (its pages are exercised in a browser by e2e/).
export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/demo',
    environment: 'node',
    // Test files share their worker's modules (see the root vitest.config.ts).
    isolate: false,
    include: ['src/**/*.test.ts'],
  },
});
