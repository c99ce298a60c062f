import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/proxy-app',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
