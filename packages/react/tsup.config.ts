import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { oneFilePerModule } from '../../scripts/tsup-one-file-per-module';

// ESM only. `"use client"` heads every emitted file: the components use React context and state,
// so a Next.js server component must see this package as a client boundary (checked by
// scripts/check-packages.mjs on the packed tarball). The stylesheet ships as dist/styles.css.
// Each locale is an entry of its own (`@ayokit/react/locales/en`): the main entry carries only the
// built-in Indonesian, and a shop imports the other languages it shows.
// Every module is a file of its own in dist (scripts/tsup-one-file-per-module.mjs), and
// `dist/index.js` only re-exports them: bundlers put whole modules in chunks, and
// PayWithSavedCard's steps loaded on demand (AddCard, BindAccount, the bank picker, the hosted
// page) stay out of a checkout's first load only as files of their own.
export default defineConfig({
  entry: [
    'src/**/*.ts',
    'src/**/*.tsx',
    '!src/**/*.test.ts',
    '!src/**/*.test.tsx',
    '!src/**/*.test-d.tsx',
    '!src/**/*.stories.tsx',
    '!src/internal/fixtures.ts',
    '!src/internal/story-helpers.ts',
    '!src/internal/storybook.ts',
    '!src/internal/test-utils.tsx',
  ],
  format: ['esm'],
  // Types only for the public entries (the package's exports).
  dts: {
    entry: { index: 'src/index.ts', 'locales/id': 'src/locales/id.ts', 'locales/en': 'src/locales/en.ts' },
  },
  clean: true,
  splitting: false,
  esbuildPlugins: [oneFilePerModule],
  banner: { js: '"use client";' },
  async onSuccess() {
    await copyFile('src/styles.css', 'dist/styles.css');
  },
});
