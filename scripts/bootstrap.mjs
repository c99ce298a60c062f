#!/usr/bin/env node
// First step of `npm start` / `npm test` on a fresh machine (only Node 20+ required):
//  1. make sure pnpm 10.34.8 is on the PATH (installs it with `npm i -g` when needed);
//  2. run `pnpm install --frozen-lockfile` when node_modules is missing or older than pnpm-lock.yaml.
// When pnpm cannot be installed globally (no rights), pnpm runs through `npx -y pnpm@10.34.8`: a
// shim at node_modules/.bin/pnpm does that, and npm/pnpm scripts put node_modules/.bin on the
// PATH, so the rest of `npm start` / `npm test` keeps working (slower: npx on every call).
// Plain Node ESM, no dependencies. Exits non-zero with a clear message when something fails.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '10.34.8';
const MIN_NODE = [20, 19];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
const shimPath = join(root, 'node_modules', '.bin', 'pnpm');
const SHIM_MARKER = '# ayokit bootstrap: pnpm through npx';

const log = (message) => console.log(`[bootstrap] ${message}`);

function fail(message) {
  console.error(`[bootstrap] ERROR: ${message}`);
  process.exit(1);
}

/** PATH without any node_modules/.bin folder, so our own shim never answers for the real pnpm. */
function pathWithoutLocalBins() {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry && !resolve(entry).endsWith(join('node_modules', '.bin')))
    .join(delimiter);
}

/** Runs a command in the repo root; `capture` returns its trimmed stdout instead of streaming it. */
function run(command, args, { capture = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    env: { ...process.env, PATH: pathWithoutLocalBins() },
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    shell: isWindows, // pnpm / npm / npx are .cmd files on Windows
  });
  return {
    ok: result.status === 0 && !result.error,
    status: result.status,
    stdout: (result.stdout ?? '').trim(),
    stderr: (result.stderr ?? '').trim(),
  };
}

function pnpmVersion() {
  const result = run('pnpm', ['--version'], { capture: true });
  return result.ok ? result.stdout.split('\n').pop() : null;
}

function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    fail(`Node ${MIN_NODE.join('.')}+ is required, this is ${process.version}.`);
  }
}

/** Resolves with the command prefix to run pnpm: ['pnpm'] or ['npx', '-y', 'pnpm@…']. */
function ensurePnpm() {
  const found = pnpmVersion();
  if (found === PNPM_VERSION) {
    log(`pnpm ${PNPM_VERSION}: ok`);
    return { command: 'pnpm', prefix: [], global: true };
  }
  log(`pnpm ${found ? `${found} found` : 'not found'}; installing pnpm@${PNPM_VERSION} with npm i -g …`);
  const install = run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], { capture: true });
  const after = install.ok ? pnpmVersion() : null;
  if (after === PNPM_VERSION) {
    log(`pnpm ${PNPM_VERSION}: installed`);
    return { command: 'pnpm', prefix: [], global: true };
  }
  const why = install.ok
    ? `npm installed it, but \`pnpm\` on the PATH is still ${after ?? 'missing'}`
    : /EACCES|EPERM|permission/i.test(install.stderr)
      ? 'no permission to write the global npm folder'
      : `npm i -g failed: ${install.stderr.split('\n').slice(-3).join(' ')}`;
  console.warn(
    [
      '',
      `[bootstrap] WARNING: could not make pnpm ${PNPM_VERSION} the global \`pnpm\` (${why}).`,
      `[bootstrap]          Falling back to \`npx -y pnpm@${PNPM_VERSION}\` for the install.`,
      '',
    ].join('\n'),
  );
  return { command: 'npx', prefix: ['-y', `pnpm@${PNPM_VERSION}`], global: false };
}

function isOurShim() {
  return existsSync(shimPath) && readFileSync(shimPath, 'utf8').includes(SHIM_MARKER);
}

function writeShim() {
  writeFileSync(shimPath, `#!/bin/sh\n${SHIM_MARKER}\nexec npx -y pnpm@${PNPM_VERSION} "$@"\n`);
  chmodSync(shimPath, 0o755);
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : null;
}

function ensureInstall(pnpm) {
  const lock = join(root, 'pnpm-lock.yaml');
  const modules = join(root, 'node_modules');
  const stamp = join(modules, '.ayokit-bootstrap');
  if (!existsSync(lock)) fail('pnpm-lock.yaml is missing: run this from a complete checkout.');

  const lockTime = mtime(lock) ?? 0;
  // pnpm rewrites node_modules/.modules.yaml on each install; our stamp covers a no-op install.
  const installedTime = Math.max(mtime(join(modules, '.modules.yaml')) ?? 0, mtime(stamp) ?? 0);
  if (existsSync(modules) && installedTime >= lockTime) {
    log('dependencies: up to date (node_modules is newer than pnpm-lock.yaml)');
    return;
  }
  log(
    existsSync(modules) ? 'dependencies: pnpm-lock.yaml changed, installing …' : 'dependencies: installing …',
  );
  const result = run(pnpm.command, [
    ...pnpm.prefix,
    'install',
    '--frozen-lockfile',
    '--config.confirm-modules-purge=false',
  ]);
  if (!result.ok) {
    fail(
      `pnpm install --frozen-lockfile failed (exit ${result.status}). If pnpm-lock.yaml is out of date, run \`pnpm install\` and commit the lockfile.`,
    );
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  const now = new Date();
  utimesSync(stamp, now, now);
  log('dependencies: installed');
}

checkNode();
const pnpm = ensurePnpm();
ensureInstall(pnpm);
if (pnpm.global) {
  if (isOurShim()) {
    rmSync(shimPath);
    log('removed the npx shim node_modules/.bin/pnpm (the global pnpm is fine now)');
  }
} else if (isWindows) {
  fail(
    [
      `dependencies are installed, but the next steps need \`pnpm\` ${PNPM_VERSION} on the PATH.`,
      `Install it where you have rights (\`npm install --global pnpm@${PNPM_VERSION}\` as administrator, or`,
      `\`corepack enable\`), or run the scripts through npx: \`npx -y pnpm@${PNPM_VERSION} run test:all\`.`,
    ].join('\n'),
  );
} else {
  writeShim();
  console.warn(
    [
      `[bootstrap] Using \`npx -y pnpm@${PNPM_VERSION}\` as \`pnpm\` through the shim node_modules/.bin/pnpm`,
      '[bootstrap] (found by npm and pnpm scripts). It works, but every pnpm call pays for npx. To avoid it:',
      `[bootstrap]     sudo npm install --global pnpm@${PNPM_VERSION}    (or: corepack enable)`,
    ].join('\n'),
  );
}
log('ready');
