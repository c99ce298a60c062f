import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/sandbox',
    environment: 'node',
    // Test files share their worker's modules (see the root vitest.config.ts).
    isolate: false,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // One RSA key pair for the run's tests, made before they start (see the file).
    globalSetup: ['./test/testKeys.ts'],
  },
});
