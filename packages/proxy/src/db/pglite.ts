import type { Transaction as PgliteTransaction } from '@electric-sql/pglite';
import {
  ARRAY_TYPES_SQL,
  type ArrayTypeRow,
  arrayParsers,
  assertIdentifier,
  scalarParsers,
} from './codec.js';
import type { Db, SqlParam, Transaction } from './types.js';

export interface PgliteDbOptions {
  /**
   * Folder of the database files (created when missing, parents included). Without it the
   * database lives in memory. `memory://`, `idb://`… prefixes are passed to PGlite untouched.
   */
  dataDir?: string;
  /**
   * A new database's files from PGlite's `dumpDataDir()`, to start from instead of running
   * initdb (which is most of a start-up's few seconds). Only for a new database: PGlite refuses
   * it over a `dataDir` that already holds one.
   */
  loadDataDir?: Blob;
}

/**
 * Embedded PostgreSQL (PGlite, WASM): one connection, queries and transactions run one at a time.
 * Starting it takes a few seconds (WASM compile + boot), so create one per process.
 */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<Db> {
  const { dataDir, loadDataDir } = options;
  // An optional peer dependency: loaded here, so `@ayokit/proxy` imports without it installed.
  const { PGlite } = await import('@electric-sql/pglite').catch((error: unknown) => {
    throw new Error(
      `createPgliteDb needs the optional peer dependency @electric-sql/pglite (npm i @electric-sql/pglite): ${(error as Error).message}`,
      { cause: error },
    );
  });
  if (dataDir && !/^[a-z0-9-]+:\/\//i.test(dataDir)) {
    // Loaded lazily so that importing this module stays free of Node built-ins.
    const fs = await import('node:fs/promises');
    await fs.mkdir(dataDir, { recursive: true });
  }
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { ...scalarParsers },
  });
  try {
    // PGlite builds its own array parsers at start-up; replace them with the shared ones.
    const arrayTypes = await pg.query<ArrayTypeRow>(ARRAY_TYPES_SQL);
    Object.assign(pg.parsers, arrayParsers(arrayTypes.rows));
  } catch (error) {
    await pg.close();
    throw error;
  }

  const wrapTx = (tx: PgliteTransaction): Transaction => ({
    async query<T>(sql: string, params?: SqlParam[]) {
      return (await tx.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
  });

  return {
    kind: 'pglite',
    async query<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]> {
      return (await pg.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => fn(wrapTx(tx)));
    },
    async listen(channel: string, onPayload: (payload: string) => void) {
      assertIdentifier('channel', channel);
      const unlisten = await pg.listen(channel, onPayload);
      let active = true;
      return async () => {
        if (!active || pg.closed) return;
        active = false;
        await unlisten();
      };
    },
    async notify(channel: string, payload: string) {
      assertIdentifier('channel', channel);
      await pg.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
