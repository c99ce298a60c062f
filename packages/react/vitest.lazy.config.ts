import { defineProject } from 'vitest/config';

// The *.lazy.test.tsx files, each in a module graph of its own: a chunk loaded on demand is kept by
// its component's module (once per page, as in a browser), so in a worker shared with other files
// it could already be loaded, and the test could not see the loading and failed states.
export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/react:lazy',
    environment: 'jsdom',
    isolate: true,
    include: ['src/**/*.lazy.test.tsx'],
    setupFiles: ['./test-setup.ts'],
    testTimeout: 20000,
  },
});
