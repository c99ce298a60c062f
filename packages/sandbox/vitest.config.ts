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
    // As the other projects. No test here waits on real time beyond a hang fault's 80 ms (virtual
    // clock, fake timers), and in a run of this project the slowest but the fuzz tests (which set
    // their own) take 0.2–0.5 s; but `npm test` runs Vitest niced beside the browser lane, and so
    // starved of CPU (measured on the 2-core machine, niced beside two busy loops, others' work
    // on it too) tests of 0.1 s took 2–5.4 s: Vitest's 5 s default failed one.
    testTimeout: 20_000,
  },
});
