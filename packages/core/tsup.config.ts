import { defineConfig } from 'tsup';

// ESM only. Every module of the root entry is an entry of its own, so the build keeps one file per
// module (esbuild's code splitting) and `dist/index.js` only re-exports them: with
// `"sideEffects": false`, a browser bundle that imports AyoError or the response checks
// (checks.gen.ts) from `@ayokit/core` leaves out the zod schemas (api.ts, staff.ts,
// orderEvents.ts) and zod itself.
// (One bundled file would keep them: zod schemas built at module level cannot be tree-shaken.)
export default defineConfig({
  entry: [
    'src/index.ts',
    'src/api.ts',
    'src/banks.ts',
    'src/check.ts',
    'src/checks.gen.ts',
    'src/errors.ts',
    'src/flows.ts',
    'src/money.ts',
    'src/orderEvents.ts',
    'src/routes.ts',
    'src/staff.ts',
    'src/snap/index.ts',
  ],
  format: ['esm'],
  // Types only for the public entries (the package's exports).
  dts: { entry: ['src/index.ts', 'src/snap/index.ts'] },
  clean: true,
  splitting: true,
});
