import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@ayokit/source'] },
  ssr: { resolve: { conditions: ['@ayokit/source'] } },
  test: {
    name: '@ayokit/react',
    environment: 'jsdom',
    // Test files share their worker's modules (see the root vitest.config.ts).
    isolate: false,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // The tests of what loads on demand hold the load in their hand: they need the component's own
    // module instance, which no other file has loaded the chunk into (vitest.lazy.config.ts).
    exclude: [...configDefaults.exclude, 'src/**/*.lazy.test.tsx'],
    setupFiles: ['./test-setup.ts'],
    testTimeout: 20000,
  },
});
