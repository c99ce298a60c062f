import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url);
const README = readFileSync(new URL('README.md', ROOT), 'utf8');

/**
 * The README's quick starts are excerpts of the example apps, which the test command builds from
 * the tarballs and walks in Chromium: a block marked `<!-- from: path -->` must be in that file.
 * Every line of it (trimmed) appears there in the same order; only lines starting with `// …` are
 * the README's own narration.
 */
function excerpts(): { path: string; lines: string[]; at: number }[] {
  const found = [];
  const pattern = /<!-- from: ([^ ]+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;
  for (const m of README.matchAll(pattern)) {
    const lines = m[2]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('// …'));
    found.push({ path: m[1]!, lines, at: README.slice(0, m.index).split('\n').length });
  }
  return found;
}

describe('README: the quick starts are excerpts of the example apps', () => {
  const blocks = excerpts();

  it('marks the frontend, node:http and Next.js excerpts', () => {
    const paths = new Set(blocks.map((b) => b.path));
    for (const p of [
      'examples/vite-app/src/main.tsx',
      'examples/vite-app/src/App.tsx',
      'examples/node-http/server.mjs',
      'apps/next-example/app/ayokit/[...path]/route.ts',
      'apps/next-example/lib/ayokit.ts',
      'apps/next-example/app/checkout/page.tsx',
    ])
      expect(paths, p).toContain(p);
  });

  it.each(excerpts().map((b) => [`${b.path} (README line ${b.at})`, b] as const))('%s', (_, block) => {
    const file = readFileSync(new URL(block.path, ROOT), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    let from = 0;
    for (const line of block.lines) {
      const i = file.indexOf(line, from);
      expect(i, `"${line}" is not in ${block.path} (after its line ${from})`).toBeGreaterThanOrEqual(0);
      from = i + 1;
    }
  });
});
