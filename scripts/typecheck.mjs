#!/usr/bin/env node
// `pnpm typecheck`: tsc over every workspace project that has a `typecheck` script, with each
// project's own tsconfig.json, in fewer programs than projects.
//
// Every tsconfig extends tsconfig.base.json, whose `@ayokit/source` condition resolves the
// workspace packages to their sources: checked one package at a time, the packages an app imports
// are checked again in every project that imports them (measured on the 2-core machine: eight
// programs, 85 s of CPU). Projects whose compiler options are the same (the same `extends` and
// `compilerOptions`, hence the same meaning for every file) are checked here as one program, the
// union of their `include`s: each shared source once. A project with options of its own (core
// without Node's types, the demo with Vite's) is a program of its own. The programs run side by
// side, two at a time. `pnpm -r typecheck` still checks each project alone.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const CONCURRENCY = Number(process.env.TYPECHECK_CONCURRENCY ?? 2);

/** The workspace's projects (as pnpm lists them) that have a `typecheck` script, relative to the root. */
function projects() {
  const listed = JSON.parse(
    execFileSync('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8' }),
  );
  return listed
    .map(({ path }) => relative(root, path))
    .filter((dir) => {
      if (dir === '') return false;
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return typeof pkg.scripts?.typecheck === 'string';
    })
    .sort();
}

/** Projects with the same options, as programs: [{ name, tsconfig }]. */
function programs() {
  const groups = new Map();
  for (const dir of projects()) {
    const file = join(root, dir, 'tsconfig.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    const known = new Set(['extends', 'compilerOptions', 'include']);
    const unknown = Object.keys(config).filter((k) => !known.has(k));
    // Anything else (files, exclude, references) would not survive the merge: alone, then.
    const key =
      unknown.length > 0
        ? `alone:${dir}`
        : JSON.stringify([resolve(dirname(file), config.extends ?? ''), config.compilerOptions ?? {}]);
    const group = groups.get(key) ?? { dirs: [], config, file };
    group.dirs.push(dir);
    groups.set(key, group);
  }
  const cache = join(root, 'node_modules/.cache/typecheck');
  mkdirSync(cache, { recursive: true });
  return [...groups.values()].map(({ dirs, config, file }) => {
    if (dirs.length === 1) return { name: dirs[0], tsconfig: file, projects: 1 };
    const include = dirs.flatMap((dir) => {
      const own = JSON.parse(readFileSync(join(root, dir, 'tsconfig.json'), 'utf8'));
      return (own.include ?? ['**/*']).map((pattern) => relative(cache, join(root, dir, pattern)));
    });
    const merged = join(cache, `tsconfig.${dirs.map((d) => d.replaceAll('/', '-')).join('+')}.json`);
    const base = relative(cache, resolve(dirname(file), config.extends));
    writeFileSync(
      merged,
      `${JSON.stringify({ extends: base, compilerOptions: config.compilerOptions ?? {}, include }, null, 2)}\n`,
    );
    return { name: dirs.join(' + '), tsconfig: merged, projects: dirs.length };
  });
}

function check({ name, tsconfig }) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${code === 0 ? 'ok' : 'FAILED'}  ${name}  (${seconds} s)`);
      if (output.trim()) console.log(output.trimEnd());
      done(code === 0);
    });
  });
}

// The largest program first: the others fit beside it.
const queue = programs().sort((a, b) => b.projects - a.projects);
const results = [];
await Promise.all(
  Array.from({ length: Math.max(1, CONCURRENCY) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.push(await check(next));
  }),
);
if (results.some((ok) => !ok)) {
  console.error('typecheck: failed (above)');
  process.exit(1);
}
