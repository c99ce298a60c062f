import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_TEMPLATE_ENV } from '../src/db/testing';

/**
 * Vitest globalSetup: runs PGlite's initdb once per run and leaves the new database's files in a
 * temporary tar, which every test's createTestPgliteDb() starts from (≈0.4 s instead of ≈4 s of
 * CPU each). Only initdb is shared: each database still runs the proxy's migrations itself.
 * The workers inherit the file's path through the environment; the run's other projects using this
 * setup find it there and share it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // Another project of the run (apps/proxy uses this setup too) made it already: shared.
  const made = process.env[PGLITE_TEMPLATE_ENV];
  if (made && existsSync(made)) return async () => {};
  const dir = await mkdtemp(join(tmpdir(), 'ayokit-pglite-template-'));
  const pg = await PGlite.create();
  try {
    // Uncompressed: every test process reads it, and gunzip would cost more than the bytes.
    const dump = await pg.dumpDataDir('none');
    const file = join(dir, 'pgdata.tar');
    await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
    process.env[PGLITE_TEMPLATE_ENV] = file;
  } finally {
    await pg.close();
  }
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
