#!/usr/bin/env node
// Issue #11: the two example apps, built as a merchant would — from the packed tarballs, with the
// README's instructions alone — in a fresh folder outside the repository:
//   1. copies examples/node-http (plain node:http + @ayokit/proxy) and examples/vite-app (Vite +
//      React + TS) to a temp folder, points their @ayokit/* dependencies at .packs/*.tgz (and
//      overrides, so nothing @ayokit comes from a registry), and `npm install`s each (npm cache kept);
//   2. `tsc --noEmit` on the Vite app (the types resolve from the tarballs) and `vite build`;
//   3. prints the client bundle's gzip size and ayokit's share of it (source-map attribution);
//   4. starts the node server on a free port, runs its HTTP tests (node:test, examples/node-http/
//      server.test.mjs), then Playwright in Debian's Chromium (e2e/examples/): sign in, bind a
//      bank account on the simulator's bank pages, pay a checkout the server made;
//   5. swaps the Vite app's React for 18 (the other major the packages accept) and does 2 and 4
//      again: tsc, vite build, the same Playwright journey against a fresh server;
//   6. prints per-phase timings. Exits non-zero on any failure.
// Needs: .packs/ (node scripts/check-packages.mjs --no-build --out .packs), /usr/bin/chromium
// (scripts/ensure-chromium.sh), e2e's installed @playwright/test, and the npm registry.
//
// Usage: node scripts/example-node-vite.mjs [--keep]   (--keep: leave the temp folder, path printed)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { piecesBySource } from './bundle-share.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const packs = join(root, '.packs');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = ['core', 'hooks', 'react', 'proxy', 'sandbox'];

const started = performance.now();
const timings = [];
let server = null;
let work = null;

async function phase(name, fn) {
  const t = performance.now();
  console.log(`\n--> ${name}`);
  try {
    return await fn();
  } finally {
    timings.push([name, (performance.now() - t) / 1000]);
  }
}

/** Runs a command; its output is shown live (`show`) or only when it fails. */
function run(command, args, { cwd, env = {}, show = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: show ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else {
        if (!show) process.stderr.write(output);
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${signal ?? `exit ${code}`}`));
      }
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1');
    probe.on('error', reject);
    probe.on('listening', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// ---- checks before anything is copied -----------------------------------------------------------
// check-packages.mjs empties .packs/ before packing: one tarball per package, whatever its version.
const packed = existsSync(packs) ? readdirSync(packs) : [];
const tarballs = Object.fromEntries(
  PACKAGES.map((name) => {
    const file = packed.find((f) => new RegExp(`^ayokit-${name}-\\d[^/]*\\.tgz$`).test(f));
    return [`@ayokit/${name}`, file ? join(packs, file) : null];
  }),
);
const missing = Object.keys(tarballs).filter((name) => !tarballs[name]);
if (missing.length) {
  console.error(`No tarball of ${missing.join(', ')} in .packs/.`);
  console.error(
    'Make them with: pnpm --filter "./packages/*" build && node scripts/check-packages.mjs --no-build --out .packs',
  );
  process.exit(1);
}
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}: run bash scripts/ensure-chromium.sh (or set CHROMIUM_PATH).`);
  process.exit(1);
}
const playwright = join(root, 'e2e', 'node_modules', '.bin', 'playwright');
if (!existsSync(playwright)) {
  console.error('e2e has no @playwright/test installed: run pnpm install at the repository root.');
  process.exit(1);
}

try {
  const apps = await phase('copy both examples to a temp folder, dependencies pointed at .packs/', () => {
    work = mkdtempSync(join(tmpdir(), 'ayokit-examples-'));
    const specs = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
    const dirs = {};
    for (const app of ['node-http', 'vite-app']) {
      const dir = join(work, app);
      cpSync(join(root, 'examples', app), dir, {
        recursive: true,
        filter: (src) => !/[/\\](node_modules|dist|\.data|package-lock\.json)$/.test(src),
      });
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      for (const name of Object.keys(pkg.dependencies ?? {}))
        if (specs[name]) pkg.dependencies[name] = specs[name];
      // @ayokit/core (a dependency of the others) and every @ayokit package: the tarballs only.
      pkg.overrides = specs;
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      dirs[app] = dir;
    }
    console.log(`    ${work}`);
    return dirs;
  });

  await phase('npm install (both apps, in parallel)', async () => {
    const flags = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    await Promise.all(Object.values(apps).map((cwd) => run('npm', flags, { cwd })));
    for (const [app, dir] of Object.entries(apps)) {
      const got = readdirSync(join(dir, 'node_modules', '@ayokit')).sort();
      console.log(`    ${app}: @ayokit/{${got.join(',')}}`);
    }
  });

  const vite = apps['vite-app'];
  // Stricter than the app's own `npm run typecheck` (create-vite's skipLibCheck): the packages'
  // .d.ts are checked too, so an import inside them that does not resolve fails instead of
  // quietly becoming `any` (TypeScript's own lib files are still skipped).
  await phase("vite-app: tsc --noEmit, the tarballs' .d.ts checked too", () =>
    run(
      join(vite, 'node_modules', '.bin', 'tsc'),
      ['--noEmit', '--skipLibCheck', 'false', '--skipDefaultLibCheck'],
      {
        cwd: vite,
        show: true,
      },
    ),
  );
  await phase('vite-app: vite build', () =>
    // Hidden source maps (no reference in the JS, which is byte-for-byte a plain build's) for the
    // size attribution below; removed before the server serves dist/.
    run(join(vite, 'node_modules', '.bin', 'vite'), ['build', '--sourcemap', 'hidden'], {
      cwd: vite,
      show: true,
    }),
  );
  const sizes = await phase('client bundle: gzip and ayokit share', () => bundleSizes(vite));

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  await phase(`node-http: start server.mjs on ${baseUrl}`, () =>
    startServer(apps['node-http'], port, baseUrl),
  );
  await phase('node-http: HTTP tests (node --test server.test.mjs)', () =>
    run(process.execPath, ['--test', '--test-reporter=spec', 'server.test.mjs'], {
      cwd: apps['node-http'],
      env: { BASE_URL: baseUrl },
      show: true,
    }),
  );
  await phase('Playwright in Chromium: sign in, bind on the bank pages, pay (e2e/examples)', () =>
    run(playwright, ['test', '-c', 'examples/playwright.config.ts'], {
      cwd: join(root, 'e2e'),
      env: { EXAMPLE_BASE_URL: baseUrl, CHROMIUM_PATH: chromium },
      show: true,
    }),
  );
  await phase('node-http: stop the server (SIGTERM)', () => stopServer());

  // React 18, the other major the packages accept as a peer (^18.3.0 || ^19.0.0): the same app with
  // its React swapped, type-checked, built and paid with again against a fresh server (the
  // simulator keeps its bank in memory, so the same account binds again).
  await phase('vite-app on React 18: npm install react@18 react-dom@18 and their types', async () => {
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
        'react@18.3.1',
        'react-dom@18.3.1',
        '@types/react@^18.3.0',
        '@types/react-dom@^18.3.0',
      ],
      { cwd: vite },
    );
    const { version } = JSON.parse(readFileSync(join(vite, 'node_modules', 'react', 'package.json'), 'utf8'));
    if (!version.startsWith('18.')) throw new Error(`React ${version} installed, not 18`);
    console.log(`    react ${version}`);
  });
  await phase("vite-app on React 18: tsc --noEmit, the tarballs' .d.ts checked too", () =>
    run(
      join(vite, 'node_modules', '.bin', 'tsc'),
      ['--noEmit', '--skipLibCheck', 'false', '--skipDefaultLibCheck'],
      {
        cwd: vite,
        show: true,
      },
    ),
  );
  await phase('vite-app on React 18: vite build', () =>
    run(join(vite, 'node_modules', '.bin', 'vite'), ['build'], { cwd: vite, show: true }),
  );
  const port18 = await freePort();
  const baseUrl18 = `http://127.0.0.1:${port18}`;
  await phase(`node-http: start server.mjs on ${baseUrl18} (React 18 build)`, () =>
    startServer(apps['node-http'], port18, baseUrl18),
  );
  await phase('Playwright in Chromium on React 18: sign in, bind on the bank pages, pay', () =>
    run(playwright, ['test', '-c', 'examples/playwright.config.ts'], {
      cwd: join(root, 'e2e'),
      env: { EXAMPLE_BASE_URL: baseUrl18, CHROMIUM_PATH: chromium },
      show: true,
    }),
  );
  await phase('node-http: stop the server (SIGTERM)', () => stopServer());
  if (!keep) await phase('remove the temp folder', () => rmSync(work, { recursive: true, force: true }));

  printTimings();
  printSizes(sizes);
  if (keep) console.log(`\nKept ${work}`);
  console.log('\nExample apps: all checks passed.');
} catch (error) {
  console.error(`\nFAILED: ${error instanceof Error ? error.message : error}`);
  if (server?.output) console.error(`\nserver.mjs output:\n${server.output}`);
  await stopServer().catch(() => {});
  printTimings();
  if (work) console.error(`The temp folder is kept for a look: ${work}`);
  process.exit(1);
}

// ---- the node server --------------------------------------------------------------------------
function startServer(cwd, port, baseUrl) {
  return new Promise((resolve, reject) => {
    // No DATABASE_URL or AYOCONNECT_* from this shell: the example runs embedded (sandbox + PGlite).
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('AYOCONNECT_')),
    );
    const child = spawn(process.execPath, ['server.mjs'], {
      cwd,
      env: { ...env, PORT: String(port), PUBLIC_URL: baseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = { child, output: '' };
    const timer = setTimeout(() => reject(new Error('server.mjs did not start within 90 s')), 90_000);
    const onData = (d) => {
      server.output += d;
      if (server.output.includes(`Shop on ${baseUrl}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      server.exited = { code, signal };
      clearTimeout(timer);
      reject(new Error(`server.mjs exited (${signal ?? `exit ${code}`}) before it listened`));
    });
  });
}

async function stopServer() {
  if (!server || server.exited) return;
  const { child } = server;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), 10_000);
  });
  const result = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (!result) {
    child.kill('SIGKILL');
    throw new Error('server.mjs did not stop within 10 s of SIGTERM');
  }
  server.exited = result;
  // The example's SIGTERM handler closes the server, the proxy and the database: a clean exit.
  if (result.code !== 0)
    throw new Error(`server.mjs ended with ${result.signal ?? `exit ${result.code}`} after SIGTERM`);
}

// ---- bundle sizes -----------------------------------------------------------------------------
/**
 * gzip (level 9) of every file in dist/, and the JavaScript attributed to its sources through the
 * hidden source map: each minified byte belongs to the original file of the mapping segment it
 * falls in; files are grouped by package and each group's bytes are gzipped alone. The CSS has no
 * map: ayokit's part is the tarball's styles.css minified with lightningcss (Vite 8's CSS
 * minifier, from the Vite app's own install) and gzipped.
 */
function bundleSizes(appDir) {
  const dist = join(appDir, 'dist');
  const files = readdirSync(dist, { recursive: true }).filter((f) => /\.(js|css|html)$/.test(f));
  const gz = (text) => gzipSync(text, { level: 9 }).length;
  const byType = { js: 0, css: 0, html: 0 };
  const groups = new Map();
  for (const file of files) {
    const text = readFileSync(join(dist, file));
    byType[file.split('.').pop()] += gz(text);
    if (!file.endsWith('.js')) continue;
    // Vite 8 emits its small module runtime chunk without a map: all of it is the bundler's own.
    const mapFile = join(dist, `${file}.map`);
    const map = existsSync(mapFile)
      ? JSON.parse(readFileSync(mapFile, 'utf8'))
      : { mappings: '', sources: [] };
    for (const [group, chunk] of piecesBySource(text.toString('utf8'), map, groupOf)) {
      groups.set(group, (groups.get(group) ?? '') + chunk);
    }
  }
  for (const file of readdirSync(dist, { recursive: true }))
    if (file.endsWith('.map')) rmSync(join(dist, file));

  const require = createRequire(join(appDir, 'node_modules', 'vite', 'package.json'));
  let ayokitCss = null;
  try {
    const { transform } = require('lightningcss');
    const css = readFileSync(join(appDir, 'node_modules', '@ayokit', 'react', 'dist', 'styles.css'));
    ayokitCss = gz(transform({ filename: 'styles.css', code: css, minify: true }).code);
  } catch (error) {
    console.log(`    (ayokit's CSS share not measured: ${error.message})`);
  }
  const rows = [...groups].map(([group, text]) => ({ group, min: Buffer.byteLength(text), gzip: gz(text) }));
  rows.sort((a, b) => b.min - a.min);
  const isAyokit = (group) => group.startsWith('@ayokit/') || group.startsWith('zod');
  const ayokitJs = gz(
    [...groups]
      .filter(([group]) => isAyokit(group))
      .map(([, text]) => text)
      .join(''),
  );
  return { byType, rows, isAyokit, ayokitJs, ayokitCss };
}

function groupOf(source) {
  if (source == null) return 'unmapped (bundler runtime, whitespace)';
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) return 'the app (src/)';
  const [first, second] = source.slice(at + 'node_modules/'.length).split('/');
  const name = first.startsWith('@') ? `${first}/${second}` : first;
  if (name.startsWith('@ayokit/')) return name;
  if (name === 'react' || name === 'react-dom' || name === 'scheduler')
    return 'react + react-dom + scheduler';
  if (name === 'zod') return 'zod (from @ayokit/core and hooks)';
  if (name.startsWith('@tanstack/')) return '@tanstack/* (peer, shared with the app)';
  return name;
}

function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function printSizes({ byType, rows, isAyokit, ayokitJs, ayokitCss }) {
  const total = byType.js + byType.css + byType.html;
  console.log('\nClient bundle of examples/vite-app (dist/, each file gzip -9):');
  console.log(`  JS ${kB(byType.js)} + CSS ${kB(byType.css)} + HTML ${kB(byType.html)} = ${kB(total)}`);
  console.log(
    '  JS by source (hidden source map; each group gzipped alone, so the parts sum above the whole):',
  );
  const minTotal = rows.reduce((s, r) => s + r.min, 0);
  for (const r of rows) {
    const share = ((100 * r.min) / minTotal).toFixed(1).padStart(5);
    console.log(
      `    ${r.group.padEnd(42)} ${kB(r.min).padStart(9)} min ${share} %  ${kB(r.gzip).padStart(8)} gzip`,
    );
  }
  const aMin = rows.filter((r) => isAyokit(r.group)).reduce((s, r) => s + r.min, 0);
  console.log(
    `  ayokit's share of the JS (@ayokit/* + zod, which only they bring): ${kB(aMin)} minified = ` +
      `${((100 * aMin) / minTotal).toFixed(1)} %, ≈ ${kB((byType.js * aMin) / minTotal)} of the ${kB(byType.js)} gzip ` +
      `pro rata (${kB(ayokitJs)} when its bytes are gzipped on their own)`,
  );
  if (ayokitCss !== null)
    console.log(
      `  ayokit's CSS (@ayokit/react/styles.css, minified by lightningcss): ${kB(ayokitCss)} of the ${kB(byType.css)} gzip`,
    );
}

function printTimings() {
  console.log('\nTimings (s):');
  for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)}  ${name}`);
  console.log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)}  total`);
}
