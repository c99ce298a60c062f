import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// ESM only. `"use client"` heads every emitted file: the components use React context and state,
// so a Next.js server component must see this package as a client boundary (checked by
// scripts/check-packages.mjs on the packed tarball). The stylesheet ships as dist/styles.css.
// Each locale is an entry of its own (`@ayokit/react/locales/en`): the main entry carries only the
// built-in Indonesian, and a shop imports the other languages it shows.
export default defineConfig({
  entry: { index: 'src/index.ts', 'locales/id': 'src/locales/id.ts', 'locales/en': 'src/locales/en.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  banner: { js: '"use client";' },
  async onSuccess() {
    await copyFile('src/styles.css', 'dist/styles.css');
  },
});
