import { brotliCompressSync } from 'node:zlib';
import { build } from '/work/wt-messages/node_modules/.pnpm/esbuild@0.28.2/node_modules/esbuild/lib/main.js';

for (const f of process.argv.slice(2)) {
  const r = await build({
    entryPoints: [f],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    external: ['@ayokit/*', 'react', '@tanstack/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = r.outputFiles[0].contents;
  console.log(f, code.length, brotliCompressSync(code).length);
}
