import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/react',
    environment: 'jsdom',
    // Test files share their worker's modules (see the root vitest.config.ts).
    isolate: false,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    setupFiles: ['./test-setup.ts'],
    testTimeout: 20000,
  },
});
