import { defineConfig } from 'tsup';
import { oneFilePerModule } from '../../scripts/tsup-one-file-per-module';

// ESM only. `"use client"` heads every emitted file: the provider creates React context, so a
// Next.js server component must see this package as a client boundary (checked by
// scripts/check-packages.mjs on the packed tarball).
// Every module is a file of its own in dist (scripts/tsup-one-file-per-module.mjs), and
// `dist/index.js` only re-exports them. Bundlers put whole modules in chunks: a
// page that loads binding and card registration on demand (@ayokit/react's PayWithSavedCard)
// can only leave their flows out of its first load when they are files of their own.
export default defineConfig({
  entry: ['src/**/*.ts', 'src/**/*.tsx', '!src/**/*.test.ts', '!src/**/*.test.tsx', '!src/**/*.test-d.ts'],
  format: ['esm'],
  // Types only for the public entries (the package's exports).
  dts: { entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' } },
  clean: true,
  splitting: false,
  esbuildPlugins: [oneFilePerModule],
  banner: { js: '"use client";' },
});
