/**
 * Test harness: run a suite against both engines.
 *
 *   describe.each(dbEngines)('$name', (engine) => {
 *     let db: Db;
 *     beforeAll(async () => { db = await engine.create(); }, 60_000);
 *     afterAll(() => db.close());
 *   });
 *
 * pglite: a fresh in-memory database per create(), started from the files of a newly initialised
 * one (test/pgliteTemplate.ts makes them once per Vitest run: initdb is most of PGlite's few
 * seconds of start-up, and ~50 databases are made per run). Without that file: a plain start.
 * postgres: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), a fresh random
 * schema per create(), dropped by close(). An unreachable server makes create() reject: tests
 * fail, they are never skipped (`npm test` starts a server through scripts/ensure-postgres.sh).
 */
import { createPgliteDb } from './pglite.js';
import { createPostgresDb } from './postgres.js';
import type { Db } from './types.js';

/** Where test/pgliteTemplate.ts (Vitest globalSetup) left the dump of a new PGlite database. */
export const PGLITE_TEMPLATE_ENV = 'AYOKIT_TEST_PGLITE_TEMPLATE';

let template: Promise<Blob | undefined> | undefined;

/**
 * A fresh PGlite database, from the run's template when there is one: in memory, or in `dataDir`
 * (a folder that holds no database yet).
 */
export async function createTestPgliteDb(dataDir?: string): Promise<Db> {
  template ??= (async () => {
    const path = process.env[PGLITE_TEMPLATE_ENV];
    if (!path) return undefined;
    // Loaded lazily, as in pglite.ts: this module is imported beside browser-safe code.
    const { readFile } = await import('node:fs/promises');
    return new Blob([await readFile(path)]);
  })();
  const loadDataDir = await template;
  return createPgliteDb({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface DbEngine {
  name: 'pglite' | 'postgres';
  create(): Promise<Db>;
}

/** A schema name that is unique per call (also across parallel test processes). */
export function randomSchemaName(): string {
  return `test_${Date.now().toString(36)}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** Opens the test database in a new schema; close() drops the schema, then the pool. */
export async function createTestPostgresDb(schema = randomSchemaName()): Promise<Db> {
  let db: Db;
  try {
    db = await createPostgresDb({ connectionString: TEST_DATABASE_URL, schema, max: 5 });
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need a server: ${(error as Error).message}. Run \`bash scripts/ensure-postgres.sh\` or set TEST_DATABASE_URL.`,
      { cause: error },
    );
  }
  const close = db.close.bind(db);
  let closed = false;
  return Object.assign(db, {
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await close();
      }
    },
  });
}

export const dbEngines: DbEngine[] = [
  { name: 'pglite', create: () => createTestPgliteDb() },
  { name: 'postgres', create: () => createTestPostgresDb() },
];
