#!/usr/bin/env node
// Which share of a Next.js app's browser JavaScript is ayokit's, from the build's source maps.
//
// Method: every `.next/static/chunks/**/*.js` is read with its `.map` (the build runs with
// `productionBrowserSourceMaps`). Each mapping segment attributes the minified characters from
// its column to the next segment's to one original source file; characters no segment covers
// (bundler runtime glue, module wrappers) count as "unmapped". Sources are grouped by package
// (`node_modules/@ayokit/*`, zod, TanStack Query, Next.js and React, the app's own files); the
// chunk the build manifest lists as `polyfillFiles` (nomodule, old browsers only) is its own group.
// Totals: raw bytes, and gzip (level 9) — the whole of each chunk gzipped as it is served, and
// each group's bytes of a chunk gzipped on their own (as if the group had that chunk to itself),
// summed over chunks. The trailing `//# sourceMappingURL` comment is left out of every figure.
//
// Usage: node scripts/bundle-share.mjs <app folder or its .next folder>   (prints a table)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) DIGIT[B64.charCodeAt(i)] = i;

/** The groups, first match wins; `kit` is ayokit's own code. */
export const GROUPS = [
  ['kit', /node_modules\/@ayokit\//],
  ['zod', /node_modules\/zod\//],
  ['tanstack', /node_modules\/@tanstack\//],
  // The framework: Next.js (with its copy of React) and Turbopack's runtime.
  ['next+react', /node_modules\/(next|react|react-dom|scheduler|@swc\/helpers|@next)\/|\[turbopack\]\//],
  ['other packages', /node_modules\//],
  ['app', /./],
];

function groupOf(source) {
  for (const [name, pattern] of GROUPS) if (pattern.test(source)) return name;
  return 'app';
}

/**
 * Calls `visit(line, column, sourceIndex | -1)` for each segment of a version 3 source map's
 * `mappings`, in order (lines from 0; a segment with one field has no source).
 */
function decodeMappings(mappings, visit) {
  let line = 0;
  let column = 0;
  let source = 0;
  let i = 0;
  const fields = [0, 0, 0, 0, 0];
  while (i < mappings.length) {
    const c = mappings.charCodeAt(i);
    if (c === 59 /* ; */) {
      line++;
      column = 0;
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      i++;
      continue;
    }
    let n = 0;
    while (i < mappings.length) {
      const ch = mappings.charCodeAt(i);
      if (ch === 44 || ch === 59) break;
      let value = 0;
      let shift = 0;
      let digit;
      do {
        digit = DIGIT[mappings.charCodeAt(i++)];
        if (digit === undefined || digit < 0) throw new Error(`bad VLQ at ${i - 1}`);
        value += (digit & 31) << shift;
        shift += 5;
      } while (digit & 32);
      fields[n++] = value & 1 ? -(value >>> 1) : value >>> 1;
    }
    column += fields[0];
    if (n >= 4) {
      source += fields[1];
      visit(line, column, source);
    } else visit(line, column, -1);
  }
}

/** [{ line, column, source }] of a map, sectioned (index) maps flattened; sources by name. */
function segmentsOf(map, into = [], offset = { line: 0, column: 0 }) {
  if (Array.isArray(map.sections)) {
    for (const section of map.sections) {
      segmentsOf(section.map, into, {
        line: offset.line + section.offset.line,
        column: section.offset.line === 0 ? offset.column + section.offset.column : section.offset.column,
      });
    }
    return into;
  }
  const sources = map.sources ?? [];
  decodeMappings(map.mappings ?? '', (line, column, index) => {
    into.push({
      line: line + offset.line,
      column: line === 0 ? column + offset.column : column,
      source: index >= 0 ? (sources[index] ?? null) : null,
    });
  });
  return into;
}

/**
 * The generated `code`, cut by its source `map`: `group(source)` names where each stretch goes
 * (source null: before a line's first segment, or a segment with no source). Returns group → text.
 * Each segment runs to the next one on its line.
 */
export function piecesBySource(code, map, group) {
  const out = new Map();
  const add = (name, text) => out.set(name, (out.get(name) ?? '') + text);
  const lines = code.split('\n');
  const segments = segmentsOf(map);
  let s = 0;
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line] + (line < lines.length - 1 ? '\n' : '');
    let at = 0;
    let current = group(null);
    while (s < segments.length && segments[s].line < line) s++;
    while (s < segments.length && segments[s].line === line) {
      const { column, source } = segments[s++];
      if (column > at) add(current, text.slice(at, column));
      at = Math.max(at, column);
      current = group(source);
    }
    add(current, text.slice(at));
  }
  return out;
}

const gzip = (text) => (text.length === 0 ? 0 : gzipSync(Buffer.from(text), { level: 9 }).length);

function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

/**
 * The figures for one build: `{ chunks, unmappedChunks, total: { raw, gzip }, groups: { name:
 * { raw, gzip } } }`. A chunk without a map counts whole as "unmapped" (and is listed).
 */
export function bundleShare(nextDir) {
  const chunksDir = join(nextDir, 'static', 'chunks');
  const groups = Object.fromEntries(
    [...GROUPS.map(([n]) => n), 'unmapped', 'polyfills'].map((n) => [n, { raw: 0, gzip: 0 }]),
  );
  // Next.js's polyfills for old browsers (a `nomodule` script: modern browsers never load it).
  const manifest = JSON.parse(readFileSync(join(nextDir, 'build-manifest.json'), 'utf8'));
  const polyfills = new Set((manifest.polyfillFiles ?? []).map((f) => relative('static/chunks', f)));
  const total = { raw: 0, gzip: 0 };
  const unmappedChunks = [];
  /** Per chunk (`static/chunks/…`): its gzip size and the kit's gzip bytes in it. */
  const perChunk = new Map();
  let chunks = 0;
  for (const file of jsFiles(chunksDir)) {
    chunks++;
    const served = readFileSync(file, 'utf8');
    const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(served)?.[1];
    const code = served.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
    total.raw += Buffer.byteLength(code);
    total.gzip += gzip(code);
    const name = relative(chunksDir, file);
    let map = null;
    try {
      map = JSON.parse(readFileSync(join(dirname(file), mapName ?? `${basename(file)}.map`), 'utf8'));
    } catch {
      if (!polyfills.has(name)) unmappedChunks.push(name);
    }
    const parts = polyfills.has(name)
      ? new Map([['polyfills', code]])
      : map
        ? piecesBySource(code, map, (source) => (source === null ? 'unmapped' : groupOf(source)))
        : new Map([['unmapped', code]]);
    let kitGzip = 0;
    for (const [name, text] of parts) {
      groups[name].raw += Buffer.byteLength(text);
      groups[name].gzip += gzip(text);
      if (name === 'kit') kitGzip = gzip(text);
    }
    perChunk.set(`static/chunks/${name}`, { gzip: gzip(code), kit: kitGzip });
  }
  return { chunks, unmappedChunks, total, groups, pages: pageLoads(nextDir, manifest, perChunk) };
}

/**
 * What a browser loads for each page (its first-load JavaScript, as its client reference
 * manifest lists it, with Next's own main files): the sum over chunks above counts a module once
 * per chunk it is in, and Turbopack puts a module used by several pages into each page's chunks.
 */
function pageLoads(nextDir, manifest, perChunk) {
  const pages = [];
  const appDir = join(nextDir, 'server', 'app');
  for (const file of readdirSync(appDir, { recursive: true })) {
    if (!String(file).endsWith('page_client-reference-manifest.js')) continue;
    const route = `/${dirname(String(file)).replace(/\\/g, '/')}`.replace(/\/\.$|^\/\.?$/, '/');
    if (route.includes('_global-error') || route.includes('_not-found')) continue;
    const text = readFileSync(join(appDir, String(file)), 'utf8');
    const entry = /"entryJSFiles":(\{.*?\})/.exec(text);
    if (!entry) continue;
    const files = new Set([...(manifest.rootMainFiles ?? []), ...Object.values(JSON.parse(entry[1])).flat()]);
    let gz = 0;
    let kit = 0;
    for (const f of files) {
      const chunk = perChunk.get(f);
      gz += chunk?.gzip ?? 0;
      kit += chunk?.kit ?? 0;
    }
    pages.push({ route, files: files.size, gzip: gz, kit });
  }
  return pages.sort((a, b) => a.route.localeCompare(b.route));
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;

/** The table the example script prints. */
export function formatShare({ chunks, unmappedChunks, total, groups, pages = [] }) {
  const rows = [
    `browser JavaScript: ${chunks} chunks in .next/static/chunks, ${kb(total.raw)} minified, ${kb(total.gzip)} gzip`,
    'share by source (source maps; each group gzipped on its own per chunk):',
  ];
  for (const [name, { raw, gzip: gz }] of Object.entries(groups)) {
    rows.push(
      `  ${name.padEnd(15)} ${kb(raw).padStart(9)} minified (${pct(raw, total.raw).padStart(6)})  ${kb(gz).padStart(9)} gzip (${pct(gz, total.gzip).padStart(6)})`,
    );
  }
  if (unmappedChunks.length)
    rows.push(`  chunks without a source map (counted unmapped): ${unmappedChunks.join(', ')}`);
  const kit = groups.kit;
  const withZod = { raw: kit.raw + groups.zod.raw, gzip: kit.gzip + groups.zod.gzip };
  rows.push(
    `ayokit's share: ${kb(kit.gzip)} of ${kb(total.gzip)} gzip = ${pct(kit.gzip, total.gzip)} ` +
      `(${pct(kit.raw, total.raw)} of the minified bytes); with zod, which only the kit brings: ` +
      `${kb(withZod.gzip)} = ${pct(withZod.gzip, total.gzip)}; TanStack Query (a peer dependency) ${kb(groups.tanstack.gzip)} more`,
  );
  const modern = total.gzip - groups.polyfills.gzip;
  if (groups.polyfills.gzip > 0)
    rows.push(
      `  without the nomodule polyfills (never loaded by a current browser): ${pct(kit.gzip, modern)} of ${kb(modern)} gzip; with zod ${pct(withZod.gzip, modern)}`,
    );
  if (pages.length) rows.push('first-load JavaScript per page (what a browser loads there, gzip):');
  for (const page of pages)
    rows.push(
      `  ${page.route.padEnd(22)} ${kb(page.gzip).padStart(9)} in ${page.files} files, the kit ${kb(page.kit)} (${pct(page.kit, page.gzip)})`,
    );
  return rows.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = process.argv[2];
  if (!arg) {
    console.error('usage: node scripts/bundle-share.mjs <app folder or its .next folder>');
    process.exit(2);
  }
  const nextDir = statSync(join(arg, 'static'), { throwIfNoEntry: false }) ? arg : join(arg, '.next');
  console.log(formatShare(bundleShare(nextDir)));
}
