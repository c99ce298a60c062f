import { defineConfig } from 'vitest/config';
import { LongestFirst } from './vitest.sequencer';

// One Vitest run for the whole workspace; each package is a project with its own environment.
export default defineConfig({
  test: {
    projects: [
      'packages/core',
      'packages/sandbox',
      'packages/proxy',
      'apps/proxy',
      'packages/hooks',
      'packages/react',
      'packages/react/vitest.lazy.config.ts',
      'apps/demo',
    ],
    passWithNoTests: false,
    // Vitest's default on 2 cores is one worker, and half of a test file's time here is waiting
    // (PostgreSQL, timers, sockets): measured on the 2-core machine, the proxy-app project took
    // 118 s with 1 worker, 56 s with 2, 43 s with 3; the whole run 501 s → 334 s with 4 (loaded).
    maxWorkers: 4,
    // Worker threads, not child processes: starting one costs less. Measured on the 2-core
    // machine, the whole run: 287 s CPU with forks, 215 s with threads (975 tests pass both ways,
    // and under faketime too: LD_PRELOAD holds for the process's threads).
    // Every project sets `isolate: false`: a worker imports each module once and runs file after
    // file on them, instead of importing the whole graph again (and compiling PGlite's
    // WebAssembly again) for each file. Each file still makes its own databases, servers,
    // sandboxes and clients; Testing Library unmounts after each test. Measured on the 2-core
    // machine, quiet (2026-12-02): 997 tests, 381 → 296 s CPU and 200 → 159 s wall; the proxy
    // project alone 213 → 98 s CPU, the React one 73 → 32 s.
    pool: 'threads',
    sequence: { sequencer: LongestFirst },
  },
});
