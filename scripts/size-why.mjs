#!/usr/bin/env node
// `pnpm size:why`: what each size budget of .size-limit.cjs is made of, offline.
//
// For every scenario it bundles exactly as `pnpm size` does (size-limit's own esbuild, its
// options: minified, tree-shaken, React left out) and prints
//   - the total, brotli (what the budget counts) and gzip, from the built dist;
//   - the bytes per package and the largest modules, from the same bundle built from the sources
//     (the `@ayokit/source` condition), so that each source file of ours has its own line;
//   - any package bundled twice (two copies of the same name from two folders): there must be none.
// A module's compressed share is estimated (its minified bytes × the bundle's compression ratio).
//
// Usage: node scripts/size-why.mjs [--top N] [part of a scenario name…]   (run `pnpm build` first)
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The esbuild that size-limit runs (its plugin's own dependency), so both count the same bytes.
const fromPreset = createRequire(
  realpathSync(join(root, 'node_modules/@size-limit/preset-small-lib/package.json')),
);
const esbuild = createRequire(realpathSync(fromPreset.resolve('@size-limit/esbuild/package.json')))(
  'esbuild',
);

const argv = process.argv.slice(2);
const topAt = argv.indexOf('--top');
const top = topAt >= 0 ? Number(argv[topAt + 1]) : 15;
const only = argv.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
const checks = require(join(root, '.size-limit.cjs')).filter(
  (c) => only.length === 0 || only.some((o) => c.name.includes(o)),
);

const kB = (n) => `${(n / 1000).toFixed(2)} kB`;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The entry size-limit writes for a check (its processImport), importing from `file`. */
function entryCode(check, file) {
  const spec = check.import ?? '*';
  if (spec === '*') return `import * as all from ${JSON.stringify(file)}\nconsole.log(all)\n`;
  return `import ${spec} from ${JSON.stringify(file)}\nconsole.log(${spec.replace(/[{}]/g, '').trim()})\n`;
}

/** `packages/react/dist/locales/en.js` → its source, `packages/react/src/locales/en.ts(x)`. */
function sourceOf(path) {
  const base = join(root, path.replace('/dist/', '/src/').replace(/\.js$/, ''));
  for (const ext of ['.ts', '.tsx']) {
    try {
      return realpathSync(base + ext);
    } catch {}
  }
  throw new Error(`no source for ${path}`);
}

async function bundle(check, file, dir, conditions) {
  writeFileSync(join(dir, 'index.js'), entryCode(check, file));
  // size-limit's options (@size-limit/esbuild get-config.js), not written to disk.
  let options = {
    entryPoints: [join(dir, 'index.js')],
    bundle: true,
    external: check.ignore,
    metafile: true,
    minifyIdentifiers: true,
    minifySyntax: true,
    minifyWhitespace: true,
    treeShaking: true,
    outdir: join(dir, 'out'),
    write: false,
    conditions,
    absWorkingDir: root,
    logLevel: 'error',
  };
  // The scenario's own changes, as size-limit applies them (first load only, or split chunks).
  if (check.modifyEsbuildConfig) options = check.modifyEsbuildConfig(options);
  const result = await esbuild.build(options);
  // One file, or the entry and its chunks when the scenario splits (each compressed on its own).
  const files = result.outputFiles.filter((f) => f.path.endsWith('.js'));
  const inputs = {};
  for (const output of Object.values(result.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      inputs[input] = { bytesInOutput: (inputs[input]?.bytesInOutput ?? 0) + bytesInOutput };
  return { files: files.map((f) => f.contents), inputs };
}

/** `@tanstack/query-core` for a file in node_modules, `@ayokit/<dir>` for ours. */
function packageOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = input.slice(at + 'node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    return { name, root: `${input.slice(0, at)}node_modules/${name}` };
  }
  const ours = /(?:^|\/)packages\/([^/]+)\//.exec(input);
  if (ours) return { name: `@ayokit/${ours[1]}`, root: `packages/${ours[1]}` };
  return { name: '(entry)', root: '' };
}

const tmp = mkdtempSync(join(tmpdir(), 'ayokit-size-why-'));
let failed = false;
try {
  for (const check of checks) {
    const dir = join(tmp, String(checks.indexOf(check)));
    mkdirSync(dir, { recursive: true });
    const dist = await bundle(check, join(root, check.path), dir, []);
    const src = await bundle(check, sourceOf(check.path), dir, ['@ayokit/source']);
    // `pnpm size` subtracts what an empty bundle of the same kind weighs (@size-limit/esbuild).
    const all = Buffer.concat(dist.files);
    const empty = all.includes('Dynamic require of ') ? [182, 182] : [30, 46];
    const br = dist.files.reduce((n, f) => n + brotli(f), 0) - empty[0];
    const gz = dist.files.reduce((n, f) => n + gzipSync(f, { level: 9 }).length, 0) - empty[1];
    const srcAll = Buffer.concat(src.files);
    const ratio = brotli(srcAll) / srcAll.length;
    console.log(`\n${check.name}  (limit ${check.limit})`);
    const chunks = dist.files.length > 1 ? ` in ${dist.files.length} files` : '';
    console.log(`  ${kB(br)} brotli (as \`pnpm size\`), ${kB(gz)} gzip, ${kB(all.length)} minified${chunks}`);

    const rows = Object.entries(src.inputs).map(([input, { bytesInOutput }]) => ({
      input: relative(root, join(root, input)).replace(/^.*node_modules\//, ''),
      pkg: packageOf(input),
      bytes: bytesInOutput,
    }));
    const byPackage = new Map();
    for (const r of rows) byPackage.set(r.pkg.name, (byPackage.get(r.pkg.name) ?? 0) + r.bytes);
    console.log('  by package (minified from sources; ≈ brotli share):');
    for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) {
      if (bytes === 0) continue;
      console.log(`    ${name.padEnd(26)} ${kB(bytes).padStart(9)}  ≈ ${kB(bytes * ratio)}`);
    }
    console.log(`  top ${top} modules:`);
    for (const r of rows.sort((a, b) => b.bytes - a.bytes).slice(0, top)) {
      console.log(`    ${kB(r.bytes).padStart(9)}  ≈ ${kB(r.bytes * ratio).padStart(8)}  ${r.input}`);
    }
    // No second copy: one folder per package name.
    const roots = new Map();
    for (const r of rows) {
      if (r.bytes === 0) continue;
      const set = roots.get(r.pkg.name) ?? new Set();
      set.add(r.pkg.root);
      roots.set(r.pkg.name, set);
    }
    const twice = [...roots].filter(([, set]) => set.size > 1);
    if (twice.length > 0) {
      failed = true;
      for (const [name, set] of twice) console.log(`  TWO COPIES of ${name}: ${[...set].join(', ')}`);
    } else console.log(`  one copy of each of ${roots.size} packages`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) process.exit(1);
