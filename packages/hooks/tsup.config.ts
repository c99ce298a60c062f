import { defineConfig } from 'tsup';

// ESM only. `"use client"` heads every emitted file: the provider creates React context, so a
// Next.js server component must see this package as a client boundary (checked by
// scripts/check-packages.mjs on the packed tarball).
export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  banner: { js: '"use client";' },
});
