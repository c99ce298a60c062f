// A tsup (esbuild) plugin for the browser packages: every source module becomes one file of
// dist, at the same path, importing its neighbours as the source does (Rollup's
// `preserveModules`). Bundlers put whole files in chunks, so a module that a page loads on
// demand (PayWithSavedCard's bind and add-card steps) stays out of its first load only as a
// file of its own; and unlike esbuild's code splitting, no file imports chunks it does not use
// (bare `import "./chunk-….js"`, which every esbuild-based bundle then warns about).
//
// Use with every module as an entry and `splitting: false`: each relative import is left
// external, with the path of the file it resolves to, `.js` in place of `.ts`/`.tsx`.
import { dirname, relative } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

export const oneFilePerModule: Plugin = {
  name: 'one-file-per-module',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData?.own) return undefined;
      const resolved = await build.resolve(args.path, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: { own: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      // Only modules of this package's source are files of their own (a stylesheet is not JS).
      if (!/\.(ts|tsx)$/.test(resolved.path)) return undefined;
      let path = relative(dirname(args.importer), resolved.path).replace(/\.tsx?$/, '.js');
      if (!path.startsWith('.')) path = `./${path}`;
      return { path, external: true };
    });
  },
};
