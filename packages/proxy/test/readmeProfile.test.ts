import { readFileSync } from 'node:fs';
import { PROFILE_SOURCES, profileEntries } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The rows of the profile table in "Pointing at real Ayoconnect": entry → its cells. */
function profileTable(): Map<string, { defaults: string; source: string; effect: string }> {
  const start = README.indexOf('## Pointing at real Ayoconnect');
  expect(start, 'the README section').toBeGreaterThan(-1);
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end === -1 ? undefined : end);
  const rows = new Map<string, { defaults: string; source: string; effect: string }>();
  for (const line of section.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const entry = /^`([\w.]+)`$/.exec(cells[0] ?? '')?.[1];
    if (cells.length !== 4 || !entry) continue;
    expect(rows.has(entry), `${entry} is in the table once`).toBe(false);
    rows.set(entry, { defaults: cells[1]!, source: cells[2]!, effect: cells[3]! });
  }
  return rows;
}

describe('README: the wire profile table', () => {
  const rows = profileTable();
  const entries = profileEntries();

  it('has every profile entry, and no entry that is not one', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(entries).sort());
  });

  it('gives each entry the source tag of PROFILE_SOURCES, and says what it changes', () => {
    for (const [entry, row] of rows) {
      expect(row.source, entry).toBe(PROFILE_SOURCES[entry]);
      expect(row.effect.length, entry).toBeGreaterThan(10);
    }
  });

  it('gives each entry its default: the value, or every key of a map', () => {
    for (const [entry, value] of Object.entries(entries)) {
      const cell = rows.get(entry)?.defaults ?? '';
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const key of Object.keys(value)) expect(cell, `${entry}.${key}`).toContain(`\`${key}\``);
      } else {
        const shown = typeof value === 'string' ? value : JSON.stringify(value);
        expect(cell, entry).toContain(`\`${shown}\``);
      }
    }
  });
});
