/**
 * PostgreSQL engine (node-postgres). Node-only: export it from the package's `./node` entry, never
 * from the web-standard one.
 */
import type * as Pg from 'pg';
import {
  ARRAY_TYPES_SQL,
  type ArrayTypeRow,
  arrayParsers,
  assertIdentifier,
  parserFor,
  scalarParsers,
  type TextParser,
} from './codec.js';
import { sqlErrorCode } from './errors.js';
import type { Db, SqlParam, Transaction } from './types.js';

export interface PostgresDbOptions {
  connectionString: string;
  /**
   * Schema used for everything (created when missing; `search_path` is set to it alone on every
   * connection). Lower-case identifier. Tests use it to isolate runs sharing one database.
   */
  schema?: string;
  /** Pool size (default 10). LISTEN uses one extra, dedicated connection. */
  max?: number;
}

/** Session settings that make PostgreSQL behave like PGlite's defaults. */
const SESSION_SETTINGS = ['TimeZone=UTC', 'DateStyle=ISO,MDY', 'IntervalStyle=postgres', 'bytea_output=hex'];

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

type Listener = (payload: string) => void;

/** Connection string with any password masked, for error messages. */
function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable connection string)';
  }
}

/** Splits a URL connection string's own `options` parameter off so it can be merged with ours. */
function splitOptions(connectionString: string): { connectionString: string; options: string[] } {
  try {
    const url = new URL(connectionString);
    const own = url.searchParams.get('options');
    if (own === null) return { connectionString, options: [] };
    url.searchParams.delete('options');
    return { connectionString: url.toString(), options: [own] };
  } catch {
    return { connectionString, options: [] };
  }
}

function toPgParam(value: SqlParam | undefined): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toPgParam(item as SqlParam));
  return value;
}

function abortedCommitError(): Error {
  return Object.assign(new Error('Transaction was rolled back instead of committed'), {
    code: '25P02',
    severity: 'ERROR',
  });
}

/**
 * Names for prepared statements, by SQL text: each connection parses and plans a named statement
 * once and then only binds and executes it. A statement whose table changed under it (another
 * instance migrated: "cached plan must not change result type") gets a fresh name, which every
 * connection prepares again; the old one is left to its connection. Beyond `max` texts, unnamed.
 */
class StatementNames {
  private readonly names = new Map<string, string>();
  private next = 0;
  constructor(private readonly max = 500) {}
  of(sql: string): string | undefined {
    let name = this.names.get(sql);
    if (name === undefined && this.names.size < this.max) {
      name = `ayokit_${++this.next}`;
      this.names.set(sql, name);
    }
    return name;
  }
  renew(sql: string): void {
    if (this.names.has(sql)) this.names.set(sql, `ayokit_${++this.next}`);
  }
}

async function runQuery<T>(
  target: Pg.Pool | Pg.PoolClient,
  sql: string,
  params: SqlParam[] | undefined,
  names: StatementNames,
  inTransaction: boolean,
  retried = false,
): Promise<T[]> {
  // queryMode 'extended' (not in @types/pg) keeps one-statement semantics even without parameters,
  // exactly like PGlite's query().
  const name = names.of(sql);
  const config = {
    text: sql,
    values: (params ?? []).map(toPgParam),
    queryMode: 'extended' as const,
    ...(name ? { name } : {}),
  };
  try {
    const result = await target.query(config as Pg.QueryConfig);
    return result.rows as T[];
  } catch (error) {
    if (!name || sqlErrorCode(error) !== '0A000') throw error;
    names.renew(sql);
    // Inside a transaction the error has ended it: the caller's retry prepares the new name.
    if (inTransaction || retried) throw error;
    return runQuery<T>(target, sql, params, names, inTransaction, true);
  }
}

export async function createPostgresDb(options: PostgresDbOptions): Promise<Db> {
  const { schema, max = 10 } = options;
  if (schema !== undefined) assertIdentifier('schema', schema);
  // An optional peer dependency: loaded here, so `@ayokit/proxy/node` imports without it installed.
  const { default: pg } = await import('pg').catch((error: unknown) => {
    throw new Error(
      `createPostgresDb needs the optional peer dependency pg (npm i pg): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  });

  const parsers: Record<number, TextParser> = { ...scalarParsers };
  const names = new StatementNames();
  const getTypeParser = (oid: number, format?: string): TextParser =>
    format === 'binary' ? (value) => value : parserFor(parsers, oid);

  const split = splitOptions(options.connectionString);
  const sessionOptions = [
    ...split.options,
    ...SESSION_SETTINGS.map((setting) => `-c ${setting}`),
    ...(schema ? [`-c search_path=${schema}`] : []),
  ].join(' ');
  const clientConfig: Pg.ClientConfig = {
    connectionString: split.connectionString,
    options: sessionOptions,
    types: { getTypeParser } as Pg.CustomTypesConfig,
    connectionTimeoutMillis: 10_000,
  };

  const pool = new pg.Pool({ ...clientConfig, max });
  // An idle connection that dies (server restart…) is dropped by the pool; do not crash on it.
  pool.on('error', () => {});

  try {
    if (schema) {
      try {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } catch (error) {
        // Two processes creating it at once: the loser sees a duplicate; the schema exists.
        const code = sqlErrorCode(error);
        if (code !== '23505' && code !== '42P06') throw error;
      }
    }
    const arrayTypes = await pool.query<ArrayTypeRow>(ARRAY_TYPES_SQL);
    Object.assign(parsers, arrayParsers(arrayTypes.rows));
  } catch (error) {
    await pool.end().catch(() => {});
    const reason =
      error instanceof Error ? error.message || String(sqlErrorCode(error) ?? error) : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    throw new Error(
      `Cannot use PostgreSQL at ${redact(options.connectionString)}: ${reason}${code ? ` (${String(code)})` : ''}`,
      { cause: error },
    );
  }

  // ---- LISTEN: one dedicated connection, re-established quietly when it drops ----
  const channels = new Map<string, { listeners: Set<Listener>; ready: Promise<void> }>();
  let listenClient: Pg.Client | undefined;
  let connecting: Promise<Pg.Client> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectDelay = RECONNECT_MIN_MS;
  let closed = false;

  const dropped = (client: Pg.Client) => {
    if (listenClient !== client) return;
    listenClient = undefined;
    client.end().catch(() => {});
    scheduleReconnect();
  };

  const connectListener = (): Promise<Pg.Client> => {
    if (listenClient) return Promise.resolve(listenClient);
    if (!connecting) {
      if (reconnectTimer) {
        clearTimeout(reconnectTimer);
        reconnectTimer = undefined;
      }
      connecting = (async () => {
        const client = new pg.Client(clientConfig);
        client.on('notification', (message) => {
          for (const listener of channels.get(message.channel)?.listeners ?? []) {
            listener(message.payload ?? '');
          }
        });
        client.on('error', () => dropped(client));
        client.on('end', () => dropped(client));
        try {
          await client.connect();
          for (const channel of channels.keys()) await client.query(`LISTEN ${channel}`);
          if (closed) throw new Error('database closed');
        } catch (error) {
          client.end().catch(() => {});
          throw error;
        }
        listenClient = client;
        reconnectDelay = RECONNECT_MIN_MS;
        return client;
      })().finally(() => {
        connecting = undefined;
      });
    }
    return connecting;
  };

  function scheduleReconnect() {
    if (closed || reconnectTimer || connecting || channels.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connectListener().catch(() => {
        reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
        scheduleReconnect();
      });
    }, reconnectDelay);
    // Retrying must not keep an otherwise finished process alive.
    (reconnectTimer as { unref?: () => void }).unref?.();
  }

  const unlisten = async (channel: string, listener: Listener) => {
    const entry = channels.get(channel);
    if (!entry?.listeners.delete(listener) || entry.listeners.size > 0) return;
    channels.delete(channel);
    if (listenClient && !closed) await listenClient.query(`UNLISTEN ${channel}`).catch(() => {});
  };

  return {
    kind: 'postgres',
    query<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]> {
      return runQuery<T>(pool, sql, params, names, false);
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let finished = false;
      let broken: Error | undefined;
      const guard = () => {
        if (finished) throw new Error('Transaction is closed');
      };
      const tx: Transaction = {
        async query<R>(sql: string, params?: SqlParam[]) {
          guard();
          return runQuery<R>(client, sql, params, names, true);
        },
        async exec(sql: string) {
          guard();
          await client.query(sql);
        },
      };
      // BEGIN/COMMIT/ROLLBACK failures leave the connection in an unknown state: discard it.
      const control = async (sql: string) => {
        try {
          return await client.query(sql);
        } catch (error) {
          broken = error as Error;
          throw error;
        }
      };
      try {
        await control('BEGIN');
        let result: T;
        try {
          result = await fn(tx);
        } catch (error) {
          finished = true;
          await control('ROLLBACK').catch(() => {});
          throw error;
        }
        finished = true;
        const commit = await control('COMMIT');
        if (commit.command === 'ROLLBACK') throw abortedCommitError();
        return result;
      } finally {
        finished = true;
        client.release(broken);
      }
    },
    async listen(channel: string, onPayload: (payload: string) => void) {
      assertIdentifier('channel', channel);
      if (closed) throw new Error('database closed');
      let entry = channels.get(channel);
      if (!entry) {
        const listeners = new Set<Listener>();
        const ready = (async () => {
          const client = await connectListener();
          await client.query(`LISTEN ${channel}`);
        })();
        entry = { listeners, ready };
        channels.set(channel, entry);
        const created = entry;
        ready.catch(() => {
          if (channels.get(channel) === created) channels.delete(channel);
        });
      }
      entry.listeners.add(onPayload);
      try {
        await entry.ready;
      } catch (error) {
        entry.listeners.delete(onPayload);
        throw error;
      }
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        await unlisten(channel, onPayload);
      };
    },
    async notify(channel: string, payload: string) {
      assertIdentifier('channel', channel);
      await runQuery(pool, 'SELECT pg_notify($1, $2)', [channel, payload], names, false);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await connecting?.catch(() => {});
      const client = listenClient;
      listenClient = undefined;
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}
