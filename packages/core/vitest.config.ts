import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/core',
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
  },
});
