#!/usr/bin/env node
// The ecosystem's checks on what a merchant installs: build every publishable package (not
// `private`), `pnpm pack` it into a temp folder, then on each tarball run
//   - publint (strict: warnings fail too),
//   - attw --profile esm-only (Are The Types Wrong; ESM-only packages, node10/CJS resolution ignored),
//   - the checks those two do not make:
//     - no `@ayokit/source` (dev-only) condition and no `workspace:` range left in package.json;
//     - every `exports` target of every condition is a file in the tarball;
//     - README.md and LICENSE are packed, and license, description, repository and engines are set;
//     - a package that needs React heads every emitted .js file with "use client";
//     - an optional peer dependency (pg, PGlite) is never imported statically (only by import()).
// Offline: nothing is fetched (attw runs with --no-definitely-typed). Fails on any error.
//
// Usage: node scripts/check-packages.mjs [--no-build] [--keep] [--out DIR]
//   --no-build  use the dist folders as they are;  --keep  keep the temp folder (its path is printed);
//   --out DIR   pack into DIR (emptied first) and keep it: the example apps install these tarballs.
import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const outArg = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : undefined;
if (argv.includes('--out') && !outArg) throw new Error('--out needs a folder');
const started = performance.now();
const bin = (name) => join(root, 'node_modules', '.bin', name);

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(root, 'packages', d.name))
  .flatMap((dir) => {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return pkg.private ? [] : [{ dir, name: pkg.name }];
    } catch {
      return [];
    }
  });

if (!args.has('--no-build')) {
  console.log(`Building ${packages.map((p) => p.name).join(', ')}`);
  execFileSync('pnpm', [...packages.flatMap((p) => ['--filter', p.name]), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const out = outArg ? resolve(outArg) : mkdtempSync(join(tmpdir(), 'ayokit-pack-'));
if (outArg) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
}
const results = [];
try {
  // Packed one at a time: pnpm pack runs in the package folder and is quick.
  const tarballs = packages.map((p) => {
    execFileSync('pnpm', ['pack', '--pack-destination', out], {
      cwd: p.dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `${p.name.replace(/^@/, '').replace('/', '-')}-`;
    const file = readdirSync(out).find((f) => f.startsWith(base) && f.endsWith('.tgz'));
    if (!file) throw new Error(`pnpm pack made no tarball for ${p.name} in ${out}`);
    return { ...p, tgz: join(out, file) };
  });

  await Promise.all(
    tarballs.map(async (p) => {
      const errors = [];
      errors.push(...inspect(p.tgz));
      const packed = JSON.parse(tarRead(p.tgz, 'package/package.json'));
      // Non-JavaScript subpaths (the stylesheet) have no types for attw to resolve.
      const assets = Object.keys(packed.exports ?? {}).filter((k) => /\.(css|json)$/.test(k));
      const [publint, attw] = await Promise.all([
        run(bin('publint'), ['run', p.tgz, '--strict', '--level', 'warning']),
        run(bin('attw'), [
          p.tgz,
          '--profile',
          'esm-only',
          '--no-definitely-typed',
          '--format',
          'ascii',
          '--no-color',
          '--no-emoji',
          ...(assets.length ? ['--exclude-entrypoints', ...assets] : []),
        ]),
      ]);
      if (publint.code !== 0 || /error|warning/i.test(publint.stdout.replace(/^Running publint.*$/m, '')))
        errors.push(`publint:\n${indent(publint.stdout + publint.stderr)}`);
      if (attw.code !== 0) errors.push(`attw --profile esm-only:\n${indent(attw.stdout + attw.stderr)}`);
      results.push({ name: p.name, tgz: relative(out, p.tgz), errors });
    }),
  );
} finally {
  if (args.has('--keep') || outArg) console.log(`Tarballs kept in ${out}`);
  else rmSync(out, { recursive: true, force: true });
}

results.sort((a, b) => a.name.localeCompare(b.name));
console.log('\nPackage checks (publint --strict, attw --profile esm-only, pack contents):');
for (const r of results) console.log(`  ${r.errors.length ? 'FAIL' : 'ok  '}  ${r.name.padEnd(18)} ${r.tgz}`);
for (const r of results.filter((x) => x.errors.length)) {
  console.log(`\n${r.name}:`);
  for (const e of r.errors) console.log(indent(e));
}
const failed = results.filter((r) => r.errors.length).length;
console.log(
  `\n${failed ? `${failed} of ${results.length} packages FAILED` : `${results.length} packages passed`} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed ? 1 : 0);

function run(file, argv) {
  return execFile(file, argv, { cwd: root, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e) => ({
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(e),
    }),
  );
}

function tarList(tgz) {
  return execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function tarRead(tgz, path) {
  return execFileSync('tar', ['-xzOf', tgz, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function indent(text) {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** What publint and attw do not check. Returns error messages. */
function inspect(tgz) {
  const errors = [];
  const files = new Set(tarList(tgz).map((f) => f.replace(/^package\//, '')));
  const text = tarRead(tgz, 'package/package.json');
  const pkg = JSON.parse(text);

  if (text.includes('@ayokit/source'))
    errors.push('package.json still has the dev-only "@ayokit/source" condition');
  if (text.includes('workspace:')) errors.push('package.json still has a "workspace:" range');
  for (const f of ['README.md', 'LICENSE']) if (!files.has(f)) errors.push(`${f} is not packed`);
  for (const field of ['license', 'description', 'repository', 'engines'])
    if (!pkg[field]) errors.push(`package.json has no "${field}"`);
  if (pkg.type !== 'module') errors.push('package.json "type" is not "module" (the packages are ESM-only)');

  const targets = [];
  const walk = (v, where) => {
    if (typeof v === 'string') targets.push([where, v]);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, `${where}[${JSON.stringify(k)}]`);
  };
  walk(pkg.exports, 'exports');
  for (const [where, target] of targets) {
    if (!files.has(posix.normalize(target))) errors.push(`${where} → ${target} is not in the tarball`);
  }

  const js = [...files].filter((f) => f.endsWith('.js'));
  const needsReact = Boolean(pkg.peerDependencies?.react);
  if (needsReact) {
    for (const f of js) {
      const first = tarRead(tgz, `package/${f}`).split('\n', 1)[0].trim();
      if (first !== '"use client";' && first !== "'use client';")
        errors.push(`${f} does not start with "use client" (its first line: ${first.slice(0, 60)})`);
    }
  }

  // Optional peers (pg, PGlite): no emitted file imports them statically; the function that needs
  // one loads it with import(), so every entry point imports without them installed.
  const optional = Object.entries(pkg.peerDependenciesMeta ?? {})
    .filter(([, m]) => m?.optional)
    .map(([name]) => name);
  if (optional.length) {
    for (const f of js) {
      const src = tarRead(tgz, `package/${f}`);
      for (const m of src.matchAll(
        /^\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm,
      )) {
        const spec = m[1] ?? m[2] ?? '';
        if (optional.some((o) => spec === o || spec.startsWith(`${o}/`)))
          errors.push(`${f} imports the optional peer dependency "${spec}" statically`);
      }
    }
  }
  return errors;
}
