#!/usr/bin/env node
// apps/next-example as a merchant would run it, from the packed packages only:
//   1. copy the app to a fresh folder outside the repo, put the tarballs from .packs/ beside it;
//   2. `npm install ./vendor/ayokit-*.tgz` (the rest from the npm registry; the npm cache is kept);
//   3. `next build` — and check it opened no database (no data folder: the proxy is made lazily);
//   4. print the kit's share of the browser JavaScript (scripts/bundle-share.mjs: source maps);
//   5. `next start` with a mistake in its environment (AYOCONNECT_CLIENT_ID alone, a PUBLIC_URL with
//      a path, a short SESSION_SECRET, a data folder it cannot write): it must exit non-zero
//      naming the variable, having answered no request (instrumentation.ts checks at boot);
//   6. `next start` on a free port, wait for the proxy's first answer;
//   7. Playwright (e2e/next-example, Debian's Chromium): every method through the route handler,
//      sign-in → bind on the simulated bank's pages → pay the server-made checkout → paid, the
//      back office refunds it; axe on every page.
// Needs .packs/ (node scripts/check-packages.mjs --no-build --out .packs) and /usr/bin/chromium.
// Fails (exit 1) on any failure; prints the time of each phase.
//
// Usage: node scripts/example-next.mjs [--keep] [--port N]
//   --keep    keep the temporary app folder (it is kept anyway when something fails)
//   --port N  serve on N instead of a free port (NEXT_EXAMPLE_PORT works too)
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleShare, formatShare } from './bundle-share.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const portArg = argv.includes('--port') ? argv[argv.indexOf('--port') + 1] : process.env.NEXT_EXAMPLE_PORT;
const PACKAGES = ['core', 'hooks', 'react', 'proxy', 'sandbox'];
/** A second origin of "the shop" in ALLOWED_ORIGINS: the spec checks the CORS answer for it. */
const OTHER_ORIGIN = 'https://app.shop.example';

const timings = [];
const started = performance.now();
let app = null;
let server = null;
let failed = false;

async function phase(name, fn) {
  console.log(`\n==> ${name}`);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings.push([name, (performance.now() - t0) / 1000]);
  }
}

/** Runs a command, its output shown; rejects on a non-zero exit. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Paths under `dir` (not in node_modules) whose name matches, relative to `dir`. */
function findNamed(dir, pattern, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (pattern.test(entry.name)) found.push(relative(app, path));
    if (entry.isDirectory()) findNamed(path, pattern, found);
  }
  return found;
}

/** Stops next start and its workers (their own process group), and waits for them. */
async function stopServer(child = server) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** `next start` on `port` in its own process group, its output appended to `log`. */
function nextStart(port, env, log) {
  const out = openSync(log, 'a');
  return spawn(
    process.execPath,
    [
      join(app, 'node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      cwd: app,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    },
  );
}

/** The shop's good environment, as the browser tests reach it. */
const shopEnv = (url) => ({ PUBLIC_URL: url, ALLOWED_ORIGINS: `${url},${OTHER_ORIGIN}` });

/**
 * Starts `next start` with a mistake in its environment and waits for it to exit. It must exit
 * non-zero, print a line beginning `[shop] cannot start: ` that matches `expected` (the variable),
 * and answer no request meanwhile (it is asked for the banks every 100 ms).
 */
async function refusesToStart(name, env, expected) {
  const port = await freePort();
  const log = join(app, `next-start-refused-${name}.log`);
  const child = nextStart(port, env, log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const deadline = Date.now() + 30_000;
  let answered = null;
  let code = null;
  try {
    while (code === null && answered === null) {
      if (Date.now() > deadline) throw new Error(`${name}: next start still runs after 30 s; see ${log}`);
      const res = await fetch(`http://127.0.0.1:${port}/ayokit/v1/banks`).catch(() => null);
      if (res) answered = res.status;
      code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 100))]);
    }
  } finally {
    await stopServer(child);
  }
  const output = readFileSync(log, 'utf8');
  const line = output.split('\n').find((l) => l.startsWith('[shop] cannot start: '));
  if (answered !== null) throw new Error(`${name}: next start answered a request (${answered}); see ${log}`);
  if (code === 0) throw new Error(`${name}: next start exited 0; see ${log}`);
  if (!line || !expected.test(line))
    throw new Error(`${name}: no "[shop] cannot start: " line matching ${expected}; see ${log}`);
  console.log(`  ${name}: exit ${code}, no request answered\n    ${line}`);
}

try {
  const tarballs = await phase('Packed tarballs (.packs/)', () => {
    const dir = join(root, '.packs');
    const files = existsSync(dir) ? readdirSync(dir) : [];
    return PACKAGES.map((name) => {
      const matches = files.filter((f) => f.startsWith(`ayokit-${name}-`) && f.endsWith('.tgz'));
      if (matches.length !== 1) {
        throw new Error(
          `expected one .packs/ayokit-${name}-*.tgz, found ${matches.length}: run ` +
            "`pnpm --filter './packages/*' build && node scripts/check-packages.mjs --no-build --out .packs` first",
        );
      }
      console.log(`  ${matches[0]}`);
      return join(dir, matches[0]);
    });
  });

  await phase("The READMEs show the example's route handler as it is", () => {
    const route = 'app/ayokit/[...path]/route.ts';
    const file = readFileSync(join(root, 'apps', 'next-example', route), 'utf8').trim();
    let shown = 0;
    for (const readme of ['README.md', 'apps/next-example/README.md']) {
      const text = readFileSync(join(root, readme), 'utf8');
      // A ```ts block whose first line names the file.
      for (const [, block] of text.matchAll(
        /```ts\n\/\/ (?:apps\/next-example\/)?app\/ayokit\/\[\.\.\.path\]\/route\.ts\n([\s\S]*?)```/g,
      )) {
        if (block.trim() !== file) throw new Error(`${readme} shows a ${route} that is not the example's`);
        shown++;
        console.log(`  ${readme}: the same`);
      }
    }
    if (shown === 0) throw new Error(`no README shows ${route} (apps/next-example/README.md should)`);
  });

  await phase('Copy apps/next-example to a fresh folder outside the repo', () => {
    app = mkdtempSync(join(tmpdir(), 'ayokit-next-example-'));
    const source = join(root, 'apps', 'next-example');
    const skip = new Set(['node_modules', '.next', '.data', 'next-env.d.ts']);
    cpSync(source, app, {
      recursive: true,
      filter: (path) => !skip.has(basename(path)) && !path.endsWith('.tsbuildinfo'),
    });
    mkdirSync(join(app, 'vendor'));
    for (const tgz of tarballs) cpSync(tgz, join(app, 'vendor', basename(tgz)));
    console.log(`  ${app}`);
  });

  await phase('npm install (the tarballs, the rest from the registry)', async () => {
    const specs = tarballs.map((tgz) => `./vendor/${basename(tgz)}`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], {
      cwd: app,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    // Peer dependencies: one React and one TanStack Query, the app's own (no copy per package).
    for (const name of ['react', 'react-dom', '@tanstack/react-query', '@ayokit/hooks', '@ayokit/core']) {
      const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
      const paths = Object.keys(lock.packages ?? {}).filter((p) => p.endsWith(`node_modules/${name}`));
      if (paths.length !== 1)
        throw new Error(`${name} is installed ${paths.length} times: ${paths.join(', ')}`);
    }
    console.log('  one copy each of react, react-dom, @tanstack/react-query, @ayokit/hooks, @ayokit/core');
  });

  await phase('next build', () =>
    run(process.execPath, [join(app, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      cwd: app,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_EXAMPLE_SOURCE_MAPS: '1' },
    }),
  );

  await phase('The build opened no database (the proxy and PGlite are made on the first request)', () => {
    const written = findNamed(app, /^(\.data|pglite|local-secrets\.json|sandbox-state\.json)$/);
    if (written.length)
      throw new Error(`next build wrote ${written.join(', ')}: something ran at build time`);
    console.log('  no .data, pglite, local-secrets.json or sandbox-state.json in the app folder');
  });

  await phase("The kit's share of the browser JavaScript", () => {
    console.log(
      formatShare(bundleShare(join(app, '.next')))
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  });

  await phase('A mistake in the environment stops next start, naming the variable', async () => {
    // Each in a data folder of its own: the good server's below stays untouched.
    const refused = (name) => ({
      ...shopEnv('http://127.0.0.1:3000'),
      AYOKIT_DATA_DIR: join(app, `.data-${name}`),
    });
    await refusesToStart(
      'client-id-alone',
      { ...refused('client-id-alone'), AYOCONNECT_CLIENT_ID: 'client-1' },
      /^\[shop\] cannot start: AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY, AYOCONNECT_MERCHANT_ID: AYOCONNECT_CLIENT_ID is set/,
    );
    await refusesToStart(
      'public-url-path',
      { ...refused('public-url-path'), PUBLIC_URL: 'https://shop.example/checkout' },
      /^\[shop\] cannot start: PUBLIC_URL: must be an origin/,
    );
    await refusesToStart(
      'allowed-origins-scheme',
      { ...refused('allowed-origins-scheme'), ALLOWED_ORIGINS: 'shop.example' },
      /^\[shop\] cannot start: ALLOWED_ORIGINS: must be an origin/,
    );
    await refusesToStart(
      'session-secret-short',
      { ...refused('session-secret-short'), SESSION_SECRET: 'hunter2' },
      /^\[shop\] cannot start: SESSION_SECRET: must be at least 32 characters \(got 7\)/,
    );
    await refusesToStart(
      'data-dir-unwritable',
      { ...refused('data-dir-unwritable'), AYOKIT_DATA_DIR: join(app, 'package.json', 'data') },
      /^\[shop\] cannot start: AYOKIT_DATA_DIR: cannot keep the shop's data in .*package\.json\/data \(ENOTDIR\)/,
    );
  });

  const port = portArg ? Number(portArg) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  await phase(`next start on ${url}, until the proxy answers (PGlite, keys: the first request)`, async () => {
    const log = join(app, 'next-start.log');
    server = nextStart(port, shopEnv(url), log);
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}); see ${log}`);
      if (Date.now() > deadline) throw new Error(`the proxy did not answer within 90 s; see ${log}`);
      const res = await fetch(`${url}/ayokit/v1/banks`).catch(() => null);
      if (res) {
        const body = await res.json().catch(() => null);
        if (res.status === 401 && body?.code === 'UNAUTHENTICATED') break;
        throw new Error(`GET /ayokit/v1/banks answered ${res.status} ${JSON.stringify(body)}; see ${log}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const db = join(app, '.data', 'pglite');
    if (!existsSync(db)) throw new Error(`no ${relative(app, db)} after the first request`);
    console.log(`  the proxy answers; ${relative(app, db)} was made by the first request`);
    if (!readFileSync(log, 'utf8').includes('[shop] environment checked: '))
      throw new Error(`instrumentation.ts did not check the environment at boot; see ${log}`);
  });

  await phase('Playwright (e2e/next-example) in Chromium', () =>
    run('pnpm', ['exec', 'playwright', 'test', '--config', 'next-example/playwright.config.ts'], {
      cwd: join(root, 'e2e'),
      env: { ...process.env, NEXT_EXAMPLE_URL: url, NEXT_EXAMPLE_OTHER_ORIGIN: OTHER_ORIGIN },
    }),
  );
} catch (error) {
  failed = true;
  console.error(`\nFAILED: ${error instanceof Error ? error.message : error}`);
} finally {
  if (server) await phase('Stop the server', stopServer);
  if (app && !(keep || failed))
    await phase('Remove the app folder', () => rmSync(app, { recursive: true, force: true }));
  console.log('\nTimings:');
  for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
  console.log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
  if (app && (keep || failed)) console.log(`\nThe app folder is kept: ${app}`);
  console.log(failed ? '\nNext.js example: FAILED' : '\nNext.js example: passed');
  process.exitCode = failed ? 1 : 0;
}
