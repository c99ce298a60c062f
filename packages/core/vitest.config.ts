import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/core',
    environment: 'node',
    // Test files share their worker's modules (see the root vitest.config.ts).
    isolate: false,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // RSA key generation and the property tests of the generated checks are CPU-bound: on a
    // loaded 2-core machine a few took just over Vitest's default 5 s.
    testTimeout: 20000,
  },
});
