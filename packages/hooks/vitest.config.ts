import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  test: {
    name: '@ayokit/hooks',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 20000,
  },
});
